// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3682,
    "earlier-speaker": 0.0291,
    "speaker-interrupted": 0.0726,
    "last-subject": 1.0779,
    "second-subject": 0.0903,
    "never-subject": -0.508,
    "last-named": -0.3771,
    "named-further-back": -0.6533,
    "same-sentence": 0.6505,
    "same-paragraph": 1.1431,
    "previous-paragraph": 0.6646,
    "gender-stated": 0.9702,
    mentions: -0.8722,
    "continued-by-pronoun": 0.1609,
    "rival-in-sentence": -0.2712,
    turns: -0.522,
  },
  nobody: {
    nobody: -0.3792,
    "nobody-rivals": -0.1983,
    "nobody-no-subject": -0.2717,
    "nobody-far": 0.0759,
    "nobody-before": 0.1674,
  },
};
