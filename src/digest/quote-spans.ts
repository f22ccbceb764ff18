/**
 * Finds the direct quotations of one paragraph: where each opens and closes, in any newsroom's
 * quotation style.
 *
 * Two families of marks (the table `QUOTE_MARKS`): double (`"`, `“ ”`, `„`, `« »`) and single
 * (`'`, `‘ ’`, `‚`, `‹ ›`). One family is the article's outer one (American style: double;
 * British style: single, the inner quotation in double marks); `outerFamily` decides it for
 * a whole article from which family's spans stand outside the other's. A quotation inside a
 * quotation belongs to the outer one and is never a span of its own.
 *
 * Double marks, in the order the rules apply to each mark:
 * - `“`, `„`, `«` open; `”`, `»` close. `“` met while a quotation is open closes it when it sits
 *   after a word and before a space or punctuation (newswire often closes with the wrong mark);
 *   otherwise the open quotation never closed and ends where the new one begins.
 * - A straight `"` opens when none is open and closes when one is. One glued to the end of a word
 *   with none open is a stray closer and is ignored.
 * - A closing mark with nothing open is ignored.
 * - A quotation still open at the end of the paragraph runs to the end of the paragraph (the
 *   newswire convention for a quotation that goes on in the next paragraph), never further.
 *
 * Single marks share their glyphs with the apostrophe, so each mark is first given a role:
 * - between two letters or digits (`don't`, `O’Brien`) it is an apostrophe;
 * - after a space and before a word it opens, unless it elides (`'90s`, `'em`, `rock 'n' roll`);
 * - after a word or closing punctuation and before a space, punctuation or the end it closes;
 *   after an `s` and before a word (`the parents' rights`) it may be a plural possessive, so it
 *   closes only when no surer closer follows before the next opening mark.
 * An opening single mark never closed runs to the end of the paragraph only where a quotation
 * may go on into the next paragraph (it opens the paragraph, or the next one opens with a mark);
 * elsewhere it was an apostrophe after all and is dropped.
 */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or the paragraph's length when the quotation never closes. */
  close: number;
  /** What stands between the marks, whitespace folded. */
  text: string;
}

/** The two families of quotation marks: which glyphs open, close, or do either. */
export const QUOTE_MARKS = {
  double: { opens: "“„«", closes: "”»", either: '"' },
  single: { opens: "‘‚‹", closes: "’›", either: "'" },
} as const;

export type QuoteFamily = keyof typeof QUOTE_MARKS;

export interface QuoteSpanOptions {
  /** The article's outer family; without it the paragraph decides alone. */
  outer?: QuoteFamily;
  /** The next paragraph opens with a quotation mark (a quotation may run on into it). */
  nextOpensQuote?: boolean;
}

const DOUBLE_MARKS = /["“”„«»]/u;
const SINGLE_MARKS = /['‘’‚‹›]/u;

/** Words a leading apostrophe shortens (`'em`, `'n'`, `'tis`): never an opening mark. */
const ELISIONS = /^(?:em|n|t|s|tis|twas|til|cause|bout|nuff|cos|ello|ere)(?![\p{L}\p{N}])/iu;

export function findQuoteSpans(paragraph: string, options: QuoteSpanOptions = {}): QuoteSpan[] {
  const outer = options.outer ?? outerFamily([paragraph]);
  const raw =
    outer === "single"
      ? withOtherFamily(paragraph, scanSingleMarks(paragraph, options), scanDoubleMarks)
      : withOtherFamily(paragraph, scanDoubleMarks(paragraph), (text) =>
          scanSingleMarks(text, options),
        );
  return raw
    .map(({ open, close }) => ({
      open,
      close,
      text: paragraph
        .slice(open + 1, close)
        .replace(/\s+/gu, " ")
        .trim(),
    }))
    .filter((span) => span.text !== "");
}

/**
 * The family whose quotations stand outside the other's across the article, counted in words
 * (a title in single marks inside an American article weighs little against its speech). Ties
 * go to double marks, the commoner style.
 */
export function outerFamily(paragraphs: readonly string[]): QuoteFamily {
  let doubleWords = 0;
  let singleWords = 0;
  for (const text of paragraphs) {
    const hasDouble = DOUBLE_MARKS.test(text);
    const hasSingle = SINGLE_MARKS.test(text);
    if (!hasSingle) {
      if (hasDouble) doubleWords += wordsIn(text, scanDoubleMarks(text), []);
      continue;
    }
    const singles = scanSingleMarks(text, { nextOpensQuote: false });
    if (!hasDouble) {
      singleWords += wordsIn(text, singles, []);
      continue;
    }
    const doubles = scanDoubleMarks(text);
    doubleWords += wordsIn(text, doubles, singles);
    singleWords += wordsIn(text, singles, doubles);
  }
  return singleWords > doubleWords ? "single" : "double";
}

type Range = { open: number; close: number };

/** Words in the spans that no span of the other family holds. */
function wordsIn(text: string, spans: readonly Range[], others: readonly Range[]): number {
  let n = 0;
  for (const s of spans) {
    if (others.some((o) => o.open < s.open && s.close <= o.close)) continue;
    n += text
      .slice(s.open + 1, s.close)
      .split(/\s+/u)
      .filter(Boolean).length;
  }
  return n;
}

/**
 * The outer family's spans, plus the other family's spans that stand outside every one of them
 * (a quotation written in the other style); the other family's spans inside are inner quotations.
 */
function withOtherFamily(
  text: string,
  outerSpans: Range[],
  scanOther: (text: string) => Range[],
): Range[] {
  if (outerSpans.length === 0) return scanOther(text);
  // Built in one pass: re-slicing the whole paragraph per span took time in the square of the
  // quotations (a 1.5 MB paragraph of junk marks: 7 s).
  const parts: string[] = [];
  let at = 0;
  for (const s of outerSpans) {
    const from = Math.max(at, s.open);
    const end = Math.min(text.length, s.close + 1);
    if (end <= from) continue;
    parts.push(text.slice(at, from), " ".repeat(end - from));
    at = end;
  }
  parts.push(text.slice(at));
  const others = scanOther(parts.join(""));
  return [...outerSpans, ...others].sort((a, b) => a.open - b.open);
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/u.test(ch);
}

function isPunctuationOrEnd(ch: string | undefined): boolean {
  return ch === undefined || /[\s.,;:!?)\]—–-]/u.test(ch);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

function scanDoubleMarks(text: string): Range[] {
  const spans: Range[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === undefined || !DOUBLE_MARKS.test(ch)) continue;
    const before = text[i - 1];
    const after = text[i + 1];
    if (ch === "”" || ch === "»") {
      if (open !== -1) {
        spans.push({ open, close: i });
        open = -1;
      }
    } else if (ch === '"') {
      if (open !== -1) {
        spans.push({ open, close: i });
        open = -1;
      } else if (!(before !== undefined && !isSpace(before) && isPunctuationOrEnd(after))) {
        open = i;
      }
    } else if (open === -1) {
      open = i;
    } else if (!isSpace(before) && isPunctuationOrEnd(after)) {
      spans.push({ open, close: i });
      open = -1;
    } else {
      spans.push({ open, close: i });
      open = i;
    }
  }
  if (open !== -1) spans.push({ open, close: text.length });
  return spans;
}

/** What a single mark does where it stands. `weak-close`: a closer or a plural possessive. */
type SingleRole = "open" | "close" | "weak-close" | "apostrophe";

function singleRole(text: string, i: number): SingleRole {
  const ch = text[i];
  if (ch === "‹" || ch === "‚") return "open";
  if (ch === "›") return "close";
  const before = text[i - 1];
  const after = text[i + 1];
  const wordBefore = isWordChar(before);
  const wordAfter = isWordChar(after);
  if (wordBefore && wordAfter) return "apostrophe";
  if (wordBefore) {
    // The second mark of `rock 'n' roll`.
    if (/(?:^|\s)['‘’]\p{L}$/u.test(text.slice(Math.max(0, i - 3), i))) return "apostrophe";
    if (!isPunctuationOrEnd(after) && !/["“”]/u.test(after ?? "")) return "apostrophe";
    // `the parents' rights`: a plural possessive looks like a closer followed by a word.
    const possessive = /s/iu.test(before ?? "") && after === " " && isWordChar(text[i + 2]);
    return possessive ? "weak-close" : "close";
  }
  // Not after a word: after a space or an opening bracket it opens, after punctuation it closes
  // (`…ringleader,"'`: after an inner quotation's closing mark too).
  if (/["”»]/u.test(before ?? "") && isPunctuationOrEnd(after)) return "close";
  // After a comma or full stop it closes, even glued to the next word (`audiences,'Katie`).
  if (/[.,!?;:…]/u.test(before ?? "")) return "close";
  if (before === undefined || /[\s([{—–\-/"“„«]/u.test(before)) {
    // Spaced on both sides: a closer set off from its quotation (`brain," ' said`), or nothing.
    if (isSpace(after))
      return /[.,!?;:…"”»—–-]$/u.test(text.slice(0, i).trimEnd()) ? "close" : "apostrophe";
    const rest = text.slice(i + 1, i + 8);
    if (/^\d{2}(?:s\b|\b)/u.test(rest) || ELISIONS.test(rest)) return "apostrophe";
    return "open";
  }
  return isPunctuationOrEnd(after) || /["“”]/u.test(after ?? "") ? "close" : "apostrophe";
}

function scanSingleMarks(text: string, options: QuoteSpanOptions): Range[] {
  const spans: Range[] = [];
  let open = -1;
  let weak = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === undefined || !SINGLE_MARKS.test(ch)) continue;
    const role = singleRole(text, i);
    if (role === "apostrophe") continue;
    if (open === -1) {
      if (role === "open") open = i;
      continue;
    }
    if (role === "close") {
      spans.push({ open, close: i });
      open = -1;
      weak = -1;
    } else if (role === "weak-close") {
      if (weak === -1) weak = i;
    } else if (weak !== -1) {
      // A new quotation opens: the possessive-looking mark before it was the closer.
      spans.push({ open, close: weak });
      open = i;
      weak = -1;
    }
  }
  if (open !== -1) {
    if (weak !== -1) spans.push({ open, close: weak });
    else if (options.nextOpensQuote || text.slice(0, open).trim() === "")
      spans.push({ open, close: text.length });
  }
  return spans;
}

/** Whether a paragraph opens with a quotation mark of either family. */
export function opensWithQuote(paragraph: string): boolean {
  return /^\s*["“„«'‘‚‹]/u.test(paragraph);
}
