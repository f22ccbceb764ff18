import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startScheduler } from "../../src/daemon/scheduler.ts";
import { issueRecord } from "../../src/issue/issue-record.ts";
import { renderIssue } from "../../src/issue/render-issue.ts";
import { sendToList } from "../../src/send/send-issue.ts";
import { runWorker } from "../../src/send/worker.ts";
import { PgStore } from "../../src/store/postgres.ts";
import { runCli } from "../helpers/cli.ts";
import { moment } from "../helpers/moment.ts";
import { freshDatabase, postgresUnavailable, query, seedSubscribers } from "../helpers/postgres.ts";
import { tempProject, testConfig } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { type Running, startCli } from "../helpers/spawn.ts";

/**
 * Issue 12 end to end on a real PostgreSQL server: the CLI on DATABASE_URL, and the chaos test
 * (3 workers and 2 schedulers on one issue of 5,000, one worker SIGKILLed mid-send).
 */

const pgReason = await postgresUnavailable();
if (pgReason) console.warn(`PostgreSQL delivery tests skipped: ${pgReason}`);
const databases: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of databases) await drop();
});

async function database(): Promise<string> {
  const db = await freshDatabase();
  databases.push(db.drop);
  return db.url;
}

function env(
  root: string,
  databaseUrl: string,
  smtpUrl: string,
  extra: Record<string, string> = {},
) {
  return {
    NEWSLETTER_ROOT: root,
    NEWSLETTER_DATA_DIR: path.join(root, "data"),
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    NEWSLETTER_FROM: "brief@news.example.com",
    PUBLIC_URL: "https://news.example.com",
    NEWSLETTER_RETRY_BASE_MS: "10",
    ...extra,
  };
}

describe.skipIf(pgReason !== undefined)("delivery on PostgreSQL", () => {
  it("import, send, status and list work on DATABASE_URL as on SQLite, and nothing goes to the data folder", async () => {
    const { root } = tempProject();
    const url = await database();
    const smtp = await startSmtp({ parse: false });
    const e = env(root, url, smtp.url);
    const csv = path.join(root, "list.csv");
    writeFileSync(csv, "email,name\na@example.com,Ann\nb@example.com,Bob\nA@example.com,Dup\n");
    const imported = await runCli(["subscribers", "import", csv], { env: e });
    expect(imported.stdout).toContain("added 2");
    expect(imported.stderr).toContain("line 4: A@example.com duplicates line 2");
    const sent = await runCli(["send", "--yes"], { env: e });
    expect(sent.code, sent.stderr).toBe(0);
    expect(smtp.received.map((r) => r.to).sort()).toEqual(["a@example.com", "b@example.com"]);
    expect((await runCli(["send", "--yes"], { env: e })).stdout).toContain(
      "every active subscriber has this issue",
    );
    const status = JSON.parse((await runCli(["status", "--json"], { env: e })).stdout);
    expect(status).toMatchObject([{ sent: 2, failed: 0, unknown: 0, pending: 0 }]);
    const list = await runCli(["subscribers", "list", "--json"], { env: e });
    expect(JSON.parse(list.stdout).map((s: { email: string }) => s.email)).toEqual([
      "a@example.com",
      "b@example.com",
    ]);
    // The data folder keeps only the unsubscribe key: the list is in PostgreSQL.
    expect(await query(url, "SELECT count(*)::int AS n FROM deliveries")).toEqual([{ n: 2 }]);
    await smtp.close();
  }, 60_000);

  it("the unsubscribe endpoint works on any host: a link mailed by one host is honoured by another", async () => {
    const url = await database();
    const smtp = await startSmtp();
    const hostA = tempProject();
    const hostB = tempProject();
    const a = testConfig(hostA.root, {
      DATABASE_URL: url,
      SMTP_URL: smtp.url,
      PUBLIC_URL: "https://news.example.com",
    });
    const b = testConfig(hostB.root, { DATABASE_URL: url, PORT: "0" });
    const store = await PgStore.open(url);
    await store.addSubscriber("reader@example.com", null, new Date());
    const issue = await renderIssue(a, undefined, new Date());
    await sendToList(a, store, issue);
    const link = (smtp.received[0]?.raw.toString() ?? "")
      .replace(/\r?\n[ \t]+/gu, " ")
      .match(/^List-Unsubscribe: <(https:[^>]+)>/imu)?.[1];
    expect(link).toBeDefined();
    const scheduler = await startScheduler(b, () => {});
    try {
      const response = await fetch(
        `${scheduler.url}${new URL(link as string).pathname}${new URL(link as string).search}`,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        },
      );
      expect(response.status).toBe(200);
      expect((await store.findSubscriber("reader@example.com"))?.status).toBe("unsubscribed");
    } finally {
      await scheduler.stop();
      await store.close();
      await smtp.close();
    }
  }, 60_000);

  it("a worker that polls once an hour helps a new issue as it is created: the database says so", async () => {
    const url = await database();
    const smtp = await startSmtp({ parse: false });
    const { root } = tempProject();
    const config = testConfig(root, {
      DATABASE_URL: url,
      SMTP_URL: smtp.url,
      PUBLIC_URL: "https://news.example.com",
    });
    await seedSubscribers(url, 3, "n");
    const store = await PgStore.open(url);
    const firstLook = moment();
    const inProgress = store.issuesInProgress.bind(store);
    store.issuesInProgress = async () => {
      const ids = await inProgress();
      firstLook.now();
      return ids;
    };
    const issue = await renderIssue(config, undefined, new Date());
    const helped = moment();
    const lines: string[] = [];
    const controller = new AbortController();
    const worker = runWorker(
      config,
      store,
      (line) => {
        lines.push(line);
        if (line.startsWith(`worker: issue ${issue.issueId}: sent`)) helped.now();
      },
      { pollMs: 3_600_000, once: false, signal: controller.signal },
    );
    try {
      // The worker has looked once, found nothing, and would look again in an hour.
      await firstLook.happened;
      await store.issueForArticle(issueRecord(issue), new Date());
      await helped.happened;
      expect(lines).toContain(`worker: issue ${issue.issueId}: sent 3, failed 0, unknown 0`);
      expect(smtp.received.map((r) => r.to).sort()).toEqual([
        "n0@example.com",
        "n1@example.com",
        "n2@example.com",
      ]);
    } finally {
      controller.abort();
      await worker;
      await store.close();
      await smtp.close();
    }
  }, 60_000);

  it("a wrong DATABASE_URL is one line without the password, and a server that is away too", async () => {
    const { root } = tempProject();
    const bad = await runCli(["status"], {
      env: { NEWSLETTER_ROOT: root, DATABASE_URL: "mysql://u:hunter2@h/db" },
    });
    expect(bad.code).not.toBe(0);
    // The settings' usual report: a heading, then one line per wrong setting.
    expect(bad.stderr.trim().split("\n")).toEqual([
      expect.stringContaining("invalid configuration"),
      expect.stringContaining("DATABASE_URL must be a postgres:// URL"),
    ]);
    expect(bad.stderr).not.toContain("hunter2");
    const away = await runCli(["status"], {
      env: { NEWSLETTER_ROOT: root, DATABASE_URL: "postgres://u:hunter2@127.0.0.1:1/db" },
    });
    expect(away.code).not.toBe(0);
    expect(away.stderr.trim().split("\n")).toHaveLength(1);
    expect(away.stderr).toMatch(/cannot open PostgreSQL u@127\.0\.0\.1:1\/db/u);
    expect(away.stderr).not.toContain("hunter2");
  }, 30_000);

  it("chaos: 3 workers and 2 schedulers share one issue of 5,000; a worker SIGKILLed mid-send is taken over after its heartbeat goes stale", async () => {
    const SUBSCRIBERS = 5000;
    const CONNECTIONS = 2;
    const { root } = tempProject();
    const url = await database();
    await seedSubscribers(url, SUBSCRIBERS, "c");
    const smtp = await startSmtp({ parse: false, delayMs: 3 });
    const e = env(root, url, smtp.url, {
      NEWSLETTER_SMTP_CONNECTIONS: String(CONNECTIONS),
      NEWSLETTER_STALE_AFTER_S: "3",
      NEWSLETTER_SCHEDULE: "* * * * * *",
      PORT: "0",
    });
    const processes: Running[] = [];
    const workers = [0, 1, 2].map(() => startCli(["worker", "--poll-ms", "200"], e));
    processes.push(...workers);
    for (let i = 0; i < 2; i++) processes.push(startCli(["schedule"], e));
    const victim = workers[0] as Running;
    const victimRows = async () =>
      (
        await query<{ n: number }>(
          url,
          "SELECT count(*)::int AS n FROM deliveries WHERE status = 'sending' AND lease_owner LIKE $1",
          [`%:${victim.child.pid}:%`],
        )
      )[0]?.n ?? 0;
    // Mid-send, holding rows: killed with no chance to record anything.
    for (;;) {
      if (smtp.received.length >= 1000 && (await victimRows()) > 0) break;
      if (smtp.received.length >= SUBSCRIBERS - 500) throw new Error("the worker never held rows");
      await new Promise((r) => setTimeout(r, 5));
    }
    victim.child.kill("SIGKILL");
    await victim.done;
    const open = async () =>
      (
        await query<{ n: number }>(
          url,
          "SELECT count(*)::int AS n FROM deliveries WHERE status IN ('pending', 'sending')",
        )
      )[0]?.n ?? 1;
    const until = Date.now() + 120_000;
    while ((await open()) > 0) {
      if (Date.now() > until) throw new Error("the others never finished the issue");
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const p of processes.slice(1)) p.child.kill("SIGTERM");
    await Promise.all(processes.map((p) => p.done));

    const counts = new Map<string, number>();
    for (const r of smtp.received) counts.set(r.to, (counts.get(r.to) ?? 0) + 1);
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    const missing = SUBSCRIBERS - counts.size;
    const byStatus = Object.fromEntries(
      (
        await query<{ status: string; n: number }>(
          url,
          "SELECT status, count(*)::int AS n FROM deliveries GROUP BY status",
        )
      ).map((r) => [r.status, r.n]),
    );
    const unknown = byStatus.unknown ?? 0;
    console.log(
      `chaos (${SUBSCRIBERS} recipients, 3 workers + 2 schedulers, ${CONNECTIONS} connections each): ${JSON.stringify({ duplicates, missing, unknown, ledger: byStatus })}`,
    );
    expect(duplicates).toBe(0);
    expect(await query(url, "SELECT count(*)::int AS n FROM issues")).toEqual([{ n: 1 }]);
    expect(unknown).toBeLessThanOrEqual(CONNECTIONS);
    expect(missing).toBeLessThanOrEqual(unknown);
    expect((byStatus.sent ?? 0) + unknown).toBe(SUBSCRIBERS);
    // Every sender took part: the survivors finished what the victim left.
    const log = processes.map((p) => p.output()).join("\n");
    expect(log).not.toMatch(/Error|stack/u);
    await smtp.close();
  }, 240_000);
});
