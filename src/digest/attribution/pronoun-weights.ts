// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2801,
    "earlier-speaker": -0.0043,
    "speaker-interrupted": 0.2883,
    "last-subject": 1.3111,
    "second-subject": 0.0989,
    "never-subject": -0.2831,
    "last-named": -0.447,
    "named-further-back": -0.6938,
    "same-sentence": 0.5206,
    "same-paragraph": 1.1854,
    "previous-paragraph": 0.6092,
    "gender-stated": 0.7656,
    mentions: -0.7106,
    "continued-by-pronoun": -0.029,
    "named-in-quotation": -0.3887,
    "rival-in-sentence": -0.4401,
    turns: -0.4736,
  },
  nobody: {
    nobody: -0.3157,
    "nobody-rivals": -0.3289,
    "nobody-no-subject": -0.3989,
    "nobody-far": -0.0571,
    "nobody-before": 0.1754,
  },
};
