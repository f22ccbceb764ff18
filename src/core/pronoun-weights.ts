// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3013,
    "earlier-speaker": -0.0453,
    "speaker-interrupted": 0.0109,
    "last-subject": 1.1367,
    "second-subject": 0.1567,
    "never-subject": -0.4497,
    "last-named": -0.4732,
    "named-further-back": -0.6807,
    "same-sentence": 0.5717,
    "same-paragraph": 1.2403,
    "previous-paragraph": 0.6864,
    "gender-stated": 0.9964,
    mentions: -0.7659,
    "continued-by-pronoun": 0.2105,
    "rival-in-sentence": -0.347,
    turns: -0.4167,
  },
  nobody: {
    nobody: -0.2272,
    "nobody-rivals": -0.2344,
    "nobody-no-subject": -0.3134,
    "nobody-far": 0.0945,
    "nobody-before": 0.2672,
  },
};
