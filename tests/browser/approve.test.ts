import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scheduler, startScheduler } from "../../src/daemon/scheduler.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import { launchChromium } from "../helpers/browser.ts";
import { logRecorder } from "../helpers/log.ts";
import { tempProject, testConfig } from "../helpers/project.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { freePort } from "../helpers/web.ts";

/** Issue 24: an editor opens the proof's links in a browser, reviews, and approves. */
describe("the review and approve pages in headless Chromium", () => {
  let smtp: TestSmtp;
  let scheduler: Scheduler;
  let browser: Browser;
  const recorder = logRecorder();
  const project = tempProject();

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    const config = testConfig(project.root, {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      NEWSLETTER_SCHEDULE: "0 0 1 1 *",
      SMTP_URL: smtp.url,
      NEWSLETTER_APPROVAL: "required",
      NEWSLETTER_EDITORS: "ed@example.org",
      NEWSLETTER_STALE_AFTER_S: "1",
    });
    const store = SqliteStore.open(config.dataDir);
    await store.addSubscriber("reader@example.org", null, new Date());
    await store.close();
    scheduler = await startScheduler(config, recorder.log);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await scheduler?.stop();
    await smtp?.close();
  });

  it("corrects a speaker on the review page, approves, and the reader gets the corrected issue once", async () => {
    await scheduler.task.execute();
    const proof = smtp.received.find((m) => m.to === "ed@example.org");
    const link = (route: string) =>
      new RegExp(`http://127\\.0\\.0\\.1:\\d+/${route}\\?token=[\\w.-]+`, "u").exec(
        proof?.parsed.text ?? "",
      )?.[0] as string;
    const page = await browser.newPage();
    await page.goto(link("review"));
    const peskov = page.locator("li", { hasText: "No, it’s not on the agenda," });
    await peskov.getByLabel(/Speaker of quotation/u).fill("Kremlin spokesman Dmitry S. Peskov");
    await Promise.all([
      page.waitForURL(/\/review\?/u),
      peskov.getByRole("button", { name: "Set" }).click(),
    ]);
    await expect(
      page.locator("li", { hasText: "No, it’s not on the agenda," }).textContent(),
    ).resolves.toContain("— Kremlin spokesman Dmitry S. Peskov");
    await page.goto(link("approve"));
    expect(smtp.received.filter((m) => m.to === "reader@example.org")).toHaveLength(0);
    await Promise.all([
      page.waitForURL(/\/approve\?/u),
      page.getByRole("button", { name: "Approve and send" }).click(),
    ]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(
      /^Approved/u,
    );
    await recorder.logged(/: sent 1/u);
    const got = smtp.received.filter((m) => m.to === "reader@example.org");
    expect(got).toHaveLength(1);
    expect(got[0]?.parsed.text).toContain("Kremlin spokesman Dmitry S. Peskov");
    await page.close();
  });
});
