import type pg from "pg";
import { PG_SQL } from "./shared-sql.ts";
import { type Consent, emailKey, type SignupOutcome, type SignupStore } from "./store.ts";

/** How the PostgreSQL store runs a statement or a transaction (its error handling included). */
export interface PgAccess {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<number>;
  transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

/** Sign-ups on PostgreSQL: requests apart from the list, and consent records (issue 25). */
export function postgresSignups(db: PgAccess): SignupStore {
  return {
    async noteSignupRequest(email, name, now, mailedBefore) {
      const changed = await db.run(PG_SQL.noteSignup, [
        emailKey(email),
        email,
        name,
        now.toISOString(),
        now.getTime(),
        mailedBefore.getTime(),
      ]);
      return changed > 0;
    },
    async confirmSignup(email, given: Consent, now) {
      const at = now.toISOString();
      const key = emailKey(email);
      return db.transaction(async (client) => {
        // Two confirmations of one address at once: the second waits here, then finds the row.
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`signup:${key}`]);
        const row = (
          await client.query<{ id: number; status: string }>(
            "SELECT id, status FROM subscribers WHERE email_key = $1",
            [key],
          )
        ).rows[0];
        let subscriberId: number;
        let outcome: SignupOutcome;
        if (!row) {
          const name =
            (await client.query<{ name: string | null }>(PG_SQL.signupName, [key])).rows[0]?.name ??
            null;
          const inserted = await client.query<{ id: number }>(
            "INSERT INTO subscribers (email, email_key, name, status, status_reason, status_changed_at, created_at, updated_at) VALUES ($1, $2, $3, 'active', 'signup', $4, $4, $4) RETURNING id",
            [email, key, name, at],
          );
          subscriberId = (inserted.rows[0] as { id: number }).id;
          outcome = "added";
        } else {
          subscriberId = row.id;
          const changed = (await client.query(PG_SQL.resubscribe, [at, at, row.id])).rowCount;
          outcome = (changed ?? 0) > 0 ? "resubscribed" : "already-active";
        }
        await client.query(PG_SQL.recordConsent, [
          subscriberId,
          given.at,
          given.ip,
          given.userAgent,
          given.source,
        ]);
        await client.query(PG_SQL.dropSignup, [key]);
        return { subscriberId, outcome };
      });
    },
    async releaseSignupMail(email) {
      await db.run(PG_SQL.releaseSignupMail, [emailKey(email)]);
    },
    async welcomeIssue(subscriberId, now) {
      const issue = (await db.rows<{ id: string }>(PG_SQL.newestSentIssue))[0]?.id;
      if (!issue) return undefined;
      const added = await db.run(PG_SQL.enqueueOne, [issue, subscriberId, now.toISOString()]);
      return added > 0 ? issue : undefined;
    },
    async pendingSignups() {
      const rows = await db.rows<{ n: string }>(PG_SQL.pendingSignups);
      return Number(rows[0]?.n ?? 0);
    },
    async expireSignups(before) {
      return db.run(PG_SQL.expireSignups, [before.toISOString()]);
    },
    async latestConsent(subscriberId) {
      return (await db.rows<Consent>(PG_SQL.latestConsent, [subscriberId]))[0];
    },
  };
}
