// Written by `npm run train:pronouns` (tools/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2392,
    "earlier-speaker": -0.1749,
    "speaker-interrupted": 0.2968,
    "last-subject": 1.2429,
    "second-subject": 0.2232,
    "never-subject": -0.2753,
    "last-named": -0.4633,
    "named-further-back": -0.7094,
    "same-sentence": 0.604,
    "same-paragraph": 1.2208,
    "previous-paragraph": 0.6253,
    "gender-stated": 0.8373,
    mentions: -0.759,
    "continued-by-pronoun": -0.0331,
    "named-in-quotation": -0.4649,
    "rival-in-sentence": -0.4749,
    turns: -0.3491,
  },
  nobody: {
    nobody: -0.2858,
    "nobody-rivals": -0.3153,
    "nobody-no-subject": -0.1044,
    "nobody-far": -0.0553,
    "nobody-before": 0.1785,
  },
};
