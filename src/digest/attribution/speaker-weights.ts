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
    "cue-after": 0.3609,
    "subject-after": 0.2866,
    "dash-credit": 0,
    "according-to": -0.0684,
    "cue-before": 0.3911,
    "fragment-cue": -0.0706,
    colon: -0.4195,
    "previous-sentence": -0.1073,
    "colon-paragraph": 0.0967,
    "put-it": -0.1268,
    "characterised-as": -0.2327,
    "sentence-subject": 0.5505,
    "clause-subject": 0.1231,
    "follow-on": 1.4022,
    "next-paragraph": 0.0928,
    "first-in-order": 0.078,
    "inherited-against-rule": -1.1656,
    "certainty-logit": 0.6246,
    "pronoun-probability": 0.5334,
    "pronoun-runner-up": 0.4561,
    "rules-agreeing": -0.2026,
    "via-pronoun": -0.9899,
    "via-role": -0.8322,
    "via-organisation": 0.0948,
    organisation: 0.0948,
    "named-in-quotation": -0.5079,
  },
  nobody: {
    nobody: -1.616,
    "nobody-rivals": -0.3711,
    "nobody-short": 0.2643,
    "nobody-title-like": 0.4444,
    "nobody-pronoun": 0.552,
    "nobody-unnamed": -0.0019,
  },
  keyQuoteThreshold: 0.93,
};
