/**
 * The pronoun ranker's examples: every `he`/`she` the rules resolved, its candidates' features,
 * and which of them is the gold speaker (or "nobody", when none is).
 */
import {
  CANDIDATE_FEATURES,
  NOBODY_FEATURES,
} from "../../src/digest/attribution/pronoun-ranker.ts";
import type { PronounWeights } from "../../src/digest/attribution/pronoun-weights.ts";
import type { RankingExample } from "../eval/fit-ranker.ts";
import { speakersMatch } from "../eval/score.ts";
import { type MatchedQuote, round4 } from "./gold.ts";

export const PRONOUN_DIMENSIONS = CANDIDATE_FEATURES.length + NOBODY_FEATURES.length;

/** Where training starts, whatever the committed file holds: the hand-set order of old. */
export const PRONOUN_START: PronounWeights = {
  candidate: { "last-speaker": 2, "last-subject": 2, "last-named": 1 },
  nobody: { nobody: 1, "nobody-rivals": 1 },
};

export function pronounExamples(matched: readonly MatchedQuote[]): RankingExample[] {
  return matched.flatMap(({ quote, gold }) => {
    if (!quote.choice) return [];
    const options = [
      ...quote.choice.candidates.map((c) => [...c.features, ...NOBODY_FEATURES.map(() => 0)]),
      [...CANDIDATE_FEATURES.map(() => 0), ...quote.choice.nobody.features],
    ];
    const right = quote.choice.candidates.flatMap((c, i) =>
      speakersMatch(c.person.name, gold) ? [i] : [],
    );
    return [{ options, right: right.length > 0 ? right : [options.length - 1] }];
  });
}

export function asPronounWeights(w: readonly number[]): PronounWeights {
  const C = CANDIDATE_FEATURES.length;
  return {
    candidate: Object.fromEntries(
      CANDIDATE_FEATURES.map((f, i) => [f.name, round4(w[i] as number)]),
    ),
    nobody: Object.fromEntries(NOBODY_FEATURES.map((f, i) => [f.name, round4(w[C + i] as number)])),
  };
}
