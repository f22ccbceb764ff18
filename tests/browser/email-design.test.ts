/// <reference lib="dom" />
// The functions passed to page.evaluate run in the browser, where the DOM exists.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preparePersonalizer } from "../../src/email/personalize.ts";
import { makeUnsubscribeToken } from "../../src/email/unsubscribe-token.ts";
import { renderIssue } from "../../src/issue/render-issue.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import { startPreviewServer } from "../../src/web/preview-server.ts";
import { createUnsubscribeHandler } from "../../src/web/unsubscribe.ts";
import { launchChromium } from "../helpers/browser.ts";
import { ROOT } from "../helpers/cli.ts";
import { tempProject, testConfig } from "../helpers/project.ts";

/**
 * Issue 23: the email looked at as a reader sees it, at 375 and 600 px, light and dark, with
 * computed styles asserted and the four screenshots kept in test-results/ for a person.
 */
const SHOTS = path.join(ROOT, "test-results", "email");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** WCAG contrast of two CSS colours (`rgb(…)`). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/gu) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

let browser: Browser;
let html = "";
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const { root } = tempProject();
  const config = testConfig(root, { PUBLIC_URL: "https://news.example.com" });
  const issue = await renderIssue(config, undefined, new Date("2026-12-06T07:00:00Z"));
  html = preparePersonalizer(issue.email)({
    unsubscribeUrl: "https://news.example.com/unsubscribe?token=t",
    name: "Ada Lovelace",
  }).html;
  writeFileSync(path.join(SHOTS, "email.html"), html);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(width: number, scheme: "light" | "dark"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
  await page.setContent(html);
  await page.screenshot({ path: path.join(SHOTS, `email-${width}-${scheme}.png`), fullPage: true });
  return page;
}

describe("the email as a reader sees it", () => {
  for (const width of [375, 600])
    for (const scheme of ["light", "dark"] as const)
      it(`at ${width} px, ${scheme}: small grey labels, one-line masthead, big tap targets, readable, no sideways scroll`, async () => {
        const page = await open(width, scheme);
        const seen = await page.evaluate(() => {
          const style = (el: Element | null) => (el ? getComputedStyle(el) : undefined);
          const background = (el: Element | null): string => {
            for (let e = el; e; e = e.parentElement) {
              const bg = getComputedStyle(e).backgroundColor;
              if (bg && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") return bg;
            }
            return "rgb(255, 255, 255)";
          };
          const labels = Array.from(document.querySelectorAll("h2.label, .masthead")).map((el) => ({
            size: Number.parseFloat(style(el)?.fontSize ?? "0"),
            family: style(el)?.fontFamily ?? "",
          }));
          const masthead = document.querySelector(".masthead");
          const texts = [
            "h1",
            ".standfirst",
            ".main-column div",
            ".quote",
            ".nl-side div",
            ".nl-footer div",
          ].map((sel) => {
            const el = document.querySelector(sel);
            return { sel, color: style(el)?.color ?? "", bg: background(el) };
          });
          const links = Array.from(document.querySelectorAll("a")).map((a) => ({
            text: (a.textContent ?? "").trim(),
            height: a.getBoundingClientRect().height,
            color: getComputedStyle(a).color,
            bg: background(a),
          }));
          return {
            labels,
            mastheadLines:
              (masthead?.getBoundingClientRect().height ?? 0) /
              Number.parseFloat(style(masthead)?.lineHeight ?? "1"),
            texts,
            links,
            body: background(document.querySelector(".nl-card")),
            scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          };
        });
        expect(seen.labels.length).toBeGreaterThanOrEqual(3);
        for (const label of seen.labels) {
          expect(label.size).toBeLessThanOrEqual(13);
          expect(label.family).toMatch(/sans-serif/u);
        }
        expect(Math.round(seen.mastheadLines)).toBe(1);
        expect(seen.scroll).toBeLessThanOrEqual(0);
        expect(seen.links.length).toBeGreaterThanOrEqual(2);
        for (const link of seen.links) {
          expect(link.height, link.text).toBeGreaterThanOrEqual(24);
          expect(contrast(link.color, link.bg), link.text).toBeGreaterThanOrEqual(4.5);
        }
        for (const t of seen.texts)
          expect(contrast(t.color, t.bg), t.sel).toBeGreaterThanOrEqual(4.5);
        if (scheme === "dark") expect(contrast(seen.body, "rgb(0, 0, 0)")).toBeLessThan(2);
        else expect(contrast(seen.body, "rgb(255, 255, 255)")).toBeLessThan(1.1);
        await page.close();
      });

  it("shows only the preheader in an inbox: filler after it, nothing hidden in low contrast", () => {
    const preheader = /<div class="preheader" style="([^"]*)">([^<]*)<\/div>/u.exec(html);
    expect(preheader).not.toBeNull();
    expect(preheader?.[1]).toContain("display:none");
    expect(preheader?.[1]).not.toMatch(/color/u);
    expect(preheader?.[2]).toMatch(/^Phone call between Austin/u);
    expect((preheader?.[2]?.match(/&#847;/gu) ?? []).length).toBeGreaterThanOrEqual(20);
    // mjml's own preview block (white text on the background) is gone.
    expect(html).not.toMatch(/color:#ffffff;line-height:1px/u);
  });

  it("has no axe-core violation", async () => {
    const page = await open(600, "light");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(AXE, "utf8") });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string }> }> } }
    ).axe.run();
    return result.violations.map((v) => v.id);
  });
}

describe("the pages around the email", () => {
  it("the unsubscribe pages are styled like the email, with a big button and no axe-core violation", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nl-unsub-page-"));
    const store = SqliteStore.open(dir);
    const id = await store.addSubscriber("ada@example.com", "Ada", new Date());
    const secret = "page-test-secret-0123456789abcdef";
    const handle = createUnsubscribeHandler({
      store,
      secret,
      newsletterName: "The Daily Brief",
      now: () => new Date(),
    });
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${base}/unsubscribe?token=${makeUnsubscribeToken(id, secret)}`);
    const button = await page.$("button");
    expect((await button?.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(24);
    expect(await page.$eval("main .label", (el) => el.textContent)).toBe("The Daily Brief");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "unsubscribe-375.png") });
    await Promise.all([page.waitForNavigation(), button?.click()]);
    expect(await page.textContent("h1")).toBe("You are unsubscribed");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
    await new Promise((r) => server.close(r));
    await store.close();
  });

  it("the preview page has no axe-core violation", async () => {
    const { root } = tempProject();
    const preview = await startPreviewServer({
      root,
      articleFile: undefined,
      adjustConfig: (c) => c,
      port: 0,
      log: () => {},
    });
    // (axe-core is injected as a script the page's CSP rightly refuses: bypassed for the check.)
    const page = await browser.newPage({
      viewport: { width: 1100, height: 1200 },
      bypassCSP: true,
    });
    await page.goto(preview.url);
    await page.waitForSelector("iframe#email");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
    await preview.close();
  });
});
