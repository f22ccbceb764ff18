import { afterAll, describe, expect, it } from "vitest";
import { runTick, startScheduler, validateSchedule } from "../../src/daemon/scheduler.ts";
import { makeUnsubscribeToken } from "../../src/email/unsubscribe-token.ts";
import { unsubscribeSecret } from "../../src/store/secret.ts";
import {
  addSubscribers,
  ledger,
  SqliteStore,
  sendOnce,
  subscriberOf,
} from "../helpers/delivery.ts";
import { tempProject, testConfig, writeArticle } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";

describe("the scheduler process", async () => {
  const smtp = await startSmtp();
  const project = tempProject();
  const config = testConfig(project.root, {
    SMTP_URL: smtp.url,
    PORT: "0",
    NEWSLETTER_SCHEDULE: "0 7 * * *",
  });
  const setupStore = SqliteStore.open(config.dataDir);
  addSubscribers(setupStore, 3);
  setupStore.close();
  const logs: string[] = [];
  const scheduler = await startScheduler(config, (line) => logs.push(line));
  const secret = unsubscribeSecret(undefined, config.dataDir);
  const store = SqliteStore.open(config.dataDir);
  afterAll(async () => {
    await scheduler.stop();
    store.close();
    await smtp.close();
  });
  const link = (email: string) =>
    `${scheduler.url}/unsubscribe?token=${makeUnsubscribeToken(subscriberOf(store, email)?.id ?? 0, secret)}`;

  it("logs the next run at start", () => {
    expect(
      logs.some((l) =>
        /^scheduler: "0 7 \* \* \*" \(UTC\); next run: \d{4}-\d\d-\d\dT07:00:00\.000Z$/u.test(l),
      ),
    ).toBe(true);
  });

  it("sends the newest article once per tick, and nothing new the next tick", async () => {
    await scheduler.task.execute();
    expect(smtp.received).toHaveLength(3);
    await scheduler.task.execute();
    expect(smtp.received).toHaveLength(3);
    expect(logs.some((l) => l.startsWith("tick: nothing new"))).toBe(true);
    expect(logs.filter((l) => l.startsWith("next run: "))).toHaveLength(2);
  });

  it("and a manual send racing a tick still send each subscriber once", async () => {
    const p = tempProject();
    const c = testConfig(p.root, { SMTP_URL: smtp.url });
    const s = SqliteStore.open(c.dataDir);
    addSubscribers(s, 30, "race");
    const before = smtp.received.length;
    await Promise.all([runTick(c, s, () => {}), sendOnce(c, s)]);
    const got = smtp.received.slice(before).map((r) => r.to);
    expect(got).toHaveLength(30);
    expect(new Set(got).size).toBe(30);
    s.close();
  });

  it("shows a confirm page on GET and changes nothing (mail scanners follow links)", async () => {
    const res = await fetch(link("s1@example.com"));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    // The page never shows the address: a forwarded or guessed link reveals nobody.
    expect(page).not.toContain("s1@example.com");
    expect(subscriberOf(store, "s1@example.com")?.status).toBe("active");
  });

  it("unsubscribes at once on the one-click POST, with a 200 and no redirect, idempotently", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(link("s1@example.com"), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
        redirect: "manual",
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("You are unsubscribed");
    }
    expect(subscriberOf(store, "s1@example.com")?.status).toBe("unsubscribed");
  });

  it("accepts the one-click POST as multipart too", async () => {
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const res = await fetch(link("s2@example.com"), { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(subscriberOf(store, "s2@example.com")?.status).toBe("unsubscribed");
  });

  it("refuses a forged or altered token and changes nothing", async () => {
    const good = link("s3@example.com");
    const altered = good.replace(
      /token=(\w+)\./u,
      (_m, id: string) => `token=${(Number.parseInt(id, 36) + 1).toString(36)}.`,
    );
    const forged = await fetch(altered, {
      method: "POST",
      body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
    });
    expect(forged.status).toBe(403);
    const malformed = await fetch(`${scheduler.url}/unsubscribe?token=nonsense`, {
      method: "POST",
      body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
    });
    expect(malformed.status).toBe(400);
    const noBody = await fetch(good, { method: "POST", body: new URLSearchParams({ other: "x" }) });
    expect(noBody.status).toBe(400);
    expect(subscriberOf(store, "s3@example.com")?.status).toBe("active");
    expect(subscriberOf(store, "s4@example.com")).toBeUndefined();
  });

  it("skips unsubscribed addresses in the next issue", async () => {
    const before = smtp.received.length;
    writeArticle(config.seedsDir, "zz-new.txt", "A new article", "About trams", [
      "“We will build it,” said Mayor Anna Berger on Monday.",
    ]);
    await scheduler.task.execute();
    expect(smtp.received.slice(before).map((r) => r.to)).toEqual(["s3@example.com"]);
  });
});

describe("schedule settings", () => {
  it("refuses a wrong cron expression with the field and the reason", () => {
    expect(() => validateSchedule("61 * * * *", "UTC")).toThrowError(
      /NEWSLETTER_SCHEDULE "61 \* \* \* \*" is not a valid cron expression \(minute "61": /u,
    );
    expect(() => validateSchedule("0 7 * *", "UTC")).toThrowError(/not a valid cron expression/u);
  });

  it("refuses an unknown time zone", () => {
    expect(() => validateSchedule("0 7 * * *", "Mars/Olympus")).toThrowError(
      /NEWSLETTER_TZ "Mars\/Olympus" is not a time zone/u,
    );
  });

  it("sends in the outbox on a tick when no SMTP is set", async () => {
    const p = tempProject();
    const c = testConfig(p.root);
    const s = SqliteStore.open(c.dataDir);
    addSubscribers(s, 2);
    const result = await runTick(c, s, () => {});
    expect(result.kind).toBe("sent");
    if (result.kind === "sent") expect(ledger(s, result.summary.issueId)).toEqual({ sent: 2 });
    s.close();
  });
});
