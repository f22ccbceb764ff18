import type { Config } from "../../src/config.ts";
import { renderIssue } from "../../src/issue/render-issue.ts";
import { sendToList } from "../../src/send/send-issue.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import type { Subscriber } from "../../src/store/store.ts";
import { SEED, tempProject, testConfig } from "./project.ts";

/** A temp project with a store and SMTP-ready settings (a real From and an https PUBLIC_URL). */
export function deliverySetup(env: Record<string, string>) {
  const project = tempProject();
  const config = testConfig(project.root, {
    NEWSLETTER_FROM: "brief@news.example.com",
    PUBLIC_URL: "https://news.example.com",
    ...env,
  });
  const store = SqliteStore.open(config.dataDir);
  return { project, config, store };
}

/** Adds `count` subscribers named s1@example.com … to the store. */
export function addSubscribers(store: SqliteStore, count: number, prefix = "s"): string[] {
  const emails: string[] = [];
  const now = new Date();
  const insert = store.db.prepare(
    "INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)",
  );
  store.db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const email = `${prefix}${i}@example.com`;
      insert.run(email, email, `Reader ${i}`, now.toISOString(), now.toISOString());
      emails.push(email);
    }
  })();
  return emails;
}

/** One `send --yes` run in this process, through the real pipeline and transport. */
export async function sendOnce(
  config: Config,
  store: SqliteStore,
  article = SEED,
  signal?: AbortSignal,
) {
  const issue = await renderIssue(config, article, new Date());
  return { issue, summary: await sendToList(config, store, issue, signal ? { signal } : {}) };
}

/** Rows of the ledger for an issue, by status. */
export function ledger(store: SqliteStore, issueId: string): Record<string, number> {
  const rows = store.db
    .prepare("SELECT status, count(*) AS n FROM deliveries WHERE issue_id = ? GROUP BY status")
    .all(issueId) as Array<{ status: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** A subscriber's row read straight from the SQLite file (synchronous, for polling). */
export function subscriberOf(store: SqliteStore, email: string): Subscriber | undefined {
  return store.db
    .prepare(
      "SELECT id, email, name, status, status_reason AS statusReason, status_changed_at AS statusChangedAt FROM subscribers WHERE email_key = ?",
    )
    .get(email.trim().toLowerCase()) as Subscriber | undefined;
}

export function subscriberById(store: SqliteStore, id: number): Subscriber | undefined {
  return store.db
    .prepare(
      "SELECT id, email, name, status, status_reason AS statusReason, status_changed_at AS statusChangedAt FROM subscribers WHERE id = ?",
    )
    .get(id) as Subscriber | undefined;
}

export { SqliteStore };
