// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.3023,
    "earlier-speaker": -0.0026,
    "speaker-interrupted": 0.1054,
    "last-subject": 1.2874,
    "second-subject": 0.1627,
    "never-subject": -0.2952,
    "last-named": -0.4283,
    "named-further-back": -0.6796,
    "same-sentence": 0.6304,
    "same-paragraph": 1.1633,
    "previous-paragraph": 0.6219,
    "gender-stated": 0.7783,
    mentions: -0.7484,
    "continued-by-pronoun": -0.0541,
    "named-in-quotation": -0.397,
    "rival-in-sentence": -0.2591,
    turns: -0.4467,
  },
  nobody: {
    nobody: -0.2827,
    "nobody-rivals": -0.3508,
    "nobody-no-subject": -0.3733,
    "nobody-far": -0.081,
    "nobody-before": 0.1233,
  },
};
