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
    "transcript-label": 0.0063,
    "cue-after": 0.3333,
    "subject-after": 0.2775,
    "dash-credit": 0,
    "according-to": -0.0733,
    "cue-before": 0.3579,
    "fragment-cue": -0.1074,
    colon: -0.345,
    "previous-sentence": -0.0196,
    "colon-paragraph": 0.0896,
    "put-it": -0.1269,
    "characterised-as": -0.1464,
    "sentence-subject": 0.5155,
    "clause-subject": 0.0907,
    "follow-on": 1.3498,
    "next-paragraph": 0.0925,
    "first-in-order": 0.1333,
    "inherited-against-rule": -1.1634,
    "certainty-logit": 0.6028,
    "pronoun-probability": 0.5227,
    "pronoun-runner-up": 0.4356,
    "rules-agreeing": -0.2279,
    "via-pronoun": -1.0006,
    "via-role": -0.8564,
    "via-organisation": 0.0755,
    organisation: 0.0755,
    "named-in-quotation": -0.4857,
  },
  nobody: {
    nobody: -1.6525,
    "nobody-rivals": -0.3547,
    "nobody-short": 0.2651,
    "nobody-title-like": 0.3418,
    "nobody-pronoun": 0.5938,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
