// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2522,
    "earlier-speaker": -0.0301,
    "speaker-interrupted": 0.3168,
    "last-subject": 1.3194,
    "second-subject": 0.1064,
    "never-subject": -0.2948,
    "last-named": -0.4442,
    "named-further-back": -0.6987,
    "same-sentence": 0.6112,
    "same-paragraph": 1.1655,
    "previous-paragraph": 0.6044,
    "gender-stated": 0.7677,
    mentions: -0.7364,
    "continued-by-pronoun": -0.0246,
    "named-in-quotation": -0.4107,
    "rival-in-sentence": -0.3204,
    turns: -0.4706,
  },
  nobody: {
    nobody: -0.3375,
    "nobody-rivals": -0.4071,
    "nobody-no-subject": -0.405,
    "nobody-far": -0.056,
    "nobody-before": 0.1628,
  },
};
