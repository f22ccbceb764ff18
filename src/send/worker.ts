import type { Config } from "../config.ts";
import type { Store } from "../store/store.ts";
import { livenessOf, type SendSummary, sendToList } from "./send-issue.ts";

/**
 * A sender that helps: it sends nothing of its own and creates no issue. Every poll it looks
 * for issues with rows still to do, resolves the rows of senders that are gone (stale
 * heartbeat), and sends what is pending alongside whoever else is sending: claims never
 * overlap, so any number of workers on any number of hosts can help one issue.
 *
 * It sends the issue's recorded email, so it needs neither the article nor the templates.
 */

export interface WorkerOptions {
  /** Wait between looks for work. */
  pollMs: number;
  /** Help every issue in progress once, then return (for cron, and for tests). */
  once: boolean;
  signal: AbortSignal;
}

export async function runWorker(
  config: Config,
  store: Store,
  log: (line: string) => void,
  options: WorkerOptions,
): Promise<SendSummary[]> {
  const done: SendSummary[] = [];
  const unsendable = new Set<string>();
  const wait = new WorkWait();
  // Where the store says when work is added (PostgreSQL), a new issue is helped at once; the
  // poll remains for what is never announced (rows of a sender that died).
  const unwatch = options.once ? undefined : await store.watchForWork?.(wait.wake);
  try {
    while (!options.signal.aborted) {
      try {
        for (const issueId of await store.issuesInProgress()) {
          if (options.signal.aborted) break;
          const summary = await helpWith(config, store, issueId, options.signal, log, unsendable);
          if (summary) done.push(summary);
        }
      } catch (error) {
        // The SMTP server or the database is away: said in one line, tried again next poll (a
        // worker outlives outages); with --once the command fails with it.
        if (options.once) throw error;
        log(`worker: ${error instanceof Error ? error.message : String(error)}; trying again`);
      }
      if (options.once) break;
      await wait.pause(options.pollMs, options.signal);
    }
  } finally {
    await unwatch?.();
  }
  return done;
}

/**
 * The issues whose senders are all gone (a scheduler or send killed mid-issue): their rows
 * are resolved, and what is pending is sent, by the daemon that noticed. An issue a live sender
 * is still working on, or one a person stopped (rows left pending, none claimed), is left alone.
 */
export async function finishOrphaned(
  config: Config,
  store: Store,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<SendSummary[]> {
  const done: SendSummary[] = [];
  const claimed = (await store.issueCounts()).filter((c) => c.sending > 0);
  for (const { issueId } of claimed) {
    if (signal.aborted) break;
    await store.resolveAbandoned(issueId, livenessOf(config), new Date());
    const after = (await store.issueCounts()).find((c) => c.issueId === issueId);
    if (!after || after.sending > 0 || after.pending === 0) continue;
    log(`issue ${issueId}: its senders are gone; finishing it`);
    const summary = await helpWith(config, store, issueId, signal, log, new Set());
    if (summary) done.push(summary);
  }
  return done;
}

/** Sends what is pending of one issue (a welcome, say); undefined when nothing was there. */
export function sendPending(
  config: Config,
  store: Store,
  issueId: string,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<SendSummary | undefined> {
  return helpWith(config, store, issueId, signal, log, new Set());
}

/** Sends what is pending of one issue; undefined when nothing was there to claim. */
async function helpWith(
  config: Config,
  store: Store,
  issueId: string,
  signal: AbortSignal,
  log: (line: string) => void,
  unsendable: Set<string>,
): Promise<SendSummary | undefined> {
  await store.resolveAbandoned(issueId, livenessOf(config), new Date());
  // Only claimed rows left: another sender has them; no SMTP login for nothing.
  if ((await store.deliveryCounts(issueId)).pending === 0) return undefined;
  const [record, email] = await Promise.all([store.issue(issueId), store.issueEmail(issueId)]);
  if (!record || !email) {
    if (!unsendable.has(issueId))
      log(
        `worker: issue ${issueId} was recorded without its email (by an older version); finish it with send on the host that has the article`,
      );
    unsendable.add(issueId);
    return undefined;
  }
  const summary = await sendToList(
    config,
    store,
    {
      issueId,
      articleKey: record.articleKey,
      articleHash: record.articleHash,
      articleFile: record.articleFile,
      email,
    },
    { signal, record: false, enqueue: false, log },
  );
  log(
    `worker: issue ${issueId}: sent ${summary.sent}, failed ${summary.failed}, unknown ${summary.unknown}${summary.paused ? `, paused (${summary.paused})` : ""}`,
  );
  return summary;
}

/**
 * The wait between looks for work, cut short by `wake` (work was announced). A wake while the
 * worker is busy makes the next wait end at once, so an announcement is never slept through.
 */
export class WorkWait {
  private woken = false;
  private cut: (() => void) | undefined;

  readonly wake = (): void => {
    this.woken = true;
    this.cut?.();
  };

  async pause(ms: number, signal: AbortSignal): Promise<void> {
    // Stopped while looking: an abort that already happened fires no listener.
    if (!this.woken && !signal.aborted)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        const cut = done;
        this.cut = cut;
        function done() {
          clearTimeout(timer);
          signal.removeEventListener("abort", cut);
          resolve();
        }
        signal.addEventListener("abort", cut, { once: true });
      });
    this.cut = undefined;
    this.woken = false;
  }
}
