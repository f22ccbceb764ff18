/**
 * `npm run eval -- DIR [--gold FILE] [--verbose] [--json] [--style STYLE]`: digests every article
 * of a folder in-process and scores it against the gold (default `DIR/../gold.json`). Without a
 * gold file it prints each quotation with its speaker and rule, for judging by eye. `--style
 * british-curly|british-straight` first rewrites each article (and the gold's texts) in British
 * quotation style, words unchanged.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Article } from "../../src/digest/article.ts";
import {
  KEY_QUOTE_THRESHOLD,
  SPEAKER_THRESHOLD,
} from "../../src/digest/attribution/attribution.ts";
import {
  type ExplainedQuote,
  explainQuotes,
  speechOf,
} from "../../src/digest/attribution/quotes.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { readArticle } from "../../src/sources/seeds.ts";
import { type QuoteStyle, rewriteInner, rewriteParagraph, STYLES } from "./british-style.ts";
import { formatTable, type Judged, reliabilityTable } from "./reliability.ts";
import {
  type ArticleScore,
  type GoldArticle,
  scoreArticle,
  speakersMatch,
  textsMatch,
  totals,
} from "./score.ts";

const USAGE = `usage: npm run eval -- DIR [--gold FILE] [--verbose] [--json] [--style ${STYLES.join("|")}]`;
const NO_TOPIC = { title: "", terms: [] };

function fail(message: string, code = 1): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

function run(): void {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(`${error instanceof Error ? error.message.split("\n")[0] : error}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  const dir = positionals[0];
  if (!dir || values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(dir ? 0 : 2);
  }
  if (!existsSync(dir)) fail(`${dir}: no such folder`);
  const style = (values.style ?? "as-written") as QuoteStyle;
  if (!STYLES.includes(style)) fail(`--style ${values.style}: not one of ${STYLES.join(", ")}`, 2);
  const files = readdirSync(dir)
    .filter((n) => n.endsWith(".txt"))
    .sort();
  if (files.length === 0) fail(`${dir}: no .txt article in it`);
  const goldFile = values.gold ?? path.join(dir, "..", "gold.json");
  const gold = existsSync(goldFile)
    ? (JSON.parse(readFileSync(goldFile, "utf8")) as { articles: Record<string, GoldArticle> })
    : undefined;
  if (values.gold && !gold) fail(`${values.gold}: no such gold file`);
  const started = performance.now();
  const scores: ArticleScore[] = [];
  const judged: Judged[] = [];
  for (const name of files) {
    const article = inStyle(readArticle(path.join(dir, name)), style);
    const digest = buildDigest(article, NO_TOPIC);
    const g = goldInStyle(gold?.articles[name], style);
    if (!gold) {
      process.stdout.write(`\n## ${name}\n`);
      for (const e of explainQuotes(article.paragraphs)) {
        process.stdout.write(
          `[P${e.paragraph}] ${e.speaker ?? "null"} (${e.rule}, ${e.confidence.toFixed(2)}${e.cue ? `, cue “${e.cue}”` : ""}) “${e.text.slice(0, 90)}”\n`,
        );
      }
      continue;
    }
    if (!g) continue;
    const explained = speechOf(explainQuotes(article.paragraphs)).map((q) => ({
      ...q,
      rule: `${q.rule}${q.via ? ` / ${q.via}` : ""}`,
    }));
    scores.push(scoreArticle(name, g, explained, digest.keyQuotes));
    judged.push(...judgedSpeakers(explained, g));
  }
  const ms = performance.now() - started;
  if (!gold) {
    process.stdout.write(
      `\n${files.length} articles in ${ms.toFixed(0)} ms (no gold: nothing scored)\n`,
    );
    return;
  }
  const t = totals(scores);
  if (values.json) {
    const reliability = reliabilityTable(judged);
    process.stdout.write(`${JSON.stringify({ ...t, reliability, ms: Math.round(ms) })}\n`);
    return;
  }
  if (values.verbose) {
    for (const s of scores)
      for (const f of s.failures)
        process.stdout.write(
          `${f.kind.padEnd(9)} ${f.article} P${f.paragraph} predicted=${f.predicted ?? "null"} gold=${f.gold ?? "null"}${f.resolved ? ` (${f.resolved})` : ""} [${f.rule ?? "-"}] “${f.text.slice(0, 80)}”\n`,
        );
  }
  if (values.verbose) {
    const byRule = new Map<string, { correct: number; wrong: number; missing: number }>();
    for (const s of scores)
      for (const [rule, t] of Object.entries(s.byRule)) {
        const sum = byRule.get(rule) ?? { correct: 0, wrong: 0, missing: 0 };
        sum.correct += t.correct;
        sum.wrong += t.wrong;
        sum.missing += t.missing;
        byRule.set(rule, sum);
      }
    for (const [rule, t] of [...byRule].sort((a, b) => b[1].correct - a[1].correct))
      process.stdout.write(
        `rule ${rule.padEnd(48)} right ${t.correct}  wrong ${t.wrong}  null ${t.missing}\n`,
      );
  }
  const pct = (x: number) => x.toFixed(3);
  process.stdout.write(
    `${[
      `${t.articles} articles in ${ms.toFixed(0)} ms`,
      `quotations        P ${pct(t.precision)}  R ${pct(t.recall)}  F1 ${pct(t.f1)}  (unannotated hits ${t.unannotatedHits}, trap hits ${t.trapHits})`,
      `speaker accuracy  ${pct(t.speakerAccuracy)} of ${t.scored} scored; named ${pct(t.namedAccuracy)} of ${t.scoredNamed}; coref ${pct(t.corefAccuracy)} of ${t.scoredCoref}`,
      `wrong person      ${t.wrong} (${(100 * t.wrongShare).toFixed(1)} % of scored)   missing ${t.missing}`,
      `nobody's words    ${t.creditedNobodys} of ${t.goldNobody} the gold credits to nobody were given a speaker`,
      `key quotes        precision ${pct(t.keyPrecision)} of ${t.keyQuotes} judged (${t.keyUnjudged} not judgeable)`,
      formatTable(reliabilityTable(judged)),
      `(speaker shown from ${SPEAKER_THRESHOLD.toFixed(2)}; key quotes from ${KEY_QUOTE_THRESHOLD})`,
    ].join("\n")}\n`,
  );
}

/**
 * Each quotation the ranker proposed someone for, matched to a gold quotation with a speaker:
 * the top candidate's confidence, and whether it is the gold speaker (shown or not).
 */
function judgedSpeakers(explained: readonly ExplainedQuote[], gold: GoldArticle): Judged[] {
  return explained.flatMap((q) => {
    const top = q.speakers?.candidates[0];
    const match = gold.quotes.find(
      (g) => g.paragraph === q.paragraph && textsMatch(q.text, g.text),
    );
    if (!top || !match || match.speaker === null) return [];
    return [{ probability: top.probability, right: speakersMatch(top.person.name, match) }];
  });
}

function inStyle(article: Article, style: QuoteStyle): Article {
  const rewrite = (text: string) => rewriteParagraph(text, style);
  return {
    ...article,
    headline: rewrite(article.headline),
    standfirst: rewrite(article.standfirst),
    paragraphs: article.paragraphs.map(rewrite),
  };
}

function goldInStyle(gold: GoldArticle | undefined, style: QuoteStyle): GoldArticle | undefined {
  if (!gold || style === "as-written") return gold;
  // (A straight-style article writes `O'Donnell` with a straight apostrophe; so does its gold.)
  const name = (speaker: string | null) =>
    style === "british-straight" && speaker ? speaker.replace(/[‘’]/gu, "'") : speaker;
  const rewrite = <T extends { text: string; speaker?: string | null }>(x: T): T => ({
    ...x,
    text: rewriteInner(x.text, style),
    ...(x.speaker !== undefined && { speaker: name(x.speaker) }),
  });
  return {
    ...gold,
    quotes: gold.quotes.map(rewrite),
    ...(gold.traps && { traps: gold.traps.map(rewrite) }),
    ...(gold.unannotated && { unannotated: gold.unannotated.map(rewrite) }),
  };
}

function parse() {
  return parseArgs({
    args: process.argv.slice(2),
    options: {
      gold: { type: "string" },
      verbose: { type: "boolean" },
      json: { type: "boolean" },
      style: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}

run();
