import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import { isNewsletterError } from "../../src/errors.ts";
import { loadArticleSource, loadFeedArticle } from "../../src/sources/article-source.ts";
import { fetchBounded } from "../../src/sources/fetch-bounded.ts";
import { type Publisher, startPublisher } from "../helpers/web.ts";

/** Issue 13: articles from feeds and pages, served by a local publisher. */

let web: Publisher;
beforeAll(async () => {
  web = await startPublisher();
});
afterAll(async () => {
  await web.close();
});

const NO_TOPIC = { title: "", terms: [] };

describe("feeds", () => {
  it("a WordPress RSS feed: the newest item, its full content:encoded text and who wrote it when", async () => {
    const { article, key, file } = await loadFeedArticle(`${web.base}/feed.xml`, undefined);
    expect(article.headline).toBe("Council approves the bridge plan after a long night");
    expect(article.meta).toEqual({
      url: `${web.base}/2026/11/24/bridge-plan/`,
      byline: "Maria Lopez",
      published: "2026-11-24T18:00:00.000Z",
      source: "The Riverside Courier",
    });
    expect(key).toBe(`feed:${web.base}/?p=4821`);
    expect(file).toBe(`${web.base}/2026/11/24/bridge-plan/`);
    const digest = buildDigest(article, NO_TOPIC);
    expect(digest.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ["a turning point for the river towns.", "Anna Keller"],
      ["We have waited thirty years for this,", "Anna Keller"],
      ["Tonight we stopped waiting.", "Anna Keller"],
      ["an expensive gamble with other people’s livelihoods.", "Tom Brandt"],
    ]);
    expect(digest).toMatchObject({ url: article.meta?.url, byline: "Maria Lopez" });
  });

  it("an Atom feed of summaries: the item's page is fetched, and only its article is read (no nav, ads, comments)", async () => {
    const { article } = await loadFeedArticle(`${web.base}/atom.xml`, undefined);
    expect(web.requests.some((r) => r.path === "/news/ferry-strike-ends.html")).toBe(true);
    expect(article.headline).toBe("Ferry strike ends as crews accept the offer");
    const text = [article.standfirst, ...article.paragraphs].join("\n");
    expect(text).not.toMatch(
      /Advertisement|Most read|About time|Subscribe for|All rights reserved/u,
    );
    expect(article.meta).toMatchObject({ byline: "Jon Ibarra", source: "Harbour Daily" });
    const quotes = buildDigest(article, NO_TOPIC).quotes.map((q) => [q.text, q.speaker]);
    expect(quotes).toEqual([
      ["the best we could get without hurting the islands any further.", "Carla Mendes"],
      ["Nobody wanted this to go on,", "Carla Mendes"],
      ["The crews will be back on the first sailing on Thursday.", "Carla Mendes"],
      ["a fair settlement for everyone who depends on these boats.", "Peter Hall"],
      ["cut off, in the middle of winter, for a dispute they had no part in.", "Ruth Okafor"],
    ]);
  });

  it("a JSON Feed item with its content_html", async () => {
    const { article } = await loadFeedArticle(`${web.base}/feed.json`, undefined);
    expect(article.headline).toBe("School roof to be repaired before the snow");
    expect(buildDigest(article, NO_TOPIC).quotes[0]).toMatchObject({ speaker: "Nora Quinn" });
    expect(article.meta?.byline).toBe("Ellis Park");
  });

  it("asks again with the ETag; an unchanged feed (304) is read from the kept copy", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "nl-feed-"));
    const first = await loadFeedArticle(`${web.base}/feed.xml`, dataDir);
    const before = web.requests.length;
    const second = await loadFeedArticle(`${web.base}/feed.xml`, dataDir);
    const asked = web.requests.slice(before).find((r) => r.path === "/feed.xml");
    expect(asked?.ifNoneMatch).toMatch(/^"/u);
    expect(second.article).toEqual(first.article);
  });

  it.each([
    ["a server that is down", "/down", /answered 503/u],
    ["a page that is not a feed", "/not-a-feed.xml", /not a feed/u],
    ["a redirect loop", "/loop", /more than 5 redirects/u],
    ["an address with nothing there", "/gone.xml", /answered 404/u],
  ])("%s is one clear line", async (_, route, message) => {
    const error = await loadFeedArticle(`${web.base}${route}`, undefined).catch((e: unknown) => e);
    expect(isNewsletterError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("never fetches an item's page off the feed's own site (a feed is untrusted text)", async () => {
    const atom = (web.routes.get("/atom.xml") as string).replace(
      `${web.base}/news/ferry-strike-ends.html`,
      `${web.base.replace("127.0.0.1", "localhost")}/news/ferry-strike-ends.html`,
    );
    web.routes.set("/atom-offsite.xml", atom);
    const before = web.requests.length;
    const error = await loadFeedArticle(`${web.base}/atom-offsite.xml`, undefined).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(
      /leads off the feed's own site \(localhost\); not fetched/u,
    );
    expect(web.requests.slice(before).map((r) => r.path)).toEqual(["/atom-offsite.xml"]);
  });

  it("a server that never answers is given up after the deadline", async () => {
    const error = await fetchBounded(`${web.base}/slow`, { timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/no answer within 0 s|no answer within/u);
  });

  it("a body larger than the limit is refused while it streams in", async () => {
    web.routes.set("/big.xml", "x".repeat(200_000));
    const error = await fetchBounded(`${web.base}/big.xml`, { maxBytes: 100_000 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/larger than/u);
  });
});

describe("pages", () => {
  it("an article page by URL and the same page as a file give the same paragraphs and quotations", async () => {
    const byUrl = await loadArticleSource(
      { seedsDir: "" },
      `${web.base}/news/ferry-strike-ends.html`,
    );
    const byFile = await loadArticleSource(
      { seedsDir: "" },
      path.join(import.meta.dirname, "../fixtures/web/ferry-strike-ends.html"),
    );
    expect(byFile.article.paragraphs).toEqual(byUrl.article.paragraphs);
    expect(byUrl.article.standfirst).toBe(
      "Crews voted to accept the offer after a week without ferries.",
    );
    expect(byUrl.article.paragraphs[0]).toMatch(/^Ferry crews voted on Tuesday night/u);
    expect(buildDigest(byUrl.article, NO_TOPIC).quotes).toHaveLength(5);
  });
});
