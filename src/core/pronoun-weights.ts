// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2441,
    "earlier-speaker": -0.1015,
    "speaker-interrupted": 0.1313,
    "last-subject": 1.1408,
    "second-subject": 0.173,
    "never-subject": -0.4039,
    "last-named": -0.4366,
    "named-further-back": -0.6317,
    "same-sentence": 0.5859,
    "same-paragraph": 1.2251,
    "previous-paragraph": 0.6767,
    "gender-stated": 0.9962,
    mentions: -0.723,
    "continued-by-pronoun": 0.2213,
    "named-in-quotation": -0.5299,
    "rival-in-sentence": -0.3236,
    turns: -0.3688,
  },
  nobody: {
    nobody: -0.1705,
    "nobody-rivals": -0.2414,
    "nobody-no-subject": -0.3039,
    "nobody-far": 0.1072,
    "nobody-before": 0.2724,
  },
};
