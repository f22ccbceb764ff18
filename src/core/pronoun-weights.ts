// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.254,
    "earlier-speaker": -0.0926,
    "speaker-interrupted": 0.1166,
    "last-subject": 1.1166,
    "second-subject": 0.1743,
    "never-subject": -0.4356,
    "last-named": -0.4554,
    "named-further-back": -0.6909,
    "same-sentence": 0.5743,
    "same-paragraph": 1.2514,
    "previous-paragraph": 0.6851,
    "gender-stated": 0.9897,
    mentions: -0.7315,
    "continued-by-pronoun": 0.2239,
    "named-in-quotation": -0.6043,
    "rival-in-sentence": -0.3358,
    turns: -0.3805,
  },
  nobody: {
    nobody: -0.2169,
    "nobody-rivals": -0.2306,
    "nobody-no-subject": -0.3228,
    "nobody-far": 0.1018,
    "nobody-before": 0.2732,
  },
};
