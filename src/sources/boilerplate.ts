import { sentenceEndsOutsideQuotes } from "../digest/attribution/quotes.ts";

/**
 * What feed generators and blog platforms add to every item that is not the story: one table,
 * a row per pattern, each matched against a whole paragraph (short ones only, so a story that
 * happens to start the same way is kept). Removed before the digest sees the article.
 */
export const BOILERPLATE: ReadonlyArray<{ source: string; pattern: RegExp }> = [
  { source: "WordPress", pattern: /^The post .{1,300} appeared first on .{1,200}$/u },
  {
    source: "any",
    pattern:
      /^(?:Continue reading|Read more|Read the (?:full|rest of the) (?:story|article|post)|Keep reading|Read on)\b.{0,120}$/iu,
  },
  {
    source: "Medium",
    pattern: /^.{0,300}\bwas originally published in .{1,200} on Medium\b.{0,120}$/iu,
  },
  { source: "Medium", pattern: /^Originally published (?:in|at|on) .{1,200}$/iu },
  {
    source: "Substack",
    pattern:
      /^(?:Thanks for reading .{1,150}(?:Subscribe|subscribe).{0,150}|Subscribe now|Share|Leave a comment|Give a gift subscription)$/u,
  },
  {
    source: "Ghost",
    pattern: /^(?:Sign up for more like this\.?|Subscribe to .{1,100}|Sign in|Subscribe)$/u,
  },
  { source: "Blogger", pattern: /^(?:Posted by .{1,100} at .{1,60}|Labels?: .{1,200})$/u },
];

/** Longest paragraph the table is matched against: boilerplate is short. */
const MAX_BOILERPLATE_CHARS = 400;

export function isBoilerplate(paragraph: string): boolean {
  const text = paragraph.trim();
  return text.length <= MAX_BOILERPLATE_CHARS && BOILERPLATE.some((row) => row.pattern.test(text));
}

/** The paragraphs without the platform's additions. */
export function withoutBoilerplate(paragraphs: readonly string[]): string[] {
  return paragraphs.filter((p) => !isBoilerplate(p));
}

/**
 * An excerpt a platform cut from the body (`… [&#8230;]`, `…`, `Continue reading`): not a
 * standfirst, which says the story in its own words, but the lead again, cut short.
 */
export function isTruncatedExcerpt(text: string): boolean {
  return /(?:\[(?:…|\.\.\.)\]|…|\.\.\.|\bContinue reading\b.{0,80}|\bRead more\b.{0,40})\s*$/iu.test(
    text.trim(),
  );
}

/** The paragraph's first sentence (a full stop inside a quotation does not end it). */
export function firstSentence(paragraph: string): string {
  const end = sentenceEndsOutsideQuotes(paragraph)[0];
  return (end === undefined ? paragraph : paragraph.slice(0, end)).trim();
}
