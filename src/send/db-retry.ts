import { isNewsletterError } from "../errors.ts";

/**
 * Riding out a database outage: a sender that loses its database stops handing out messages,
 * says so in one line, and tries again with a doubling wait, up to NEWSLETTER_DB_RETRY_S in all;
 * then it gives up with the store's own one-line error. Only a lost or refused connection is
 * retried (`STORE_UNAVAILABLE`); any other error is the caller's at once.
 */
export interface DatabaseRetry {
  /** How long, in all, to keep trying. */
  retryForMs: number;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** The first wait, doubling each time, and the longest one. */
const FIRST_WAIT_MS = 500;
const LONGEST_WAIT_MS = 30_000;

export function isStoreUnavailable(error: unknown): boolean {
  return isNewsletterError(error) && error.code === "STORE_UNAVAILABLE";
}

/** The wait before try `attempt` (0-based) after a failure. */
export function retryWaitMs(attempt: number): number {
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** attempt);
}

/** The one line said before each wait: `database unavailable (why), retrying in 2 s`. */
export function unavailableLine(error: unknown, waitMs: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const why = message.replace(/^.*?database unavailable: /u, "");
  return `database unavailable (${why}), retrying in ${Math.ceil(waitMs / 1000)} s`;
}

/** Runs `fn`, trying again while the database is unavailable, within `policy.retryForMs`. */
export async function withDatabaseRetry<T>(
  fn: () => Promise<T>,
  policy: DatabaseRetry,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const wait = retryWaitMs(attempt);
      if (!isStoreUnavailable(error) || waited + wait > policy.retryForMs) throw error;
      policy.log(unavailableLine(error, wait));
      await sleep(wait);
      waited += wait;
    }
  }
}
