/**
 * Rewrites an American-style article in British quotation style, words unchanged, so that
 * `npm run eval -- DIR --style …` shows whether the figures hold in that style: the outer
 * quotation in single marks, a quotation inside it in double marks. `british-straight` writes
 * every mark and apostrophe straight (`'`, `"`), as plain text and many feeds carry them.
 */
import { findQuoteSpans, type QuoteFamily } from "../../src/digest/quote-spans.ts";

export const STYLES = ["as-written", "british-curly", "british-straight"] as const;
export type QuoteStyle = (typeof STYLES)[number];

const MARKS = {
  "british-curly": { open: "‘", close: "’", innerOpen: "“", innerClose: "”" },
  "british-straight": { open: "'", close: "'", innerOpen: '"', innerClose: '"' },
} as const;

/** One paragraph in `style`. */
export function rewriteParagraph(text: string, style: QuoteStyle): string {
  if (style === "as-written") return text;
  const { open, close } = MARKS[style];
  return straighten(
    remark(text, "double", /["“„«]/u, open, close, (inner) => rewriteInner(inner, style)),
    style,
  );
}

/**
 * What stands between a quotation's outer marks, in `style`: the quotation inside it moves from
 * single to double marks. Gold quotation texts go through this too, so they match.
 */
export function rewriteInner(inner: string, style: QuoteStyle): string {
  if (style === "as-written") return inner;
  const { innerOpen, innerClose } = MARKS[style];
  return straighten(
    remark(inner, "single", /['‘‚‹]/u, innerOpen, innerClose, (t) => t),
    style,
  );
}

/** `text` with the marks of each span of `family` (read as the outer one) replaced. */
function remark(
  text: string,
  family: QuoteFamily,
  opener: RegExp,
  open: string,
  close: string,
  inside: (inner: string) => string,
): string {
  let out = "";
  let at = 0;
  for (const span of findQuoteSpans(text, { outer: family })) {
    if (!opener.test(text[span.open] ?? "")) continue;
    const closed = span.close < text.length;
    out += text.slice(at, span.open) + open + inside(text.slice(span.open + 1, span.close));
    if (closed) out += close;
    at = closed ? span.close + 1 : span.close;
  }
  return out + text.slice(at);
}

function straighten(text: string, style: QuoteStyle): string {
  return style === "british-straight" ? text.replace(/[‘’]/gu, "'").replace(/[“”]/gu, '"') : text;
}
