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
    "cue-after": 0.3298,
    "subject-after": 0.2679,
    "dash-credit": 0,
    "according-to": -0.0763,
    "cue-before": 0.3598,
    "fragment-cue": -0.104,
    colon: -0.3447,
    "previous-sentence": -0.0159,
    "colon-paragraph": 0.0891,
    "put-it": -0.1269,
    "characterised-as": -0.1445,
    "sentence-subject": 0.5094,
    "clause-subject": 0.0877,
    "follow-on": 1.3301,
    "next-paragraph": 0.1511,
    "first-in-order": 0.0889,
    "inherited-against-rule": -1.1966,
    "certainty-logit": 0.6069,
    "pronoun-probability": 0.5663,
    "pronoun-runner-up": 0.4333,
    "rules-agreeing": -0.2472,
    "via-pronoun": -1.0333,
    "via-role": -0.8572,
    "via-organisation": 0.0736,
    organisation: 0.0736,
    "named-in-quotation": -0.5029,
  },
  nobody: {
    nobody: -1.7029,
    "nobody-rivals": -0.3549,
    "nobody-short": 0.2702,
    "nobody-title-like": 0.3431,
    "nobody-pronoun": 0.5965,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
