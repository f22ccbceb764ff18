// Written by `npm run train` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = {
  candidate: {
    "last-speaker": 0.2709,
    "earlier-speaker": -0.0009,
    "speaker-interrupted": 0.2101,
    "last-subject": 1.2934,
    "second-subject": 0.1101,
    "never-subject": -0.2999,
    "last-named": -0.4166,
    "named-further-back": -0.6548,
    "same-sentence": 0.5775,
    "same-paragraph": 1.2106,
    "previous-paragraph": 0.612,
    "gender-stated": 0.7928,
    mentions: -0.7352,
    "continued-by-pronoun": -0.022,
    "named-in-quotation": -0.4254,
    "rival-in-sentence": -0.2461,
    turns: -0.4888,
  },
  nobody: {
    nobody: -0.313,
    "nobody-rivals": -0.3767,
    "nobody-no-subject": -0.3951,
    "nobody-far": -0.0492,
    "nobody-before": 0.1622,
  },
};
