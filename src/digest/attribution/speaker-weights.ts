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
    "cue-after": 0.3395,
    "subject-after": 0.2718,
    "dash-credit": 0,
    "according-to": -0.0729,
    "cue-before": 0.3503,
    "fragment-cue": -0.1069,
    colon: -0.3439,
    "previous-sentence": -0.0187,
    "colon-paragraph": 0.0895,
    "put-it": -0.1269,
    "characterised-as": -0.1468,
    "sentence-subject": 0.5125,
    "clause-subject": 0.0897,
    "follow-on": 1.3575,
    "next-paragraph": 0.1002,
    "first-in-order": 0.1444,
    "inherited-against-rule": -1.161,
    "certainty-logit": 0.6027,
    "pronoun-probability": 0.5085,
    "pronoun-runner-up": 0.4388,
    "rules-agreeing": -0.226,
    "via-pronoun": -0.9971,
    "via-role": -0.8381,
    "via-organisation": 0.075,
    organisation: 0.075,
    "named-in-quotation": -0.512,
  },
  nobody: {
    nobody: -1.6424,
    "nobody-rivals": -0.3564,
    "nobody-short": 0.2638,
    "nobody-title-like": 0.3401,
    "nobody-pronoun": 0.5872,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
