// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2138,
    "earlier-speaker": -0.1069,
    "speaker-interrupted": 0.0605,
    "last-subject": 1.1412,
    "second-subject": 0.1537,
    "never-subject": -0.4515,
    "last-named": -0.4713,
    "named-further-back": -0.6789,
    "same-sentence": 0.5719,
    "same-paragraph": 1.242,
    "previous-paragraph": 0.6865,
    "gender-stated": 0.9984,
    mentions: -0.7721,
    "continued-by-pronoun": 0.2108,
    "rival-in-sentence": -0.3448,
    turns: -0.3428,
  },
  nobody: {
    nobody: -0.2311,
    "nobody-rivals": -0.2338,
    "nobody-no-subject": -0.3145,
    "nobody-far": 0.0976,
    "nobody-before": 0.2656,
  },
};
