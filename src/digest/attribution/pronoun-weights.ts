// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2601,
    "earlier-speaker": -0.0405,
    "speaker-interrupted": 0.2107,
    "last-subject": 1.2976,
    "second-subject": 0.1113,
    "never-subject": -0.2884,
    "last-named": -0.4312,
    "named-further-back": -0.6844,
    "same-sentence": 0.5939,
    "same-paragraph": 1.1931,
    "previous-paragraph": 0.6053,
    "gender-stated": 0.7796,
    mentions: -0.7419,
    "continued-by-pronoun": 0.0003,
    "named-in-quotation": -0.4229,
    "rival-in-sentence": -0.2683,
    turns: -0.4765,
  },
  nobody: {
    nobody: -0.3452,
    "nobody-rivals": -0.3907,
    "nobody-no-subject": -0.3945,
    "nobody-far": -0.0423,
    "nobody-before": 0.1848,
  },
};
