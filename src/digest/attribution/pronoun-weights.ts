// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2616,
    "earlier-speaker": -0.0275,
    "speaker-interrupted": 0.2925,
    "last-subject": 1.3179,
    "second-subject": 0.0993,
    "never-subject": -0.2935,
    "last-named": -0.4329,
    "named-further-back": -0.6674,
    "same-sentence": 0.6012,
    "same-paragraph": 1.1726,
    "previous-paragraph": 0.6083,
    "gender-stated": 0.7528,
    mentions: -0.7038,
    "continued-by-pronoun": -0.01,
    "named-in-quotation": -0.3948,
    "rival-in-sentence": -0.316,
    turns: -0.4663,
  },
  nobody: {
    nobody: -0.3033,
    "nobody-rivals": -0.4122,
    "nobody-no-subject": -0.4294,
    "nobody-far": -0.0457,
    "nobody-before": 0.1571,
  },
};
