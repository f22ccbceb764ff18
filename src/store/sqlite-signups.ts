import { SQL } from "./shared-sql.ts";
import type { SqliteDatabase } from "./sqlite-driver.ts";
import { type Consent, emailKey, type SignupOutcome, type SignupStore } from "./store.ts";

/** Sign-ups on SQLite: requests apart from the list, and consent records (issue 25). */
export function sqliteSignups(db: SqliteDatabase): SignupStore {
  const note = db.prepare(SQL.noteSignup);
  const nameOf = db.prepare(SQL.signupName);
  const drop = db.prepare(SQL.dropSignup);
  const expire = db.prepare(SQL.expireSignups);
  const pending = db.prepare(SQL.pendingSignups);
  const resubscribe = db.prepare(SQL.resubscribe);
  const consent = db.prepare(SQL.recordConsent);
  const latest = db.prepare(SQL.latestConsent);
  const release = db.prepare(SQL.releaseSignupMail);
  const newest = db.prepare(SQL.newestSentIssue);
  const enqueue = db.prepare(SQL.enqueueOne);
  const byKey = db.prepare("SELECT id, status FROM subscribers WHERE email_key = ?");
  const insert = db.prepare(
    "INSERT INTO subscribers (email, email_key, name, status, status_reason, status_changed_at, created_at, updated_at) VALUES (?, ?, ?, 'active', 'signup', ?, ?, ?)",
  );
  return {
    async noteSignupRequest(email, name, now, mailedBefore) {
      const at = now.toISOString();
      const key = emailKey(email);
      return note.run(key, email, name, at, now.getTime(), mailedBefore.getTime()).changes > 0;
    },
    async confirmSignup(email, given: Consent, now) {
      const at = now.toISOString();
      const key = emailKey(email);
      return db
        .transaction(() => {
          const row = byKey.get(key) as { id: number; status: string } | undefined;
          let subscriberId: number;
          let outcome: SignupOutcome;
          if (!row) {
            const name = (nameOf.get(key) as { name: string | null } | undefined)?.name ?? null;
            subscriberId = Number(insert.run(email, key, name, at, at, at).lastInsertRowid);
            outcome = "added";
          } else {
            subscriberId = row.id;
            outcome =
              resubscribe.run(at, at, row.id).changes > 0 ? "resubscribed" : "already-active";
          }
          consent.run(subscriberId, given.at, given.ip, given.userAgent, given.source);
          drop.run(key);
          return { subscriberId, outcome };
        })
        .immediate();
    },
    async releaseSignupMail(email) {
      release.run(emailKey(email));
    },
    async welcomeIssue(subscriberId, now) {
      return db
        .transaction(() => {
          const issue = (newest.get() as { id: string } | undefined)?.id;
          if (!issue) return undefined;
          return enqueue.run(issue, subscriberId, now.toISOString()).changes > 0
            ? issue
            : undefined;
        })
        .immediate();
    },
    async pendingSignups() {
      return (pending.get() as { n: number }).n;
    },
    async expireSignups(before) {
      return Number(expire.run(before.toISOString()).changes);
    },
    async latestConsent(subscriberId) {
      return (latest.get(subscriberId) as Consent | undefined) ?? undefined;
    },
  };
}
