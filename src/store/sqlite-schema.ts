/** The SQLite schema, versioned: applied in order on open (PRAGMA user_version). */
export const MIGRATIONS: string[] = [
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
  // The compiled email, so any sender can finish an issue; senders' heartbeats.
  `ALTER TABLE issues ADD COLUMN email_json TEXT;
   CREATE TABLE senders (owner TEXT PRIMARY KEY, heartbeat_at INTEGER NOT NULL);`,
  // What came back after the send: bounces, complaints, unsubscribes (one row per event).
  `CREATE TABLE events (
     key TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     issue_id TEXT,
     subscriber_id INTEGER,
     status_code TEXT,
     diagnostic TEXT,
     at TEXT NOT NULL
   );
   CREATE INDEX events_issue ON events (issue_id);`,
  // Claims and the stale-lease check must not walk the rows already sent: without these the
  // planner chose the primary key and a claim scanned every settled row (a 200,000 send ran at
  // a third of the 3,000 rate). The claim names its index (INDEXED BY), so no statistics decide.
  `CREATE INDEX deliveries_sending ON deliveries (issue_id, lease_owner) WHERE status = 'sending';`,
  // Readers who sign themselves up (issue 25): a request waits here, apart from the list, until
  // the address is confirmed; a confirmed one leaves a consent record.
  `CREATE TABLE signups (
     email_key TEXT PRIMARY KEY,
     email TEXT NOT NULL,
     name TEXT,
     requested_at TEXT NOT NULL,
     mailed_at INTEGER NOT NULL
   );
   CREATE TABLE consents (
     subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
     at TEXT NOT NULL,
     ip TEXT,
     user_agent TEXT,
     source TEXT NOT NULL
   );
   CREATE INDEX consents_subscriber ON consents (subscriber_id);`,
  // An editor's corrections of an article's quotations (issue 24), by the article's key.
  `CREATE TABLE corrections (
     article_key TEXT NOT NULL,
     quote_key TEXT NOT NULL,
     quote TEXT NOT NULL,
     paragraph INTEGER NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('speaker', 'no-speaker', 'drop', 'pin')),
     speaker TEXT,
     at TEXT NOT NULL,
     PRIMARY KEY (article_key, quote_key)
   );`,
  // Approval before a scheduled send (issue 24), one row per article, shared by every daemon.
  `CREATE TABLE approvals (
     article_key TEXT PRIMARY KEY,
     state TEXT NOT NULL CHECK (state IN ('awaiting', 'approved', 'held', 'skipped')),
     requested_at TEXT NOT NULL,
     decided_by TEXT,
     decided_at TEXT,
     proofs_sent INTEGER NOT NULL DEFAULT 0
   );`,
];
