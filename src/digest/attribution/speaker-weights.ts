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
    "cue-after": 0.2795,
    "subject-after": 0.2943,
    "dash-credit": 0,
    "according-to": -0.0959,
    "quoted-as": 0,
    "cue-before": 0.3917,
    "fragment-cue": -0.1135,
    colon: -0.2123,
    "previous-sentence": -0.0286,
    "colon-paragraph": 0.0813,
    "put-it": -0.1304,
    "characterised-as": -0.1607,
    "sentence-subject": 0.4007,
    "clause-subject": 0.0475,
    "previous-subject": 0.0618,
    "follow-on": 1.3707,
    "next-paragraph": 0.1582,
    "first-in-order": 0.1397,
    "inherited-against-rule": -1.1133,
    "certainty-logit": 0.5968,
    "pronoun-probability": 0.5267,
    "pronoun-runner-up": 0.4428,
    "rules-agreeing": -0.1803,
    "via-pronoun": -1.0577,
    "via-role": -0.8575,
    "via-organisation": 0.2485,
    organisation: 0.2485,
    "named-in-quotation": -0.5164,
  },
  nobody: {
    nobody: -1.6874,
    "nobody-rivals": -0.3664,
    "nobody-short": 0.2463,
    "nobody-title-like": 0.3568,
    "nobody-pronoun": 0.6887,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
