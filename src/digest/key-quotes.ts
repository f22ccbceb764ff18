import type { Quote } from "./attribution/quotes.ts";

/** Fewest words for a quotation to be a statement rather than a fragment or scare quote. */
export const MIN_STATEMENT_WORDS = 6;
export const MAX_KEY_QUOTES = 5;
export const MIN_KEY_QUOTES = 2;

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** What decides which quotations may be key quotes, besides their text. */
export interface KeyQuoteRules<Q extends Quote = Quote> {
  /** Paragraphs the sidebar shows. */
  sidebarParagraphs: readonly number[];
  /** Whether the quotation's speaker is sure enough to print under a name. */
  confident: (quote: Q) => boolean;
  /** The lead the email opens with: a quotation it already shows is not repeated. */
  lead: string;
}

/**
 * The quotes the digest shows. The rule:
 * 0. only quotations attributed with confidence (`KEY_QUOTE_THRESHOLD`), never one the lead
 *    already shows;
 * 1. candidates are those of at least six words outside the sidebar's
 *    paragraphs (the sidebar shows its own);
 * 2. the first candidate of each speaker is taken, in article order, then further candidates,
 *    until there are five;
 * 3. with fewer than two, sidebar quotations and then attributed quotations of three words or
 *    more are admitted on the same terms, so the digest still shows two when the article has them;
 * 4. the result is in article order.
 */
export function selectKeyQuotes<Q extends Quote>(
  quotes: readonly Q[],
  rules: KeyQuoteRules<Q>,
): Q[] {
  const inSidebar = (q: Q) => rules.sidebarParagraphs.includes(q.paragraph);
  const lead = foldForComparison(rules.lead);
  const attributed = quotes.filter(
    (q) => q.speaker !== null && rules.confident(q) && !lead.includes(foldForComparison(q.text)),
  );
  const tiers = [
    attributed.filter((q) => !inSidebar(q) && wordCount(q.text) >= MIN_STATEMENT_WORDS),
    attributed.filter((q) => inSidebar(q) && wordCount(q.text) >= MIN_STATEMENT_WORDS),
    attributed.filter((q) => wordCount(q.text) >= 3 && wordCount(q.text) < MIN_STATEMENT_WORDS),
  ];
  const chosen: Q[] = [];
  for (const [tier, candidates] of tiers.entries()) {
    if (tier > 0 && chosen.length >= MIN_KEY_QUOTES) break;
    const speakers = new Set(chosen.map((q) => q.speaker));
    for (const q of candidates) {
      if (chosen.length >= MAX_KEY_QUOTES) break;
      if (!speakers.has(q.speaker)) {
        chosen.push(q);
        speakers.add(q.speaker);
      }
    }
    for (const q of candidates) {
      if (chosen.length >= MAX_KEY_QUOTES) break;
      if (!chosen.includes(q)) chosen.push(q);
    }
  }
  return chosen.sort((a, b) => quotes.indexOf(a) - quotes.indexOf(b));
}

/** Text folded for "does the email already show this": case, quote marks, punctuation at the ends. */
export function foldForComparison(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”"‘’']/gu, "")
    .replace(/\s+/gu, " ")
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "");
}
