// send/: one issue to the list: orchestrator, worker, heartbeat, retry, outcome policy.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Config } from "../config.ts";
import { type IssueHeaders, prepareMessageBuilder } from "../email/mime.ts";
import { makeUnsubscribeToken, unsubscribeUrls } from "../email/unsubscribe-token.ts";
import { type VerpTarget, verpAddress } from "../email/verp.ts";
import { NewsletterError } from "../errors.ts";
import { issueRecord } from "../issue/issue-record.ts";
import type { RenderedIssue } from "../issue/render-issue.ts";
import { openTransport } from "../store/open.ts";
import { secretFor } from "../store/secret.ts";
import type { ClaimedDelivery, Liveness, Store } from "../store/store.ts";
import type { Transport } from "../transport/transport.ts";
import { type DatabaseRetry, withDatabaseRetry } from "./db-retry.ts";
import { type Heartbeat, startHeartbeat } from "./heartbeat.ts";
import { LedgerTurns } from "./ledger-turns.ts";
import { ErrorStreak, ledgerWriteFor, verdictFor } from "./outcome-policy.ts";
import { pacer, withRetries } from "./retry.ts";

/**
 * Sending one issue to the list. The steps, in order:
 *
 * 1. record the issue with its compiled email (its id is stable for the same article and
 *    templates; any sender on any host can finish it);
 * 2. check the transport (server reachable, login accepted) before anyone is claimed: a server
 *    that is down or refuses the login stops here, and nobody is marked;
 * 3. start this sender's heartbeat;
 * 4. rows left `sending` by a sender that is gone become `unknown` if on the wire, else pending;
 * 5. enqueue a pending row for every active subscriber without one, in one INSERT…SELECT;
 * 6. dispatch: claim rows as in-flight slots free up, send each through the retry loop
 *    (send/retry.ts), turn its outcome into a ledger write by the policy table
 *    (send/outcome-policy.ts), and write the outcomes batched with the next claim
 *    (send/ledger-turns.ts); an abort stops the claiming, and messages in flight finish.
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

/** What a send needs of an issue: its identity and compiled email (not the digest). */
export type SendableIssue = Pick<
  RenderedIssue,
  "issueId" | "articleKey" | "articleHash" | "articleFile" | "email"
>;

export interface SendDeps {
  store: Store;
  transport: Transport;
  config: Config;
  issue: SendableIssue;
  secret: string;
  now: () => Date;
  signal?: AbortSignal;
  onProgress?: (progress: SendProgress) => void;
  /** Waits between retries; replaceable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Record the issue first (false for a worker helping an issue another process recorded). */
  record?: boolean;
  /** Add rows for active subscribers without one (false for a worker: it only helps). */
  enqueue?: boolean;
  /** Where a lost database is said (`database unavailable (…), retrying in 2 s`). */
  log?: (line: string) => void;
  /** False when the caller already resolved rows a stopped run left (send does, to count). */
  resolveAbandoned?: boolean;
}

/** Messages in flight per SMTP connection: one being sent, the rest queued behind it. */
export const IN_FLIGHT_PER_CONNECTION = 4;

/** Longest a server's reply waits before its row is written (when no refill comes sooner). */
const FLUSH_MS = 20;

/** How long a claim is leased: far beyond the longest retry backoff of one message. */
const LEASE_MS = 15 * 60_000;

export async function sendIssue(deps: SendDeps): Promise<SendSummary> {
  const { store, transport, config, issue, now } = deps;
  const started = performance.now();
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const owner = senderId();
  const { issueId } = issue;

  // A lost database is waited for (within NEWSLETTER_DB_RETRY_S), never a stack trace.
  const retry = { retryForMs: config.dbRetryMs, log: deps.log ?? (() => {}), sleep };
  const db = <T>(fn: () => Promise<T>) => withDatabaseRetry(fn, retry);
  if (deps.record !== false) await db(() => store.recordIssue(issueRecord(issue), now()));
  await transport.verify();
  const heartbeat = await db(() =>
    startHeartbeat(store, owner, config.staleAfterMs, config.dbRetryMs),
  );
  try {
    const abandoned =
      deps.resolveAbandoned === false
        ? 0
        : await db(() => store.resolveAbandoned(issueId, livenessOf(config), now()));
    if (deps.enqueue !== false) await db(() => store.enqueue(issueId, now()));
    const { sent: alreadySent, pending } = await db(() => store.deliveryCounts(issueId));
    const summary: SendSummary = {
      issueId,
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
    let fatal = await dispatch({ ...deps, sleep }, owner, heartbeat, summary, pending, retry);
    // A claim that committed just as the database went away never reached this run: its rows
    // are still this sender's. Given back, they are sent in another pass.
    const goingOn = () => !fatal && deps.signal?.aborted !== true && summary.paused === undefined;
    for (let pass = 0; pass < 3 && goingOn(); pass++) {
      const lost = await db(() => store.releaseOwnClaims(issueId, owner, now()));
      if (lost === 0) break;
      fatal = await dispatch({ ...deps, sleep }, owner, heartbeat, summary, lost, retry);
    }
    summary.interrupted = deps.signal?.aborted === true;
    summary.left = (await db(() => store.deliveryCounts(issueId))).pending;
    summary.seconds = (performance.now() - started) / 1000;
    if (fatal) throw new NewsletterError("SEND_FAILED", `the send stopped: ${fatal}`);
    return summary;
  } finally {
    await heartbeat.stop();
  }
}

/**
 * The send loop: claims pending rows as in-flight slots free up, sends each through the retry
 * loop, turns each outcome into a ledger write by the policy table, and hands the writes to
 * the next ledger turn. Returns the reason the run stopped for good, if it did.
 */
async function dispatch(
  deps: SendDeps & { sleep: (ms: number) => Promise<void> },
  owner: string,
  heartbeat: Heartbeat,
  summary: SendSummary,
  total: number,
  retry: DatabaseRetry,
): Promise<string | undefined> {
  const { store, transport, config, issue, secret, now } = deps;
  const { issueId } = issue;
  const build = prepareMessageBuilder(issue.email, issueHeaders(config, issueId, now()));
  // Messages handed to the transport at once: enough that each pooled connection has the next
  // message queued when it finishes one. These are the rows a crash can leave `unknown`.
  const slots = config.smtpConnections * IN_FLIGHT_PER_CONNECTION;
  const refillAt = Math.floor(slots / 2);
  const streak = new ErrorStreak(config.pauseAfterErrors);
  const pace = pacer(config.rate, deps.sleep);
  let inFlight = 0;
  let exhausted = false;
  // Claims walk forward from the last row claimed; a claim past it that finds nothing starts
  // once more from the beginning (rows released for a retry), and only that one can exhaust.
  let claimAfter = 0;
  let fatal: string | undefined;
  let finish: () => void = () => {};
  const stopping = () =>
    deps.signal?.aborted === true || summary.paused !== undefined || fatal !== undefined;
  const ledgerError = (error: unknown) =>
    `the ledger could not be written: ${error instanceof Error ? error.message : String(error)}`;

  const turns = new LedgerTurns(
    store,
    {
      claim: () => {
        if (heartbeat.takenOver()) fatal ??= TAKEN_OVER;
        else if (!heartbeat.healthy())
          fatal ??= `the database did not take this sender's heartbeat for ${Math.round(config.dbRetryMs / 1000)} s; stopped claiming`;
        if (stopping() || exhausted || inFlight > refillAt) return undefined;
        return {
          issueId,
          owner,
          limit: slots - inFlight,
          leaseUntil: Date.now() + LEASE_MS,
          after: claimAfter,
        };
      },
      committed: ({ claimed, bounced }, claim) => {
        summary.bounced += bounced;
        let wrapped = false;
        if (claim && claimed.length > 0)
          claimAfter = (claimed[claimed.length - 1] as ClaimedDelivery).subscriberId;
        // Only rows whose claim was committed are sent: a COMMIT that fails (disk full) leaves
        // them pending, and sending them anyway would send them twice.
        else if (claim && fatal === undefined) {
          if (!claim.after) exhausted = true;
          else {
            claimAfter = 0;
            wrapped = true;
          }
        }
        deps.onProgress?.({
          done: summary.sent + summary.failed + summary.unknown,
          total,
          sent: summary.sent,
          failed: summary.failed,
          unknown: summary.unknown,
        });
        for (const row of claimed) launch(row);
        if (inFlight === 0 && turns.waiting === 0 && (exhausted || stopping())) finish();
        else if (wrapped || (inFlight === 0 && turns.waiting > 0)) turns.request(true);
      },
      // The database refused (locked past the busy timeout, disk full): stop claiming; the rows
      // in flight stay `sending` and the next run resolves them.
      failed: (error) => {
        fatal ??= ledgerError(error);
      },
    },
    FLUSH_MS,
    retry,
  );

  function launch(row: ClaimedDelivery): void {
    inFlight++;
    deliver(row)
      .catch((error: unknown) => {
        fatal ??= error instanceof Error ? error.message : String(error);
        turns.push({ kind: "release", issueId, subscriberId: row.subscriberId, owner, at: now() });
      })
      .finally(() => {
        inFlight--;
        turns.request(inFlight <= refillAt || stopping() || (exhausted && inFlight === 0));
      });
  }

  async function deliver(row: ClaimedDelivery): Promise<void> {
    const urls = unsubscribeUrls(
      config.publicUrl,
      makeUnsubscribeToken(row.subscriberId, secret),
      unsubscribeMailbox(config),
    );
    const message = build({
      subscriberId: row.subscriberId,
      email: row.email,
      name: row.name,
      unsubscribeUrl: urls.url,
      unsubscribeMailto: urls.mailto,
    });
    const { subscriberId } = row;
    const result = await withRetries(
      () =>
        transport.send({
          from: envelopeSender(config, { issueId, subscriberId: row.subscriberId }, secret),
          to: row.email,
          raw: message.raw,
          messageId: message.messageId,
          issueId,
          // Committed before the message is handed over (the end of its data; with the outcomes
          // waiting, this connection's last one among them), so a crash from then on leaves the
          // row `unknown`, and before it, pending: a server discards data it saw no end of.
          onHandover: async () => {
            if (fatal !== undefined) throw new Error("the run is stopping");
            // Fenced: nothing goes to SMTP unless this sender still holds the row's lease now.
            const held = await turns.commitWith({ kind: "on-wire", issueId, subscriberId, owner });
            if (!held) fatal ??= TAKEN_OVER;
            if (fatal !== undefined) throw new Error("the run is stopping");
          },
        }),
      {
        maxTries: config.retryAttempts,
        baseMs: config.retryBaseMs,
        sleep: deps.sleep,
        stopping: () => deps.signal?.aborted === true || fatal !== undefined,
        beforeTry: pace,
        // The server answered or never got the message: not on the wire while it waits. Left
        // marked (the write failed), the row is resolved unknown after a crash: never twice.
        afterRetryable: () => store.clearOnWire(issueId, subscriberId, owner).catch(() => {}),
      },
    );
    const verdict = verdictFor(result.outcome, result.tries, result.stopped);
    const { settled } = verdict;
    turns.push(
      ledgerWriteFor(settled, {
        issueId,
        subscriberId,
        owner,
        messageId: message.messageId,
        attempts: row.attempts + result.tries,
        at: now(),
        hadHardFailures: row.hardFailures > 0,
        bounceAfter: config.bounceAfter,
      }),
    );
    if (settled.kind === "sent" || settled.kind === "failed" || settled.kind === "unknown")
      summary[settled.kind]++;
    if (settled.kind === "fatal") fatal ??= settled.error;
    summary.paused ??= streak.record(verdict);
  }

  await new Promise<void>((resolve) => {
    finish = resolve;
    turns.request(true);
  });
  turns.dispose();
  return fatal;
}

/**
 * MAIL FROM: the VERP address naming this issue and subscriber when NEWSLETTER_BOUNCE_ADDRESS
 * is set (so a bounce says whom it is about), else the From address.
 */
export function envelopeSender(config: Config, target: VerpTarget, secret: string): string {
  return config.bounceAddress ? verpAddress(config.bounceAddress, target, secret) : config.from;
}

/**
 * Where a mailed unsubscribe goes (`bounces+unsubscribe@domain`): only when the bounce mailbox
 * is configured, since that is the mailbox `inbound` processes; a mailto nobody reads would
 * lose the reader's request.
 */
export function unsubscribeMailbox(config: Config): string | undefined {
  if (!config.bounceAddress) return undefined;
  const at = config.bounceAddress.lastIndexOf("@");
  return `${config.bounceAddress.slice(0, at)}+unsubscribe${config.bounceAddress.slice(at)}`;
}

/** Why a sender stops when another one took its rows over. */
const TAKEN_OVER =
  "another sender took this sender's rows over (it was paused or cut off past NEWSLETTER_STALE_AFTER_S); stopped, sending none of them";

/** Who holds a claim: `host:pid:nonce`, unique per run. */
export function senderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/**
 * How this program tells a gone sender from a working one. On SQLite every sender is on this
 * host, so a dead pid is gone at once. On PostgreSQL senders run on several hosts, whose names
 * may repeat (containers), so only the heartbeat decides: a pid is never looked up elsewhere.
 */
export function livenessOf(config: Pick<Config, "staleAfterMs" | "databaseUrl">): Liveness {
  return {
    isAlive: config.databaseUrl ? () => true : isOwnerAlive,
    staleAfterMs: config.staleAfterMs,
  };
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
  issue: SendableIssue,
  options: Pick<
    SendDeps,
    "signal" | "onProgress" | "record" | "enqueue" | "log" | "resolveAbandoned"
  > = {},
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
      secret: await withDatabaseRetry(
        () => secretFor(config.unsubscribeSecret, config.dataDir, store),
        { retryForMs: config.dbRetryMs, log: options.log ?? (() => {}) },
      ),
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
