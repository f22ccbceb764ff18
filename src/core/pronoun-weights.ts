// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3447,
    "earlier-speaker": 0.005,
    "speaker-interrupted": 0.1316,
    "last-subject": 1.1979,
    "second-subject": 0.2145,
    "never-subject": -0.3589,
    "last-named": -0.4,
    "named-further-back": -0.6152,
    "same-sentence": 0.5669,
    "same-paragraph": 1.2264,
    "previous-paragraph": 0.6422,
    "gender-stated": 0.9463,
    mentions: -0.7279,
    "continued-by-pronoun": -0.0255,
    "named-in-quotation": -0.5196,
    "rival-in-sentence": -0.3452,
    turns: -0.4624,
  },
  nobody: {
    nobody: -0.1825,
    "nobody-rivals": -0.3316,
    "nobody-no-subject": -0.1996,
    "nobody-far": 0.0129,
    "nobody-before": 0.2406,
  },
};
