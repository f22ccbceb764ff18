import { parseFeed } from "feedsmith";
import { NewsletterError } from "../errors.ts";

/**
 * A feed (RSS 2.0, Atom, JSON Feed, RSS 1.0), parsed by feedsmith, as the few things an issue
 * needs of each item. The newest item is the one with the latest date (the first one when no
 * item has a date).
 */

export interface FeedItem {
  /** Stable identity: the guid / id, else the link. */
  id: string;
  title: string;
  url: string | undefined;
  published: string | undefined;
  byline: string | undefined;
  /** The item's full content (content:encoded, Atom content, content_html), if any. */
  contentHtml: string | undefined;
  /** Its summary (description, Atom summary, JSON summary). */
  summaryHtml: string | undefined;
}

export interface ParsedFeed {
  title: string | undefined;
  items: FeedItem[];
}

type Loose = Record<string, unknown>;
const text = (v: unknown): string | undefined => {
  if (typeof v === "string") return v.trim() || undefined;
  if (v && typeof v === "object" && "value" in (v as Loose)) return text((v as Loose).value);
  return undefined;
};

export function readFeed(body: string, source: string): ParsedFeed {
  let parsed: { format: string; feed: Loose };
  try {
    parsed = parseFeed(body) as unknown as { format: string; feed: Loose };
  } catch (error) {
    throw new NewsletterError(
      "FEED_INVALID",
      `${source}: not a feed (RSS, Atom or JSON Feed): ${(error as Error).message.split("\n")[0]}`,
      { cause: error },
    );
  }
  const feed = parsed.feed;
  const raw = ((parsed.format === "atom" ? feed.entries : feed.items) ?? []) as Loose[];
  const items = raw
    .map((item) => normalise(parsed.format, item))
    .filter((i): i is FeedItem => i !== undefined);
  return { title: text(feed.title), items };
}

function normalise(format: string, item: Loose): FeedItem | undefined {
  const links = (item.links ?? []) as Loose[];
  const atomLink = links.find((l) => !l.rel || l.rel === "alternate")?.href ?? links[0]?.href;
  const url = text(item.link) ?? text(item.url) ?? text(atomLink);
  const id = text(item.guid) ?? text(item.id) ?? url;
  const title = text(item.title);
  if (!id || !title) return undefined;
  const authors = (item.authors ?? []) as Loose[];
  const dc = (item.dc ?? {}) as Loose;
  const byline =
    text(authors[0]?.name) ??
    text((dc.creators as unknown[] | undefined)?.[0]) ??
    text(dc.creator) ??
    text(item.author);
  const published =
    text(item.pubDate) ??
    text(item.published) ??
    text(item.date_published) ??
    text(item.updated) ??
    text(dc.date);
  const content = (item.content ?? {}) as Loose;
  const contentHtml =
    format === "rss" || format === "rdf"
      ? text(content.encoded)
      : format === "json"
        ? (text(item.content_html) ?? text(item.content_text))
        : text(item.content);
  const summaryHtml = text(item.description) ?? text(item.summary);
  return { id, title, url, published, byline, contentHtml, summaryHtml };
}

/** The newest item: the latest date wins; without dates, the feed's first item. */
export function newestItem(feed: ParsedFeed): FeedItem | undefined {
  let best: FeedItem | undefined;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const item of feed.items) {
    const time = item.published ? new Date(item.published).getTime() : Number.NaN;
    const t = Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
    if (best === undefined || t > bestTime) {
      best = item;
      bestTime = t;
    }
  }
  return best;
}
