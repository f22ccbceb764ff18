import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Config } from "./config.ts";
import { NewsletterError } from "./core/errors.ts";
import { type IssueHeaders, prepareMessageBuilder } from "./core/mime.ts";
import { makeUnsubscribeToken, unsubscribeUrls } from "./core/unsubscribe-token.ts";
import { openTransport } from "./io/open.ts";
import { unsubscribeSecret } from "./io/secret.ts";
import type { ClaimedDelivery, Store } from "./io/store.ts";
import type { Transport } from "./io/transport.ts";
import type { RenderedIssue } from "./render-issue.ts";

/**
 * Sending one issue to the list. The steps, in order:
 *
 * 1. record the issue (its id is stable for the same article and templates);
 * 2. check the transport (server reachable, login accepted) before anyone is claimed: a server
 *    that is down or refuses the login stops here, and nobody is marked;
 * 3. rows left `sending` by a process that is gone become `unknown` (they may have arrived);
 * 4. enqueue a pending row for every active subscriber without one, in one INSERT…SELECT;
 * 5. loop: claim pending rows (atomically, leased to this process, the subscriber's status
 *    checked at the claim) as in-flight slots free up; build each message from the issue's
 *    pre-encoded parts; send; record the outcome after the server's reply, batched with the next
 *    claim (see `turn`). A 4xx reply, or a connection lost before the message was handed
 *    over, is retried with doubling backoff; a 5xx fails the row at once and counts towards
 *    bouncing the address; a connection lost after the message was handed over is `unknown`,
 *    never retried blindly. `pauseAfterErrors` failures in a row pause the run;
 * 6. an abort (SIGINT/SIGTERM) stops the claiming; messages in flight finish and are recorded.
 *
 * Nothing is read whole: claims come in small batches, so memory does not grow with the list.
 */

export interface SendSummary {
  issueId: string;
  sent: number;
  failed: number;
  unknown: number;
  /** Active subscribers who already had this issue when the run started. */
  alreadySent: number;
  /** Rows still pending at the end (paused or interrupted). */
  left: number;
  bounced: number;
  /** Set when the run paused after too many errors in a row. */
  paused: string | undefined;
  interrupted: boolean;
  /** Rows of a dead process resolved as unknown at the start. */
  abandoned: number;
  seconds: number;
}

export interface SendProgress {
  done: number;
  total: number;
  sent: number;
  failed: number;
  unknown: number;
}

export interface SendDeps {
  store: Store;
  transport: Transport;
  config: Config;
  issue: RenderedIssue;
  secret: string;
  now: () => Date;
  signal?: AbortSignal;
  onProgress?: (progress: SendProgress) => void;
  /** Waits between retries; replaceable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

/** Messages in flight per SMTP connection: one being sent, the rest queued behind it. */
export const IN_FLIGHT_PER_CONNECTION = 4;

/** Longest a server's reply waits before its row is written (when no refill comes sooner). */
const FLUSH_MS = 20;

/** How long a claim is leased: far beyond the longest retry backoff of one message. */
const LEASE_MS = 15 * 60_000;

export async function sendIssue(deps: SendDeps): Promise<SendSummary> {
  const { store, transport, config, issue, secret } = deps;
  const started = performance.now();
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const now = deps.now;

  store.recordIssue(
    {
      id: issue.issueId,
      articleKey: issue.articleKey,
      articleHash: issue.articleHash,
      articleFile: issue.articleFile,
      subject: issue.email.subject,
    },
    now(),
  );
  await transport.verify();
  const abandoned = store.resolveAbandoned(issue.issueId, isOwnerAlive, now());
  store.enqueue(issue.issueId, now());
  const { sent: alreadySent, pending } = store.deliveryCounts(issue.issueId);

  const build = prepareMessageBuilder(issue.email, issueHeaders(config, issue.issueId, now()));

  const summary: SendSummary = {
    issueId: issue.issueId,
    sent: 0,
    failed: 0,
    unknown: 0,
    alreadySent,
    left: 0,
    bounced: 0,
    paused: undefined,
    interrupted: false,
    abandoned,
    seconds: 0,
  };
  // Messages handed to the transport at once: enough that each pooled connection has the next
  // message queued when it finishes one. These are the rows a crash can leave `unknown`.
  const slots = config.smtpConnections * IN_FLIGHT_PER_CONNECTION;
  const refillAt = Math.floor(slots / 2);
  let inFlight = 0;
  let errorsInRow = 0;
  let fatal: string | undefined;
  let exhausted = false;
  const minInterval = config.rate ? 1000 / config.rate : 0;
  let nextStart = 0;
  /** Ledger writes waiting for this event-loop turn's transaction. */
  const writes: Array<() => void> = [];
  let turnScheduled = false;
  let turnTimer: NodeJS.Timeout | undefined;
  let finish: () => void = () => {};

  const stopping = () =>
    deps.signal?.aborted === true || summary.paused !== undefined || fatal !== undefined;

  /**
   * One turn of the ledger: the outcomes received since the last turn are written, then
   * pending rows are claimed for the free slots, all in one transaction. A commit cost six times
   * the write itself, so outcomes are written when the slots are refilled (every half-slots
   * replies) or at most FLUSH_MS after a reply, whichever comes first. Until then the row is
   * still `sending`, among this process's claimed slots: a crash in that gap leaves it
   * `unknown`, never re-sent, and never more rows than the slots hold.
   */
  function turn(): void {
    turnScheduled = false;
    turnTimer = undefined;
    let claimed: ClaimedDelivery[] = [];
    try {
      const wantClaim = !stopping() && !exhausted && inFlight <= refillAt;
      let inTransaction: ClaimedDelivery[] = [];
      store.transaction(() => {
        for (const write of writes.splice(0)) write();
        if (wantClaim)
          inTransaction = store.claim(
            issue.issueId,
            owner,
            slots - inFlight,
            Date.now() + LEASE_MS,
          );
      });
      // Only rows whose claim was committed are sent: a COMMIT that fails (disk full) leaves
      // them pending, and sending them anyway would send them twice.
      claimed = inTransaction;
      if (wantClaim && claimed.length === 0) exhausted = true;
    } catch (error) {
      // The database refused (locked past the busy timeout, disk full): stop claiming; the rows
      // in flight stay `sending` and the next run resolves them as unknown.
      fatal ??= `the ledger could not be written: ${error instanceof Error ? error.message : String(error)}`;
    }
    deps.onProgress?.({
      done: summary.sent + summary.failed + summary.unknown,
      total: pending,
      sent: summary.sent,
      failed: summary.failed,
      unknown: summary.unknown,
    });
    for (const row of claimed) {
      inFlight++;
      deliver(row)
        .catch((error: unknown) => {
          fatal ??= error instanceof Error ? error.message : String(error);
          writes.push(() => store.release(issue.issueId, row.subscriberId, owner, now()));
        })
        .finally(() => {
          inFlight--;
          scheduleTurn();
        });
    }
    if (inFlight === 0 && (exhausted || stopping())) finish();
  }

  function scheduleTurn(): void {
    const refillDue = inFlight <= refillAt || stopping() || (exhausted && inFlight === 0);
    if (refillDue && turnTimer) {
      clearTimeout(turnTimer);
      turnTimer = undefined;
      turnScheduled = false;
    }
    if (turnScheduled) return;
    turnScheduled = true;
    if (refillDue) setImmediate(turn);
    else turnTimer = setTimeout(turn, FLUSH_MS);
  }

  async function deliver(row: ClaimedDelivery): Promise<void> {
    const token = makeUnsubscribeToken(row.subscriberId, secret);
    const urls = unsubscribeUrls(config.publicUrl, token);
    const message = build({
      subscriberId: row.subscriberId,
      email: row.email,
      name: row.name,
      unsubscribeUrl: urls.url,
      unsubscribeMailto: urls.mailto,
    });
    const { issueId } = issue;
    let attempts = row.attempts;
    for (;;) {
      if (minInterval > 0) {
        const wait = nextStart - performance.now();
        nextStart = Math.max(nextStart, performance.now()) + minInterval;
        if (wait > 0) await sleep(wait);
      }
      attempts++;
      const tries = attempts - row.attempts;
      const outcome = await transport.send({
        from: config.from,
        to: row.email,
        raw: message.raw,
        messageId: message.messageId,
        issueId,
        // Written (and committed) before the first byte of the message goes out, so a crash
        // from here on leaves the row `unknown`, and before it, pending.
        onHandover: () => {
          if (fatal !== undefined) throw new Error("the run is stopping");
          try {
            store.markOnWire(issueId, row.subscriberId, owner);
          } catch (error) {
            fatal ??= `the ledger could not be written: ${error instanceof Error ? error.message : String(error)}`;
            throw error;
          }
        },
      });
      const at = now();
      switch (outcome.kind) {
        case "sent":
          writes.push(() => {
            store.markSent(
              issueId,
              row.subscriberId,
              owner,
              message.messageId,
              outcome.reply,
              attempts,
              at,
            );
            if (row.hardFailures > 0) store.resetHardFailures(row.subscriberId);
          });
          summary.sent++;
          errorsInRow = 0;
          return;
        case "failed":
          writes.push(() => {
            store.markOutcome(
              issueId,
              row.subscriberId,
              owner,
              "failed",
              outcome.error,
              attempts,
              at,
            );
            if (store.recordHardFailure(row.subscriberId, config.bounceAfter, at))
              summary.bounced++;
          });
          summary.failed++;
          return countError(outcome.error);
        case "unknown":
          writes.push(() =>
            store.markOutcome(
              issueId,
              row.subscriberId,
              owner,
              "unknown",
              outcome.error,
              attempts,
              at,
            ),
          );
          summary.unknown++;
          return countError(outcome.error);
        case "fatal":
          fatal ??= outcome.error;
          writes.push(() => store.release(issueId, row.subscriberId, owner, at));
          return;
        case "retry":
          // The server answered or never got the message: it is not on the wire while it waits.
          try {
            store.clearOnWire(issueId, row.subscriberId, owner);
          } catch {
            // Left marked, the row is resolved as unknown after a crash: safe, never sent twice.
          }
          if (deps.signal?.aborted || fatal !== undefined) {
            // The run is stopping: the row was not delivered, so it waits for the next run.
            writes.push(() => store.release(issueId, row.subscriberId, owner, at));
            return;
          }
          if (tries < config.retryAttempts) {
            await sleep(config.retryBaseMs * 2 ** (tries - 1));
            continue;
          }
          if (outcome.serverUnreachable) {
            // Nothing was handed over: the row stays pending for the next run, and the run
            // pauses if the server stays away.
            writes.push(() => store.release(issueId, row.subscriberId, owner, at));
          } else {
            const error = `${outcome.error} (after ${tries} attempts)`;
            writes.push(() =>
              store.markOutcome(issueId, row.subscriberId, owner, "failed", error, attempts, at),
            );
            summary.failed++;
          }
          return countError(outcome.error);
      }
    }
  }

  function countError(error: string): void {
    errorsInRow++;
    if (errorsInRow >= config.pauseAfterErrors)
      summary.paused ??= `${errorsInRow} errors in a row, the last: ${error}`;
  }

  await new Promise<void>((resolve) => {
    finish = resolve;
    turn();
  });

  summary.interrupted = deps.signal?.aborted === true;
  summary.left = store.deliveryCounts(issue.issueId).pending;
  summary.seconds = (performance.now() - started) / 1000;
  if (fatal) throw new NewsletterError("SEND_FAILED", `the send stopped: ${fatal}`);
  return summary;
}

/** A lease owner is `host:pid:nonce`; on this host a missing pid means the owner is gone. */
export function isOwnerAlive(owner: string): boolean {
  const [host, pid] = owner.split(":");
  if (host !== hostname()) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The headers every message of an issue shares: sender, List-Id, date. */
export function issueHeaders(config: Config, issueId: string, date: Date): IssueHeaders {
  const slug =
    config.newsletter.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, "-")
      .replace(/^-|-$/gu, "") || "newsletter";
  const listId = `${config.newsletter.name} <${slug}.${config.from.split("@")[1] ?? "localhost"}>`;
  return { issueId, fromName: config.fromName, fromAddress: config.from, listId, date };
}

/**
 * Sends an issue to the list through the configured transport (SMTP or the outbox), opened
 * for this run and closed after it: what the CLI's send and the scheduler's tick both do.
 */
export async function sendToList(
  config: Config,
  store: Store,
  issue: RenderedIssue,
  options: Pick<SendDeps, "signal" | "onProgress"> = {},
): Promise<SendSummary> {
  const transport = openTransport(config);
  // Stopping waits for the messages in flight, but not for ever: a server that hangs after
  // DATA would hold the process for minutes. Past the grace period the connections are closed;
  // a message handed over is then recorded `unknown`, one not yet handed over stays pending.
  let grace: NodeJS.Timeout | undefined;
  const onAbort = () => {
    grace = setTimeout(() => void transport.close(), ABORT_GRACE_MS);
    grace.unref();
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    return await sendIssue({
      store,
      transport,
      config,
      issue,
      secret: unsubscribeSecret(config.unsubscribeSecret, config.dataDir),
      now: () => new Date(),
      ...options,
    });
  } finally {
    clearTimeout(grace);
    options.signal?.removeEventListener("abort", onAbort);
    await transport.close();
  }
}

/** How long a stopping run waits for the messages in flight before closing their connections. */
export const ABORT_GRACE_MS = 10_000;
