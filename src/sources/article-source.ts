// sources/: where an article comes from (seeds, feeds, pages, bounded fetch).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Article } from "../digest/article.ts";
import { cleanMeta } from "../digest/article.ts";
import { cleanText } from "../digest/clean.ts";
import { NewsletterError } from "../errors.ts";
import { firstSentence, isTruncatedExcerpt, withoutBoilerplate } from "./boilerplate.ts";
import type { FeedItem } from "./feed.ts";
import { readRegularFile } from "./read-file.ts";
import { loadArticle, newestSeed } from "./seeds.ts";

// The feed reader, the fetcher and the page reader (feedsmith, undici, linkedom: a third of the
// files a render would load) are loaded only for an article that needs them, not for a seed.
const feedReader = () => import("./feed.ts");
const fetcher = () => import("./fetch-bounded.ts");
const pageReader = () => import("./html-article.ts");

/**
 * Where an issue's article comes from: a `.txt` in the seeds format (front matter may give its
 * url, byline and date), an article page by URL or `.html` file (Readability finds the text),
 * or a feed's newest item (NEWSLETTER_FEED, by URL or file). Each gives the article, the bytes
 * its issue id hashes, and its identity: the file's name, the page's URL, or the feed item's id.
 */
export interface LoadedArticle {
  article: Article;
  bytes: Buffer;
  /** The article's identity: "was it sent?" is asked of this, so an edit is not a new one. */
  key: string;
  /** Where it came from, for messages. */
  file: string;
}

const MAX_PAGE_BYTES = 10 * 1024 * 1024;

export async function loadArticleSource(
  settings: { seedsDir: string; feed?: string | undefined; dataDir?: string | undefined },
  spec: string | undefined,
): Promise<LoadedArticle> {
  if (spec === undefined && settings.feed) return loadFeedArticle(settings.feed, settings.dataDir);
  const file = spec ?? newestSeed(settings.seedsDir);
  if (/^https?:\/\//iu.test(file)) {
    const [{ fetchBounded }, { articleFromPage }] = await Promise.all([fetcher(), pageReader()]);
    const page = await fetchBounded(file, { maxBytes: MAX_PAGE_BYTES });
    if (page.kind !== "ok") throw new NewsletterError("FETCH_FAILED", `${file}: no page`);
    return {
      article: articleFromPage(page.body, page.url, file),
      bytes: Buffer.from(page.body),
      key: file,
      file,
    };
  }
  if (/\.x?html?$/iu.test(file)) {
    const { articleFromPage } = await pageReader();
    const html = readSmall(file, MAX_PAGE_BYTES);
    return {
      article: articleFromPage(html.toString("utf8"), undefined, file),
      bytes: html,
      key: path.basename(file),
      file,
    };
  }
  const { article, bytes } = loadArticle(file);
  return { article, bytes, key: path.basename(file), file };
}

/**
 * The feed's newest item as an article. Between ticks the feed is asked with its ETag and
 * Last-Modified; an unchanged feed (304) is read from the copy kept in the data folder.
 */
export async function loadFeedArticle(
  feed: string,
  dataDir: string | undefined,
): Promise<LoadedArticle> {
  const body = /^https?:\/\//iu.test(feed)
    ? await fetchFeed(feed, dataDir)
    : readSmall(feed, MAX_PAGE_BYTES).toString("utf8");
  const { newestItem, readFeed } = await feedReader();
  const parsed = readFeed(body, feed);
  const item = newestItem(parsed);
  if (!item) throw new NewsletterError("FEED_INVALID", `${feed}: the feed has no items`);
  const article = await itemArticle(item, parsed.title, feed, sameSite(feed));
  return {
    article,
    bytes: Buffer.from(JSON.stringify(article)),
    key: `feed:${item.id}`.slice(0, 500),
    file: item.url ?? feed,
  };
}

/**
 * Which hosts a feed's item pages may be fetched from: the feed's own site (its domain and
 * subdomains). A feed is untrusted text: its links must not make us fetch other addresses, such
 * as services on this machine's network.
 */
function sameSite(feed: string): ((hostname: string) => boolean) | undefined {
  if (!/^https?:\/\//iu.test(feed)) return undefined;
  const base = new URL(feed).hostname.replace(/^www\./iu, "").toLowerCase();
  return (hostname) => {
    const host = hostname.toLowerCase();
    return host === base || host.endsWith(`.${base}`);
  };
}

async function itemArticle(
  item: FeedItem,
  site: string | undefined,
  feed: string,
  allowHost: ((hostname: string) => boolean) | undefined,
): Promise<Article> {
  const meta = cleanMeta({
    url: item.url,
    byline: item.byline,
    published: item.published,
    source: site,
  });
  const { articleFromPage, paragraphsFromHtml } = await pageReader();
  const content = withoutBoilerplate(paragraphsFromHtml(item.contentHtml ?? ""));
  // Only a summary in the feed (no content, or a single paragraph): the story is on its page.
  if (content.length < 2 && item.url) {
    const { fetchBounded } = await fetcher();
    const page = await fetchBounded(item.url, {
      maxBytes: MAX_PAGE_BYTES,
      ...(allowHost ? { allowHost } : {}),
    });
    if (page.kind === "ok") {
      const fromPage = articleFromPage(page.body, page.url, item.url);
      return { ...fromPage, headline: cleanText(item.title), meta: { ...fromPage.meta, ...meta } };
    }
  }
  const summaryParagraphs = withoutBoilerplate(paragraphsFromHtml(item.summaryHtml ?? ""));
  const paragraphs = content.length > 0 ? content : summaryParagraphs;
  const summary = summaryParagraphs[0];
  // An excerpt the platform cut from the body is not a standfirst: the first sentence is.
  const cut = summary !== undefined && isTruncatedExcerpt(summary);
  const standfirst =
    summary && summary !== paragraphs[0] && !cut
      ? summary
      : cut && content.length > 1
        ? firstSentence(paragraphs[0] as string)
        : paragraphs.shift();
  if (!standfirst || paragraphs.length === 0)
    throw new NewsletterError(
      "ARTICLE_NO_BODY",
      `${feed}: the newest item (${item.title}) has no text to digest`,
    );
  return meta
    ? { headline: cleanText(item.title), standfirst, paragraphs, meta }
    : { headline: cleanText(item.title), standfirst, paragraphs };
}

interface FeedCache {
  url: string;
  etag?: string;
  lastModified?: string;
  body: string;
}

async function fetchFeed(url: string, dataDir: string | undefined): Promise<string> {
  const cacheFile = dataDir ? path.join(dataDir, "feed-cache.json") : undefined;
  let cache: FeedCache | undefined;
  try {
    if (cacheFile) cache = JSON.parse(readFileSync(cacheFile, "utf8")) as FeedCache;
    if (cache?.url !== url) cache = undefined;
  } catch {
    cache = undefined;
  }
  const { fetchBounded } = await fetcher();
  const result = await fetchBounded(url, {
    maxBytes: MAX_PAGE_BYTES,
    ...(cache?.etag ? { etag: cache.etag } : {}),
    ...(cache?.lastModified ? { lastModified: cache.lastModified } : {}),
  });
  if (result.kind === "not-modified" && cache) return cache.body;
  if (result.kind !== "ok") throw new NewsletterError("FETCH_FAILED", `${url}: no feed`);
  if (cacheFile) {
    const next: FeedCache = {
      url,
      body: result.body,
      ...(result.etag ? { etag: result.etag } : {}),
      ...(result.lastModified ? { lastModified: result.lastModified } : {}),
    };
    // Written whole then renamed: a crash never leaves half a cache.
    mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    writeFileSync(`${cacheFile}.tmp`, JSON.stringify(next), { mode: 0o600 });
    renameSync(`${cacheFile}.tmp`, cacheFile);
  }
  return result.body;
}

function readSmall(file: string, limit: number): Buffer {
  return readRegularFile(file, limit, {
    missing: "ARTICLE_NOT_FOUND",
    unreadable: "ARTICLE_UNREADABLE",
    tooLarge: "ARTICLE_TOO_LARGE",
  });
}
