import { NewsletterError } from "../errors.ts";
import { cleanText } from "./clean.ts";

/** What the source says about an article, when it says it (a feed, a page, front matter). */
export interface ArticleMeta {
  /** The story's own address (http or https only). */
  url?: string;
  byline?: string;
  /** ISO 8601. */
  published?: string;
  /** The site's name. */
  source?: string;
}

/** A parsed article: the shape every later stage of the pipeline starts from. */
export interface Article {
  headline: string;
  standfirst: string;
  /** Body paragraphs, cleaned, in order; neither headline nor standfirst is among them. */
  paragraphs: string[];
  meta?: ArticleMeta;
}

/** The meta fields a `.txt` may give in front matter (`---` lines around `name: value`). */
const META_FIELDS = ["url", "byline", "published", "source"] as const;

/**
 * Reads front matter at the top of a `.txt` (`---`, then `url: …`, `byline: …`, `published: …`,
 * `source: …`, then `---`) and returns it with the rest of the text; unknown names are ignored,
 * and a value that is not what its name says (a url that is not http(s), a date that does not
 * parse) is dropped rather than shown.
 */
export function splitFrontMatter(text: string): { meta: ArticleMeta | undefined; body: string } {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]{0,4000}?)\r?\n---[ \t]*(?:\r?\n|$)/u.exec(text);
  if (!match) return { meta: undefined, body: text };
  const raw: Record<string, string> = {};
  for (const line of (match[1] ?? "").split(/\r?\n/u)) {
    const kv = /^\s*([a-z]+)\s*:\s*(.*?)\s*$/iu.exec(line);
    if (kv) raw[(kv[1] as string).toLowerCase()] = kv[2] as string;
  }
  const meta = cleanMeta(Object.fromEntries(META_FIELDS.map((f) => [f, raw[f]])));
  return { meta, body: text.slice(match[0].length) };
}

/** Keeps only meta values that are what they claim to be, bounded. */
export function cleanMeta(
  meta: Partial<Record<keyof ArticleMeta, string | undefined>>,
): ArticleMeta | undefined {
  const out: ArticleMeta = {};
  const url = meta.url?.trim();
  if (url && url.length <= 2000 && /^https?:\/\/[^\s"<>]+$/iu.test(url)) out.url = url;
  const byline = cleanText(meta.byline ?? "")
    .replace(/^by\s+/iu, "")
    .slice(0, 200);
  if (byline) out.byline = byline;
  const published = meta.published ? new Date(meta.published) : undefined;
  if (published && !Number.isNaN(published.getTime())) out.published = published.toISOString();
  const source = cleanText(meta.source ?? "").slice(0, 200);
  if (source) out.source = source;
  return Object.keys(out).length > 0 ? out : undefined;
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
  const { meta, body } = splitFrontMatter(text.replace(/^\uFEFF/u, ""));
  const lines = body.split(/\r\n|\r|\n/u);
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
  return meta ? { headline, standfirst, paragraphs, meta } : { headline, standfirst, paragraphs };
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
