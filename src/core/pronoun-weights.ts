// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.356,
    "earlier-speaker": -0.0114,
    "speaker-interrupted": 0.1884,
    "last-subject": 1.1946,
    "second-subject": 0.2091,
    "never-subject": -0.355,
    "last-named": -0.4045,
    "named-further-back": -0.617,
    "same-sentence": 0.5701,
    "same-paragraph": 1.2275,
    "previous-paragraph": 0.6353,
    "gender-stated": 0.9402,
    mentions: -0.728,
    "continued-by-pronoun": -0.0149,
    "named-in-quotation": -0.5148,
    "rival-in-sentence": -0.3407,
    turns: -0.4468,
  },
  nobody: {
    nobody: -0.1886,
    "nobody-rivals": -0.3298,
    "nobody-no-subject": -0.2015,
    "nobody-far": 0.023,
    "nobody-before": 0.2444,
  },
};
