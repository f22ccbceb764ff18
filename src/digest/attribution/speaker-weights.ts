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
    "transcript-label": 0.0064,
    "cue-after": 0.3221,
    "subject-after": 0.2731,
    "dash-credit": 0,
    "according-to": -0.0724,
    "cue-before": 0.3437,
    "fragment-cue": -0.0867,
    colon: -0.3393,
    "previous-sentence": -0.0205,
    "colon-paragraph": 0.0927,
    "put-it": -0.1271,
    "characterised-as": -0.2292,
    "sentence-subject": 0.5324,
    "clause-subject": 0.1175,
    "follow-on": 1.3956,
    "next-paragraph": 0.1127,
    "first-in-order": 0.1189,
    "inherited-against-rule": -1.1575,
    "certainty-logit": 0.6263,
    "pronoun-probability": 0.5899,
    "pronoun-runner-up": 0.5396,
    "rules-agreeing": -0.2361,
    "via-pronoun": -0.9988,
    "via-role": -0.8336,
    "via-organisation": 0.088,
    organisation: 0.088,
    "named-in-quotation": -0.5139,
  },
  nobody: {
    nobody: -1.6074,
    "nobody-rivals": -0.3587,
    "nobody-short": 0.2712,
    "nobody-title-like": 0.4501,
    "nobody-pronoun": 0.5817,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
