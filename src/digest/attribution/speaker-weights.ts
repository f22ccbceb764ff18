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
    "transcript-label": 0.0067,
    "cue-after": 0.37,
    "subject-after": 0.2664,
    "dash-credit": 0,
    "according-to": -0.0676,
    "cue-before": 0.3839,
    "fragment-cue": -0.0699,
    colon: -0.4024,
    "previous-sentence": -0.0224,
    "colon-paragraph": 0.0973,
    "put-it": -0.1261,
    "characterised-as": -0.2285,
    "sentence-subject": 0.5339,
    "clause-subject": 0.0758,
    "follow-on": 1.3827,
    "next-paragraph": 0.0969,
    "first-in-order": 0.0886,
    "inherited-against-rule": -1.1722,
    "certainty-logit": 0.6128,
    "pronoun-probability": 0.5433,
    "pronoun-runner-up": 0.456,
    "rules-agreeing": -0.2008,
    "via-pronoun": -0.9833,
    "via-role": -0.8311,
    "via-organisation": 0.093,
    organisation: 0.093,
    "named-in-quotation": -0.509,
  },
  nobody: {
    nobody: -1.6157,
    "nobody-rivals": -0.3608,
    "nobody-short": 0.2523,
    "nobody-title-like": 0.4481,
    "nobody-pronoun": 0.5621,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
