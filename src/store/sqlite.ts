import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { CompiledEmail } from "../email/compile-email.ts";
import { NewsletterError } from "../errors.ts";
import { SQL } from "./shared-sql.ts";
import { sqliteApprovals } from "./sqlite-approvals.ts";
import { sqliteCorrections } from "./sqlite-corrections.ts";
import { openSqlite, type SqliteDatabase } from "./sqlite-driver.ts";
import { MIGRATIONS } from "./sqlite-schema.ts";
import { sqliteSignups } from "./sqlite-signups.ts";
import { prepareStatements, type Statements } from "./sqlite-statements.ts";
import {
  ABANDONED_ON_WIRE,
  type ApprovalStore,
  type ClaimedDelivery,
  type ClaimRequest,
  type CorrectionStore,
  countsByIssue,
  type EventCounts,
  type EventResult,
  emailKey,
  eventEffect,
  eventRow,
  type ImportStaging,
  type InboundEvent,
  type IssueCounts,
  type IssueRecord,
  isGone,
  type LedgerWrite,
  type Liveness,
  outcomeRow,
  type Problem,
  type SignupStore,
  type StatusReason,
  type Store,
  type Subscriber,
  type SubscriberStatus,
  type TurnResult,
  type WriteEffect,
} from "./store.ts";

/**
 * The SQLite store (the default): subscribers, issues and the delivery ledger in one file of the
 * data folder, created and migrated on first use. WAL mode lets a send and a status read run
 * side by side; every state change of a delivery is its own short transaction, so a crash loses
 * at most the messages in flight.
 */

/** How long opening (the switch to WAL, a migration) waits for another process's lock. */
const OPENING_WAIT_MS = 10_000;

/** The sign-up, correction and approval methods, which the constructor mixes in from their modules. */
export interface SqliteStore extends SignupStore, CorrectionStore, ApprovalStore {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above declares what the constructor mixes in
export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly description: string;
  readonly db: SqliteDatabase;
  /** True when this open created the database (a fresh data folder). */
  readonly created: boolean;
  private readonly statements: Statements;

  private constructor(db: SqliteDatabase, created: boolean, file: string) {
    this.db = db;
    this.description = `SQLite ${file}`;
    this.created = created;
    this.statements = prepareStatements(db);
    // Sign-ups and corrections: their own modules, mixed in (the interface above declares them).
    Object.assign(this, sqliteSignups(db), sqliteCorrections(db), sqliteApprovals(db));
  }

  /** Opens (creating and migrating when needed) the database in `dataDir`. */
  /**
   * @param busyTimeoutMs how long a write waits for another writer: 10 s for commands; 0 for the
   *   unsubscribe endpoint, which must never hold the event loop (it queues instead).
   */
  static open(
    dataDir: string,
    { busyTimeoutMs = 10_000 }: { busyTimeoutMs?: number } = {},
  ): SqliteStore {
    const file = path.join(dataDir, "newsletter.db");
    let db: SqliteDatabase;
    try {
      // The database holds every address: readable by its owner only.
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      db = openSqlite(file);
      chmodSync(file, 0o600);
      // First, so opening waits for another process's lock: node:sqlite has no busy handler
      // until told (better-sqlite3 waits 5 s by default), and two sends started together on a
      // new database met each other's lock at the switch to WAL. The caller's own wait is set
      // once the database is open and migrated.
      db.pragma(`busy_timeout = ${OPENING_WAIT_MS}`);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      // Checkpoint less often than every 1,000 pages: each checkpoint syncs the disk, and during
      // a send that cost more than the ledger writes themselves.
      db.pragma("wal_autocheckpoint = 10000");
      // A 4 MB page cache (not better-sqlite3's 16 MB): claims and imports walk indexes in
      // order, so a larger cache bought no speed, only resident memory at a million rows.
      db.pragma("cache_size = -4000");
      db.pragma("foreign_keys = ON");
    } catch (error) {
      throw new NewsletterError(
        "STORE_FAILED",
        `cannot open the database ${file}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new NewsletterError(
        "STORE_FAILED",
        `${file} was written by a newer version (schema ${version}); upgrade this program`,
      );
    }
    // Only a database that needs migrating takes the write lock here: a read-only command
    // (`status`) must work while another process writes.
    if (version < MIGRATIONS.length)
      db.transaction(() => {
        const current = db.pragma("user_version", { simple: true }) as number;
        for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] as string);
        db.pragma(`user_version = ${MIGRATIONS.length}`);
      }).immediate();
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    return new SqliteStore(db, version === 0, file);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  // Subscribers

  async findSubscriber(email: string): Promise<Subscriber | undefined> {
    return this.statements.subscriberByKey.get(emailKey(email)) as Subscriber | undefined;
  }

  async subscriber(id: number): Promise<Subscriber | undefined> {
    return this.statements.subscriberById.get(id) as Subscriber | undefined;
  }

  async addSubscriber(email: string, name: string | null, now: Date): Promise<number> {
    const at = now.toISOString();
    return Number(
      this.statements.insertSubscriber.run(email, emailKey(email), name, at, at).lastInsertRowid,
    );
  }

  async updateSubscriberName(id: number, name: string, now: Date): Promise<void> {
    this.statements.updateName.run(name, now.toISOString(), id);
  }

  async setSubscriberStatus(
    id: number,
    status: SubscriberStatus,
    now: Date,
    reason: StatusReason | null = null,
  ): Promise<void> {
    this.statements.setStatus.run({ status, reason, at: now.toISOString(), id });
  }

  async resetHardFailures(subscriberId: number): Promise<void> {
    this.statements.resetHardFailures.run(subscriberId);
  }

  async *iterateSubscribers(): AsyncIterableIterator<Subscriber> {
    yield* this.statements.listSubscribers.iterate() as IterableIterator<Subscriber>;
  }

  async subscriberCount(): Promise<number> {
    return (this.db.prepare("SELECT count(*) AS n FROM subscribers").get() as { n: number }).n;
  }

  async activeSubscribers(): Promise<number> {
    return (this.statements.activeCount.get() as { n: number }).n;
  }

  /**
   * Rows are staged in a TEMP table (private to this connection, so no lock on the shared
   * database while the file is read), committed every batch, and merged in one short transaction.
   */
  async startImport(): Promise<ImportStaging> {
    const db = this.db;
    db.pragma("temp.cache_size = -4000");
    db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS import_rows (email_key TEXT PRIMARY KEY, line INTEGER NOT NULL, email TEXT NOT NULL, name TEXT)",
    );
    db.exec("DELETE FROM temp.import_rows");
    const insert = db.prepare(
      "INSERT OR IGNORE INTO temp.import_rows (email_key, line, email, name) VALUES (?, ?, ?, ?)",
    );
    const firstLineOf = db.prepare("SELECT line FROM temp.import_rows WHERE email_key = ?").pluck();
    return {
      async stage(rows) {
        const duplicates: Array<{ line: number; email: string; firstLine: number }> = [];
        db.transaction(() => {
          for (const r of rows)
            if (insert.run(r.key, r.line, r.email, r.name).changes === 0)
              duplicates.push({
                line: r.line,
                email: r.email,
                firstLine: firstLineOf.get(r.key) as number,
              });
        })();
        return duplicates;
      },
      async merge(now) {
        return db.transaction(() => mergeStaged(db, now)).immediate();
      },
      async discard() {
        db.exec("DELETE FROM temp.import_rows");
      },
    };
  }

  // Issues

  async recordIssue(issue: IssueRecord, now: Date): Promise<void> {
    this.insertIssue(issue, now);
  }

  /** The synchronous insert, for use inside a transaction. */
  private insertIssue(issue: IssueRecord, now: Date): void {
    this.statements.upsertIssue.run(
      issue.id,
      issue.articleKey,
      issue.articleHash,
      issue.articleFile,
      issue.subject,
      issue.email ? JSON.stringify(issue.email) : null,
      now.toISOString(),
    );
  }

  async issueForArticle(
    issue: IssueRecord,
    now: Date,
  ): Promise<{ issueId: string; created: boolean }> {
    // BEGIN IMMEDIATE: the read and the insert hold the write lock, so two ticks agree.
    return this.db
      .transaction(() => {
        const newest = this.statements.newestOfKey.pluck().get(issue.articleKey) as
          | string
          | undefined;
        if (newest !== undefined) return { issueId: newest, created: false };
        this.insertIssue(issue, now);
        // Its rows in the same transaction: an issue is never seen without them.
        this.statements.enqueue.run(issue.id, now.toISOString());
        return { issueId: issue.id, created: true };
      })
      .immediate();
  }

  async issueEmail(issueId: string): Promise<CompiledEmail | undefined> {
    const row = this.statements.issueById.get(issueId) as { emailJson: string | null } | undefined;
    return row?.emailJson ? (JSON.parse(row.emailJson) as CompiledEmail) : undefined;
  }

  async issue(issueId: string): Promise<IssueRecord | undefined> {
    const row = this.statements.issueById.get(issueId) as
      | (Omit<IssueRecord, "email"> & { emailJson?: string | null })
      | undefined;
    if (!row) return undefined;
    const { emailJson: _, ...record } = row;
    return record;
  }

  async sentIssuesOfArticle(articleHash: string): Promise<string[]> {
    return (this.statements.issuesOfArticle.all(articleHash) as Array<{ id: string }>).map(
      (r) => r.id,
    );
  }

  async issuesOfArticleKey(articleKey: string): Promise<string[]> {
    return (this.statements.issuesOfKey.all(articleKey) as Array<{ id: string }>).map((r) => r.id);
  }

  async issuesInProgress(): Promise<string[]> {
    return (this.statements.inProgress.all() as Array<{ id: string }>).map((r) => r.id);
  }

  async openRows(issueId: string): Promise<number> {
    return (this.statements.openRows.get(issueId) as { n: number }).n;
  }

  async countToSend(issueId: string): Promise<{ toSend: number; sent: number }> {
    return this.statements.countToSend.get({ id: issueId }) as { toSend: number; sent: number };
  }

  async issueCounts(): Promise<IssueCounts[]> {
    return this.statements.issueCounts.all() as IssueCounts[];
  }

  async problems(issueId: string, limit: number): Promise<Problem[]> {
    return this.statements.problems.all(issueId, limit) as Problem[];
  }

  // The ledger

  async enqueue(issueId: string, now: Date): Promise<number> {
    return this.statements.enqueue.run(issueId, now.toISOString()).changes;
  }

  async deliveryCounts(issueId: string): Promise<{ sent: number; pending: number }> {
    return this.statements.countDeliveries.get(issueId) as { sent: number; pending: number };
  }

  async resolveAbandoned(issueId: string, liveness: Liveness, now: Date): Promise<number> {
    return this.db
      .transaction(() => {
        let resolved = 0;
        const leases = this.statements.staleLeases.all(issueId) as Array<{
          owner: string;
          until: number;
        }>;
        for (const { owner, until } of leases) {
          const beat = this.statements.senderBeat.get(owner) as number | undefined;
          if (!isGone(owner, until, beat, liveness, now.getTime())) continue;
          // Declared gone: a beat from it now finds no row, and it learns it was taken over.
          this.statements.retireSender.run(owner);
          this.statements.requeueStale.run(now.toISOString(), issueId, owner);
          resolved += this.statements.resolveStale.run(
            ABANDONED_ON_WIRE,
            now.toISOString(),
            issueId,
            owner,
          ).changes;
        }
        return resolved;
      })
      .immediate();
  }

  async releaseOwnClaims(issueId: string, owner: string, now: Date): Promise<number> {
    return this.db
      .transaction(() => {
        this.statements.resolveStale.run(ABANDONED_ON_WIRE, now.toISOString(), issueId, owner);
        return this.statements.requeueStale.run(now.toISOString(), issueId, owner).changes;
      })
      .immediate();
  }

  async commitTurn(writes: LedgerWrite[], claim?: ClaimRequest): Promise<TurnResult> {
    // One write transaction: the outcomes, then the claim (read and lease together, so no other
    // process can claim the same rows).
    return this.db
      .transaction(() => {
        let bounced = 0;
        const fenced: number[] = [];
        for (const write of writes) {
          const applied = this.apply(write);
          if (applied === "bounced") bounced++;
          else if (applied === "fenced") fenced.push(write.subscriberId);
        }
        const claimed = claim ? this.claimRows(claim) : [];
        return { claimed, bounced, fenced };
      })
      .immediate();
  }

  /**
   * Applies one ledger write: `bounced` when it turned its subscriber bounced, `fenced` when an
   * on-wire write found its row no longer held by the owner.
   */
  private apply(write: LedgerWrite): WriteEffect {
    const s = this.statements;
    const at = "at" in write ? write.at.toISOString() : "";
    switch (write.kind) {
      case "sent":
        s.markSent.run(
          write.messageId,
          write.reply,
          write.attempts,
          at,
          write.issueId,
          write.subscriberId,
          write.owner,
        );
        if (write.resetHardFailures) s.resetHardFailures.run(write.subscriberId);
        return undefined;
      case "failed":
      case "unknown": {
        s.markOutcome.run(...outcomeRow(write, at));
        if (write.bounceAfter === undefined) return undefined;
        const row = s.hardFailure.get({ after: write.bounceAfter, at, id: write.subscriberId }) as
          | { status: string; changed: number }
          | undefined;
        return row?.changed === 1 ? "bounced" : undefined;
      }
      case "release":
        s.release.run(at, write.issueId, write.subscriberId, write.owner);
        return undefined;
      case "on-wire":
        return s.markOnWire.run(write.issueId, write.subscriberId, write.owner).changes === 0
          ? "fenced"
          : undefined;
    }
  }

  private claimRows({ issueId, owner, limit, leaseUntil, after }: ClaimRequest): ClaimedDelivery[] {
    const rows = this.statements.claimable.all(issueId, after ?? 0, limit) as ClaimedDelivery[];
    for (const row of rows) this.statements.lease.run(owner, leaseUntil, issueId, row.subscriberId);
    return rows;
  }

  async clearOnWire(issueId: string, subscriberId: number, owner: string): Promise<void> {
    this.statements.clearOnWire.run(issueId, subscriberId, owner);
  }

  async requeue(issueId: string, status: "failed" | "unknown", now: Date): Promise<number> {
    return this.statements.requeue.run(now.toISOString(), issueId, status).changes;
  }

  async recordEvent(event: InboundEvent, now: Date): Promise<EventResult> {
    const db = this.db;
    const at = now.toISOString();
    return db
      .transaction((): EventResult => {
        const id = event.subscriberId;
        const issueId =
          event.issueId ??
          (id === undefined
            ? undefined
            : (db.prepare(SQL.latestSentIssue).pluck().get(id) as string | undefined));
        const inserted = db
          .prepare(
            "INSERT OR IGNORE INTO events (key, kind, issue_id, subscriber_id, status_code, diagnostic, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          )
          .run(...eventRow(event, issueId, id, at)).changes;
        if (inserted === 0) return { duplicate: true, changed: false };
        if (id === undefined) return { duplicate: false, changed: false };
        const effect = eventEffect(event);
        if (effect.row && issueId)
          db.prepare(effect.row.fails ? SQL.bounceRow : SQL.noteDelay).run(
            effect.row.lastError,
            at,
            issueId,
            id,
          );
        let changed = false;
        const counted =
          issueId !== undefined &&
          (this.statements.earlierHardBounce.get(issueId, id, event.key) as { n: number }).n > 0;
        if (effect.hardFailureBounceAfter !== undefined && !counted) {
          const row = this.statements.hardFailure.get({
            after: effect.hardFailureBounceAfter,
            at,
            id,
          }) as { changed: number } | undefined;
          changed = row?.changed === 1;
        }
        if (effect.unsubscribe)
          changed = db.prepare(SQL.unsubscribe).run(effect.unsubscribe, at, at, id).changes > 0;
        return { duplicate: false, changed };
      })
      .immediate();
  }

  async eventCounts(): Promise<Map<string, EventCounts>> {
    const rows = this.db
      .prepare(
        "SELECT issue_id AS issueId, kind, count(*) AS n FROM events WHERE issue_id IS NOT NULL GROUP BY issue_id, kind",
      )
      .all() as Array<{ issueId: string; kind: string; n: number }>;
    return countsByIssue(rows);
  }

  async sharedSecret(): Promise<string | undefined> {
    return undefined;
  }

  // Senders

  async registerSender(owner: string, nowMs: number): Promise<void> {
    this.statements.registerSender.run(owner, nowMs);
  }

  async heartbeat(owner: string, nowMs: number): Promise<boolean> {
    return this.statements.heartbeat.run(nowMs, owner).changes === 1;
  }

  async retireSender(owner: string): Promise<void> {
    this.statements.retireSender.run(owner);
  }
}

/** The staged rows into the list: new ones added, active ones renamed, the others reported. */
function mergeStaged(db: SqliteDatabase, now: Date) {
  const at = now.toISOString();
  const notReactivated = db
    .prepare(
      "SELECT r.line, r.email, s.status FROM temp.import_rows r JOIN subscribers s ON s.email_key = r.email_key WHERE s.status <> 'active'",
    )
    .all() as Array<{ line: number; email: string; status: string }>;
  const existingActive = (
    db
      .prepare(
        "SELECT count(*) AS n FROM temp.import_rows r JOIN subscribers s ON s.email_key = r.email_key WHERE s.status = 'active'",
      )
      .get() as { n: number }
  ).n;
  const updated = db
    .prepare(
      `UPDATE subscribers SET name = r.name, updated_at = ?
       FROM temp.import_rows r
       WHERE subscribers.email_key = r.email_key AND subscribers.status = 'active'
         AND r.name IS NOT NULL AND r.name IS NOT subscribers.name`,
    )
    .run(at).changes;
  const added = db
    .prepare(
      `INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at)
       SELECT r.email, r.email_key, r.name, 'active', ?, ? FROM temp.import_rows r
       WHERE NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.email_key = r.email_key)
       ORDER BY r.line`,
    )
    .run(at, at).changes;
  return { added, updated, unchanged: existingActive - updated, notReactivated };
}
