/**
 * send_pg_msgs_per_s: the same 3,000-message issue through the PostgreSQL store, sent by 1 and
 * by 3 `worker` processes (5 SMTP connections each) to the loopback sink. Timed from the
 * issue's creation (workers already up and polling) to the last row written sent; process
 * start-up is not counted. Also: PostgreSQL transactions committed per message, which is where
 * a sender's time goes beside SMTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Config } from "../src/config.ts";
import { issueRecord } from "../src/issue/issue-record.ts";
import { renderIssue } from "../src/issue/render-issue.ts";
import { PgStore } from "../src/store/postgres.ts";

const ADMIN_URL =
  process.env.TEST_POSTGRES_URL ??
  `postgresql://${encodeURIComponent(userInfo().username)}@localhost/postgres?host=/var/run/postgresql`;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Undefined when no PostgreSQL server answers (the figure is then left out, said why). */
export async function postgresReason(): Promise<string | undefined> {
  try {
    await admin("SELECT 1");
    return undefined;
  } catch (error) {
    return `no PostgreSQL at ${ADMIN_URL} (${(error as Error).message}); run scripts/postgres.sh`;
  }
}

/** CPU seconds used so far by the processes whose command name passes `test` (Linux /proc). */
function cpuSeconds(test: (pid: number, name: string) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (!test(pid, name)) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100;
}

function startWorker(root: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "src/cli/main.ts"), "worker", "--poll-ms", "50"],
    { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.includes("worker: helping")) resolve(child);
    });
    child.on("close", (code) => reject(new Error(`worker exited ${code}: ${err.slice(-300)}`)));
  });
}

export async function benchPostgresSend(
  root: string,
  config: Config,
  seed: string,
  sinkUrl: string,
  workers: number,
  count: number,
): Promise<{ msgsPerS: number; commitsPerMsg: number; workerUs: number; postgresUs: number }> {
  const name = `newsletter_bench_${randomBytes(5).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const children: ChildProcess[] = [];
  try {
    const store = await PgStore.open(databaseUrl);
    const staging = await store.startImport();
    await staging.stage(
      Array.from({ length: count }, (_, i) => ({
        key: `reader${i + 1}@example.com`,
        line: i + 2,
        email: `reader${i + 1}@example.com`,
        name: `Reader ${i + 1}`,
      })),
    );
    await staging.merge(new Date());
    await staging.discard();
    const env = {
      DATABASE_URL: databaseUrl,
      SMTP_URL: sinkUrl,
      NEWSLETTER_FROM: "brief@news.example.com",
      PUBLIC_URL: "https://news.example.com",
      NEWSLETTER_SMTP_CONNECTIONS: "5",
      NEWSLETTER_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bench-pg-")),
    };
    for (let i = 0; i < workers; i++) children.push(await startWorker(root, env));
    const issue = await renderIssue(config, seed, new Date());
    const stats = new pg.Client({ connectionString: databaseUrl });
    await stats.connect();
    const commits = async () =>
      Number(
        (
          await stats.query<{ n: string }>(
            "SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()",
          )
        ).rows[0]?.n ?? 0,
      );
    await stats.query("SELECT pg_stat_clear_snapshot()");
    const before = await commits();
    const pids = new Set(children.map((c) => c.pid));
    const workerCpu = () => cpuSeconds((pid) => pids.has(pid));
    const postgresCpu = () => cpuSeconds((_, name) => name.startsWith("postgres"));
    const cpuBefore = { worker: workerCpu(), postgres: postgresCpu() };
    const t = performance.now();
    await store.issueForArticle(issueRecord(issue), new Date());
    for (;;) {
      const { sent } = await store.deliveryCounts(issue.issueId);
      if (sent >= count) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const seconds = (performance.now() - t) / 1000;
    const workerUs = ((workerCpu() - cpuBefore.worker) / count) * 1e6;
    const postgresUs = ((postgresCpu() - cpuBefore.postgres) / count) * 1e6;
    // Statistics reach pg_stat_database a moment after the commits.
    await new Promise((r) => setTimeout(r, 700));
    await stats.query("SELECT pg_stat_clear_snapshot()");
    const after = await commits();
    await stats.end();
    await store.close();
    return {
      msgsPerS: count / seconds,
      commitsPerMsg: (after - before) / count,
      workerUs,
      postgresUs,
    };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("close", r)))),
    );
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
