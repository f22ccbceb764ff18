import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScheduler } from "../../src/daemon/scheduler.ts";
import { renderIssue } from "../../src/issue/render-issue.ts";
import { addSubscribers, SqliteStore } from "../helpers/delivery.ts";
import { tempProject, testConfig, writeArticle } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { waitFor } from "../helpers/spawn.ts";
import { type Publisher, startPublisher } from "../helpers/web.ts";

/**
 * Issue 13 end to end: the daemon on a per-second schedule with NEWSLETTER_FEED sends the
 * newest item once, the next item as the next issue, and nothing while the feed is down; the
 * email links the story and its web version, which the daemon serves without anyone's data.
 */

let web: Publisher;
beforeAll(async () => {
  web = await startPublisher();
});
afterAll(async () => {
  await web.close();
});

describe("an email that links back to the story", () => {
  it("headline link, byline and date, 'Read the full story', 'View in browser', in both parts", async () => {
    const { root } = tempProject();
    const config = testConfig(root, {
      NEWSLETTER_FEED: `${web.base}/feed.xml`,
      PUBLIC_URL: "https://news.example.com",
    });
    const issue = await renderIssue(config, undefined, new Date("2026-11-25T07:00:00Z"));
    const story = `${web.base}/2026/11/24/bridge-plan/`;
    const { html, text } = issue.email;
    expect(html).toMatch(
      new RegExp(`<h1><a href="${story}" class="headline-link"[^>]*>Council approves`, "u"),
    );
    expect(html).toMatch(
      new RegExp(`<a href="${story}" class="full-story tap"[^>]*>Read the full story</a>`, "u"),
    );
    expect(html).toContain("By Maria Lopez · Tuesday, 24 November 2026 · The Riverside Courier");
    expect(html).toContain(
      `href="https://news.example.com/issues/${issue.issueId}" class="web-version tap"`,
    );
    expect(text).toContain(`Read the full story: ${story}`);
    expect(text).toContain(`View in browser: https://news.example.com/issues/${issue.issueId}`);
    expect(issue.digest).toMatchObject({
      url: story,
      byline: "Maria Lopez",
      source: "The Riverside Courier",
    });
  });

  it("UTM parameters go on the story links only when configured; a .txt's front matter gives url, byline and date", async () => {
    const { root } = tempProject();
    const configFile = path.join(root, "newsletter.config.json");
    const file = JSON.parse(readFileSync(configFile, "utf8"));
    writeFileSync(
      configFile,
      JSON.stringify({ ...file, utm: { source: "daily-brief", medium: "email" } }),
    );
    const article = writeArticle(
      path.join(root, "seeds"),
      "zz-front.txt",
      "Headline here",
      "A standfirst.",
      ["Mayor Anna Keller said the vote was “a turning point for the river towns.”"],
    );
    writeFileSync(
      article,
      `---\nurl: https://courier.example/bridge?ref=home\nbyline: By Maria Lopez\npublished: 2026-11-24T18:00:00Z\nsource: The Courier\nnonsense: ignored\n---\n${readFileSync(article, "utf8")}`,
    );
    const issue = await renderIssue(testConfig(root), article, new Date());
    expect(issue.digest).toMatchObject({
      url: "https://courier.example/bridge?ref=home",
      byline: "Maria Lopez",
      published: "2026-11-24T18:00:00.000Z",
      source: "The Courier",
    });
    expect(issue.digest.paragraphs[0]).toMatch(/^Mayor Anna Keller/u);
    expect(issue.email.html).toContain(
      'href="https://courier.example/bridge?ref=home&amp;utm_source=daily-brief&amp;utm_medium=email"',
    );
  });

  it("an article without a URL has no story link and no credit line", async () => {
    const { root } = tempProject();
    const issue = await renderIssue(testConfig(root), undefined, new Date());
    expect(issue.email.html).not.toContain("Read the full story");
    expect(issue.email.html).not.toContain('class="headline-link"');
    expect(issue.email.text).not.toContain("Read the full story");
  });
});

describe("the daemon on a feed", () => {
  it("sends the newest item once, a new item as the next issue, nothing while the feed is down; serves the web version", async () => {
    const { root, dataDir } = tempProject();
    const smtp = await startSmtp();
    const config = testConfig(root, {
      NEWSLETTER_FEED: `${web.base}/feed.xml`,
      SMTP_URL: smtp.url,
      PUBLIC_URL: "https://news.example.com",
      NEWSLETTER_SCHEDULE: "* * * * * *",
      PORT: "0",
    });
    const store = SqliteStore.open(dataDir);
    addSubscribers(store, 3);
    const logs: string[] = [];
    const scheduler = await startScheduler(config, (line) => logs.push(line));
    try {
      await waitFor(() => smtp.received.length >= 3, 20_000);
      await new Promise((r) => setTimeout(r, 2500));
      expect(smtp.received).toHaveLength(3);
      expect(smtp.received[0]?.parsed.subject).toContain("Council approves the bridge plan");
      expect(logs.join("\n")).toMatch(/tick: nothing new/u);

      // A new item at the top of the feed becomes the next issue.
      const feed = web.routes.get("/feed.xml") as string;
      web.routes.set(
        "/feed.xml",
        feed.replace(
          "<item>",
          `<item><title>Bridge opponents file an appeal</title><link>${web.base}/2026/11/25/appeal/</link><guid isPermaLink="false">${web.base}/?p=4830</guid><pubDate>Wed, 25 Nov 2026 06:00:00 +0000</pubDate><dc:creator>Maria Lopez</dc:creator><content:encoded><![CDATA[<p>Opponents of the bridge filed an appeal on Wednesday.</p><p>“We will take this as far as it goes,” Tom Brandt said.</p>]]></content:encoded></item><item>`,
        ),
      );
      await waitFor(() => smtp.received.length >= 6, 20_000);
      expect(smtp.received.slice(3).map((r) => r.parsed.subject)).toEqual(
        Array(3).fill(expect.stringContaining("Bridge opponents file an appeal")),
      );

      // Down: one line per tick, nothing sent.
      web.routes.delete("/feed.xml");
      const before = logs.length;
      await waitFor(
        () =>
          logs
            .slice(before)
            .some((l) => /tick failed: .*feed\.xml: the server answered 404/u.test(l)),
        10_000,
      );
      expect(smtp.received).toHaveLength(6);

      // The web version and the archive, with no subscriber's data.
      const issues = await (await fetch(`${scheduler.url}/issues/`)).text();
      const ids = [...issues.matchAll(/href="\/issues\/([0-9a-f]{16})"/gu)].map((m) => m[1]);
      expect(ids).toHaveLength(2);
      const page = await fetch(`${scheduler.url}/issues/${ids[0]}`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
      const body = await page.text();
      expect(body).toMatch(/Bridge|Council/u);
      expect(body).not.toMatch(/Reader \d|s\d@example\.com|token=/u);
      expect((await fetch(`${scheduler.url}/issues/0000000000000000`)).status).toBe(404);
    } finally {
      await scheduler.stop();
      store.close();
      await smtp.close();
    }
  }, 90_000);
});
