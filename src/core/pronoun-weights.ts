// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2458,
    "earlier-speaker": -0.1641,
    "speaker-interrupted": 0.3006,
    "last-subject": 1.2397,
    "second-subject": 0.2181,
    "never-subject": -0.2779,
    "last-named": -0.4576,
    "named-further-back": -0.7043,
    "same-sentence": 0.602,
    "same-paragraph": 1.2203,
    "previous-paragraph": 0.6254,
    "gender-stated": 0.8369,
    mentions: -0.7574,
    "continued-by-pronoun": -0.0331,
    "named-in-quotation": -0.4661,
    "rival-in-sentence": -0.4742,
    turns: -0.3605,
  },
  nobody: {
    nobody: -0.2849,
    "nobody-rivals": -0.315,
    "nobody-no-subject": -0.1034,
    "nobody-far": -0.0547,
    "nobody-before": 0.1781,
  },
};
