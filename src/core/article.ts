import { cleanText } from "./clean.ts";
import { NewsletterError } from "./errors.ts";

/** A parsed article: the shape every later stage of the pipeline starts from. */
export interface Article {
  headline: string;
  standfirst: string;
  /** Body paragraphs, cleaned, in order; neither headline nor standfirst is among them. */
  paragraphs: string[];
}

/**
 * Parses the seeds format: line 1 the headline, the next non-empty line the standfirst, then
 * paragraphs separated by blank lines. A body written one paragraph a line, with no blank line
 * at all, is read as one paragraph a line rather than as one huge paragraph.
 *
 * @param text the file's text, already decoded
 * @param source how to name the article in an error message (usually its path)
 */
export function parseArticle(text: string, source: string): Article {
  const lines = text.replace(/^\uFEFF/u, "").split(/\r\n|\r|\n/u);
  const firstLine = lines.findIndex((line) => line.trim() !== "");
  if (firstLine === -1) {
    throw new NewsletterError("ARTICLE_EMPTY", `${source}: the article is empty`);
  }
  const headline = cleanText(lines[firstLine] ?? "");
  const standfirstLine = lines.findIndex((line, i) => i > firstLine && line.trim() !== "");
  if (standfirstLine === -1) {
    throw new NewsletterError(
      "ARTICLE_NO_BODY",
      `${source}: the article has only a headline; line 2 should be the standfirst, then paragraphs`,
    );
  }
  const standfirst = cleanText(lines[standfirstLine] ?? "");
  const paragraphs = splitParagraphs(lines.slice(standfirstLine + 1));
  if (paragraphs.length === 0) {
    throw new NewsletterError(
      "ARTICLE_NO_BODY",
      `${source}: the article has a headline and a standfirst but no paragraphs after them`,
    );
  }
  return { headline, standfirst, paragraphs };
}

function splitParagraphs(bodyLines: string[]): string[] {
  const isBlank = (line: string) => line.trim() === "";
  const first = bodyLines.findIndex((line) => !isBlank(line));
  if (first === -1) return [];
  const last = bodyLines.findLastIndex((line) => !isBlank(line));
  const body = bodyLines.slice(first, last + 1);
  if (!body.some(isBlank)) {
    return body.map(cleanText).filter((p) => p !== "");
  }
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of [...body, ""]) {
    if (isBlank(line)) {
      if (current.length > 0) paragraphs.push(cleanText(current.join(" ")));
      current = [];
    } else {
      current.push(line);
    }
  }
  return paragraphs.filter((p) => p !== "");
}
