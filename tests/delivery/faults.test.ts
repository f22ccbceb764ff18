import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { runTick } from "../../src/daemon/scheduler.ts";
import { NewsletterError } from "../../src/errors.ts";
import { unsubscribeSecret } from "../../src/store/secret.ts";
import {
  addSubscribers,
  deliverySetup,
  ledger,
  type SqliteStore,
  sendOnce,
  subscriberOf,
} from "../helpers/delivery.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { waitFor } from "../helpers/spawn.ts";

const setup = deliverySetup;

function statuses(store: SqliteStore): Record<string, number> {
  const rows = store.db
    .prepare("SELECT status, count(*) AS n FROM subscribers GROUP BY status")
    .all() as Array<{ status: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

const quiet = () => {};

describe("issue 10: a fault of the sender never bounces the list", () => {
  it("a server requiring AUTH with no credentials: one line, nobody failed or bounced, all pending", async () => {
    const smtp = await startSmtp({ auth: { user: "u", pass: "p" } });
    const { config, store } = setup({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NEWSLETTER_BOUNCE_AFTER: "1",
    });
    addSubscribers(store, 5);
    for (let run = 0; run < 2; run++) {
      const error = await sendOnce(config, store).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NewsletterError);
      expect((error as Error).message).not.toContain("\n");
      expect((error as Error).message).toMatch(/530|login|authentication/iu);
    }
    expect(statuses(store)).toEqual({ active: 5 });
    const issueId = (store.db.prepare("SELECT id FROM issues").get() as { id: string }).id;
    expect(ledger(store, issueId)).toEqual({ pending: 5 });
    await smtp.close();
  });

  it("a 553 for the sender at MAIL FROM stops the run; fixing it sends to everyone", async () => {
    let refuse = true;
    const smtp = await startSmtp({
      onMailFrom: () => (refuse ? "553 sender address rejected" : undefined),
    });
    const { config, store } = setup({ SMTP_URL: smtp.url, NEWSLETTER_BOUNCE_AFTER: "1" });
    addSubscribers(store, 5);
    for (let run = 0; run < 2; run++) {
      const error = await sendOnce(config, store).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/refused the sender: 553/u);
    }
    expect(statuses(store)).toEqual({ active: 5 });
    refuse = false;
    const { summary } = await sendOnce(config, store);
    expect(summary.sent).toBe(5);
    await smtp.close();
  });

  it("only a recipient's 550 at RCPT counts, and a delivery in between resets the count", async () => {
    let reject = true;
    const smtp = await startSmtp({
      onRcpt: (address) =>
        reject && address === "s1@example.com" ? "550 no such user" : undefined,
    });
    const { config, store } = setup({ SMTP_URL: smtp.url, NEWSLETTER_BOUNCE_AFTER: "2" });
    addSubscribers(store, 3);
    const writeArticle = (name: string) => {
      const file = path.join(config.seedsDir, name);
      writeFileSync(file, `Headline ${name}\n\nStandfirst\n\nA paragraph about ${name}.\n`);
      return file;
    };
    await sendOnce(config, store, writeArticle("a.txt"));
    reject = false;
    await sendOnce(config, store, writeArticle("b.txt"));
    reject = true;
    await sendOnce(config, store, writeArticle("c.txt"));
    expect(subscriberOf(store, "s1@example.com")?.status).toBe("active");
    await sendOnce(config, store, writeArticle("d.txt"));
    expect(subscriberOf(store, "s1@example.com")?.status).toBe("bounced");
    await smtp.close();
  });

  it("a connection closed at RCPT is retried (nothing was handed over), never unknown", async () => {
    const smtp = await startSmtp({ closeAtRcpt: (_address, attempt) => attempt === 1 });
    const { config, store } = setup({ SMTP_URL: smtp.url });
    addSubscribers(store, 6);
    const { issue, summary } = await sendOnce(config, store);
    expect(summary).toMatchObject({ sent: 6, unknown: 0, failed: 0 });
    expect(ledger(store, issue.issueId)).toEqual({ sent: 6 });
    expect(new Set(smtp.received.map((r) => r.to)).size).toBe(6);
    await smtp.close();
  });

  it("a 421 at RCPT is retried and delivered, not a recipient's failure", async () => {
    const smtp = await startSmtp({
      onRcpt: (_address, attempt) => (attempt === 1 ? "421 closing, try later" : undefined),
    });
    const { config, store } = setup({ SMTP_URL: smtp.url });
    addSubscribers(store, 4);
    const { summary } = await sendOnce(config, store);
    expect(summary).toMatchObject({ sent: 4, failed: 0, unknown: 0 });
    expect(statuses(store)).toEqual({ active: 4 });
    await smtp.close();
  });
});

describe("issue 10: a ledger that cannot commit (a full disk)", () => {
  it("sends nothing whose claim did not commit, so the next run sends nobody twice", async () => {
    const smtp = await startSmtp({ parse: false });
    const { config, store } = setup({ SMTP_URL: smtp.url, NEWSLETTER_SMTP_CONNECTIONS: "1" });
    addSubscribers(store, 30);
    // The third ledger turn fails at COMMIT, as SQLite does when the disk fills: its writes
    // roll back and the error is thrown after the claim's statements ran.
    const real = store.commitTurn.bind(store);
    let turns = 0;
    store.commitTurn = async (writes, claim) => {
      turns++;
      if (turns !== 3) return real(writes, claim);
      store.db.exec("BEGIN IMMEDIATE");
      try {
        await real(writes, claim);
      } finally {
        store.db.exec("ROLLBACK");
      }
      throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    };
    const error = await sendOnce(config, store).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/the ledger could not be written/u);
    store.commitTurn = real;
    await sendOnce(config, store);
    const counts = new Map<string, number>();
    for (const r of smtp.received) counts.set(r.to, (counts.get(r.to) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    await smtp.close();
  });
});

describe("issue 10: rows and issues left behind are finished", () => {
  it("rows a dead process left `sending` are resolved: queued ones sent, on-the-wire ones unknown", async () => {
    const smtp = await startSmtp();
    const { config, store } = setup({ SMTP_URL: smtp.url });
    addSubscribers(store, 4);
    const { issue } = await sendOnce(config, store);
    // As a process killed mid-run leaves them: two claimed and queued, one on the wire.
    store.db
      .prepare(
        "UPDATE deliveries SET status = 'sending', lease_owner = 'gone-host:1:x', lease_until = 0, on_wire = CASE WHEN subscriber_id = 1 THEN 1 ELSE 0 END WHERE subscriber_id IN (1, 2, 3)",
      )
      .run();
    smtp.received.length = 0;
    const { summary } = await sendOnce(config, store);
    expect(summary.sent).toBe(2);
    expect(smtp.received.map((r) => r.to).sort()).toEqual(["s2@example.com", "s3@example.com"]);
    expect(ledger(store, issue.issueId)).toEqual({ sent: 3, unknown: 1 });
    await smtp.close();
  });

  it("the scheduler finishes an interrupted issue, and never re-sends an edited article", async () => {
    const smtp = await startSmtp();
    const { config, store } = setup({ SMTP_URL: smtp.url });
    addSubscribers(store, 5);
    const article = path.join(config.seedsDir, "zz-today.txt");
    writeFileSync(article, "Today\n\nStandfirst\n\nThe council met on Tuesday.\n");
    const first = await runTick(config, store, quiet);
    expect(first.kind).toBe("sent");
    const issueId = (store.db.prepare("SELECT id FROM issues").get() as { id: string }).id;
    // An interrupted tick: two rows went back to pending.
    store.db
      .prepare("UPDATE deliveries SET status = 'pending' WHERE subscriber_id IN (4, 5)")
      .run();
    smtp.received.length = 0;
    // The article is edited meanwhile: one word.
    writeFileSync(article, "Today\n\nStandfirst\n\nThe council met on Wednesday.\n");
    const second = await runTick(config, store, quiet);
    expect(second.kind).toBe("sent");
    expect(smtp.received.map((r) => r.to).sort()).toEqual(["s4@example.com", "s5@example.com"]);
    expect(ledger(store, issueId)).toEqual({ sent: 5 });
    smtp.received.length = 0;
    const third = await runTick(config, store, quiet);
    expect(third.kind).toBe("nothing-new");
    expect(smtp.received).toHaveLength(0);
    expect(store.db.prepare("SELECT count(*) AS n FROM issues").get()).toEqual({ n: 1 });
    await smtp.close();
  });
});

describe("issue 10: stopping while the server hangs after DATA", () => {
  it("closes the connection after the grace period: the message on the wire is unknown, the rest pending", async () => {
    const smtp = await startSmtp({ delayMs: 600_000 });
    const { config, store } = setup({ SMTP_URL: smtp.url, NEWSLETTER_SMTP_CONNECTIONS: "1" });
    addSubscribers(store, 3);
    const controller = new AbortController();
    const running = sendOnce(config, store, undefined, controller.signal);
    await waitFor(() => smtp.attempts.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    const { issue, summary } = await running;
    expect(summary.interrupted).toBe(true);
    expect(ledger(store, issue.issueId)).toEqual({ unknown: 1, pending: 2 });
    await smtp.close().catch(() => {});
  }, 30_000);
});

describe("issue 10: settings and keys that would fail silently", () => {
  it("refuses an empty or short unsubscribe key file, and writes a new one whole", () => {
    const { project } = setup({});
    const dir = path.join(project.root, "keys");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "unsubscribe-secret"), "");
    expect(() => unsubscribeSecret(undefined, dir)).toThrow(/is empty/u);
    const fresh = path.join(project.root, "fresh");
    const key = unsubscribeSecret(undefined, fresh);
    expect(Buffer.byteLength(key)).toBeGreaterThanOrEqual(32);
    expect(unsubscribeSecret(undefined, fresh)).toBe(key);
    expect(statSync(path.join(fresh, "unsubscribe-secret")).mode & 0o777).toBe(0o600);
  });

  it("refuses a DKIM key that cannot sign, and accepts a real one", () => {
    const { project } = setup({});
    const base = { DKIM_DOMAIN: "news.example.com", DKIM_SELECTOR: "s1" };
    expect(() =>
      loadConfig(project.root, {
        ...base,
        DKIM_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----",
      }),
    ).toThrow(/DKIM_PRIVATE_KEY: not a private key that can sign/u);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(loadConfig(project.root, { ...base, DKIM_PRIVATE_KEY: pem }).dkim?.domainName).toBe(
      "news.example.com",
    );
  });

  it.each([
    ["smtp://user:s3cr/et@mail.example.com:587", "%2F"],
    ["smtp://mail.example.com:abc", "SMTP_URL is not a URL"],
    ["smtp://[::1", "SMTP_URL is not a URL"],
  ])("checks SMTP_URL %s with the other settings, never printing the password", (url, message) => {
    const { project } = setup({});
    let error: unknown;
    try {
      loadConfig(project.root, { SMTP_URL: url, NEWSLETTER_SMTP_CONNECTIONS: "1000000" });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain("NEWSLETTER_SMTP_CONNECTIONS must be at most 100");
    expect((error as Error).message).not.toContain("s3cr");
  });

  it("refuses a PUBLIC_URL with a query or fragment", () => {
    const { project } = setup({});
    expect(() => loadConfig(project.root, { PUBLIC_URL: "https://news.example.com/#x" })).toThrow(
      /PUBLIC_URL must not have a \?query or #fragment/u,
    );
  });

  it("keeps the database readable by its owner only", () => {
    const { config } = setup({});
    expect(statSync(path.join(config.dataDir, "newsletter.db")).mode & 0o777).toBe(0o600);
    expect(statSync(config.dataDir).mode & 0o777).toBe(0o700);
  });
});
