// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2559,
    "earlier-speaker": -0.0757,
    "speaker-interrupted": 0.1262,
    "last-subject": 1.1866,
    "second-subject": 0.2057,
    "never-subject": -0.3727,
    "last-named": -0.4319,
    "named-further-back": -0.6339,
    "same-sentence": 0.5691,
    "same-paragraph": 1.2104,
    "previous-paragraph": 0.6712,
    "gender-stated": 0.9852,
    mentions: -0.6973,
    "continued-by-pronoun": 0.0379,
    "named-in-quotation": -0.5175,
    "rival-in-sentence": -0.3435,
    turns: -0.3708,
  },
  nobody: {
    nobody: -0.1245,
    "nobody-rivals": -0.3415,
    "nobody-no-subject": -0.2364,
    "nobody-far": 0.0144,
    "nobody-before": 0.2657,
  },
};
