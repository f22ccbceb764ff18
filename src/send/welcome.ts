import type { Config } from "../config.ts";
import type { Store } from "../store/store.ts";
import { sendPending } from "./worker.ts";

/**
 * NEWSLETTER_WELCOME=latest (issue 25): a reader who has just confirmed gets the newest issue at
 * once. The row goes into the ledger first, so the welcome is sent once however often the link
 * is confirmed, and a welcome cut short is finished like any other send.
 */
export async function welcome(
  config: Config,
  store: Store,
  subscriberId: number,
  log: (line: string) => void,
): Promise<void> {
  try {
    const issueId = await store.welcomeIssue(subscriberId, new Date());
    if (!issueId) return;
    log(`welcome: issue ${issueId} to subscriber ${subscriberId}`);
    const summary = await sendPending(config, store, issueId, new AbortController().signal, log);
    log(`welcome: issue ${issueId} done (${summary?.sent ?? 0} sent)`);
  } catch (error) {
    log(
      `welcome: ${error instanceof Error ? error.message : String(error)}; the issue stays queued for its next send`,
    );
  }
}
