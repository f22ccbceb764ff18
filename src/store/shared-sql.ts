/**
 * Statements that are the same in both engines, written once with `?` placeholders in the order
 * their values are bound. SQLite prepares them as they are; PostgreSQL's copies number the
 * placeholders (`$1`, `$2`, …) in the same order, so both bind the same array.
 */
export const SQL = {
  bounceRow:
    "UPDATE deliveries SET status = 'failed', last_error = ?, updated_at = ? WHERE issue_id = ? AND subscriber_id = ? AND status IN ('sent', 'unknown', 'failed')",
  heartbeat: "UPDATE senders SET heartbeat_at = ? WHERE owner = ?",
  issuesInProgress:
    "SELECT i.id FROM issues i WHERE EXISTS (SELECT 1 FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.issue_id = i.id AND ((d.status = 'pending' AND s.status = 'active') OR d.status = 'sending')) ORDER BY i.created_at, i.id",
  issuesOfKey: "SELECT id FROM issues WHERE article_key = ? ORDER BY created_at, id",
  latestSentIssue:
    "SELECT issue_id FROM deliveries WHERE subscriber_id = ? AND status = 'sent' ORDER BY updated_at DESC LIMIT 1",
  newestIssueOfKey:
    "SELECT id FROM issues WHERE article_key = ? ORDER BY created_at DESC, id DESC LIMIT 1",
  noteDelay:
    "UPDATE deliveries SET last_error = ?, updated_at = ? WHERE issue_id = ? AND subscriber_id = ?",
  registerSender:
    "INSERT INTO senders (owner, heartbeat_at) VALUES (?, ?) ON CONFLICT (owner) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
  renameSubscriber: "UPDATE subscribers SET name = ?, updated_at = ? WHERE id = ?",
  requeue:
    "UPDATE deliveries SET status = 'pending', attempts = 0, updated_at = ? WHERE issue_id = ? AND status = ?",
  resetHardFailures: "UPDATE subscribers SET hard_failures = 0 WHERE id = ? AND hard_failures > 0",
  retireSender: "DELETE FROM senders WHERE owner = ?",
  sentIssuesOfHash:
    "SELECT i.id FROM issues i WHERE i.article_hash = ? AND EXISTS (SELECT 1 FROM deliveries d WHERE d.issue_id = i.id AND d.status = 'sent')",
  // A sign-up request: stamped, unless a confirmation went to the address within the window
  // (then no row changes, and no second mail goes out; atomic across hosts).
  noteSignup:
    "INSERT INTO signups (email_key, email, name, requested_at, mailed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email_key) DO UPDATE SET email = excluded.email, name = excluded.name, requested_at = excluded.requested_at, mailed_at = excluded.mailed_at WHERE signups.mailed_at <= ?",
  signupName: "SELECT name FROM signups WHERE email_key = ?",
  releaseSignupMail: "UPDATE signups SET mailed_at = 0 WHERE email_key = ?",
  newestSentIssue:
    "SELECT i.id FROM issues i WHERE i.email_json IS NOT NULL AND EXISTS (SELECT 1 FROM deliveries d WHERE d.issue_id = i.id AND d.status = 'sent') ORDER BY i.created_at DESC, i.id DESC LIMIT 1",
  enqueueOne:
    "INSERT INTO deliveries (issue_id, subscriber_id, status, updated_at) VALUES (?, ?, 'pending', ?) ON CONFLICT (issue_id, subscriber_id) DO NOTHING",
  dropSignup: "DELETE FROM signups WHERE email_key = ?",
  expireSignups: "DELETE FROM signups WHERE requested_at < ?",
  pendingSignups:
    "SELECT count(*) AS n FROM signups g WHERE NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.email_key = g.email_key AND s.status = 'active')",
  resubscribe:
    "UPDATE subscribers SET status = 'active', status_reason = 'signup', status_changed_at = ?, updated_at = ?, hard_failures = 0 WHERE id = ? AND status <> 'active'",
  recordConsent:
    "INSERT INTO consents (subscriber_id, at, ip, user_agent, source) VALUES (?, ?, ?, ?, ?)",
  latestConsent:
    'SELECT at, ip, user_agent AS "userAgent", source FROM consents WHERE subscriber_id = ? ORDER BY at DESC LIMIT 1',
  // An editor's corrections, one per quotation of an article (issue 24).
  setCorrection:
    "INSERT INTO corrections (article_key, quote_key, quote, paragraph, action, speaker, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_key, quote_key) DO UPDATE SET quote = excluded.quote, paragraph = excluded.paragraph, action = excluded.action, speaker = excluded.speaker, at = excluded.at",
  corrections:
    "SELECT quote, paragraph, action, speaker FROM corrections WHERE article_key = ? ORDER BY at, quote_key",
  allCorrections:
    'SELECT article_key AS "articleKey", quote, paragraph, action, speaker FROM corrections ORDER BY article_key, at, quote_key',
  clearCorrections: "DELETE FROM corrections WHERE article_key = ?",
  // Approval before a scheduled send (issue 24), one row per article.
  requestApproval:
    "INSERT INTO approvals (article_key, state, requested_at, proofs_sent) VALUES (?, 'awaiting', ?, 0) ON CONFLICT (article_key) DO NOTHING",
  claimProofs: "UPDATE approvals SET proofs_sent = 1 WHERE article_key = ? AND proofs_sent = 0",
  approval:
    'SELECT article_key AS "articleKey", state, requested_at AS "requestedAt", decided_by AS "decidedBy", decided_at AS "decidedAt" FROM approvals WHERE article_key = ?',
  // Still to act on: waiting, or approved with no issue recorded yet (not every article ever).
  openApprovals:
    'SELECT a.article_key AS "articleKey", a.state, a.requested_at AS "requestedAt", a.decided_by AS "decidedBy", a.decided_at AS "decidedAt" FROM approvals a WHERE a.state = \'awaiting\' OR (a.state = \'approved\' AND NOT EXISTS (SELECT 1 FROM issues i WHERE i.article_key = a.article_key)) ORDER BY a.requested_at, a.article_key',
  approvals:
    'SELECT article_key AS "articleKey", state, requested_at AS "requestedAt", decided_by AS "decidedBy", decided_at AS "decidedAt" FROM approvals ORDER BY requested_at, article_key',
  unsubscribe:
    "UPDATE subscribers SET status = 'unsubscribed', status_reason = ?, status_changed_at = ?, updated_at = ? WHERE id = ? AND status <> 'unsubscribed'",
} as const;

/** The same statements with PostgreSQL's numbered placeholders. */
export const PG_SQL = Object.fromEntries(
  Object.entries(SQL).map(([name, sql]) => {
    let n = 0;
    return [name, sql.replace(/\?/gu, () => `$${++n}`)];
  }),
) as { readonly [K in keyof typeof SQL]: string };
