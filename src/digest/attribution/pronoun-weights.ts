// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3103,
    "earlier-speaker": 0.0052,
    "speaker-interrupted": 0.1055,
    "last-subject": 1.2874,
    "second-subject": 0.1627,
    "never-subject": -0.2956,
    "last-named": -0.4284,
    "named-further-back": -0.6793,
    "same-sentence": 0.63,
    "same-paragraph": 1.1633,
    "previous-paragraph": 0.6216,
    "gender-stated": 0.7784,
    mentions: -0.7462,
    "continued-by-pronoun": -0.0544,
    "named-in-quotation": -0.3972,
    "rival-in-sentence": -0.2595,
    turns: -0.4566,
  },
  nobody: {
    nobody: -0.2817,
    "nobody-rivals": -0.3501,
    "nobody-no-subject": -0.372,
    "nobody-far": -0.0788,
    "nobody-before": 0.1231,
  },
};
