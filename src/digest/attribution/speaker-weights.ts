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
    "cue-after": 0.3334,
    "subject-after": 0.264,
    "dash-credit": 0,
    "according-to": -0.0761,
    "cue-before": 0.3585,
    "fragment-cue": -0.1057,
    colon: -0.3486,
    "previous-sentence": -0.0161,
    "colon-paragraph": 0.0897,
    "put-it": -0.1271,
    "characterised-as": -0.1456,
    "sentence-subject": 0.5004,
    "clause-subject": 0.1141,
    "follow-on": 1.3303,
    "next-paragraph": 0.1488,
    "first-in-order": 0.0875,
    "inherited-against-rule": -1.1955,
    "certainty-logit": 0.6059,
    "pronoun-probability": 0.5676,
    "pronoun-runner-up": 0.4317,
    "rules-agreeing": -0.24,
    "via-pronoun": -1.0314,
    "via-role": -0.8573,
    "via-organisation": 0.0742,
    organisation: 0.0742,
    "named-in-quotation": -0.5061,
  },
  nobody: {
    nobody: -1.7008,
    "nobody-rivals": -0.3529,
    "nobody-short": 0.2713,
    "nobody-title-like": 0.341,
    "nobody-pronoun": 0.5966,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
