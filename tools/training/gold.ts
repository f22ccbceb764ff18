import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type ExplainedQuote, explainQuotes } from "../../src/digest/attribution/quotes.ts";
import { readArticle } from "../../src/sources/seeds.ts";
import { type GoldArticle, type GoldQuote, textsMatch } from "../eval/score.ts";

/** One explained quotation of a training article, with the gold quotation it matches. */
export interface MatchedQuote {
  quote: ExplainedQuote;
  gold: GoldQuote;
}

/**
 * Every article of a PolNeAR-style folder (`DIR/articles/*.txt`, `DIR/gold.json`), in name order,
 * read with the weights in force now: each quotation that matches a gold quotation with a speaker.
 */
/** The set's article files, in the order every training step reads them. */
export function articleNames(dir: string): string[] {
  return readdirSync(path.join(dir, "articles"))
    .filter((n) => n.endsWith(".txt"))
    .sort();
}

export function matchedQuotes(dir: string): MatchedQuote[][] {
  const gold = JSON.parse(readFileSync(path.join(dir, "gold.json"), "utf8")) as {
    articles: Record<string, GoldArticle>;
  };
  return articleNames(dir).map((name) => {
    const g = gold.articles[name];
    if (!g) return [];
    const article = readArticle(path.join(dir, "articles", name));
    return explainQuotes(article.paragraphs).flatMap((quote) => {
      const match = g.quotes.find(
        (x) => x.paragraph === quote.paragraph && textsMatch(quote.text, x.text),
      );
      return match && match.speaker !== null ? [{ quote, gold: match }] : [];
    });
  });
}

/** Weights as the formatter writes them (bare keys where they can be), so the files lint. */
export function weightsSource(weights: Record<string, Record<string, number> | number>): string {
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/u.test(k) ? k : JSON.stringify(k));
  const block = (entries: Record<string, number>) =>
    Object.entries(entries)
      .map(([k, v]) => `    ${key(k)}: ${v},`)
      .join("\n");
  return `{\n${Object.entries(weights)
    .map(([k, v]) =>
      typeof v === "number" ? `  ${key(k)}: ${v},` : `  ${key(k)}: {\n${block(v)}\n  },`,
    )
    .join("\n")}\n}`;
}

export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
