// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2651,
    "earlier-speaker": -0.0134,
    "speaker-interrupted": 0.2909,
    "last-subject": 1.3207,
    "second-subject": 0.1025,
    "never-subject": -0.2887,
    "last-named": -0.4365,
    "named-further-back": -0.6736,
    "same-sentence": 0.6049,
    "same-paragraph": 1.1706,
    "previous-paragraph": 0.6098,
    "gender-stated": 0.7441,
    mentions: -0.7126,
    "continued-by-pronoun": -0.0128,
    "named-in-quotation": -0.3932,
    "rival-in-sentence": -0.3158,
    turns: -0.4689,
  },
  nobody: {
    nobody: -0.3163,
    "nobody-rivals": -0.4134,
    "nobody-no-subject": -0.4261,
    "nobody-far": -0.0446,
    "nobody-before": 0.1535,
  },
};
