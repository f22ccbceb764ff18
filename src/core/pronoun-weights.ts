// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3508,
    "earlier-speaker": -0.0108,
    "speaker-interrupted": 0.1984,
    "last-subject": 1.2116,
    "second-subject": 0.2107,
    "never-subject": -0.3429,
    "last-named": -0.3983,
    "named-further-back": -0.6173,
    "same-sentence": 0.5679,
    "same-paragraph": 1.2203,
    "previous-paragraph": 0.6343,
    "gender-stated": 0.9395,
    mentions: -0.7297,
    "continued-by-pronoun": -0.0184,
    "named-in-quotation": -0.5128,
    "rival-in-sentence": -0.3368,
    turns: -0.4459,
  },
  nobody: {
    nobody: -0.1758,
    "nobody-rivals": -0.3272,
    "nobody-no-subject": -0.2014,
    "nobody-far": 0.0259,
    "nobody-before": 0.2428,
  },
};
