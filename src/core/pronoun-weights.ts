// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3254,
    "earlier-speaker": -0.0319,
    "speaker-interrupted": 0.1244,
    "last-subject": 1.1957,
    "second-subject": 0.2169,
    "never-subject": -0.3602,
    "last-named": -0.4037,
    "named-further-back": -0.6139,
    "same-sentence": 0.5695,
    "same-paragraph": 1.2288,
    "previous-paragraph": 0.6418,
    "gender-stated": 0.9418,
    mentions: -0.7289,
    "continued-by-pronoun": -0.0147,
    "named-in-quotation": -0.5167,
    "rival-in-sentence": -0.3446,
    turns: -0.4316,
  },
  nobody: {
    nobody: -0.188,
    "nobody-rivals": -0.3317,
    "nobody-no-subject": -0.203,
    "nobody-far": 0.0177,
    "nobody-before": 0.2417,
  },
};
