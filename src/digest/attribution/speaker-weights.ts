// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in speaker-ranker.ts and retrain.

/** A learned weight per feature name, and the key-quote threshold read off the reliability table. */
export interface SpeakerWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
  keyQuoteThreshold: number;
}

export const SPEAKER_WEIGHTS: SpeakerWeights = {
  candidate: {
    "transcript-label": 0.0062,
    "cue-after": 0.3242,
    "subject-after": 0.2442,
    "dash-credit": 0,
    "according-to": -0.0771,
    "quoted-as": 0,
    "cue-before": 0.3677,
    "fragment-cue": -0.1077,
    colon: -0.2835,
    "previous-sentence": -0.0251,
    "colon-paragraph": 0.0892,
    "put-it": -0.1275,
    "characterised-as": -0.1483,
    "sentence-subject": 0.4869,
    "clause-subject": 0.0824,
    "previous-subject": 0.0639,
    "follow-on": 1.3336,
    "next-paragraph": 0.1382,
    "first-in-order": 0.0672,
    "inherited-against-rule": -1.1962,
    "certainty-logit": 0.6127,
    "pronoun-probability": 0.5624,
    "pronoun-runner-up": 0.4169,
    "rules-agreeing": -0.2074,
    "via-pronoun": -1.0341,
    "via-role": -0.8591,
    "via-organisation": 0.0749,
    organisation: 0.0749,
    "named-in-quotation": -0.5065,
  },
  nobody: {
    nobody: -1.7117,
    "nobody-rivals": -0.3603,
    "nobody-short": 0.2753,
    "nobody-title-like": 0.3409,
    "nobody-pronoun": 0.5997,
    "nobody-unnamed": -0.0019,
  },
  keyQuoteThreshold: 0.94,
};
