import { sentenceEndsOutsideQuotes } from "./attribution/quotes.ts";

/** The lead aims for this many words and stops at the first sentence end past it. */
const LEAD_TARGET_WORDS = 25;
/** A lead is never longer than this; a longer first sentence is cut at a word with `…`. */
const LEAD_MAX_WORDS = 50;
/** Only the start of a paragraph is read: a lead never needs more. */
const LEAD_READ_CHARS = 4000;

/**
 * A short summary for the top of the email, made of the article's own opening sentences: whole
 * sentences from the first paragraph on until the lead has about 25 words, at most 50. Sentence
 * ends inside a quotation do not count (`reiterate “… aggression. Russian”.` is one sentence).
 */
export function buildLead(paragraphs: readonly string[]): string {
  const sentences: string[] = [];
  let count = 0;
  for (const whole of paragraphs) {
    const paragraph = whole.slice(0, LEAD_READ_CHARS);
    const ends = sentenceEndsOutsideQuotes(paragraph);
    if (ends[ends.length - 1] !== paragraph.length) ends.push(paragraph.length);
    let start = 0;
    for (const end of ends) {
      const sentence = paragraph.slice(start, end).trim();
      start = end;
      const words = sentence.split(/\s+/u).filter((w) => w !== "");
      if (count + words.length > LEAD_MAX_WORDS) {
        if (count > 0) return sentences.join(" ");
        return `${words
          .slice(0, LEAD_MAX_WORDS)
          .join(" ")
          .replace(/[\s,;:]+$/u, "")}…`;
      }
      sentences.push(sentence);
      count += words.length;
      if (count >= LEAD_TARGET_WORDS) return sentences.join(" ");
    }
  }
  return sentences.join(" ");
}
