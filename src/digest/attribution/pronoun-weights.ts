// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2832,
    "earlier-speaker": -0.0176,
    "speaker-interrupted": 0.3084,
    "last-subject": 1.3145,
    "second-subject": 0.1069,
    "never-subject": -0.2894,
    "last-named": -0.4408,
    "named-further-back": -0.6976,
    "same-sentence": 0.608,
    "same-paragraph": 1.1639,
    "previous-paragraph": 0.6025,
    "gender-stated": 0.7693,
    mentions: -0.7446,
    "continued-by-pronoun": -0.0187,
    "named-in-quotation": -0.4128,
    "rival-in-sentence": -0.3265,
    turns: -0.4947,
  },
  nobody: {
    nobody: -0.3446,
    "nobody-rivals": -0.4085,
    "nobody-no-subject": -0.3983,
    "nobody-far": -0.0519,
    "nobody-before": 0.1656,
  },
};
