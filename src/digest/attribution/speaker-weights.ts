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
    "transcript-label": 0.0065,
    "cue-after": 0.3552,
    "subject-after": 0.2917,
    "dash-credit": 0,
    "according-to": -0.0716,
    "cue-before": 0.3862,
    "fragment-cue": -0.0755,
    colon: -0.4227,
    "previous-sentence": -0.1077,
    "colon-paragraph": 0.0959,
    "put-it": -0.1268,
    "characterised-as": -0.2296,
    "sentence-subject": 0.5687,
    "clause-subject": 0.1345,
    "follow-on": 1.3857,
    "next-paragraph": 0.0656,
    "first-in-order": 0.0758,
    "inherited-against-rule": -1.1545,
    "certainty-logit": 0.6261,
    "pronoun-probability": 0.5182,
    "pronoun-runner-up": 0.4438,
    "rules-agreeing": -0.2162,
    "via-pronoun": -0.9665,
    "via-role": -0.8314,
    "via-organisation": 0.0951,
    organisation: 0.0951,
    "named-in-quotation": -0.509,
  },
  nobody: {
    nobody: -1.6251,
    "nobody-rivals": -0.3681,
    "nobody-short": 0.2783,
    "nobody-title-like": 0.4683,
    "nobody-pronoun": 0.5564,
    "nobody-unnamed": -0.0019,
  },
  keyQuoteThreshold: 0.93,
};
