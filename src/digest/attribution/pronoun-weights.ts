// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2567,
    "earlier-speaker": -0.0259,
    "speaker-interrupted": 0.3168,
    "last-subject": 1.3194,
    "second-subject": 0.1069,
    "never-subject": -0.2952,
    "last-named": -0.4444,
    "named-further-back": -0.6991,
    "same-sentence": 0.6116,
    "same-paragraph": 1.1647,
    "previous-paragraph": 0.6043,
    "gender-stated": 0.768,
    mentions: -0.736,
    "continued-by-pronoun": -0.0245,
    "named-in-quotation": -0.4108,
    "rival-in-sentence": -0.3208,
    turns: -0.4764,
  },
  nobody: {
    nobody: -0.3377,
    "nobody-rivals": -0.4063,
    "nobody-no-subject": -0.4051,
    "nobody-far": -0.0563,
    "nobody-before": 0.1623,
  },
};
