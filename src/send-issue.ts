import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Config } from "./config.ts";
import { NewsletterError } from "./core/errors.ts";
import { prepareMessageBuilder } from "./core/mime.ts";
import { makeUnsubscribeToken, unsubscribeUrls } from "./core/unsubscribe-token.ts";
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
 *    checked at the claim) as in-flight slots free up; build each message by string work; send;
 *    record the outcome right after the server's reply. A 4xx reply, or a connection lost
 *    before the message was handed over, is retried with doubling backoff; a 5xx fails the row
 *    at once and counts towards bouncing the address; a connection lost after the message was
 *    handed over is `unknown`, never retried blindly. `pauseAfterErrors` failures in a row pause
 *    the run: claimed rows go back to pending;
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

  const build = prepareMessageBuilder(issue.email, {
    issueId: issue.issueId,
    fromName: config.newsletter.name,
    fromAddress: config.from,
    listId: `${config.newsletter.name} <${listIdDomain(config)}>`,
    date: now(),
  });

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
  const slots = config.smtpConnections * 2;
  let inFlight = 0;
  let errorsInRow = 0;
  let fatal: string | undefined;
  let exhausted = false;
  const minInterval = config.rate ? 1000 / config.rate : 0;
  let nextStart = 0;
  const progress = () =>
    deps.onProgress?.({
      done: summary.sent + summary.failed + summary.unknown,
      total: pending,
      sent: summary.sent,
      failed: summary.failed,
      unknown: summary.unknown,
    });

  const stopping = () =>
    deps.signal?.aborted === true || summary.paused !== undefined || fatal !== undefined;

  async function deliver(row: ClaimedDelivery): Promise<void> {
    const token = makeUnsubscribeToken(row.subscriberId, secret);
    const urls = unsubscribeUrls(config.publicUrl, config.from, token);
    const message = build({
      subscriberId: row.subscriberId,
      email: row.email,
      name: row.name,
      unsubscribeUrl: urls.url,
      unsubscribeMailto: urls.mailto,
    });
    let attempts = row.attempts;
    for (;;) {
      if (minInterval > 0) {
        const wait = nextStart - performance.now();
        nextStart = Math.max(nextStart, performance.now()) + minInterval;
        if (wait > 0) await sleep(wait);
      }
      attempts++;
      const outcome = await transport.send({
        from: config.from,
        to: row.email,
        raw: message.raw,
        messageId: message.messageId,
        issueId: issue.issueId,
      });
      switch (outcome.kind) {
        case "sent":
          store.markSent(
            issue.issueId,
            row.subscriberId,
            owner,
            message.messageId,
            outcome.reply,
            attempts,
            now(),
          );
          summary.sent++;
          errorsInRow = 0;
          return;
        case "failed":
          store.markOutcome(
            issue.issueId,
            row.subscriberId,
            owner,
            "failed",
            outcome.error,
            attempts,
            now(),
          );
          summary.failed++;
          if (store.recordHardFailure(row.subscriberId, config.bounceAfter, now()))
            summary.bounced++;
          return countError(outcome.error);
        case "unknown":
          store.markOutcome(
            issue.issueId,
            row.subscriberId,
            owner,
            "unknown",
            outcome.error,
            attempts,
            now(),
          );
          summary.unknown++;
          return countError(outcome.error);
        case "fatal":
          fatal = outcome.error;
          store.release(issue.issueId, row.subscriberId, owner, now());
          return;
        case "retry":
          if (attempts - row.attempts < config.retryAttempts && !deps.signal?.aborted) {
            await sleep(config.retryBaseMs * 2 ** (attempts - row.attempts - 1));
            continue;
          }
          if (outcome.serverUnreachable) {
            // Nothing was handed over: the row stays pending for the next run, and the run
            // pauses if the server stays away.
            store.release(issue.issueId, row.subscriberId, owner, now());
          } else {
            store.markOutcome(
              issue.issueId,
              row.subscriberId,
              owner,
              "failed",
              `${outcome.error} (after ${attempts - row.attempts} attempts)`,
              attempts,
              now(),
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
    const pump = () => {
      while (!stopping() && !exhausted && inFlight < slots) {
        const claimed = store.claim(
          issue.issueId,
          owner,
          slots - inFlight,
          Date.now() + LEASE_MS,
          now(),
        );
        if (claimed.length === 0) {
          exhausted = true;
          break;
        }
        for (const row of claimed) {
          inFlight++;
          deliver(row)
            .catch((error: unknown) => {
              fatal = error instanceof Error ? error.message : String(error);
              store.release(issue.issueId, row.subscriberId, owner, now());
            })
            .finally(() => {
              inFlight--;
              progress();
              pump();
            });
        }
      }
      if (inFlight === 0) resolve();
    };
    pump();
  });

  summary.interrupted = deps.signal?.aborted === true;
  summary.left = store.deliveryCounts(issue.issueId).pending;
  summary.seconds = (performance.now() - started) / 1000;
  if (fatal) throw new NewsletterError("SMTP_AUTH", `the send stopped: ${fatal}`);
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

function listIdDomain(config: Config): string {
  const slug =
    config.newsletter.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, "-")
      .replace(/^-|-$/gu, "") || "newsletter";
  return `${slug}.${config.from.split("@")[1] ?? "localhost"}`;
}
