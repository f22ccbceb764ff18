import { describe, expect, it } from "vitest";
import { addSubscribers, SqliteStore } from "../helpers/delivery.ts";
import { tempProject } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { startCli, waitFor } from "../helpers/spawn.ts";

const CONNECTIONS = 3;

function daemonEnv(root: string, dataDir: string, smtpUrl: string) {
  return {
    NEWSLETTER_ROOT: root,
    NEWSLETTER_DATA_DIR: dataDir,
    SMTP_URL: smtpUrl,
    NEWSLETTER_FROM: "brief@news.example.com",
    PUBLIC_URL: "https://news.example.com",
    NEWSLETTER_SCHEDULE: "* * * * * *",
    NEWSLETTER_SMTP_CONNECTIONS: String(CONNECTIONS),
    NEWSLETTER_RETRY_BASE_MS: "10",
    NEWSLETTER_BOUNCE_AFTER: "1",
    PORT: "0",
  };
}

/** Issue 10's two end-to-end tests of the daemon (`npm start`), as real processes. */
describe("the scheduler daemon, killed and misconfigured", () => {
  it("SIGKILLed mid-tick and restarted: the next tick finishes the issue, everyone once", async () => {
    const { root, dataDir } = tempProject();
    const setup = SqliteStore.open(dataDir);
    const emails = addSubscribers(setup, 300);
    setup.close();
    const smtp = await startSmtp({ parse: false, delayMs: 5 });
    const env = daemonEnv(root, dataDir, smtp.url);
    const first = startCli(["schedule"], env);
    await waitFor(() => smtp.received.length >= 60, 60_000);
    first.child.kill("SIGKILL");
    await first.done;
    expect(smtp.received.length).toBeLessThan(300);

    const second = startCli(["schedule"], env);
    // Finished when every subscriber either has the issue or is listed unknown.
    const store = SqliteStore.open(dataDir);
    const open = () =>
      (
        store.db
          .prepare("SELECT count(*) AS n FROM deliveries WHERE status IN ('pending', 'sending')")
          .get() as { n: number }
      ).n;
    await waitFor(
      () => new Set(smtp.received.map((r) => r.to)).size >= 300 - CONNECTIONS && open() === 0,
      60_000,
    );
    second.child.kill("SIGTERM");
    await second.done;
    const counts = new Map<string, number>();
    for (const r of smtp.received) counts.set(r.to, (counts.get(r.to) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    const missing = emails.filter((e) => !counts.has(e));
    expect(missing.length).toBeLessThanOrEqual(CONNECTIONS);
    const unknown = store.db
      .prepare("SELECT count(*) AS n FROM deliveries WHERE status = 'unknown'")
      .get() as { n: number };
    expect(missing.length).toBeLessThanOrEqual(unknown.n);
    expect(second.output()).toMatch(/finishing issue/u);
    store.close();
    await smtp.close();
  }, 120_000);

  it("issue 22: a second daemon whose next tick is a year away finishes a dead daemon's issue within the stale time", async () => {
    const { root, dataDir } = tempProject();
    const setup = SqliteStore.open(dataDir);
    const emails = addSubscribers(setup, 200);
    setup.close();
    const smtp = await startSmtp({ parse: false, delayMs: 5 });
    const env = { ...daemonEnv(root, dataDir, smtp.url), NEWSLETTER_STALE_AFTER_S: "2" };
    const survivor = startCli(["schedule"], { ...env, NEWSLETTER_SCHEDULE: "0 0 1 1 *" });
    await waitFor(() => /scheduler: "0 0 1 1 \*"/u.test(survivor.output()), 60_000);
    const first = startCli(["schedule"], env);
    await waitFor(() => smtp.received.length >= 40, 60_000);
    first.child.kill("SIGKILL");
    await first.done;
    const store = SqliteStore.open(dataDir);
    const open = () =>
      (
        store.db
          .prepare("SELECT count(*) AS n FROM deliveries WHERE status IN ('pending', 'sending')")
          .get() as { n: number }
      ).n;
    await waitFor(() => open() === 0, 60_000);
    expect(survivor.output()).toMatch(/its senders are gone; finishing it/u);
    survivor.child.kill("SIGTERM");
    await survivor.done;
    const counts = new Map<string, number>();
    for (const r of smtp.received) counts.set(r.to, (counts.get(r.to) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    const unknown = store.db
      .prepare("SELECT count(*) AS n FROM deliveries WHERE status = 'unknown'")
      .get() as { n: number };
    const missing = emails.filter((e) => !counts.has(e));
    expect(missing.length).toBeLessThanOrEqual(unknown.n);
    expect(counts.size + unknown.n).toBeGreaterThanOrEqual(200);
    store.close();
    await smtp.close();
  }, 120_000);

  it("against a server requiring AUTH with no credentials: one line, nobody failed or bounced", async () => {
    const { root, dataDir } = tempProject();
    const setup = SqliteStore.open(dataDir);
    addSubscribers(setup, 20);
    setup.close();
    const smtp = await startSmtp({ auth: { user: "u", pass: "p" } });
    const daemon = startCli(
      ["schedule"],
      daemonEnv(root, dataDir, `smtp://127.0.0.1:${smtp.port}`),
    );
    await waitFor(() => (daemon.output().match(/tick failed/gu) ?? []).length >= 2, 30_000);
    daemon.child.kill("SIGTERM");
    expect((await daemon.done).code).toBe(0);
    const failures = daemon
      .output()
      .split("\n")
      .filter((l) => l.includes("tick failed"));
    for (const line of failures) expect(line).toMatch(/tick failed: the send stopped: .*530/u);
    const store = SqliteStore.open(dataDir);
    expect(
      store.db.prepare("SELECT status, count(*) AS n FROM subscribers GROUP BY status").all(),
    ).toEqual([{ status: "active", n: 20 }]);
    expect(
      store.db.prepare("SELECT status, count(*) AS n FROM deliveries GROUP BY status").all(),
    ).toEqual([{ status: "pending", n: 20 }]);
    store.close();
    await smtp.close();
  }, 60_000);
});
