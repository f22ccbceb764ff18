// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2081,
    "earlier-speaker": -0.102,
    "speaker-interrupted": 0.0605,
    "last-subject": 1.1419,
    "second-subject": 0.1539,
    "never-subject": -0.4501,
    "last-named": -0.4699,
    "named-further-back": -0.6779,
    "same-sentence": 0.5718,
    "same-paragraph": 1.2436,
    "previous-paragraph": 0.6891,
    "gender-stated": 0.9978,
    mentions: -0.7765,
    "continued-by-pronoun": 0.2101,
    "rival-in-sentence": -0.3436,
    turns: -0.3352,
  },
  nobody: {
    nobody: -0.2293,
    "nobody-rivals": -0.2344,
    "nobody-no-subject": -0.3137,
    "nobody-far": 0.0996,
    "nobody-before": 0.2637,
  },
};
