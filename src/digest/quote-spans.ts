/**
 * Finds the direct quotations of one paragraph: where each opens and closes.
 *
 * Rules, in the order they are applied to each quote mark:
 * - `“`, `„`, `«` open; `”`, `»` close. `“` met while a quotation is open closes it when it sits
 *   after a word and before a space or punctuation (newswire often closes with the wrong mark);
 *   otherwise the open quotation never closed and ends where the new one begins.
 * - A straight `"` opens when none is open and closes when one is. One glued to the end of a word
 *   with none open is a stray closer and is ignored.
 * - A closing mark with nothing open is ignored.
 * - A quotation still open at the end of the paragraph runs to the end of the paragraph (the
 *   newswire convention for a quotation that goes on in the next paragraph), never further.
 * - Single marks `‘…’` count only in a paragraph with no double marks (British style); there `’`
 *   closes only before a space, punctuation or the end, since inside a word it is an apostrophe.
 */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or the paragraph's length when the quotation never closes. */
  close: number;
  /** What stands between the marks, whitespace folded. */
  text: string;
}

const DOUBLE_MARKS = /["“”„«»]/u;

export function findQuoteSpans(paragraph: string): QuoteSpan[] {
  const spans = DOUBLE_MARKS.test(paragraph)
    ? scanDoubleMarks(paragraph)
    : scanSingleMarks(paragraph);
  return spans
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

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/u.test(ch);
}

function isPunctuationOrEnd(ch: string | undefined): boolean {
  return ch === undefined || /[\s.,;:!?)\]—–-]/u.test(ch);
}

function scanDoubleMarks(text: string): Array<{ open: number; close: number }> {
  const spans: Array<{ open: number; close: number }> = [];
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

function scanSingleMarks(text: string): Array<{ open: number; close: number }> {
  const spans: Array<{ open: number; close: number }> = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "‘" && open === -1 && (i === 0 || /[\s(]/u.test(text[i - 1] ?? ""))) {
      open = i;
    } else if (
      ch === "’" &&
      open !== -1 &&
      !isSpace(text[i - 1]) &&
      isPunctuationOrEnd(text[i + 1])
    ) {
      spans.push({ open, close: i });
      open = -1;
    }
  }
  if (open !== -1) spans.push({ open, close: text.length });
  return spans;
}
