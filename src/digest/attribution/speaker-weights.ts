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
    "cue-after": 0.3648,
    "subject-after": 0.2647,
    "dash-credit": 0,
    "according-to": -0.0682,
    "cue-before": 0.3805,
    "fragment-cue": -0.0699,
    colon: -0.4034,
    "previous-sentence": -0.024,
    "colon-paragraph": 0.097,
    "put-it": -0.1261,
    "characterised-as": -0.2279,
    "sentence-subject": 0.534,
    "clause-subject": 0.0763,
    "follow-on": 1.3831,
    "next-paragraph": 0.0967,
    "first-in-order": 0.0868,
    "inherited-against-rule": -1.1724,
    "certainty-logit": 0.6151,
    "pronoun-probability": 0.5367,
    "pronoun-runner-up": 0.4531,
    "rules-agreeing": -0.2013,
    "via-pronoun": -0.9804,
    "via-role": -0.8311,
    "via-organisation": 0.0937,
    organisation: 0.0937,
    "named-in-quotation": -0.5097,
  },
  nobody: {
    nobody: -1.6156,
    "nobody-rivals": -0.3684,
    "nobody-short": 0.2554,
    "nobody-title-like": 0.4477,
    "nobody-pronoun": 0.5608,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
