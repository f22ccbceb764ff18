// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2536,
    "earlier-speaker": -0.0251,
    "speaker-interrupted": 0.3168,
    "last-subject": 1.3178,
    "second-subject": 0.1057,
    "never-subject": -0.2931,
    "last-named": -0.4369,
    "named-further-back": -0.6947,
    "same-sentence": 0.6099,
    "same-paragraph": 1.1637,
    "previous-paragraph": 0.6061,
    "gender-stated": 0.7657,
    mentions: -0.7365,
    "continued-by-pronoun": -0.0223,
    "named-in-quotation": -0.4137,
    "rival-in-sentence": -0.3251,
    turns: -0.4724,
  },
  nobody: {
    nobody: -0.3335,
    "nobody-rivals": -0.4091,
    "nobody-no-subject": -0.4028,
    "nobody-far": -0.0545,
    "nobody-before": 0.1624,
  },
};
