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
    "cue-after": 0.3706,
    "subject-after": 0.2671,
    "dash-credit": 0,
    "according-to": -0.0675,
    "cue-before": 0.3844,
    "fragment-cue": -0.0693,
    colon: -0.4023,
    "previous-sentence": -0.0225,
    "colon-paragraph": 0.0973,
    "put-it": -0.1261,
    "characterised-as": -0.2284,
    "sentence-subject": 0.5342,
    "clause-subject": 0.0762,
    "follow-on": 1.3831,
    "next-paragraph": 0.0978,
    "first-in-order": 0.0888,
    "inherited-against-rule": -1.1724,
    "certainty-logit": 0.6127,
    "pronoun-probability": 0.5457,
    "pronoun-runner-up": 0.4575,
    "rules-agreeing": -0.2016,
    "via-pronoun": -0.9842,
    "via-role": -0.8311,
    "via-organisation": 0.093,
    organisation: 0.093,
    "named-in-quotation": -0.5085,
  },
  nobody: {
    nobody: -1.6154,
    "nobody-rivals": -0.3611,
    "nobody-short": 0.2522,
    "nobody-title-like": 0.4479,
    "nobody-pronoun": 0.5747,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
