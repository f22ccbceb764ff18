// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2382,
    "earlier-speaker": -0.1294,
    "speaker-interrupted": 0.0836,
    "last-subject": 1.1602,
    "second-subject": 0.1305,
    "never-subject": -0.4346,
    "last-named": -0.4338,
    "named-further-back": -0.6548,
    "same-sentence": 0.5001,
    "same-paragraph": 1.191,
    "previous-paragraph": 0.68,
    "gender-stated": 1.0048,
    mentions: -0.8042,
    "continued-by-pronoun": 0.2018,
    "rival-in-sentence": -0.3241,
    turns: -0.3823,
  },
  nobody: {
    nobody: -0.2326,
    "nobody-rivals": -0.2244,
    "nobody-no-subject": -0.3302,
    "nobody-far": 0.0786,
    "nobody-before": 0.2274,
  },
};
