import type { SendOutcome } from "../transport/transport.ts";

/**
 * The retry loop of one message: a `retry` outcome (4xx, or a connection lost before the
 * message was handed over) is tried again after a doubling backoff, up to `maxTries`; any other
 * outcome ends the loop at once. A run that is stopping does not wait for a retry.
 */

export interface RetryOptions {
  maxTries: number;
  baseMs: number;
  sleep: (ms: number) => Promise<void>;
  /** True once the run stops: a due retry is not made. */
  stopping: () => boolean;
  /** Before each try (the rate limit waits here). */
  beforeTry?: () => Promise<void>;
  /** After a `retry` outcome, before waiting (the row is marked off the wire). */
  afterRetryable?: () => Promise<void>;
}

export interface RetryResult {
  outcome: SendOutcome;
  /** Attempts made in this loop. */
  tries: number;
  /** The loop ended on a retryable outcome because the run was stopping. */
  stopped: boolean;
}

export async function withRetries(
  attempt: () => Promise<SendOutcome>,
  options: RetryOptions,
): Promise<RetryResult> {
  for (let tries = 1; ; tries++) {
    await options.beforeTry?.();
    const outcome = await attempt();
    if (outcome.kind !== "retry") return { outcome, tries, stopped: false };
    await options.afterRetryable?.();
    if (options.stopping()) return { outcome, tries, stopped: true };
    if (tries >= options.maxTries) return { outcome, tries, stopped: false };
    await options.sleep(options.baseMs * 2 ** (tries - 1));
  }
}

/** Spaces the starts of messages at least `1000 / rate` ms apart (no limit when unset). */
export function pacer(
  rate: number | undefined,
  sleep: (ms: number) => Promise<void>,
): () => Promise<void> {
  if (!rate) return async () => {};
  const interval = 1000 / rate;
  let nextStart = 0;
  return async () => {
    const wait = nextStart - performance.now();
    nextStart = Math.max(nextStart, performance.now()) + interval;
    if (wait > 0) await sleep(wait);
  };
}
