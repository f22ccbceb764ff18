import { attributeQuote } from "./attribution.ts";
import { REPORTING_VERBS } from "./lexicon.ts";
import { indexPeople } from "./people.ts";
import { findQuoteSpans, type QuoteSpan } from "./quote-spans.ts";
import { toWords } from "./words.ts";

/** A direct quotation of the body, as the Digest JSON carries it. */
export interface Quote {
  text: string;
  /** The speaker's name as the article first gives it in full, or null when it does not say. */
  speaker: string | null;
  /** Index into the article's paragraphs. */
  paragraph: number;
}

/** A quotation still carrying where it stands, for the rules that join and inherit. */
interface LocatedQuote extends Quote {
  span: QuoteSpan;
}

/** Words that may stand between two quotations and still leave them one speaker's. */
const CONTINUATION_GAP = 20;

/**
 * Every direct quotation of the body, in order, with its speaker. Attribution rules are in
 * `attribution.ts`; this adds the ones that look across quotations:
 * - a quotation interrupted by its attribution (`"A," she said, "B."`) is one quotation whose
 *   text joins both parts with a space;
 * - a quotation nobody is named for, following a speaker's quotation with only that speaker's
 *   attribution between (`"A," Fernandes said. "B."`), is the same speaker's;
 * - a paragraph that opens with such a quotation continues the previous paragraph's last speaker
 *   when that paragraph ended on the quotation (the newswire way of quoting at length).
 */
export function extractQuotes(paragraphs: readonly string[]): Quote[] {
  const spansByParagraph = paragraphs.map(findQuoteSpans);
  const masked = paragraphs.map((text, i) => blankOut(text, spansByParagraph[i] ?? []));
  const people = indexPeople(masked);
  const quotes: LocatedQuote[] = [];
  spansByParagraph.forEach((spans, paragraph) => {
    const text = masked[paragraph] ?? "";
    const inParagraph: LocatedQuote[] = [];
    spans.forEach((span, i) => {
      const nextOpen = spans[i + 1]?.open ?? text.length;
      const previousClose = spans[i - 1]?.close ?? -1;
      const { speaker } = attributeQuote(people, text, paragraph, span, nextOpen, previousClose);
      const quote: LocatedQuote = {
        text: span.text,
        speaker: speaker?.name ?? null,
        paragraph,
        span,
      };
      const previous = inParagraph[inParagraph.length - 1];
      const gap = previous ? text.slice(previous.span.close + 1, span.open) : "";
      if (previous && isSplitQuotation(previous, gap)) {
        previous.text = `${previous.text} ${quote.text}`;
        previous.speaker ??= quote.speaker;
        previous.span = { ...previous.span, close: span.close };
        return;
      }
      if (quote.speaker === null && previous?.speaker && toWords(gap).length <= CONTINUATION_GAP) {
        quote.speaker = previous.speaker;
      }
      if (quote.speaker === null && i === 0 && span.open === 0) {
        quote.speaker = continuedSpeaker(quotes, masked, paragraph);
      }
      inParagraph.push(quote);
    });
    quotes.push(...inParagraph);
  });
  return quotes.map(({ text, speaker, paragraph }) => ({ text, speaker, paragraph }));
}

/** `"A," she said, "B."`: first part ends with a comma, the gap is a short attribution ending in one. */
function isSplitQuotation(previous: LocatedQuote, gap: string): boolean {
  const words = toWords(gap);
  return (
    previous.text.endsWith(",") &&
    words.length > 0 &&
    words.length <= 8 &&
    /,\s*$/u.test(gap) &&
    words.some((w) => REPORTING_VERBS.has(w.lower))
  );
}

function continuedSpeaker(
  quotes: readonly LocatedQuote[],
  masked: readonly string[],
  paragraph: number,
): string | null {
  const last = quotes[quotes.length - 1];
  if (!last || last.paragraph !== paragraph - 1 || !last.speaker) return null;
  const tail = (masked[last.paragraph] ?? "").slice(last.span.close + 1);
  return toWords(tail).length <= CONTINUATION_GAP ? last.speaker : null;
}

/** Replaces each quotation, marks included, by spaces, so offsets still line up. */
export function blankOut(text: string, spans: readonly QuoteSpan[]): string {
  let out = "";
  let at = 0;
  for (const span of spans) {
    const end = Math.min(text.length, span.close + 1);
    out += text.slice(at, span.open) + " ".repeat(end - span.open);
    at = end;
  }
  return out + text.slice(at);
}
