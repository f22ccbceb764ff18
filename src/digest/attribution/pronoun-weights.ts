// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2625,
    "earlier-speaker": -0.0048,
    "speaker-interrupted": 0.3192,
    "last-subject": 1.3152,
    "second-subject": 0.1006,
    "never-subject": -0.2893,
    "last-named": -0.4459,
    "named-further-back": -0.6861,
    "same-sentence": 0.5985,
    "same-paragraph": 1.1911,
    "previous-paragraph": 0.6128,
    "gender-stated": 0.7678,
    mentions: -0.7311,
    "continued-by-pronoun": -0.029,
    "named-in-quotation": -0.3941,
    "rival-in-sentence": -0.3164,
    turns: -0.4809,
  },
  nobody: {
    nobody: -0.3251,
    "nobody-rivals": -0.3949,
    "nobody-no-subject": -0.3964,
    "nobody-far": -0.0611,
    "nobody-before": 0.1436,
  },
};
