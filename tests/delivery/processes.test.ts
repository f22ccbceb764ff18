import { describe, expect, it } from "vitest";
import { IN_FLIGHT_PER_CONNECTION } from "../../src/send/send-issue.ts";
import { addSubscribers, ledger, SqliteStore } from "../helpers/delivery.ts";
import { tempProject } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { startCli, waitFor } from "../helpers/spawn.ts";

function project(count: number) {
  const p = tempProject();
  const store = SqliteStore.open(p.dataDir);
  const emails = addSubscribers(store, count);
  store.close();
  return { ...p, emails };
}

function envFor(root: string, smtpUrl: string, extra: Record<string, string> = {}) {
  return {
    NEWSLETTER_ROOT: root,
    NEWSLETTER_DATA_DIR: `${root}/data`,
    SMTP_URL: smtpUrl,
    NEWSLETTER_FROM: "brief@news.example.com",
    NEWSLETTER_SMTP_CONNECTIONS: "2",
    NEWSLETTER_RETRY_BASE_MS: "10",
    ...extra,
  };
}

function countBy(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return counts;
}

describe("send as a process", () => {
  it("killed with SIGKILL half-way, then run again, serves everyone once but those on the wire", async () => {
    const p = project(150);
    const smtp = await startSmtp({ delayMs: 15, parse: false });
    const first = startCli(["send", "--yes"], envFor(p.root, smtp.url));
    await waitFor(() => smtp.received.length >= 40);
    first.child.kill("SIGKILL");
    expect((await first.done).signal).toBe("SIGKILL");
    const atKill = smtp.received.length;
    expect(atKill).toBeLessThan(150);

    const second = startCli(["send", "--yes"], envFor(p.root, smtp.url));
    const result = await second.done;
    await new Promise((r) => setTimeout(r, 100));
    const counts = countBy(smtp.received.map((r) => r.to));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);

    const store = SqliteStore.open(p.dataDir);
    const issueId = (store.db.prepare("SELECT id FROM issues").get() as { id: string }).id;
    const rows = ledger(store, issueId);
    const unknown = (await store.problems(issueId, 200))
      .filter((r) => r.status === "unknown")
      .map((r) => r.email);
    store.close();
    // Unknown: rows on the wire at the kill, plus replies not yet written (batched); none is
    // re-sent. Rows claimed but still queued went back to pending and were sent by the second
    // run, so at most one subscriber per connection (2) can be without the issue.
    expect(unknown.length).toBeLessThanOrEqual(2 * IN_FLIGHT_PER_CONNECTION);
    expect((rows.sent ?? 0) + unknown.length).toBe(150);
    const missing = p.emails.filter((e) => !counts.has(e));
    expect(missing.every((e) => unknown.includes(e))).toBe(true);
    expect(missing.length).toBeLessThanOrEqual(2);
    expect(second.output()).toMatch(/left on the wire are now unknown|sent \d+/u);
    // Issue 22: the second run failed nothing itself, so it succeeds, and says what the first
    // left unknown with the command that retries it.
    expect(result.code).toBe(0);
    if (unknown.length > 0)
      expect(second.output()).toContain(
        `${unknown.length} row(s) of this issue are unknown from an earlier run`,
      );
    await smtp.close();
  });

  it("two sends started together still give each subscriber one message", async () => {
    const p = project(80);
    const smtp = await startSmtp({ delayMs: 5, parse: false });
    const a = startCli(["send", "--yes"], envFor(p.root, smtp.url));
    const b = startCli(["send", "--yes"], envFor(p.root, smtp.url));
    const [ra, rb] = await Promise.all([a.done, b.done]);
    // (Seen once on a loaded CI runner: one send exited 1. Its words say why, if it recurs.)
    if (ra.code !== 0 || rb.code !== 0)
      console.log(`send A said:\n${a.output()}\nsend B said:\n${b.output()}`);
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    const counts = countBy(smtp.received.map((r) => r.to));
    expect(counts.size).toBe(80);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await smtp.close();
  });

  it("on SIGINT finishes the messages in flight, records them, and leaves the rest pending", async () => {
    const p = project(100);
    const smtp = await startSmtp({ delayMs: 20, parse: false });
    const run = startCli(["send", "--yes"], envFor(p.root, smtp.url));
    await waitFor(() => smtp.received.length >= 10);
    run.child.kill("SIGINT");
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(run.output()).toMatch(/stopping: finishing the messages in flight/u);
    expect(run.output()).toMatch(/interrupted: sent \d+/u);
    const store = SqliteStore.open(p.dataDir);
    const issueId = (store.db.prepare("SELECT id FROM issues").get() as { id: string }).id;
    const rows = ledger(store, issueId);
    store.close();
    expect(rows.sending).toBeUndefined();
    expect(rows.sent).toBe(smtp.received.length);
    expect(rows.pending).toBe(100 - smtp.received.length);
    await smtp.close();
  });
});

describe("issue 22: a paused sender that was taken over", () => {
  it("wakes up, learns it was taken over, and sends none of its old claims: everyone once", async () => {
    const p = project(24);
    // A slow relay keeps the sender waiting on replies, idle, where SIGSTOP finds it.
    const smtp = await startSmtp({ delayMs: 300, parse: false });
    const env = envFor(p.root, smtp.url, { NEWSLETTER_STALE_AFTER_S: "1" });
    const sender = startCli(["send", "--yes"], env);
    await waitFor(() => smtp.received.length >= 2);
    // Paused between two of its short transactions, as a process is paused almost always: one
    // paused inside a write would hold SQLite's lock from everyone (no sender can help that),
    // so it is let go and paused again at its next message.
    for (let tries = 0; ; tries++) {
      sender.child.kill("SIGSTOP");
      if (databaseIsFree(p.dataDir) || tries === 10) break;
      sender.child.kill("SIGCONT");
      const seen = smtp.received.length;
      await waitFor(() => smtp.received.length > seen);
    }
    // Wait until its heartbeat is stale in the database, as a worker on another host sees it.
    const store = SqliteStore.open(p.dataDir);
    const staleBeat = store.db.prepare("SELECT count(*) AS n FROM senders WHERE heartbeat_at < ?");
    await waitFor(() => (staleBeat.get(Date.now() - 1500) as { n: number }).n > 0);
    const worker = startCli(["worker", "--once"], env);
    expect((await worker.done).code, worker.output()).toBe(0);
    const afterWorker = smtp.received.length;
    sender.child.kill("SIGCONT");
    const result = await sender.done;
    const counts = countBy(smtp.received.map((r) => r.to));
    const twice = [...counts].filter(([, n]) => n > 1).map(([to]) => to);
    expect(twice).toEqual([]);
    expect(result.code).toBe(1);
    expect(sender.output()).toMatch(/another sender took this sender's rows over/u);
    // Only messages already on the wire at the pause arrive after the worker is done.
    expect(smtp.received.length - afterWorker).toBeLessThanOrEqual(2);
    const issueId = (store.db.prepare("SELECT id FROM issues").get() as { id: string }).id;
    const rows = ledger(store, issueId);
    store.close();
    expect(rows.pending ?? 0).toBe(0);
    expect(rows.sending ?? 0).toBe(0);
    expect((rows.sent ?? 0) + (rows.unknown ?? 0)).toBe(24);
    expect(counts.size).toBe(24);
    await smtp.close();
  });
});

/** Whether another connection can take SQLite's write lock right now (nobody holds it). */
function databaseIsFree(dataDir: string): boolean {
  const probe = SqliteStore.open(dataDir, { busyTimeoutMs: 0 });
  try {
    probe.db.exec("BEGIN IMMEDIATE");
    probe.db.exec("ROLLBACK");
    return true;
  } catch {
    return false;
  } finally {
    probe.db.close();
  }
}
