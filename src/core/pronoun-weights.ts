// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2333,
    "earlier-speaker": -0.1779,
    "speaker-interrupted": 0.3002,
    "last-subject": 1.2437,
    "second-subject": 0.2231,
    "never-subject": -0.2759,
    "last-named": -0.4633,
    "named-further-back": -0.7094,
    "same-sentence": 0.6036,
    "same-paragraph": 1.2208,
    "previous-paragraph": 0.6254,
    "gender-stated": 0.8375,
    mentions: -0.7588,
    "continued-by-pronoun": -0.033,
    "named-in-quotation": -0.4651,
    "rival-in-sentence": -0.4753,
    turns: -0.3469,
  },
  nobody: {
    nobody: -0.2861,
    "nobody-rivals": -0.315,
    "nobody-no-subject": -0.1048,
    "nobody-far": -0.0556,
    "nobody-before": 0.178,
  },
};
