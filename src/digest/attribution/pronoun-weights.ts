// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2657,
    "earlier-speaker": -0.0133,
    "speaker-interrupted": 0.2917,
    "last-subject": 1.318,
    "second-subject": 0.1001,
    "never-subject": -0.2903,
    "last-named": -0.4372,
    "named-further-back": -0.6747,
    "same-sentence": 0.6057,
    "same-paragraph": 1.1689,
    "previous-paragraph": 0.6084,
    "gender-stated": 0.7608,
    mentions: -0.714,
    "continued-by-pronoun": -0.0149,
    "named-in-quotation": -0.3918,
    "rival-in-sentence": -0.3164,
    turns: -0.4696,
  },
  nobody: {
    nobody: -0.3062,
    "nobody-rivals": -0.4137,
    "nobody-no-subject": -0.4082,
    "nobody-far": -0.0483,
    "nobody-before": 0.1513,
  },
};
