/**
 * `npm run train:pronouns -- [TRAIN_DIR] [DEV_DIR]`: learns the pronoun ranker's weights from
 * PolNeAR train (default `../shared/eval/polnear/train`) and writes `src/digest/attribution/pronoun-weights.ts`.
 *
 * Every `he`/`she` the rules resolve becomes one example: its candidates' features, and which of
 * them is the gold speaker (or "nobody", when none is). Which quotation a pronoun continues
 * depends on the answers before it, so the fit is repeated a few rounds, each reading the
 * articles with the weights of the round before, from a fixed start. Deterministic: same data,
 * same file.
 * With DEV_DIR it also prints the held-out log-likelihood, never fitting on it.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CANDIDATE_FEATURES, NOBODY_FEATURES } from "../src/digest/attribution/pronoun-ranker.ts";
import { PRONOUN_WEIGHTS } from "../src/digest/attribution/pronoun-weights.ts";
import { explainQuotes } from "../src/digest/attribution/quotes.ts";
import { readArticle } from "../src/sources/seeds.ts";
import { fitRanker, logLikelihood, type RankingExample } from "./eval/fit-ranker.ts";
import { type GoldArticle, speakersMatch, textsMatch } from "./eval/score.ts";

const ROUNDS = 3;
const OUT = path.join(
  import.meta.dirname,
  "..",
  "src",
  "digest",
  "attribution",
  "pronoun-weights.ts",
);
const C = CANDIDATE_FEATURES.length;
const DIMENSIONS = C + NOBODY_FEATURES.length;

function examplesOf(dir: string): RankingExample[] {
  const gold = JSON.parse(readFileSync(path.join(dir, "gold.json"), "utf8")) as {
    articles: Record<string, GoldArticle>;
  };
  const examples: RankingExample[] = [];
  const names = readdirSync(path.join(dir, "articles"))
    .filter((n) => n.endsWith(".txt"))
    .sort();
  for (const name of names) {
    const g = gold.articles[name];
    if (!g) continue;
    const article = readArticle(path.join(dir, "articles", name));
    for (const q of explainQuotes(article.paragraphs)) {
      if (!q.choice) continue;
      const goldQuote = g.quotes.find(
        (x) => x.paragraph === q.paragraph && textsMatch(q.text, x.text),
      );
      if (!goldQuote || goldQuote.speaker === null) continue;
      const options = [
        ...q.choice.candidates.map((c) => [...c.features, ...NOBODY_FEATURES.map(() => 0)]),
        [...CANDIDATE_FEATURES.map(() => 0), ...q.choice.nobody.features],
      ];
      const right = q.choice.candidates.flatMap((c, i) =>
        speakersMatch(c.person.name, goldQuote) ? [i] : [],
      );
      examples.push({ options, right: right.length > 0 ? right : [options.length - 1] });
    }
  }
  return examples;
}

function asWeights(w: readonly number[]) {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    candidate: Object.fromEntries(
      CANDIDATE_FEATURES.map((f, i) => [f.name, round(w[i] as number)]),
    ),
    nobody: Object.fromEntries(NOBODY_FEATURES.map((f, i) => [f.name, round(w[C + i] as number)])),
  };
}

/**
 * Where the rounds start, whatever the committed file holds, so that the same data always gives
 * the same file: the hand-set order the rules had before any learning.
 */
const START = {
  candidate: { "last-speaker": 2, "last-subject": 2, "last-named": 1 },
  nobody: { nobody: 1, "nobody-rivals": 1 },
};

/** The weights as the formatter writes them (bare keys where they can be), so the file lints. */
function asSource(weights: Record<string, Record<string, number>>): string {
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/u.test(k) ? k : JSON.stringify(k));
  const block = (entries: Record<string, number>) =>
    Object.entries(entries)
      .map(([k, v]) => `    ${key(k)}: ${v},`)
      .join("\n");
  return `{\n${Object.entries(weights)
    .map(([k, v]) => `  ${key(k)}: {\n${block(v)}\n  },`)
    .join("\n")}\n}`;
}

const [trainDir = "../shared/eval/polnear/train", devDir] = process.argv.slice(2);
PRONOUN_WEIGHTS.candidate = { ...START.candidate };
PRONOUN_WEIGHTS.nobody = { ...START.nobody };
let w: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const examples = examplesOf(trainDir);
  w = fitRanker(examples, DIMENSIONS);
  Object.assign(PRONOUN_WEIGHTS, asWeights(w));
  const share = examples.filter((e) => !e.right.includes(e.options.length - 1)).length;
  process.stdout.write(
    `round ${round}: ${examples.length} pronouns (${share} with the speaker among the candidates), log-likelihood ${logLikelihood(examples, w).toFixed(4)}\n`,
  );
}
if (devDir) {
  const dev = examplesOf(devDir);
  process.stdout.write(
    `dev: ${dev.length} pronouns, log-likelihood ${logLikelihood(dev, w).toFixed(4)}\n`,
  );
}
const weights = asWeights(w);
writeFileSync(
  OUT,
  `// Written by \`npm run train:pronouns\` (tools/train-pronoun-ranker.ts) from PolNeAR train.
// Do not edit by hand: change the features in pronoun-ranker.ts and retrain.

/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = ${asSource(weights)};
`,
);
process.stdout.write(`wrote ${path.relative(process.cwd(), OUT)}\n`);
