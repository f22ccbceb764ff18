/**
 * Rewrites an American-style article in British quotation style, words unchanged, so that
 * `npm run eval -- DIR --style …` shows whether the figures hold in that style: the outer
 * quotation in single marks, a quotation inside it in double marks. `british-straight` writes
 * every mark and apostrophe straight (`'`, `"`), as plain text and many feeds carry them.
 */
import { findQuoteSpans } from "../../src/digest/quote-spans.ts";

export const STYLES = ["as-written", "british-curly", "british-straight"] as const;
export type QuoteStyle = (typeof STYLES)[number];

const MARKS = {
  "british-curly": { open: "‘", close: "’", innerOpen: "“", innerClose: "”" },
  "british-straight": { open: "'", close: "'", innerOpen: '"', innerClose: '"' },
} as const;

/** One paragraph in `style`. */
export function rewriteParagraph(text: string, style: QuoteStyle): string {
  if (style === "as-written") return text;
  const marks = MARKS[style];
  let out = "";
  let at = 0;
  for (const span of findQuoteSpans(text, { outer: "double" })) {
    if (!/["“„«]/u.test(text[span.open] ?? "")) continue;
    const closed = span.close < text.length;
    out += text.slice(at, span.open) + marks.open;
    out += rewriteInner(text.slice(span.open + 1, span.close), style);
    if (closed) out += marks.close;
    at = closed ? span.close + 1 : span.close;
  }
  return straighten(out + text.slice(at), style);
}

/**
 * What stands between a quotation's outer marks, in `style`: the quotation inside it moves from
 * single to double marks. Gold quotation texts go through this too, so they match.
 */
export function rewriteInner(inner: string, style: QuoteStyle): string {
  if (style === "as-written") return inner;
  const marks = MARKS[style];
  let out = "";
  let at = 0;
  for (const span of findQuoteSpans(inner, { outer: "single" })) {
    if (!/['‘‚‹]/u.test(inner[span.open] ?? "")) continue;
    const closed = span.close < inner.length;
    out += inner.slice(at, span.open) + marks.innerOpen + inner.slice(span.open + 1, span.close);
    if (closed) out += marks.innerClose;
    at = closed ? span.close + 1 : span.close;
  }
  return straighten(out + inner.slice(at), style);
}

function straighten(text: string, style: QuoteStyle): string {
  return style === "british-straight" ? text.replace(/[‘’]/gu, "'").replace(/[“”]/gu, '"') : text;
}
