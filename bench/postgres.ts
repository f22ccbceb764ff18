/**
 * send_pg_msgs_per_s: 3,000-message issues through the PostgreSQL store, sent by 1 and by 3
 * `worker` processes (5 SMTP connections each) to the loopback sink. After a warm-up issue,
 * each of three is timed from its creation (workers up and polling) to the workers' lines
 * saying it is all sent; the median is the figure. Process start-up is not counted. Also:
 * PostgreSQL transactions committed per message, and CPU per message of the workers and of
 * the server.
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

/** Issues measured after the warm-up; the median is the figure. */
const ROUNDS = 3;

/**
 * A `worker` through the CLI as installed (the compiled build when fresh), up and polling.
 * `onLine` hears each line it prints after that.
 */
function startWorker(
  root: string,
  env: Record<string, string>,
  onLine: (line: string) => void,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [path.join(root, "bin/newsletter.mjs"), "worker", "--poll-ms", "50"],
    { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let err = "";
    let up = false;
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
      const lines = err.split("\n");
      err = lines.pop() ?? "";
      for (const line of lines) {
        if (up) onLine(line);
        else if (line.includes("worker: helping")) {
          up = true;
          resolve(child);
        }
      }
    });
    child.on("close", (code) => reject(new Error(`worker exited ${code}: ${err.slice(-300)}`)));
  });
}

/**
 * A database of its own with `count` subscribers, the environment that points the CLI at it
 * and at the sink, and the sender processes started in it, which are stopped (and the
 * database dropped) once `fn` is done.
 */
async function withListDatabase<T>(
  count: number,
  sinkUrl: string,
  fn: (db: {
    store: PgStore;
    url: string;
    env: Record<string, string>;
    children: ChildProcess[];
  }) => Promise<T>,
): Promise<T> {
  const name = `newsletter_bench_${randomBytes(5).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const children: ChildProcess[] = [];
  try {
    const store = await PgStore.open(databaseUrl);
    try {
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
      return await fn({ store, url: databaseUrl, env, children });
    } finally {
      await store.close();
    }
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("close", r)))),
    );
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Adds up the "sent N" of each sender's closing line, per issue, and says when all are sent. */
function sentCounter(count: number) {
  const shares = new Map<string, { sent: number; done: () => void }>();
  return {
    allSent: (issueId: string) =>
      new Promise<void>((done) => shares.set(issueId, { sent: 0, done })),
    onLine: (line: string) => {
      const share = /\b(?:worker: )?issue (\S+): sent (\d+),/.exec(line);
      const waiting = shares.get(share?.[1] ?? "");
      if (!waiting) return;
      waiting.sent += Number(share?.[2]);
      if (waiting.sent >= count) waiting.done();
    },
  };
}

export async function benchPostgresSend(
  root: string,
  config: Config,
  seed: string,
  sinkUrl: string,
  workers: number,
  count: number,
): Promise<{ msgsPerS: number; commitsPerMsg: number; workerUs: number; postgresUs: number }> {
  return withListDatabase(count, sinkUrl, async ({ store, url: databaseUrl, env, children }) => {
    const issue = await renderIssue(config, seed, new Date());
    // A first issue of the same email to the same list warms the workers up, as the SQLite
    // figure's rounds are warm; then ROUNDS issues are measured, and the median is the figure.
    const round = (n: number | "w") => ({
      ...issue,
      issueId: `${issue.issueId.slice(0, 15)}${n}`,
      articleKey: `round-${n}`,
    });
    const warmUp = round("w");
    // Done when the workers' own lines say so ("worker: issue X: sent N, …", printed once a
    // share is committed): polling the table would cost the server more than the sending.
    const { allSent, onLine } = sentCounter(count);
    for (let i = 0; i < workers; i++) children.push(await startWorker(root, env, onLine));
    const warm = allSent(warmUp.issueId);
    await store.issueForArticle(issueRecord(warmUp), new Date());
    await warm;
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
    const rates: number[] = [];
    for (let n = 1; n <= ROUNDS; n++) {
      const measured = round(n);
      const sent = allSent(measured.issueId);
      const t = performance.now();
      await store.issueForArticle(issueRecord(measured), new Date());
      await sent;
      rates.push(count / ((performance.now() - t) / 1000));
      const { sent: inTable } = await store.deliveryCounts(measured.issueId);
      if (inTable !== count) throw new Error(`bench: ${inTable} of ${count} rows are sent`);
    }
    const messages = ROUNDS * count;
    const workerUs = ((workerCpu() - cpuBefore.worker) / messages) * 1e6;
    const postgresUs = ((postgresCpu() - cpuBefore.postgres) / messages) * 1e6;
    // Statistics reach pg_stat_database a moment after the commits.
    await new Promise((r) => setTimeout(r, 700));
    await stats.query("SELECT pg_stat_clear_snapshot()");
    const after = await commits();
    await stats.end();
    return {
      msgsPerS: rates.sort((a, b) => a - b)[ROUNDS >> 1] as number,
      commitsPerMsg: (after - before) / messages,
      workerUs,
      postgresUs,
    };
  });
}

/**
 * send_relay_msgs_per_s_1/_3: `count` messages to a relay that takes `delay` ms over each
 * answer, by one `send --yes` process, and by `send --yes` with two `worker`s beside it. Timed
 * from the send saying how many it has to send (its issue and rows are in the database) to
 * the last sender's closing line.
 */
export async function benchRelaySend(
  root: string,
  sinkUrl: string,
  workers: number,
  count: number,
): Promise<number> {
  return withListDatabase(count, sinkUrl, async ({ env, children }) => {
    const { allSent, onLine } = sentCounter(count);
    for (let i = 0; i < workers; i++) children.push(await startWorker(root, env, onLine));
    const send = spawn(process.execPath, [path.join(root, "bin/newsletter.mjs"), "send", "--yes"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(send);
    let started = 0;
    let issueId = "";
    let sent: Promise<void> | undefined;
    const output: string[] = [];
    const started$ = new Promise<void>((resolve) => {
      const read = (d: Buffer) => {
        for (const line of d.toString().split("\n")) {
          output.push(line);
          issueId ||= /^issue ([0-9a-f]{16}):/.exec(line)?.[1] ?? "";
          if (!started && / to send, /.test(line)) {
            started = performance.now();
            sent = allSent(issueId);
            resolve();
          }
          // The send's own closing line names no issue: it is given the one it announced.
          const own = /^sent (\d+), failed/.exec(line);
          if (own) onLine(`issue ${issueId}: sent ${own[1]},`);
        }
      };
      send.stdout?.on("data", read);
      send.stderr?.on("data", read);
    });
    // A send that fails ends the figure with its last lines, whenever it fails.
    const failed = new Promise<never>((_, reject) =>
      send.on("close", (code) => {
        if (code !== 0) reject(new Error(`send exited ${code}: ${output.slice(-5).join(" | ")}`));
      }),
    );
    failed.catch(() => {});
    await Promise.race([started$, failed]);
    await Promise.race([sent, failed]);
    return count / ((performance.now() - started) / 1000);
  });
}
