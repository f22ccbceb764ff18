import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { Article, ArticleMeta } from "../digest/article.ts";
import { cleanMeta } from "../digest/article.ts";
import { cleanText } from "../digest/clean.ts";
import { NewsletterError } from "../errors.ts";
import { firstSentence, isTruncatedExcerpt, withoutBoilerplate } from "./boilerplate.ts";

/**
 * Articles from HTML: a page's article text found by Mozilla's Readability (on linkedom, no
 * browser), or a feed item's content. Paragraphs are the text of the block elements, in order,
 * with their quotation marks as written; navigation, ads and comments are what Readability
 * leaves out.
 */

/** Block elements whose text is a paragraph. */
const BLOCKS = "p, blockquote, li, h2, h3, pre";

/** The paragraphs of an HTML fragment: each block element's text, cleaned, empty ones dropped. */
export function paragraphsFromHtml(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  type Block = { querySelector(selector: string): unknown; textContent: string | null };
  const blocks = Array.from(document.querySelectorAll(BLOCKS) as ArrayLike<Block>).filter(
    // The innermost blocks only: a <blockquote><p> is one paragraph, not two.
    (el) => el.querySelector(BLOCKS) === null,
  );
  const texts =
    blocks.length > 0
      ? blocks.map((el) => el.textContent ?? "")
      : [document.body.textContent ?? ""];
  return texts.map((t) => cleanText(t)).filter((t) => t !== "");
}

/**
 * A whole page: Readability's article, its title as the headline, the page's description (or
 * the first paragraph) as the standfirst, and what the page says of itself as meta.
 */
export function articleFromPage(html: string, url: string | undefined, source: string): Article {
  const { document } = parseHTML(html);
  const described = (name: string) =>
    document
      .querySelector(`meta[property="${name}"], meta[name="${name}"]`)
      ?.getAttribute("content") ?? undefined;
  const parsed = new Readability(document as never, { charThreshold: 200 }).parse();
  if (!parsed?.content)
    throw new NewsletterError(
      "ARTICLE_NO_BODY",
      `${source}: no article text was found on the page`,
    );
  // The byline is meta, not a paragraph of the story.
  const byline = cleanText(parsed.byline ?? "");
  const paragraphs = withoutBoilerplate(paragraphsFromHtml(parsed.content)).filter(
    (p) => !byline || (p !== byline && p !== `By ${byline.replace(/^by\s+/iu, "")}`),
  );
  const headline = cleanText(parsed.title ?? described("og:title") ?? "");
  if (!headline || paragraphs.length === 0)
    throw new NewsletterError(
      "ARTICLE_NO_BODY",
      `${source}: the page has no headline or no paragraphs`,
    );
  const excerpt = cleanText(
    described("og:description") ?? described("description") ?? parsed.excerpt ?? "",
  );
  // An excerpt cut from the body (`…`) is not a standfirst: the first sentence is.
  const cut = excerpt !== "" && isTruncatedExcerpt(excerpt);
  const standfirst =
    excerpt && excerpt !== paragraphs[0] && !cut
      ? excerpt
      : cut && paragraphs.length > 1
        ? firstSentence(paragraphs[0] as string)
        : (paragraphs.shift() as string);
  if (paragraphs.length === 0)
    throw new NewsletterError(
      "ARTICLE_NO_BODY",
      `${source}: the page's article has only one paragraph`,
    );
  const meta: ArticleMeta | undefined = cleanMeta({
    url: described("og:url") ?? url,
    byline: parsed.byline ?? described("author") ?? undefined,
    published: parsed.publishedTime ?? described("article:published_time") ?? undefined,
    source: parsed.siteName ?? described("og:site_name") ?? undefined,
  });
  return meta ? { headline, standfirst, paragraphs, meta } : { headline, standfirst, paragraphs };
}
