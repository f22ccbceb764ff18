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
    "cue-after": 0.3318,
    "subject-after": 0.2565,
    "dash-credit": 0,
    "according-to": -0.076,
    "cue-before": 0.3566,
    "fragment-cue": -0.1134,
    colon: -0.3538,
    "previous-sentence": -0.0141,
    "colon-paragraph": 0.0876,
    "put-it": -0.1271,
    "characterised-as": -0.1499,
    "sentence-subject": 0.4923,
    "clause-subject": 0.0988,
    "previous-subject": 0.0628,
    "follow-on": 1.3248,
    "next-paragraph": 0.1384,
    "first-in-order": 0.1156,
    "inherited-against-rule": -1.1912,
    "certainty-logit": 0.5963,
    "pronoun-probability": 0.5341,
    "pronoun-runner-up": 0.406,
    "rules-agreeing": -0.2266,
    "via-pronoun": -1.0312,
    "via-role": -0.8599,
    "via-organisation": 0.0688,
    organisation: 0.0688,
    "named-in-quotation": -0.5045,
  },
  nobody: {
    nobody: -1.7055,
    "nobody-rivals": -0.351,
    "nobody-short": 0.2761,
    "nobody-title-like": 0.3417,
    "nobody-pronoun": 0.5967,
    "nobody-unnamed": -0.002,
  },
  keyQuoteThreshold: 0.94,
};
