// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3114,
    "earlier-speaker": -0.0423,
    "speaker-interrupted": 0.2259,
    "last-subject": 1.2106,
    "second-subject": 0.2081,
    "never-subject": -0.3464,
    "last-named": -0.4131,
    "named-further-back": -0.6533,
    "same-sentence": 0.563,
    "same-paragraph": 1.2334,
    "previous-paragraph": 0.6449,
    "gender-stated": 0.93,
    mentions: -0.7322,
    "continued-by-pronoun": -0.0015,
    "named-in-quotation": -0.5184,
    "rival-in-sentence": -0.3374,
    turns: -0.4391,
  },
  nobody: {
    nobody: -0.1724,
    "nobody-rivals": -0.344,
    "nobody-no-subject": -0.2151,
    "nobody-far": 0.0003,
    "nobody-before": 0.2169,
  },
};
