import type { Config } from "../../src/config.ts";
import { Store } from "../../src/io/store.ts";
import { renderIssue } from "../../src/render-issue.ts";
import { sendToList } from "../../src/send-issue.ts";
import { SEED, tempProject, testConfig } from "./project.ts";

/** A temp project with a store and SMTP-ready settings (a real From and an https PUBLIC_URL). */
export function deliverySetup(env: Record<string, string>) {
  const project = tempProject();
  const config = testConfig(project.root, {
    NEWSLETTER_FROM: "brief@news.example.com",
    PUBLIC_URL: "https://news.example.com",
    ...env,
  });
  const store = Store.open(config.dataDir);
  return { project, config, store };
}

/** Adds `count` subscribers named s1@example.com … to the store. */
export function addSubscribers(store: Store, count: number, prefix = "s"): string[] {
  const emails: string[] = [];
  const now = new Date();
  store.db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const email = `${prefix}${i}@example.com`;
      store.addSubscriber(email, `Reader ${i}`, now);
      emails.push(email);
    }
  })();
  return emails;
}

/** One `send --yes` run in this process, through the real pipeline and transport. */
export async function sendOnce(config: Config, store: Store, article = SEED, signal?: AbortSignal) {
  const issue = await renderIssue(config, article, new Date());
  return { issue, summary: await sendToList(config, store, issue, signal ? { signal } : {}) };
}

/** Rows of the ledger for an issue, by status. */
export function ledger(store: Store, issueId: string): Record<string, number> {
  const rows = store.db
    .prepare("SELECT status, count(*) AS n FROM deliveries WHERE issue_id = ? GROUP BY status")
    .all(issueId) as Array<{ status: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export { Store };
