// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2975,
    "earlier-speaker": -0.0081,
    "speaker-interrupted": 0.1944,
    "last-subject": 1.0142,
    "second-subject": -0.0348,
    "never-subject": -0.5402,
    "last-named": -0.3721,
    "named-further-back": -0.6251,
    "same-sentence": 0.6402,
    "same-paragraph": 1.1676,
    "previous-paragraph": 0.6793,
    "gender-stated": 0.9944,
    mentions: -0.8646,
    "continued-by-pronoun": 0.1495,
    "rival-in-sentence": -0.239,
    turns: -0.4646,
  },
  nobody: {
    nobody: -0.3947,
    "nobody-rivals": -0.1954,
    "nobody-no-subject": -0.2083,
    "nobody-far": 0.0512,
    "nobody-before": 0.169,
  },
};
