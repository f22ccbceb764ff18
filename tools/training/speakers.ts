/**
 * The speaker ranker's examples: every quotation the rules proposed someone for, its
 * candidates' features, and which of them is the gold speaker ("nobody" when none is).
 */
import { NOBODY_FEATURES, SPEAKER_FEATURES } from "../../src/digest/attribution/speaker-ranker.ts";
import type { SpeakerWeights } from "../../src/digest/attribution/speaker-weights.ts";
import {
  DEFAULT_FIT,
  fitRanker,
  logLikelihood,
  probabilities,
  type RankingExample,
} from "../eval/fit-ranker.ts";
import type { Judged } from "../eval/reliability.ts";
import { speakersMatch } from "../eval/score.ts";
import { type MatchedQuote, round4 } from "./gold.ts";

export const SPEAKER_DIMENSIONS = SPEAKER_FEATURES.length + NOBODY_FEATURES.length;

/** Where training starts: the rule table's own order, whatever the committed file holds. */
export const SPEAKER_START: Omit<SpeakerWeights, "keyQuoteThreshold"> = {
  candidate: { "first-in-order": 3 },
  nobody: { nobody: 1 },
};

export function speakerExamples(matched: readonly MatchedQuote[]): RankingExample[] {
  return matched.flatMap(({ quote, gold }) => {
    if (!quote.speakers) return [];
    const { candidates, nobody } = quote.speakers;
    const options = [
      ...candidates.map((c) => [...c.features, ...NOBODY_FEATURES.map(() => 0)]),
      [...SPEAKER_FEATURES.map(() => 0), ...nobody.features],
    ];
    const right = candidates.flatMap((c, i) => (speakersMatch(c.person.name, gold) ? [i] : []));
    return [{ options, right: right.length > 0 ? right : [options.length - 1] }];
  });
}

export function asSpeakerWeights(w: readonly number[]): Omit<SpeakerWeights, "keyQuoteThreshold"> {
  const C = SPEAKER_FEATURES.length;
  return {
    candidate: Object.fromEntries(SPEAKER_FEATURES.map((f, i) => [f.name, round4(w[i] as number)])),
    nobody: Object.fromEntries(NOBODY_FEATURES.map((f, i) => [f.name, round4(w[C + i] as number)])),
  };
}

/**
 * Cross-validation over articles grouped in folds: each held-out example's top candidate with its
 * probability and whether it was the gold speaker, and the held-out log-likelihood.
 */
export function crossValidate(
  byArticle: readonly RankingExample[][],
  l2: number,
  /** The fold of each article (by index); each fold is held out once. */
  foldOf: readonly number[],
): { judged: Judged[]; likelihood: number } {
  const judged: Judged[] = [];
  let likelihood = 0;
  let count = 0;
  for (const fold of new Set(foldOf)) {
    const train = byArticle.filter((_, i) => foldOf[i] !== fold).flat();
    const held = byArticle.filter((_, i) => foldOf[i] === fold).flat();
    const w = fitRanker(train, SPEAKER_DIMENSIONS, { ...DEFAULT_FIT, l2 });
    likelihood += logLikelihood(held, w) * held.length;
    count += held.length;
    for (const e of held) {
      const p = probabilities(e.options, w);
      const nobody = e.options.length - 1;
      let top = 0;
      for (let i = 1; i < nobody; i++) if ((p[i] as number) > (p[top] as number)) top = i;
      if (top === nobody) continue;
      judged.push({ probability: p[top] as number, right: e.right.includes(top) });
    }
  }
  return { judged, likelihood: likelihood / Math.max(1, count) };
}
