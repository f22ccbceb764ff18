import type { Quote } from "./quotes.ts";

/** Fewest words for a quotation to be a statement rather than a fragment or scare quote. */
export const MIN_STATEMENT_WORDS = 6;
export const MAX_KEY_QUOTES = 5;
export const MIN_KEY_QUOTES = 2;

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * The quotes the digest shows. The rule:
 * 1. candidates are attributed quotations of at least six words outside the sidebar's
 *    paragraphs (the sidebar shows its own);
 * 2. the first candidate of each speaker is taken, in article order, then further candidates,
 *    until there are five;
 * 3. with fewer than two, sidebar quotations and then attributed quotations of three words or
 *    more are admitted on the same terms, so the digest still shows two when the article has them;
 * 4. the result is in article order.
 */
export function selectKeyQuotes(
  quotes: readonly Quote[],
  sidebarParagraphs: readonly number[],
): Quote[] {
  const inSidebar = (q: Quote) => sidebarParagraphs.includes(q.paragraph);
  const attributed = quotes.filter((q) => q.speaker !== null);
  const tiers = [
    attributed.filter((q) => !inSidebar(q) && wordCount(q.text) >= MIN_STATEMENT_WORDS),
    attributed.filter((q) => inSidebar(q) && wordCount(q.text) >= MIN_STATEMENT_WORDS),
    attributed.filter((q) => wordCount(q.text) >= 3 && wordCount(q.text) < MIN_STATEMENT_WORDS),
  ];
  const chosen: Quote[] = [];
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
