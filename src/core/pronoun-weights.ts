// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.254,
    "earlier-speaker": -0.0929,
    "speaker-interrupted": 0.1165,
    "last-subject": 1.1151,
    "second-subject": 0.1729,
    "never-subject": -0.4372,
    "last-named": -0.4555,
    "named-further-back": -0.6914,
    "same-sentence": 0.5743,
    "same-paragraph": 1.2513,
    "previous-paragraph": 0.685,
    "gender-stated": 0.9897,
    mentions: -0.7313,
    "continued-by-pronoun": 0.2239,
    "named-in-quotation": -0.6043,
    "rival-in-sentence": -0.3342,
    turns: -0.3806,
  },
  nobody: {
    nobody: -0.2185,
    "nobody-rivals": -0.2304,
    "nobody-no-subject": -0.3229,
    "nobody-far": 0.1017,
    "nobody-before": 0.2731,
  },
};
