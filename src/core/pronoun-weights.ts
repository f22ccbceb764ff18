// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3363,
    "earlier-speaker": -0.0049,
    "speaker-interrupted": 0.1333,
    "last-subject": 1.1989,
    "second-subject": 0.218,
    "never-subject": -0.3603,
    "last-named": -0.4004,
    "named-further-back": -0.614,
    "same-sentence": 0.5702,
    "same-paragraph": 1.2224,
    "previous-paragraph": 0.6406,
    "gender-stated": 0.944,
    mentions: -0.7243,
    "continued-by-pronoun": -0.0245,
    "named-in-quotation": -0.5184,
    "rival-in-sentence": -0.3474,
    turns: -0.4582,
  },
  nobody: {
    nobody: -0.1831,
    "nobody-rivals": -0.3324,
    "nobody-no-subject": -0.2017,
    "nobody-far": 0.012,
    "nobody-before": 0.239,
  },
};
