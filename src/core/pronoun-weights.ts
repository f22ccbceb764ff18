// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2284,
    "earlier-speaker": -0.1164,
    "speaker-interrupted": 0.1311,
    "last-subject": 1.1406,
    "second-subject": 0.173,
    "never-subject": -0.4027,
    "last-named": -0.4363,
    "named-further-back": -0.6319,
    "same-sentence": 0.5854,
    "same-paragraph": 1.2258,
    "previous-paragraph": 0.6769,
    "gender-stated": 0.9963,
    mentions: -0.7251,
    "continued-by-pronoun": 0.2217,
    "named-in-quotation": -0.5299,
    "rival-in-sentence": -0.3222,
    turns: -0.3494,
  },
  nobody: {
    nobody: -0.1711,
    "nobody-rivals": -0.2421,
    "nobody-no-subject": -0.3087,
    "nobody-far": 0.1107,
    "nobody-before": 0.2738,
  },
};
