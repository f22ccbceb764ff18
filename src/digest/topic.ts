/** A sidebar topic: its title and the words that mark a paragraph as being about it. */
export interface Topic {
  title: string;
  terms: string[];
}

/**
 * Endings a term may take and still be the same word: plurals, possessives and demonyms
 * (`Belarus` → `Belarusian`, `Russia` → `Russians`, `China` → `Chinese`).
 */
const INFLECTIONS = "(?:s|es|n|ns|an|ans|ian|ians|ese|i|is|['’]s)?";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** A matcher for whole-word, any-case occurrences of the topic's terms, with inflections. */
export function topicMatcher(topic: Topic): RegExp | undefined {
  const terms = topic.terms.map((t) => t.trim()).filter((t) => t !== "");
  if (terms.length === 0) return undefined;
  const alternatives = terms.map((t) => escapeRegExp(t)).join("|");
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})${INFLECTIONS}(?![\\p{L}\\p{N}])`, "iu");
}

/** Indexes of the paragraphs about the topic, in order. */
export function topicParagraphs(paragraphs: readonly string[], topic: Topic): number[] {
  const matcher = topicMatcher(topic);
  if (!matcher) return [];
  const found: number[] = [];
  paragraphs.forEach((p, i) => {
    if (matcher.test(p)) found.push(i);
  });
  return found;
}
