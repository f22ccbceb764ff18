// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2398,
    "earlier-speaker": 0.0077,
    "speaker-interrupted": 0.1695,
    "last-subject": 1.2703,
    "second-subject": 0.0808,
    "never-subject": -0.305,
    "last-named": -0.4493,
    "named-further-back": -0.6939,
    "same-sentence": 0.583,
    "same-paragraph": 1.2185,
    "previous-paragraph": 0.652,
    "gender-stated": 0.8169,
    mentions: -0.7418,
    "continued-by-pronoun": -0.053,
    "named-in-quotation": -0.4239,
    "rival-in-sentence": -0.2315,
    turns: -0.4515,
  },
  nobody: {
    nobody: -0.308,
    "nobody-rivals": -0.3852,
    "nobody-no-subject": -0.384,
    "nobody-far": 0.0182,
    "nobody-before": 0.1774,
  },
};
