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
    "cue-after": 0.3368,
    "subject-after": 0.2494,
    "dash-credit": 0,
    "according-to": -0.0758,
    "cue-before": 0.3587,
    "fragment-cue": -0.1135,
    colon: -0.3551,
    "previous-sentence": -0.0141,
    "colon-paragraph": 0.0862,
    "put-it": -0.127,
    "characterised-as": -0.1503,
    "sentence-subject": 0.4914,
    "clause-subject": 0.095,
    "previous-subject": 0.0624,
    "follow-on": 1.3249,
    "next-paragraph": 0.1363,
    "first-in-order": 0.1234,
    "inherited-against-rule": -1.194,
    "certainty-logit": 0.5918,
    "pronoun-probability": 0.5069,
    "pronoun-runner-up": 0.3751,
    "rules-agreeing": -0.2247,
    "via-pronoun": -1.0236,
    "via-role": -0.8609,
    "via-organisation": 0.067,
    organisation: 0.067,
    "named-in-quotation": -0.501,
  },
  nobody: {
    nobody: -1.7079,
    "nobody-rivals": -0.3602,
    "nobody-short": 0.2791,
    "nobody-title-like": 0.3418,
    "nobody-pronoun": 0.6102,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
