import { SQL } from "./shared-sql.ts";
import type { SqliteDatabase } from "./sqlite-driver.ts";
import { EARLIER_HARD_BOUNCE } from "./store.ts";

/** The SQLite store's statements, prepared once per open database. */
export function prepareStatements(db: SqliteDatabase) {
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
    updateName: db.prepare(SQL.renameSubscriber),
    setStatus: db.prepare(
      "UPDATE subscribers SET status = @status, status_reason = @reason, status_changed_at = @at, updated_at = @at WHERE id = @id",
    ),
    listSubscribers: db.prepare(
      "SELECT id, email, name, status, status_reason AS statusReason, status_changed_at AS statusChangedAt, created_at AS createdAt, updated_at AS updatedAt FROM subscribers ORDER BY id",
    ),
    upsertIssue: db.prepare(
      "INSERT OR IGNORE INTO issues (id, article_key, article_hash, article_file, subject, email_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    newestOfKey: db.prepare(SQL.newestIssueOfKey),
    issueById: db.prepare(
      "SELECT id, article_key AS articleKey, article_hash AS articleHash, article_file AS articleFile, subject, email_json AS emailJson FROM issues WHERE id = ?",
    ),
    inProgress: db.prepare(SQL.issuesInProgress),
    registerSender: db.prepare(SQL.registerSender),
    heartbeat: db.prepare(SQL.heartbeat),
    retireSender: db.prepare(SQL.retireSender),
    // (Written once for both engines, with $n placeholders in order: here plain ?.)
    earlierHardBounce: db.prepare(EARLIER_HARD_BOUNCE.replace(/\$\d+/gu, "?")),
    senderBeat: db.prepare("SELECT heartbeat_at AS at FROM senders WHERE owner = ?").pluck(),
    issuesOfKey: db.prepare(SQL.issuesOfKey),
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
    resetHardFailures: db.prepare(SQL.resetHardFailures),
    issuesOfArticle: db.prepare(SQL.sentIssuesOfHash),
    enqueue: db.prepare(
      "INSERT OR IGNORE INTO deliveries (issue_id, subscriber_id, status, attempts, updated_at) SELECT ?, id, 'pending', 0, ? FROM subscribers WHERE status = 'active'",
    ),
    countDeliveries: db.prepare(
      `SELECT count(*) FILTER (WHERE d.status = 'sent') AS sent,
              count(*) FILTER (WHERE d.status = 'pending' AND s.status = 'active') AS pending
       FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.issue_id = ?`,
    ),
    staleLeases: db.prepare(
      "SELECT lease_owner AS owner, max(lease_until) AS until FROM deliveries INDEXED BY deliveries_sending WHERE issue_id = ? AND status = 'sending' GROUP BY lease_owner",
    ),
    resolveStale: db.prepare(
      "UPDATE deliveries SET status = 'unknown', last_error = ?, lease_owner = NULL, lease_until = NULL, on_wire = 0, updated_at = ? WHERE issue_id = ? AND status = 'sending' AND lease_owner = ? AND on_wire = 1",
    ),
    requeueStale: db.prepare(
      "UPDATE deliveries SET status = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE issue_id = ? AND status = 'sending' AND lease_owner = ? AND on_wire = 0",
    ),
    claimable: db.prepare(
      `SELECT d.subscriber_id AS subscriberId, d.attempts, s.email, s.name, s.hard_failures AS hardFailures
       FROM deliveries d INDEXED BY deliveries_pending JOIN subscribers s ON s.id = d.subscriber_id
       WHERE d.issue_id = ? AND d.status = 'pending' AND s.status = 'active' AND d.subscriber_id > ?
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
         updated_at = @at WHERE id = @id
       RETURNING status, (status = 'bounced' AND status_changed_at = @at AND status_reason = 'bounce') AS changed`,
    ),
    requeue: db.prepare(SQL.requeue),
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

export type Statements = ReturnType<typeof prepareStatements>;
