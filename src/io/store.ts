import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { NewsletterError } from "../core/errors.ts";

/**
 * The SQLite store: subscribers, issues and the delivery ledger (one row per issue ×
 * subscriber). Created and migrated on first use. WAL mode lets a send and a status read run
 * side by side; every state change of a delivery is its own short transaction, so a crash loses
 * at most the messages in flight.
 */

export type SubscriberStatus = "active" | "unsubscribed" | "bounced";
/** How an address came to its state. */
export type StatusReason = "link" | "one-click" | "mail" | "complaint" | "bounce" | "manual";
export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "unknown";

export interface Subscriber {
  id: number;
  email: string;
  name: string | null;
  status: SubscriberStatus;
  /** How the address came to its state (null for an active one never changed). */
  statusReason: StatusReason | null;
  statusChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ClaimedDelivery {
  subscriberId: number;
  email: string;
  name: string | null;
  attempts: number;
  /** Permanent failures counted against the address so far (reset by a delivery). */
  hardFailures: number;
}

export interface IssueRecord {
  id: string;
  /** The article's identity: its file name, stable across edits. */
  articleKey: string;
  articleHash: string;
  articleFile: string;
  subject: string;
  createdAt: string;
}

export interface IssueCounts {
  issueId: string;
  subject: string;
  createdAt: string;
  sent: number;
  failed: number;
  unknown: number;
  pending: number;
  sending: number;
}

const MIGRATIONS: string[] = [
  `CREATE TABLE subscribers (
     id INTEGER PRIMARY KEY,
     email TEXT NOT NULL,
     email_key TEXT NOT NULL UNIQUE,
     name TEXT,
     status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'unsubscribed', 'bounced')),
     hard_failures INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE issues (
     id TEXT PRIMARY KEY,
     article_hash TEXT NOT NULL,
     article_file TEXT NOT NULL,
     subject TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX issues_article ON issues (article_hash);
   CREATE TABLE deliveries (
     issue_id TEXT NOT NULL REFERENCES issues (id),
     subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
     status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown')),
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     message_id TEXT,
     lease_owner TEXT,
     lease_until INTEGER,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (issue_id, subscriber_id)
   ) WITHOUT ROWID;
   -- Only pending rows are indexed: claims find them fast, and marking a row sent or failed
   -- touches no index.
   CREATE INDEX deliveries_pending ON deliveries (issue_id, subscriber_id) WHERE status = 'pending';`,
  // A claimed row is on the wire once its SMTP DATA was accepted: only such rows may have
  // arrived, so only they become `unknown` after a crash; the rest go back to pending.
  `ALTER TABLE deliveries ADD COLUMN on_wire INTEGER NOT NULL DEFAULT 0;
   -- An article is known by its identity (the file's name), so an edit is not a new article.
   ALTER TABLE issues ADD COLUMN article_key TEXT NOT NULL DEFAULT '';
   CREATE INDEX issues_article_key ON issues (article_key);`,
  // How and when an address left (or came back): link, one-click, mail, complaint, bounce, manual.
  `ALTER TABLE subscribers ADD COLUMN status_reason TEXT;
   ALTER TABLE subscribers ADD COLUMN status_changed_at TEXT;`,
];

export class Store {
  readonly db: Database.Database;
  /** True when this open created the database (a fresh data folder). */
  readonly created: boolean;
  private readonly statements: ReturnType<Store["prepare"]>;

  private constructor(db: Database.Database, created: boolean) {
    this.db = db;
    this.created = created;
    this.statements = this.prepare();
  }

  /** Opens (creating and migrating when needed) the database in `dataDir`. */
  /**
   * @param busyTimeoutMs how long a write waits for another writer: 10 s for commands; 0 for the
   *   unsubscribe endpoint, which must never hold the event loop (it queues instead).
   */
  static open(dataDir: string, { busyTimeoutMs = 10_000 }: { busyTimeoutMs?: number } = {}): Store {
    const file = path.join(dataDir, "newsletter.db");
    let db: Database.Database;
    try {
      // The database holds every address: readable by its owner only.
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      db = new Database(file);
      chmodSync(file, 0o600);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      // Checkpoint less often than every 1,000 pages: each checkpoint syncs the disk, and during
      // a send that cost more than the ledger writes themselves.
      db.pragma("wal_autocheckpoint = 10000");
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
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
    return new Store(db, version === 0);
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE): one commit for many small writes. */
  transaction(fn: () => void): void {
    this.db.transaction(fn).immediate();
  }

  private prepare() {
    const db = this.db;
    return {
      subscriberByKey: db.prepare(
        "SELECT id, email, name, status, status_reason AS statusReason, status_changed_at AS statusChangedAt, created_at AS createdAt, updated_at AS updatedAt FROM subscribers WHERE email_key = ?",
      ),
      subscriberById: db.prepare(
        "SELECT id, email, name, status, status_reason AS statusReason, status_changed_at AS statusChangedAt, created_at AS createdAt, updated_at AS updatedAt FROM subscribers WHERE id = ?",
      ),
      insertSubscriber: db.prepare(
        "INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)",
      ),
      updateName: db.prepare("UPDATE subscribers SET name = ?, updated_at = ? WHERE id = ?"),
      setStatus: db.prepare(
        "UPDATE subscribers SET status = @status, status_reason = @reason, status_changed_at = @at, updated_at = @at WHERE id = @id",
      ),
      listSubscribers: db.prepare(
        "SELECT id, email, name, status, status_reason AS statusReason, status_changed_at AS statusChangedAt, created_at AS createdAt, updated_at AS updatedAt FROM subscribers ORDER BY id",
      ),
      upsertIssue: db.prepare(
        "INSERT OR IGNORE INTO issues (id, article_key, article_hash, article_file, subject, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      issuesOfKey: db.prepare(
        "SELECT id FROM issues WHERE article_key = ? ORDER BY created_at, id",
      ),
      openRows: db.prepare(
        "SELECT count(*) AS n FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.issue_id = ? AND ((d.status = 'pending' AND s.status = 'active') OR d.status = 'sending')",
      ),
      markOnWire: db.prepare(
        "UPDATE deliveries SET on_wire = 1 WHERE issue_id = ? AND subscriber_id = ? AND lease_owner = ?",
      ),
      clearOnWire: db.prepare(
        "UPDATE deliveries SET on_wire = 0 WHERE issue_id = ? AND subscriber_id = ? AND lease_owner = ?",
      ),
      countToSend: db.prepare(
        `SELECT (SELECT count(*) FROM subscribers s WHERE s.status = 'active' AND NOT EXISTS
                   (SELECT 1 FROM deliveries d WHERE d.issue_id = @id AND d.subscriber_id = s.id AND d.status <> 'pending')) AS toSend,
                (SELECT count(*) FROM deliveries WHERE issue_id = @id AND status = 'sent') AS sent`,
      ),
      activeCount: db.prepare("SELECT count(*) AS n FROM subscribers WHERE status = 'active'"),
      resetHardFailures: db.prepare(
        "UPDATE subscribers SET hard_failures = 0 WHERE id = ? AND hard_failures > 0",
      ),
      issuesOfArticle: db.prepare(
        "SELECT i.id FROM issues i WHERE i.article_hash = ? AND EXISTS (SELECT 1 FROM deliveries d WHERE d.issue_id = i.id AND d.status = 'sent')",
      ),
      enqueue: db.prepare(
        "INSERT OR IGNORE INTO deliveries (issue_id, subscriber_id, status, attempts, updated_at) SELECT ?, id, 'pending', 0, ? FROM subscribers WHERE status = 'active'",
      ),
      countDeliveries: db.prepare(
        `SELECT count(*) FILTER (WHERE d.status = 'sent') AS sent,
                count(*) FILTER (WHERE d.status = 'pending' AND s.status = 'active') AS pending
         FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.issue_id = ?`,
      ),
      staleLeases: db.prepare(
        "SELECT lease_owner AS owner, max(lease_until) AS until FROM deliveries WHERE issue_id = ? AND status = 'sending' GROUP BY lease_owner",
      ),
      resolveStale: db.prepare(
        "UPDATE deliveries SET status = 'unknown', last_error = ?, lease_owner = NULL, lease_until = NULL, on_wire = 0, updated_at = ? WHERE issue_id = ? AND status = 'sending' AND lease_owner = ? AND on_wire = 1",
      ),
      requeueStale: db.prepare(
        "UPDATE deliveries SET status = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE issue_id = ? AND status = 'sending' AND lease_owner = ? AND on_wire = 0",
      ),
      claimable: db.prepare(
        `SELECT d.subscriber_id AS subscriberId, d.attempts, s.email, s.name, s.hard_failures AS hardFailures
         FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
         WHERE d.issue_id = ? AND d.status = 'pending' AND s.status = 'active'
         ORDER BY d.subscriber_id LIMIT ?`,
      ),
      lease: db.prepare(
        "UPDATE deliveries SET status = 'sending', lease_owner = ?, lease_until = ? WHERE issue_id = ? AND subscriber_id = ?",
      ),
      markSent: db.prepare(
        "UPDATE deliveries SET status = 'sent', message_id = ?, last_error = ?, attempts = ?, lease_owner = NULL, lease_until = NULL, on_wire = 0, updated_at = ? WHERE issue_id = ? AND subscriber_id = ? AND lease_owner = ?",
      ),
      markOutcome: db.prepare(
        "UPDATE deliveries SET status = ?, last_error = ?, attempts = ?, lease_owner = NULL, lease_until = NULL, on_wire = 0, updated_at = ? WHERE issue_id = ? AND subscriber_id = ? AND lease_owner = ?",
      ),
      release: db.prepare(
        "UPDATE deliveries SET status = 'pending', lease_owner = NULL, lease_until = NULL, on_wire = 0, updated_at = ? WHERE issue_id = ? AND subscriber_id = ? AND lease_owner = ?",
      ),
      hardFailure: db.prepare(
        `UPDATE subscribers SET hard_failures = hard_failures + 1,
           status = CASE WHEN hard_failures + 1 >= @after AND status = 'active' THEN 'bounced' ELSE status END,
           status_reason = CASE WHEN hard_failures + 1 >= @after AND status = 'active' THEN 'bounce' ELSE status_reason END,
           status_changed_at = CASE WHEN hard_failures + 1 >= @after AND status = 'active' THEN @at ELSE status_changed_at END,
           updated_at = @at WHERE id = @id RETURNING status`,
      ),
      requeue: db.prepare(
        "UPDATE deliveries SET status = 'pending', attempts = 0, updated_at = ? WHERE issue_id = ? AND status = ?",
      ),
      issueCounts: db.prepare(
        `SELECT i.id AS issueId, i.subject, i.created_at AS createdAt,
                count(*) FILTER (WHERE d.status = 'sent') AS sent,
                count(*) FILTER (WHERE d.status = 'failed') AS failed,
                count(*) FILTER (WHERE d.status = 'unknown') AS unknown,
                count(*) FILTER (WHERE d.status = 'pending') AS pending,
                count(*) FILTER (WHERE d.status = 'sending') AS sending
         FROM issues i LEFT JOIN deliveries d ON d.issue_id = i.id
         GROUP BY i.id ORDER BY i.created_at DESC, i.id`,
      ),
      problems: db.prepare(
        `SELECT s.email, d.status, d.attempts, d.last_error AS lastError FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
         WHERE d.issue_id = ? AND d.status IN ('failed', 'unknown') ORDER BY s.email LIMIT ?`,
      ),
    };
  }

  // Subscribers

  findSubscriber(email: string): Subscriber | undefined {
    return this.statements.subscriberByKey.get(emailKey(email)) as Subscriber | undefined;
  }

  subscriber(id: number): Subscriber | undefined {
    return this.statements.subscriberById.get(id) as Subscriber | undefined;
  }

  addSubscriber(email: string, name: string | null, now: Date): number {
    const at = now.toISOString();
    return Number(
      this.statements.insertSubscriber.run(email, emailKey(email), name, at, at).lastInsertRowid,
    );
  }

  updateSubscriberName(id: number, name: string, now: Date): void {
    this.statements.updateName.run(name, now.toISOString(), id);
  }

  /** Changes an address's state, recording how (`reason`) and when. */
  setSubscriberStatus(
    id: number,
    status: SubscriberStatus,
    now: Date,
    reason: StatusReason | null = null,
  ): void {
    this.statements.setStatus.run({ status, reason, at: now.toISOString(), id });
  }

  /** Every subscriber, streamed: the list is never loaded whole. */
  *iterateSubscribers(): IterableIterator<Subscriber> {
    yield* this.statements.listSubscribers.iterate() as IterableIterator<Subscriber>;
  }

  // Issues and the ledger

  recordIssue(issue: Omit<IssueRecord, "createdAt">, now: Date): void {
    this.statements.upsertIssue.run(
      issue.id,
      issue.articleKey,
      issue.articleHash,
      issue.articleFile,
      issue.subject,
      now.toISOString(),
    );
  }

  /** Issues of the same article (other templates) that reached someone. */
  sentIssuesOfArticle(articleHash: string): string[] {
    return (this.statements.issuesOfArticle.all(articleHash) as Array<{ id: string }>).map(
      (r) => r.id,
    );
  }

  /** Issues made from the article with this identity (file name), oldest first. */
  issuesOfArticleKey(articleKey: string): string[] {
    return (this.statements.issuesOfKey.all(articleKey) as Array<{ id: string }>).map((r) => r.id);
  }

  /** Rows of an issue still to do: pending for an active subscriber, or claimed by someone. */
  openRows(issueId: string): number {
    return (this.statements.openRows.get(issueId) as { n: number }).n;
  }

  /** What a send would do now, without writing anything (for --dry-run). */
  countToSend(issueId: string): { toSend: number; sent: number } {
    return this.statements.countToSend.get({ id: issueId }) as { toSend: number; sent: number };
  }

  subscriberCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM subscribers").get() as { n: number }).n;
  }

  activeSubscribers(): number {
    return (this.statements.activeCount.get() as { n: number }).n;
  }

  /** Records, before its bytes go out, that a claimed row's message is on the wire. */
  markOnWire(issueId: string, subscriberId: number, owner: string): void {
    this.statements.markOnWire.run(issueId, subscriberId, owner);
  }

  /** The server answered (4xx): the message is known not delivered while it waits to retry. */
  clearOnWire(issueId: string, subscriberId: number, owner: string): void {
    this.statements.clearOnWire.run(issueId, subscriberId, owner);
  }

  /** A delivery resets the count of permanent failures: only failures in a row bounce. */
  resetHardFailures(subscriberId: number): void {
    this.statements.resetHardFailures.run(subscriberId);
  }

  /** Adds a pending row for every active subscriber without one; returns how many were added. */
  enqueue(issueId: string, now: Date): number {
    return this.statements.enqueue.run(issueId, now.toISOString()).changes;
  }

  deliveryCounts(issueId: string): { sent: number; pending: number } {
    return this.statements.countDeliveries.get(issueId) as { sent: number; pending: number };
  }

  /**
   * Rows left `sending` by an owner that is gone (`isAlive` false, or its lease expired): those
   * on the wire may or may not have reached the server and become `unknown`, never re-sent
   * blindly; those still queued never left and go back to pending. Returns how many became
   * unknown.
   */
  resolveAbandoned(issueId: string, isAlive: (owner: string) => boolean, now: Date): number {
    return this.db
      .transaction(() => {
        let resolved = 0;
        const leases = this.statements.staleLeases.all(issueId) as Array<{
          owner: string;
          until: number;
        }>;
        for (const { owner, until } of leases) {
          if (isAlive(owner) && until >= now.getTime()) continue;
          this.statements.requeueStale.run(now.toISOString(), issueId, owner);
          resolved += this.statements.resolveStale.run(
            "on the wire when its send process stopped; may have been delivered",
            now.toISOString(),
            issueId,
            owner,
          ).changes;
        }
        return resolved;
      })
      .immediate();
  }

  /**
   * Claims up to `limit` pending rows of active subscribers for `owner`, atomically: one UPDATE,
   * so two processes never claim the same row, and the subscriber's status is read at the claim
   * (an unsubscribe during a run counts).
   */
  claim(issueId: string, owner: string, limit: number, leaseUntil: number): ClaimedDelivery[] {
    const claimOnce = () => {
      const rows = this.statements.claimable.all(issueId, limit) as ClaimedDelivery[];
      // The lease's expiry dates the claim; updated_at changes when the outcome is written.
      for (const row of rows)
        this.statements.lease.run(owner, leaseUntil, issueId, row.subscriberId);
      return rows;
    };
    // Read and lease in one write transaction, so no other process can claim the same rows.
    return this.db.inTransaction ? claimOnce() : this.db.transaction(claimOnce).immediate();
  }

  /** Records the server's acceptance (its 250 reply) and the Message-ID. */
  markSent(
    issueId: string,
    subscriberId: number,
    owner: string,
    messageId: string,
    reply: string,
    attempts: number,
    now: Date,
  ): void {
    this.statements.markSent.run(
      messageId,
      reply,
      attempts,
      now.toISOString(),
      issueId,
      subscriberId,
      owner,
    );
  }

  markOutcome(
    issueId: string,
    subscriberId: number,
    owner: string,
    status: "failed" | "unknown",
    error: string,
    attempts: number,
    now: Date,
  ): void {
    this.statements.markOutcome.run(
      status,
      error,
      attempts,
      now.toISOString(),
      issueId,
      subscriberId,
      owner,
    );
  }

  /** Puts a claimed row back, as if never tried (the server was unreachable, or the run stopped). */
  release(issueId: string, subscriberId: number, owner: string, now: Date): void {
    this.statements.release.run(now.toISOString(), issueId, subscriberId, owner);
  }

  /** Counts a permanent rejection; returns true when the subscriber is now bounced. */
  recordHardFailure(subscriberId: number, bounceAfter: number, now: Date): boolean {
    const row = this.statements.hardFailure.get({
      after: bounceAfter,
      at: now.toISOString(),
      id: subscriberId,
    }) as { status: string } | undefined;
    return row?.status === "bounced";
  }

  /** Makes the failed (or unknown) rows of an issue pending again; returns how many. */
  requeue(issueId: string, status: "failed" | "unknown", now: Date): number {
    return this.statements.requeue.run(now.toISOString(), issueId, status).changes;
  }

  issueCounts(): IssueCounts[] {
    return this.statements.issueCounts.all() as IssueCounts[];
  }

  problems(
    issueId: string,
    limit: number,
  ): Array<{ email: string; status: string; attempts: number; lastError: string | null }> {
    return this.statements.problems.all(issueId, limit) as Array<{
      email: string;
      status: string;
      attempts: number;
      lastError: string | null;
    }>;
  }
}

/** Addresses compare case-insensitively (as every mailbox provider treats them). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
