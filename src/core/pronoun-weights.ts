// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2246,
    "earlier-speaker": -0.0723,
    "speaker-interrupted": 0.2148,
    "last-subject": 1.1713,
    "second-subject": 0.0471,
    "never-subject": -0.3494,
    "last-named": -0.3756,
    "named-further-back": -0.5569,
    "same-sentence": 0.613,
    "same-paragraph": 1.1621,
    "previous-paragraph": 0.6599,
    "gender-stated": 0.9664,
    mentions: -0.829,
    "continued-by-pronoun": 0.232,
    "rival-in-sentence": -0.177,
    turns: -0.3502,
  },
  nobody: {
    nobody: -0.2033,
    "nobody-rivals": -0.1643,
    "nobody-no-subject": -0.2542,
    "nobody-far": 0.1515,
    "nobody-before": 0.2377,
  },
};
