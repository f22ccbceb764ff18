import pg from "pg";
import type { CompiledEmail } from "../email/compile-email.ts";
import { NewsletterError } from "../errors.ts";
import { postgresApprovals } from "./postgres-approvals.ts";
import { postgresCorrections } from "./postgres-corrections.ts";
import { describeDatabaseUrl, describeLoss, isConnectionLost } from "./postgres-errors.ts";
import { applyEvent } from "./postgres-events.ts";
import { importStaging } from "./postgres-import.ts";
import {
  apply,
  claimRows,
  type FusedWrite,
  fusedTurn,
  markOnWireMany,
  markSentMany,
  REQUEUE_CLAIMED,
  RESOLVE_ON_WIRE,
  refreshStatistics,
  runsOfKind,
  TurnConnections,
} from "./postgres-ledger.ts";
import { migrate } from "./postgres-schema.ts";
import { type PgAccess, postgresSignups } from "./postgres-signups.ts";
import { NOTIFY_WORK, WorkListener } from "./postgres-work-signal.ts";
import { PG_SQL } from "./shared-sql.ts";
import {
  ABANDONED_ON_WIRE,
  type ApprovalStore,
  type ClaimRequest,
  type CorrectionStore,
  countsByIssue,
  type EventCounts,
  type EventResult,
  emailKey,
  type ImportStaging,
  type InboundEvent,
  type IssueCounts,
  type IssueRecord,
  isGone,
  type LedgerWrite,
  type Liveness,
  type Problem,
  type SignupStore,
  type StatusReason,
  type Store,
  type Subscriber,
  type SubscriberStatus,
  type TurnResult,
} from "./store.ts";

/**
 * The PostgreSQL store (DATABASE_URL): the same contract as the SQLite one, for lists that
 * outgrow one machine. Several senders on several hosts share an issue: claims take rows with
 * FOR UPDATE SKIP LOCKED, so no two senders ever hold one row and none waits for another; each
 * sender keeps a heartbeat row, and the rows of a sender whose heartbeat went stale are resolved
 * by whichever sender notices first.
 */

const SUBSCRIBER_COLUMNS = `id, email, name, status, status_reason AS "statusReason",
  status_changed_at AS "statusChangedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A pending row for every active subscriber without one. */
const ENQUEUE = `INSERT INTO deliveries (issue_id, subscriber_id, status, attempts, updated_at)
  SELECT $1, id, 'pending', 0, $2 FROM subscribers WHERE status = 'active'
  ON CONFLICT (issue_id, subscriber_id) DO NOTHING`;

/** Rows read per page when the list is streamed. */
const PAGE = 1000;

/** The sign-up, correction and approval methods, which the constructor mixes in from their modules. */
export interface PgStore extends SignupStore, CorrectionStore, ApprovalStore {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above declares what the constructor mixes in
export class PgStore implements Store {
  readonly kind = "postgres" as const;
  readonly description: string;
  /** A turn that only writes can commit beside the running one (TurnConnections has room). */
  readonly concurrentTurns = true;

  /** The ledger's turns run on their own connections, where they are planned once. */
  private readonly turns: TurnConnections;
  private readonly url: string;

  private constructor(
    private readonly pool: pg.Pool,
    readonly created: boolean,
    description: string,
    url: string,
  ) {
    this.description = description;
    this.url = url;
    this.turns = new TurnConnections(url);
    // Sign-ups and corrections: their own modules, mixed in (the interface above declares them).
    const access: PgAccess = {
      rows: (sql, params) => this.rows(sql, params),
      run: (sql, params) => this.run(sql, params),
      transaction: (fn) => this.transaction(fn),
    };
    Object.assign(
      this,
      postgresSignups(access),
      postgresCorrections(access),
      postgresApprovals(access),
    );
  }

  /** Connects, and creates or migrates the schema when needed. */
  static async open(url: string): Promise<PgStore> {
    const description = describeDatabaseUrl(url);
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
    // A connection that breaks while idle must not crash the process; the next query reports it.
    pool.on("error", () => {});
    let created = false;
    try {
      const client = await pool.connect();
      try {
        created = await migrate(client, description);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => {});
      if (error instanceof NewsletterError) throw error;
      // Away (refused, timed out, restarting): the caller may wait for it to come back.
      if (isConnectionLost(error))
        throw new NewsletterError(
          "STORE_UNAVAILABLE",
          `cannot open ${description}: database unavailable: ${describeLoss(error, description)}`,
          { cause: error },
        );
      throw new NewsletterError(
        "STORE_FAILED",
        `cannot open ${description}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return new PgStore(pool, created, description, url);
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.turns.end()]);
  }

  private async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    try {
      return (await this.pool.query(sql, params)).rows as T[];
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  /** The turn's statement, prepared once per turn connection (parsed and planned once). */
  private async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    try {
      return await this.turns.query<T>(name, text, values);
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private async run(sql: string, params: unknown[] = []): Promise<number> {
    try {
      return (await this.pool.query(sql, params)).rowCount ?? 0;
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  /**
   * Runs `fn` in one transaction on one connection. The connection carries an error listener
   * while it is checked out (a server that goes away mid-transaction emits 'error' on it,
   * which would otherwise end the process), and a broken one is discarded, not pooled.
   */
  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.unavailable(error);
    }
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on("error", onError);
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      if (isConnectionLost(error)) broken ??= error as Error;
      else await client.query("ROLLBACK").catch(() => {});
      throw this.unavailable(error);
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
  }

  /** A lost or refused connection as one line naming the server; any other error as it is. */
  private unavailable(error: unknown): unknown {
    if (!isConnectionLost(error)) return error;
    return new NewsletterError(
      "STORE_UNAVAILABLE",
      `database unavailable: ${describeLoss(error, this.description)}`,
      {
        cause: error,
      },
    );
  }

  // Subscribers

  async findSubscriber(email: string): Promise<Subscriber | undefined> {
    return (
      await this.rows<Subscriber>(
        `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE email_key = $1`,
        [emailKey(email)],
      )
    )[0];
  }

  async subscriber(id: number): Promise<Subscriber | undefined> {
    if (!Number.isSafeInteger(id) || id < 0 || id > 2 ** 31 - 1) return undefined;
    return (
      await this.rows<Subscriber>(`SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = $1`, [
        id,
      ])
    )[0];
  }

  async addSubscriber(email: string, name: string | null, now: Date): Promise<number> {
    const at = now.toISOString();
    const rows = await this.rows<{ id: number }>(
      "INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at) VALUES ($1, $2, $3, 'active', $4, $4) RETURNING id",
      [email, emailKey(email), name, at],
    );
    return (rows[0] as { id: number }).id;
  }

  async updateSubscriberName(id: number, name: string, now: Date): Promise<void> {
    await this.run(PG_SQL.renameSubscriber, [name, now.toISOString(), id]);
  }

  async setSubscriberStatus(
    id: number,
    status: SubscriberStatus,
    now: Date,
    reason: StatusReason | null = null,
  ): Promise<void> {
    await this.run(
      "UPDATE subscribers SET status = $1, status_reason = $2, status_changed_at = $3, updated_at = $3 WHERE id = $4",
      [status, reason, now.toISOString(), id],
    );
  }

  async resetHardFailures(subscriberId: number): Promise<void> {
    await this.run(PG_SQL.resetHardFailures, [subscriberId]);
  }

  async *iterateSubscribers(): AsyncIterableIterator<Subscriber> {
    // Keyset pages: memory stays flat, and no cursor holds a connection between pages.
    let after = 0;
    for (;;) {
      const page = await this.rows<Subscriber>(
        `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
        [after],
      );
      yield* page;
      if (page.length < PAGE) return;
      after = (page[page.length - 1] as Subscriber).id;
    }
  }

  async subscriberCount(): Promise<number> {
    return (
      (await this.rows<{ n: number }>("SELECT count(*)::int AS n FROM subscribers"))[0]?.n ?? 0
    );
  }

  async activeSubscribers(): Promise<number> {
    return (
      (
        await this.rows<{ n: number }>(
          "SELECT count(*)::int AS n FROM subscribers WHERE status = 'active'",
        )
      )[0]?.n ?? 0
    );
  }

  /**
   * Rows are staged in a TEMP table of one connection held for the import (nothing shared is
   * locked while the file is read), then merged in one transaction.
   */
  async startImport(): Promise<ImportStaging> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw this.unavailable(error);
    });
    return importStaging(client);
  }

  // Issues

  async recordIssue(issue: IssueRecord, now: Date): Promise<void> {
    await this.insertIssue(this.pool, issue, now);
  }

  private async insertIssue(
    db: pg.Pool | pg.PoolClient,
    issue: IssueRecord,
    now: Date,
  ): Promise<void> {
    await db.query(
      `INSERT INTO issues (id, article_key, article_hash, article_file, subject, email_json, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [
        issue.id,
        issue.articleKey,
        issue.articleHash,
        issue.articleFile,
        issue.subject,
        issue.email ? JSON.stringify(issue.email) : null,
        now.toISOString(),
      ],
    );
  }

  async issueForArticle(
    issue: IssueRecord,
    now: Date,
  ): Promise<{ issueId: string; created: boolean }> {
    // A lock on the article's key for this transaction: of two schedulers ticking together, the
    // second waits, then finds the first one's issue.
    const result = await this.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('newsletter-article:' || $1))", [
        issue.articleKey,
      ]);
      const newest = await client.query<{ id: string }>(PG_SQL.newestIssueOfKey, [
        issue.articleKey,
      ]);
      const found = newest.rows[0]?.id;
      if (found !== undefined) return { issueId: found, created: false, rows: 0 };
      await this.insertIssue(client, issue, now);
      // Its rows in the same transaction: an issue is never seen without them.
      const rows = (await client.query(ENQUEUE, [issue.id, now.toISOString()])).rowCount ?? 0;
      await client.query(NOTIFY_WORK, [issue.id]);
      return { issueId: issue.id, created: true, rows };
    });
    if (result.created) await refreshStatistics(this.pool, result.rows);
    return { issueId: result.issueId, created: result.created };
  }

  async issueEmail(issueId: string): Promise<CompiledEmail | undefined> {
    const row = (
      await this.rows<{ email_json: string | null }>(
        "SELECT email_json FROM issues WHERE id = $1",
        [issueId],
      )
    )[0];
    return row?.email_json ? (JSON.parse(row.email_json) as CompiledEmail) : undefined;
  }

  async issue(issueId: string): Promise<IssueRecord | undefined> {
    return (
      await this.rows<IssueRecord>(
        `SELECT id, article_key AS "articleKey", article_hash AS "articleHash",
                article_file AS "articleFile", subject FROM issues WHERE id = $1`,
        [issueId],
      )
    )[0];
  }

  async sentIssuesOfArticle(articleHash: string): Promise<string[]> {
    return (await this.rows<{ id: string }>(PG_SQL.sentIssuesOfHash, [articleHash])).map(
      (r) => r.id,
    );
  }

  async issuesOfArticleKey(articleKey: string): Promise<string[]> {
    return (await this.rows<{ id: string }>(PG_SQL.issuesOfKey, [articleKey])).map((r) => r.id);
  }

  async issuesInProgress(): Promise<string[]> {
    return (await this.rows<{ id: string }>(PG_SQL.issuesInProgress)).map((r) => r.id);
  }

  /** Best effort: the rows are there whatever happens to it, and workers poll anyway. */
  private async announceWork(issueId: string): Promise<void> {
    await this.pool.query(NOTIFY_WORK, [issueId]).catch(() => {});
  }

  async watchForWork(wake: () => void): Promise<() => Promise<void>> {
    const listener = new WorkListener(this.url, wake);
    await listener.start();
    return () => listener.stop();
  }

  async openRows(issueId: string): Promise<number> {
    return (
      (
        await this.rows<{ n: number }>(
          "SELECT count(*)::int AS n FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.issue_id = $1 AND ((d.status = 'pending' AND s.status = 'active') OR d.status = 'sending')",
          [issueId],
        )
      )[0]?.n ?? 0
    );
  }

  async countToSend(issueId: string): Promise<{ toSend: number; sent: number }> {
    return (
      await this.rows<{ toSend: number; sent: number }>(
        `SELECT (SELECT count(*)::int FROM subscribers s WHERE s.status = 'active' AND NOT EXISTS
                   (SELECT 1 FROM deliveries d WHERE d.issue_id = $1 AND d.subscriber_id = s.id AND d.status <> 'pending')) AS "toSend",
                (SELECT count(*)::int FROM deliveries WHERE issue_id = $1 AND status = 'sent') AS sent`,
        [issueId],
      )
    )[0] as { toSend: number; sent: number };
  }

  async issueCounts(): Promise<IssueCounts[]> {
    return this.rows<IssueCounts>(
      `SELECT i.id AS "issueId", i.subject, i.created_at AS "createdAt",
              count(*) FILTER (WHERE d.status = 'sent')::int AS sent,
              count(*) FILTER (WHERE d.status = 'failed')::int AS failed,
              count(*) FILTER (WHERE d.status = 'unknown')::int AS unknown,
              count(*) FILTER (WHERE d.status = 'pending')::int AS pending,
              count(*) FILTER (WHERE d.status = 'sending')::int AS sending
       FROM issues i LEFT JOIN deliveries d ON d.issue_id = i.id
       GROUP BY i.id ORDER BY i.created_at DESC, i.id`,
    );
  }

  async problems(issueId: string, limit: number): Promise<Problem[]> {
    return this.rows<Problem>(
      `SELECT s.email, d.status, d.attempts, d.last_error AS "lastError" FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
       WHERE d.issue_id = $1 AND d.status IN ('failed', 'unknown') ORDER BY s.email LIMIT $2`,
      [issueId, limit],
    );
  }

  // The ledger

  async enqueue(issueId: string, now: Date): Promise<number> {
    const added = await this.run(ENQUEUE, [issueId, now.toISOString()]);
    if (added > 0) {
      await this.announceWork(issueId);
      await refreshStatistics(this.pool, added);
    }
    return added;
  }

  async deliveryCounts(issueId: string): Promise<{ sent: number; pending: number }> {
    return (
      await this.rows<{ sent: number; pending: number }>(
        `SELECT count(*) FILTER (WHERE d.status = 'sent')::int AS sent,
                count(*) FILTER (WHERE d.status = 'pending' AND s.status = 'active')::int AS pending
         FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.issue_id = $1`,
        [issueId],
      )
    )[0] as { sent: number; pending: number };
  }

  async resolveAbandoned(issueId: string, liveness: Liveness, now: Date): Promise<number> {
    const leases = await this.rows<{ owner: string; until: string; beat: string | null }>(
      `SELECT d.lease_owner AS owner, max(d.lease_until) AS until, max(h.heartbeat_at) AS beat
       FROM deliveries d LEFT JOIN senders h ON h.owner = d.lease_owner
       WHERE d.issue_id = $1 AND d.status = 'sending' GROUP BY d.lease_owner`,
      [issueId],
    );
    let resolved = 0;
    const at = now.toISOString();
    for (const { owner, until, beat } of leases) {
      const heartbeat = beat === null ? undefined : Number(beat);
      if (!isGone(owner, Number(until), heartbeat, liveness, now.getTime())) continue;
      // Whichever sender notices first resolves; a second one finds no row left `sending`.
      resolved += await this.transaction(async (client) => {
        await client.query(REQUEUE_CLAIMED, [at, issueId, owner]);
        const unknown = await client.query(RESOLVE_ON_WIRE, [
          ABANDONED_ON_WIRE,
          at,
          issueId,
          owner,
        ]);
        await client.query(PG_SQL.retireSender, [owner]);
        return unknown.rowCount ?? 0;
      });
    }
    return resolved;
  }

  async releaseOwnClaims(issueId: string, owner: string, now: Date): Promise<number> {
    const at = now.toISOString();
    return this.transaction(async (client) => {
      await client.query(RESOLVE_ON_WIRE, [ABANDONED_ON_WIRE, at, issueId, owner]);
      return (await client.query(REQUEUE_CLAIMED, [at, issueId, owner])).rowCount ?? 0;
    });
  }

  async commitTurn(writes: LedgerWrite[], claim?: ClaimRequest): Promise<TurnResult> {
    // The common turn (messages going on the wire, replies of sent ones, a claim) is one
    // statement: one round trip and an implicit transaction instead of five.
    if (writes.every((w) => w.kind === "on-wire" || w.kind === "sent"))
      return fusedTurn(
        (name, text, values) => this.prepared(name, text, values),
        writes as FusedWrite[],
        claim,
      );
    return this.transaction(async (client) => {
      let bounced = 0;
      const fenced: number[] = [];
      // The common writes (on the wire, sent) go in one statement per run of them: a turn's
      // time is mostly round trips. A row has at most one write per turn, so order within a run
      // does not matter.
      for (const run of runsOfKind(writes)) {
        const first = run[0] as LedgerWrite;
        if (run.length > 1 && first.kind === "on-wire")
          fenced.push(...(await markOnWireMany(client, run)));
        else if (run.length > 1 && first.kind === "sent") await markSentMany(client, run);
        else
          for (const write of run) {
            const effect = await apply(client, write);
            if (effect === "bounced") bounced++;
            else if (effect === "fenced") fenced.push(write.subscriberId);
          }
      }
      const claimed = claim ? await claimRows(client, claim) : [];
      return { claimed, bounced, fenced };
    });
  }

  async clearOnWire(issueId: string, subscriberId: number, owner: string): Promise<void> {
    await this.run(
      "UPDATE deliveries SET on_wire = false WHERE issue_id = $1 AND subscriber_id = $2 AND lease_owner = $3",
      [issueId, subscriberId, owner],
    );
  }

  async requeue(issueId: string, status: "failed" | "unknown", now: Date): Promise<number> {
    const requeued = await this.run(PG_SQL.requeue, [now.toISOString(), issueId, status]);
    if (requeued > 0) await this.announceWork(issueId);
    return requeued;
  }

  async recordEvent(event: InboundEvent, now: Date): Promise<EventResult> {
    return this.transaction((client) => applyEvent(client, event, now.toISOString()));
  }

  async eventCounts(): Promise<Map<string, EventCounts>> {
    return countsByIssue(
      await this.rows<{ issueId: string; kind: string; n: number }>(
        `SELECT issue_id AS "issueId", kind, count(*)::int AS n FROM events
         WHERE issue_id IS NOT NULL GROUP BY issue_id, kind`,
      ),
    );
  }

  async sharedSecret(generate: () => string): Promise<string | undefined> {
    await this.run(
      "INSERT INTO settings (name, value) VALUES ('unsubscribe_secret', $1) ON CONFLICT (name) DO NOTHING",
      [generate()],
    );
    return (
      await this.rows<{ value: string }>(
        "SELECT value FROM settings WHERE name = 'unsubscribe_secret'",
      )
    )[0]?.value;
  }

  // Senders

  async registerSender(owner: string, nowMs: number): Promise<void> {
    await this.run(PG_SQL.registerSender, [owner, nowMs]);
  }

  async heartbeat(owner: string, nowMs: number): Promise<boolean> {
    return (await this.run(PG_SQL.heartbeat, [nowMs, owner])) === 1;
  }

  async retireSender(owner: string): Promise<void> {
    await this.run(PG_SQL.retireSender, [owner]);
  }
}
