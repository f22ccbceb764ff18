import type { QuoteNote, RenderedIssue } from "../issue/render-issue.ts";

/** A quotation of a quotes panel (preview, review): where the email shows it, and its doubts. */
export interface PanelQuote extends QuoteNote {
  marks: string[];
}

/** Where a quotation stands: its paragraph and its text. */
export const quoteAt = (q: { paragraph: number; text: string }) => `${q.paragraph}\0${q.text}`;

/**
 * Every quotation of the issue with its marks: a term, a key quote, a sidebar quote, and the
 * panel's own doubt (`flag`: below the key-quote threshold, or below what an editor asked for).
 */
export function markQuotes(
  issue: RenderedIssue,
  flag: { label: string; test: (q: QuoteNote) => boolean },
): PanelQuote[] {
  const key = new Set(issue.digest.keyQuotes.map(quoteAt));
  const side = new Set((issue.digest.sidebar?.quotes ?? []).map(quoteAt));
  return issue.quotes.map((q) => ({
    ...q,
    marks: [
      ...(q.kind === "term" ? ["term: not in the digest"] : []),
      ...(key.has(quoteAt(q)) ? ["key quote"] : []),
      ...(side.has(quoteAt(q)) ? ["sidebar"] : []),
      ...(flag.test(q) ? [flag.label] : []),
    ],
  }));
}
