import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scheduler, startScheduler } from "../../src/daemon/scheduler.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import { launchChromium } from "../helpers/browser.ts";
import { sendOnce } from "../helpers/delivery.ts";
import { tempProject, testConfig } from "../helpers/project.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { freePort } from "../helpers/web.ts";

describe("issue 25: signing up in headless Chromium", () => {
  let smtp: TestSmtp;
  let scheduler: Scheduler;
  let browser: Browser;
  const project = tempProject();
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    config = testConfig(project.root, {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      NEWSLETTER_SCHEDULE: "0 0 1 1 *",
      SMTP_URL: smtp.url,
    });
    scheduler = await startScheduler(config, () => {});
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await scheduler?.stop();
    await smtp?.close();
  });

  it("fills the form, confirms from the emailed link, and the next send reaches the reader exactly once", async () => {
    const page = await browser.newPage();
    await page.goto(`${scheduler.url}/subscribe`);
    await page.getByLabel("Email address").fill("grace@example.org");
    await page.getByLabel("Name (optional)").fill("Grace Hopper");
    // The honeypot is out of sight and out of the accessibility tree.
    expect(await page.getByRole("textbox").count()).toBe(2);
    await Promise.all([
      page.waitForURL(/\/subscribe$/u),
      page.getByRole("button", { name: "Subscribe" }).click(),
    ]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Check your inbox",
    );
    const mail = smtp.received.find((m) => m.to === "grace@example.org");
    const link = /http:\/\/127\.0\.0\.1:\d+\/subscribe\/confirm\?token=[\w.-]+/u.exec(
      mail?.parsed.text ?? "",
    )?.[0];
    expect(link).toBeDefined();
    await page.goto(link as string);
    await Promise.all([
      page.waitForURL(/confirm/u),
      page.getByRole("button", { name: "Yes, subscribe me" }).click(),
    ]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "You are subscribed",
    );
    const store = SqliteStore.open(config.dataDir);
    try {
      const reader = await store.findSubscriber("grace@example.org");
      expect(reader).toMatchObject({ status: "active", name: "Grace Hopper" });
      expect((await store.latestConsent(reader?.id ?? -1))?.userAgent).toMatch(/Chrome/u);
      expect((await sendOnce(config, store)).summary.sent).toBe(1);
      expect((await sendOnce(config, store)).summary.sent).toBe(0);
    } finally {
      await store.close();
    }
    expect(smtp.received.filter((m) => m.to === "grace@example.org")).toHaveLength(2);
    await page.close();
  });
});
