// Written by `npm run train:pronouns` (scripts/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.
import type { PronounWeights } from "./pronoun-ranker.ts";

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3438,
    "earlier-speaker": 0.0038,
    "speaker-interrupted": 0.1311,
    "last-subject": 1.1978,
    "second-subject": 0.2181,
    "never-subject": -0.3612,
    "last-named": -0.399,
    "named-further-back": -0.6138,
    "same-sentence": 0.5672,
    "same-paragraph": 1.2262,
    "previous-paragraph": 0.6411,
    "gender-stated": 0.9455,
    mentions: -0.7278,
    "continued-by-pronoun": -0.0254,
    "named-in-quotation": -0.5176,
    "rival-in-sentence": -0.3474,
    turns: -0.4627,
  },
  nobody: {
    nobody: -0.184,
    "nobody-rivals": -0.3312,
    "nobody-no-subject": -0.2008,
    "nobody-far": 0.0133,
    "nobody-before": 0.2407,
  },
};
