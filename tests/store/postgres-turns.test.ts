import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { LedgerTurns } from "../../src/send/ledger-turns.ts";
import { PgStore } from "../../src/store/postgres.ts";
import { TurnConnections } from "../../src/store/postgres-ledger.ts";
import { NOTIFY_WORK, WorkListener } from "../../src/store/postgres-work-signal.ts";
import { moment } from "../helpers/moment.ts";
import { freshDatabase, postgresUnavailable, query } from "../helpers/postgres.ts";

/**
 * Issue 22, item 6: what keeps a PostgreSQL turn cheap. The turn's connections plan it once;
 * an issue's new rows are analysed, so that plan is made for the table as it is; a message
 * going on the wire does not wait for the turn that is committing.
 */

const pgReason = await postgresUnavailable();
if (pgReason) console.warn(`PostgreSQL turn tests skipped: ${pgReason}`);
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

async function database(): Promise<string> {
  const db = await freshDatabase();
  drops.push(db.drop);
  return db.url;
}

/** Imports `count` active readers, numbered from `from`. */
async function addReaders(store: PgStore, from: number, count: number): Promise<void> {
  const staging = await store.startImport();
  await staging.stage(
    Array.from({ length: count }, (_, i) => ({
      key: `reader${from + i}@example.com`,
      line: i + 2,
      email: `reader${from + i}@example.com`,
      name: `Reader ${from + i}`,
    })),
  );
  await staging.merge(new Date());
  await staging.discard();
}

/** How many rows the planner believes `table` holds (-1: never analysed). */
async function estimate(url: string, table: string): Promise<number> {
  const rows = await query<{ reltuples: number }>(
    url,
    `SELECT reltuples FROM pg_class WHERE relname = '${table}'`,
  );
  return Number(rows[0]?.reltuples);
}

describe.skipIf(pgReason !== undefined)("PostgreSQL turns", () => {
  it("run on connections that plan once, and a connection that broke is replaced", async () => {
    const url = await database();
    const turns = new TurnConnections(url);
    try {
      const mode = await turns.query<{ plan_cache_mode: string }>(
        "mode",
        "SHOW plan_cache_mode",
        [],
      );
      expect(mode[0]?.plan_cache_mode).toBe("force_generic_plan");
      const pid = async () =>
        (await turns.query<{ pid: number }>("pid", "SELECT pg_backend_pid() AS pid", []))[0]?.pid ??
        0;
      const first = await pid();
      expect(first).toBeGreaterThan(0);
      // The server ends that connection (as a restart or an administrator would).
      await query(url, `SELECT pg_terminate_backend(${Number(first)})`);
      // The next turn may meet the broken connection and fail; the one after runs on a new one,
      // planned the same way.
      const next = await pid().catch(() => pid());
      expect(next).toBeGreaterThan(0);
      expect(next).not.toBe(first);
      const again = await turns.query<{ plan_cache_mode: string }>(
        "mode",
        "SHOW plan_cache_mode",
        [],
      );
      expect(again[0]?.plan_cache_mode).toBe("force_generic_plan");
    } finally {
      await turns.end();
    }
  });

  it("analyses an issue's new rows, so the planner knows the table's size", async () => {
    const url = await database();
    const store = await PgStore.open(url);
    try {
      await addReaders(store, 0, 300);
      // Never analysed: PostgreSQL does not know how many rows the table holds.
      expect(await estimate(url, "deliveries")).toBeLessThan(0);
      const { created } = await store.issueForArticle(
        {
          id: "a1",
          articleKey: "article.txt",
          articleHash: "h1",
          articleFile: "article.txt",
          subject: "Subject",
        },
        new Date(),
      );
      expect(created).toBe(true);
      expect(await estimate(url, "deliveries")).toBe(300);
      expect(await estimate(url, "subscribers")).toBe(300);
    } finally {
      await store.close();
    }
  });
  it("commits a message's on-wire mark beside a running turn, which keeps the claim", async () => {
    const url = await database();
    const store = await PgStore.open(url);
    const locker = new pg.Client({ connectionString: url });
    try {
      const a = await store.addSubscriber("a@example.com", null, new Date());
      const b = await store.addSubscriber("b@example.com", null, new Date());
      await store.recordIssue(
        { id: "w1", articleKey: "k", articleHash: "h", articleFile: "f", subject: "s" },
        new Date(),
      );
      await store.enqueue("w1", new Date());
      const lease = () => ({
        issueId: "w1",
        owner: "o",
        limit: 5,
        leaseUntil: Date.now() + 60_000,
      });
      expect((await store.commitTurn([], lease())).claimed).toHaveLength(2);
      // Another transaction holds a's row: the turn that marks it waits inside PostgreSQL.
      await locker.connect();
      await locker.query("BEGIN");
      await locker.query("SELECT 1 FROM deliveries WHERE subscriber_id = $1 FOR UPDATE", [a]);
      const claims: unknown[] = [];
      const running = moment();
      const real = store.commitTurn.bind(store);
      store.commitTurn = (writes, claim) => {
        claims.push(claim);
        running.now();
        return real(writes, claim);
      };
      const turns = new LedgerTurns(
        store,
        { claim: lease, committed: () => {}, failed: () => {} },
        10_000,
      );
      let aDone = false;
      const markA = turns
        .commitWith({ kind: "on-wire", issueId: "w1", subscriberId: a, owner: "o" })
        .finally(() => {
          aDone = true;
        });
      await running.happened;
      // Without a turn beside the running one, b would wait for a's lock to be let go.
      const heldB = await turns.commitWith({
        kind: "on-wire",
        issueId: "w1",
        subscriberId: b,
        owner: "o",
      });
      expect(heldB).toBe(true);
      expect(aDone).toBe(false);
      const wire = async (id: number) =>
        (
          await query<{ on_wire: boolean }>(
            url,
            "SELECT on_wire FROM deliveries WHERE subscriber_id = $1",
            [id],
          )
        )[0]?.on_wire;
      expect(await wire(b)).toBe(true);
      expect(await wire(a)).toBe(false);
      // The running turn asked for the claim; the one beside it claimed nothing.
      expect(claims).toHaveLength(2);
      expect(claims[0]).toMatchObject({ issueId: "w1", owner: "o" });
      expect(claims[1]).toBeUndefined();
      await locker.query("COMMIT");
      expect(await markA).toBe(true);
      expect(await wire(a)).toBe(true);
      turns.dispose();
    } finally {
      await locker.end().catch(() => {});
      await store.close();
    }
  });
  it("hears work announced, and listens again after its connection was cut", async () => {
    const url = await database();
    let wakes = 0;
    let woken = moment();
    const listener = new WorkListener(url, () => {
      wakes++;
      woken.now();
    });
    try {
      await listener.start();
      await query(url, NOTIFY_WORK, ["i1"]);
      await woken.happened;
      expect(wakes).toBe(1);
      // The server ends the listening connection (a restart, an administrator).
      woken = moment();
      await query(
        url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN newsletter_work'",
      );
      // Back again, it wakes the worker once: work may have been announced meanwhile.
      await woken.happened;
      expect(wakes).toBe(2);
      woken = moment();
      await query(url, NOTIFY_WORK, ["i2"]);
      await woken.happened;
      expect(wakes).toBe(3);
    } finally {
      await listener.stop();
    }
  });
  it("analyses only a table the planner thinks smaller than the issue, not every table every time", async () => {
    const url = await database();
    const store = await PgStore.open(url);
    const issue = (id: string) =>
      store.issueForArticle(
        { id, articleKey: id, articleHash: id, articleFile: `${id}.txt`, subject: "Subject" },
        new Date(),
      );
    try {
      // Only this process analyses here: autovacuum would make the estimates move on its own.
      await query(url, "ALTER TABLE deliveries SET (autovacuum_enabled = false)");
      await query(url, "ALTER TABLE subscribers SET (autovacuum_enabled = false)");
      await addReaders(store, 0, 300);
      await issue("b1");
      expect(await estimate(url, "deliveries")).toBe(300);
      // The planner knows a table of 300 rows: 300 more change no plan, and are not analysed.
      await issue("b2");
      expect(await estimate(url, "deliveries")).toBe(300);
      expect(await estimate(url, "subscribers")).toBe(300);
      // A list grown past what the planner knows: both tables are analysed again.
      await addReaders(store, 300, 700);
      await issue("b3");
      expect(await estimate(url, "deliveries")).toBe(1600);
      expect(await estimate(url, "subscribers")).toBe(1000);
    } finally {
      await store.close();
    }
  });
});
