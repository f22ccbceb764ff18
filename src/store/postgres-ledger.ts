import pg from "pg";
import { isConnectionLost } from "./postgres-errors.ts";
import { PG_SQL } from "./shared-sql.ts";
import {
  type ClaimedDelivery,
  type ClaimRequest,
  type LedgerWrite,
  outcomeRow,
  type TurnResult,
  type WriteEffect,
} from "./store.ts";

/**
 * The ledger's SQL on PostgreSQL: the statements a sender's turn runs, alone or batched, and
 * the fused statement of the common turn.
 */

/**
 * The connections a sender's turns run on: its running turn, one that only writes beside it
 * (LedgerTurns), and room for a second sender in the same process. The fused turn runs hundreds of times a second, and by default
 * PostgreSQL planned it afresh on every run, which cost more than running it. Here it is
 * planned once per connection (a generic plan), and planned again whenever the tables'
 * statistics change, so refreshStatistics runs as an issue's rows are added. A server without
 * the setting (before PostgreSQL 12) plans as before.
 */
export class TurnConnections {
  private readonly pool: pg.Pool;
  /** Connections whose plan mode is set (once, before their first turn). */
  private readonly planned = new WeakSet<pg.PoolClient>();

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 10_000 });
    // A connection that breaks while idle must not crash the process; the next turn reports it.
    this.pool.on("error", () => {});
  }

  /** Runs the named statement; a connection that broke under it is discarded, not pooled. */
  async query<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on("error", onError);
    try {
      if (!this.planned.has(client)) {
        await client.query("SET plan_cache_mode = force_generic_plan").catch((error: unknown) => {
          if (isConnectionLost(error)) throw error;
        });
        this.planned.add(client);
      }
      return (await client.query({ name, text, values })).rows as T[];
    } catch (error) {
      if (isConnectionLost(error)) broken ??= error as Error;
      throw error;
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * `added` rows were just added for an issue: where the planner thinks a table smaller than
 * that, its statistics are brought up to date, so the turns' plan is made for the tables as they
 * are (a plan made when `deliveries` looked small scanned the whole table on every turn). A
 * table the planner already knows at that size is left to autovacuum: analysing it again on
 * every issue cost 12-17 ms at 3,000 rows, more at millions, and changed no plan. Best effort:
 * a failure only leaves autovacuum to it.
 */
export async function refreshStatistics(pool: pg.Pool, added: number): Promise<void> {
  try {
    const known = await pool.query<{ name: string }>(
      "SELECT relname AS name FROM pg_class WHERE relname IN ('deliveries', 'subscribers') AND relkind = 'r' AND relnamespace = current_schema()::regnamespace AND reltuples < $1",
      [added],
    );
    const stale = known.rows.map((r) => r.name).sort();
    if (stale.length > 0) await pool.query(`ANALYZE ${stale.join(", ")}`);
  } catch {
    // Left to autovacuum.
  }
}

/**
 * Applies one ledger write: `bounced` when it turned its subscriber bounced, `fenced` when an
 * on-wire write found its row no longer held by the owner.
 */
export async function apply(client: pg.PoolClient, write: LedgerWrite): Promise<WriteEffect> {
  const at = "at" in write ? write.at.toISOString() : "";
  switch (write.kind) {
    case "sent":
      await client.query(
        "UPDATE deliveries SET status = 'sent', message_id = $1, last_error = $2, attempts = $3, lease_owner = NULL, lease_until = NULL, on_wire = false, updated_at = $4 WHERE issue_id = $5 AND subscriber_id = $6 AND lease_owner = $7",
        [
          write.messageId,
          write.reply,
          write.attempts,
          at,
          write.issueId,
          write.subscriberId,
          write.owner,
        ],
      );
      if (write.resetHardFailures)
        await client.query(PG_SQL.resetHardFailures, [write.subscriberId]);
      return undefined;
    case "failed":
    case "unknown": {
      await client.query(
        "UPDATE deliveries SET status = $1, last_error = $2, attempts = $3, lease_owner = NULL, lease_until = NULL, on_wire = false, updated_at = $4 WHERE issue_id = $5 AND subscriber_id = $6 AND lease_owner = $7",
        outcomeRow(write, at),
      );
      if (write.bounceAfter === undefined) return undefined;
      const row = await client.query<{ changed: boolean }>(HARD_FAILURE, [
        write.bounceAfter,
        at,
        write.subscriberId,
      ]);
      return row.rows[0]?.changed === true ? "bounced" : undefined;
    }
    case "release":
      await client.query(
        "UPDATE deliveries SET status = 'pending', lease_owner = NULL, lease_until = NULL, on_wire = false, updated_at = $1 WHERE issue_id = $2 AND subscriber_id = $3 AND lease_owner = $4",
        [at, write.issueId, write.subscriberId, write.owner],
      );
      return undefined;
    case "on-wire": {
      const marked = await client.query(
        "UPDATE deliveries SET on_wire = true WHERE issue_id = $1 AND subscriber_id = $2 AND lease_owner = $3",
        [write.issueId, write.subscriberId, write.owner],
      );
      return marked.rowCount === 0 ? "fenced" : undefined;
    }
  }
}

/** An owner's claimed rows not yet on the wire go back to pending ($1 at, $2 issue, $3 owner). */
export const REQUEUE_CLAIMED =
  "UPDATE deliveries SET status = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = $1 WHERE issue_id = $2 AND status = 'sending' AND lease_owner = $3 AND NOT on_wire";
/** An owner's rows on the wire become unknown ($1 why, $2 at, $3 issue, $4 owner). */
export const RESOLVE_ON_WIRE =
  "UPDATE deliveries SET status = 'unknown', last_error = $1, lease_owner = NULL, lease_until = NULL, on_wire = false, updated_at = $2 WHERE issue_id = $3 AND status = 'sending' AND lease_owner = $4 AND on_wire";

export type SentWrite = Extract<LedgerWrite, { kind: "sent" }>;
export type FusedWrite = Extract<LedgerWrite, { kind: "on-wire" | "sent" }>;

/**
 * Sent writes as the columns both statements that record them unnest, in this order: issue,
 * subscriber, owner, message id, reply, attempts, time.
 */
function sentColumns(rows: SentWrite[]): unknown[][] {
  return [
    rows.map((w) => w.issueId),
    rows.map((w) => w.subscriberId),
    rows.map((w) => w.owner),
    rows.map((w) => w.messageId),
    rows.map((w) => w.reply),
    rows.map((w) => w.attempts),
    rows.map((w) => w.at.toISOString()),
  ];
}

/**
 * A claim's test that the row's subscriber is active, as a lookup per row taken: the claim
 * walks the pending index in order and stops at its limit whatever the statistics say. (As a
 * join, a list imported since the last ANALYZE looked tiny to the planner, which sorted the
 * whole subscribers table for every claim.)
 */
const ACTIVE = "(SELECT s.status FROM subscribers s WHERE s.id = d.subscriber_id) = 'active'";

/**
 * One turn in one statement: on-wire marks ($1-$3; each held row returned, so a fenced one is
 * known), sent rows ($4-$10), their addresses' failure counts reset ($11), then a claim of up
 * to $13 pending rows of issue $12 past subscriber $16 for owner $14 until $15.
 * Data-modifying CTEs all run once on one snapshot; the claim only takes `pending` rows, which
 * none of the writes touch.
 */
export const FUSED_TURN = `WITH wire AS (
    UPDATE deliveries d SET on_wire = true
    FROM unnest($1::text[], $2::int[], $3::text[]) AS u(issue_id, subscriber_id, owner)
    WHERE d.issue_id = u.issue_id AND d.subscriber_id = u.subscriber_id AND d.lease_owner = u.owner
    RETURNING d.subscriber_id),
  sent AS (
    UPDATE deliveries d SET status = 'sent', message_id = u.message_id, last_error = u.reply,
      attempts = u.attempts, lease_owner = NULL, lease_until = NULL, on_wire = false, updated_at = u.at
    FROM unnest($4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[])
      AS u(issue_id, subscriber_id, owner, message_id, reply, attempts, at)
    WHERE d.issue_id = u.issue_id AND d.subscriber_id = u.subscriber_id AND d.lease_owner = u.owner
    RETURNING 1),
  reset AS (
    UPDATE subscribers SET hard_failures = 0 WHERE id = ANY($11::int[]) AND hard_failures > 0
    RETURNING 1),
  picked AS (
    SELECT d.subscriber_id FROM deliveries d
    WHERE d.issue_id = $12 AND d.status = 'pending' AND d.subscriber_id > $16 AND ${ACTIVE}
    ORDER BY d.subscriber_id LIMIT $13
    FOR UPDATE OF d SKIP LOCKED),
  claimed AS (
    UPDATE deliveries d SET status = 'sending', lease_owner = $14, lease_until = $15
    FROM picked p, subscribers s
    WHERE d.issue_id = $12 AND d.subscriber_id = p.subscriber_id AND s.id = d.subscriber_id
    RETURNING d.subscriber_id, d.attempts, s.email, s.name, s.hard_failures)
SELECT 'wire' AS part, subscriber_id AS "subscriberId", NULL::int AS attempts, NULL AS email,
  NULL AS name, NULL::int AS "hardFailures" FROM wire
UNION ALL
SELECT 'claim', subscriber_id, attempts, email, name, hard_failures FROM claimed`;

/**
 * A turn of on-wire and sent writes and a claim, as one statement (FUSED_TURN), run by
 * `prepared` (the store's turn connections, where it is planned once).
 */
export async function fusedTurn(
  prepared: <T>(name: string, text: string, values: unknown[]) => Promise<T[]>,
  writes: FusedWrite[],
  claim?: ClaimRequest,
): Promise<TurnResult> {
  const wire = writes.filter((w) => w.kind === "on-wire");
  const sent = writes.filter((w): w is SentWrite => w.kind === "sent");
  const rows = await prepared<ClaimedDelivery & { part: string }>("fused_turn", FUSED_TURN, [
    wire.map((w) => w.issueId),
    wire.map((w) => w.subscriberId),
    wire.map((w) => w.owner),
    ...sentColumns(sent),
    sent.filter((w) => w.resetHardFailures).map((w) => w.subscriberId),
    claim?.issueId ?? null,
    claim?.limit ?? 0,
    claim?.owner ?? null,
    claim?.leaseUntil ?? null,
    claim?.after ?? 0,
  ]);
  const held = new Set(rows.filter((r) => r.part === "wire").map((r) => r.subscriberId));
  const claimed = rows
    .filter((r) => r.part === "claim")
    .map(({ part: _, ...row }) => row)
    .sort((a, b) => a.subscriberId - b.subscriberId);
  return {
    claimed,
    bounced: 0,
    fenced: wire.map((w) => w.subscriberId).filter((id) => !held.has(id)),
  };
}

/** A permanent failure counted against an address; it is bounced at the count ($1). */
export const HARD_FAILURE = `UPDATE subscribers SET hard_failures = hard_failures + 1,
    status = CASE WHEN hard_failures + 1 >= $1 AND status = 'active' THEN 'bounced' ELSE status END,
    status_reason = CASE WHEN hard_failures + 1 >= $1 AND status = 'active' THEN 'bounce' ELSE status_reason END,
    status_changed_at = CASE WHEN hard_failures + 1 >= $1 AND status = 'active' THEN $2 ELSE status_changed_at END,
    updated_at = $2 WHERE id = $3
  RETURNING (status = 'bounced' AND status_changed_at = $2 AND status_reason = 'bounce') AS changed`;

/** Consecutive writes of the same kind, in order. */
export function runsOfKind(writes: LedgerWrite[]): LedgerWrite[][] {
  const runs: LedgerWrite[][] = [];
  for (const write of writes) {
    const last = runs[runs.length - 1];
    if (last && (last[0] as LedgerWrite).kind === write.kind) last.push(write);
    else runs.push([write]);
  }
  return runs;
}

/** Marks a run of on-wire writes; returns the subscribers whose row the owner no longer holds. */
export async function markOnWireMany(
  client: pg.PoolClient,
  writes: LedgerWrite[],
): Promise<number[]> {
  const rows = writes as Array<Extract<LedgerWrite, { kind: "on-wire" }>>;
  const marked = await client.query<{ subscriber_id: number }>(
    `UPDATE deliveries d SET on_wire = true
     FROM unnest($1::text[], $2::int[], $3::text[]) AS u(issue_id, subscriber_id, owner)
     WHERE d.issue_id = u.issue_id AND d.subscriber_id = u.subscriber_id AND d.lease_owner = u.owner
     RETURNING d.subscriber_id`,
    [rows.map((w) => w.issueId), rows.map((w) => w.subscriberId), rows.map((w) => w.owner)],
  );
  const held = new Set(marked.rows.map((r) => r.subscriber_id));
  return rows.map((w) => w.subscriberId).filter((id) => !held.has(id));
}

export async function markSentMany(client: pg.PoolClient, writes: LedgerWrite[]): Promise<void> {
  const rows = writes as SentWrite[];
  await client.query(
    `UPDATE deliveries d SET status = 'sent', message_id = u.message_id, last_error = u.reply,
       attempts = u.attempts, lease_owner = NULL, lease_until = NULL, on_wire = false, updated_at = u.at
     FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
       AS u(issue_id, subscriber_id, owner, message_id, reply, attempts, at)
     WHERE d.issue_id = u.issue_id AND d.subscriber_id = u.subscriber_id AND d.lease_owner = u.owner`,
    sentColumns(rows),
  );
  const reset = rows.filter((w) => w.resetHardFailures).map((w) => w.subscriberId);
  if (reset.length > 0)
    await client.query(
      "UPDATE subscribers SET hard_failures = 0 WHERE id = ANY($1::int[]) AND hard_failures > 0",
      [reset],
    );
}

/** Claims rows no other sender holds: SKIP LOCKED passes over rows another claim has locked. */
export async function claimRows(
  client: pg.PoolClient,
  { issueId, owner, limit, leaseUntil, after }: ClaimRequest,
): Promise<ClaimedDelivery[]> {
  const result = await client.query<ClaimedDelivery>(
    `WITH picked AS (
       SELECT d.subscriber_id FROM deliveries d
       WHERE d.issue_id = $1 AND d.status = 'pending' AND d.subscriber_id > $5 AND ${ACTIVE}
       ORDER BY d.subscriber_id LIMIT $2
       FOR UPDATE OF d SKIP LOCKED)
     UPDATE deliveries d SET status = 'sending', lease_owner = $3, lease_until = $4
     FROM picked p, subscribers s
     WHERE d.issue_id = $1 AND d.subscriber_id = p.subscriber_id AND s.id = d.subscriber_id
     RETURNING d.subscriber_id AS "subscriberId", d.attempts, s.email, s.name, s.hard_failures AS "hardFailures"`,
    [issueId, limit, owner, leaseUntil, after ?? 0],
  );
  return result.rows.sort((a, b) => a.subscriberId - b.subscriberId);
}
