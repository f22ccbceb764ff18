// daemon/: the scheduler: each tick, and the daemon's wiring.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../config.ts";
import { CONFIRM_TTL_MS } from "../email/signup-token.ts";
import { NewsletterError } from "../errors.ts";
import { chooseIssue } from "../issue/choose-issue.ts";
import { issueRecord } from "../issue/issue-record.ts";
import { livenessOf, type SendSummary, sendToList } from "../send/send-issue.ts";
import { welcome } from "../send/welcome.ts";
import { finishOrphaned } from "../send/worker.ts";
import { newestSeed } from "../sources/seeds.ts";
import { openStore } from "../store/open.ts";
import { openPlainStore } from "../store/open-store.ts";
import { secretFor } from "../store/secret.ts";
import type { Store } from "../store/store.ts";
import { mailConfirmation } from "../web/confirmation-mail.ts";
import { createHealthHandler, type HealthState } from "../web/health.ts";
import { createIssuesHandler } from "../web/issues.ts";
import { createReviewHandler } from "../web/review.ts";
import { createSubscribeHandler } from "../web/subscribe.ts";
import { createUnsubscribeHandler } from "../web/unsubscribe.ts";
import { UnsubscribeQueue } from "../web/unsubscribe-queue.ts";
import { approvalGate, skipPastDeadline } from "./approval-gate.ts";

/**
 * The scheduler daemon (`npm start`): node-cron runs a tick on NEWSLETTER_SCHEDULE in
 * NEWSLETTER_TZ with noOverlap, and the same process serves the unsubscribe endpoint on PORT.
 * A tick sends the newest article in seeds/ unless that article was already sent (under any
 * issue); nothing new is one log line. A tick missed while the process was down, or late by
 * more than a second, is not replayed. A manual `send` running at the same time is safe: rows
 * are claimed under leases in the ledger, which hold even where noOverlap does not
 * (`task.execute()` bypasses it).
 */

export type TickResult =
  | { kind: "nothing-new"; articleFile: string }
  | { kind: "waiting"; articleFile: string; state: "awaiting" | "held" | "skipped" }
  | { kind: "sent"; summary: SendSummary };

/** Checks the cron expression and time zone, naming the field and the reason. */
export function validateSchedule(expression: string, timeZone: string): void {
  const check = cron.validateDetailed(expression);
  if (!check.valid) {
    const reasons = check.errors
      .map((e) => `${e.field}${e.value !== undefined ? ` "${e.value}"` : ""}: ${e.message}`)
      .join("; ");
    throw new NewsletterError(
      "SCHEDULE_INVALID",
      `NEWSLETTER_SCHEDULE "${expression}" is not a valid cron expression (${reasons})`,
    );
  }
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    throw new NewsletterError(
      "SCHEDULE_INVALID",
      `NEWSLETTER_TZ "${timeZone}" is not a time zone (e.g. UTC, Europe/Berlin)`,
    );
  }
}

/**
 * One tick. The newest article is known by its identity (its file name), not its bytes:
 * - never sent: a new issue, sent to everyone;
 * - an issue of it is unfinished (rows pending, or left claimed by a process that died): that
 *   issue is finished, under its own id, even if the article was edited since;
 * - its issue is complete: nothing new. An edit never re-sends to everyone on a schedule; a new
 *   issue of the same article takes an explicit `send --new-issue`.
 */
export async function runTick(
  config: Config,
  store: Store,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<TickResult> {
  // With NEWSLETTER_FEED the renderer takes the feed's newest item; else the newest seed.
  const seed = config.feed ? undefined : newestSeed(config.seedsDir);
  // Loaded at the first tick: the unsubscribe endpoint starts without the renderer (mjml).
  const { renderIssue } = await import("../issue/render-issue.ts");
  const corrections = await store.allCorrections();
  const rendered = await renderIssue({ ...config, corrections }, seed, new Date());
  const articleFile = rendered.articleFile;
  // A new article's issue may have to wait for an editor (issue 24); one already begun goes on.
  if (
    config.approval.mode !== "auto" &&
    (await store.issuesOfArticleKey(rendered.articleKey)).length === 0
  ) {
    const state = await approvalGate(config, store, rendered, log);
    if (state) return { kind: "waiting", articleFile, state };
  }
  // Decided once for every host: schedulers ticking together on several hosts agree on one
  // issue (created with its rows in one transaction), and all of them help send it.
  const { issueId: previous, created } = await store.issueForArticle(
    issueRecord(rendered),
    new Date(),
  );
  if (!created) await store.resolveAbandoned(previous, livenessOf(config), new Date());
  const choice = chooseIssue(
    {
      renderedId: rendered.issueId,
      newestOfArticle: {
        id: previous,
        created,
        openRows: created ? 0 : await store.openRows(previous),
      },
    },
    { kind: "schedule" },
  );
  let issue = rendered;
  if (choice.kind === "nothing-new") {
    log(`tick: nothing new (${articleFile} was already sent as issue ${previous})`);
    return { kind: "nothing-new", articleFile };
  }
  if (choice.kind === "finish") {
    if (previous !== rendered.issueId)
      log(`tick: ${articleFile} changed since issue ${previous} began; finishing that issue`);
    else log(`tick: finishing issue ${previous}, which an earlier run left unfinished`);
    // The issue as it began (its recorded email), not as the article reads now.
    const email = await store.issueEmail(previous);
    issue = { ...rendered, issueId: previous, ...(email ? { email } : {}) };
  }
  const summary = await sendToList(config, store, issue, { log, ...(signal ? { signal } : {}) });
  log(
    `tick: issue ${summary.issueId} from ${articleFile}: sent ${summary.sent}, failed ${summary.failed}, unknown ${summary.unknown}${summary.paused ? `, paused (${summary.paused})` : ""}`,
  );
  return { kind: "sent", summary };
}

/** Starts the tick for an approved article not yet sent; skips those past their deadline. */
async function watchApprovals(
  config: Config,
  store: Store,
  log: (line: string) => void,
  tick: () => void,
): Promise<void> {
  const now = new Date();
  for (const row of await store.openApprovals()) {
    if (await skipPastDeadline(config, store, row, now, log)) continue;
    if (row.state !== "approved") continue;
    log(`${row.articleKey}: approved by ${row.decidedBy ?? "an editor"}; sending`);
    tick();
    return;
  }
}

/** How often the daemon reads the bounce mailbox. */
const IMAP_POLL_MS = 60_000;

/** A tick's outcome in a few words, for /healthz. */
function describeTick(result: TickResult): string {
  if (result.kind === "nothing-new") return "nothing new";
  if (result.kind === "waiting")
    return result.state === "awaiting" ? "awaiting approval" : `not sent: ${result.state}`;
  const { summary } = result;
  return `sent ${summary.sent}, failed ${summary.failed}, unknown ${summary.unknown}${summary.paused ? `, paused (${summary.paused})` : ""}`;
}

/** Polls IMAP_URL every minute: bounces, complaints and mailed unsubscribes, each once. */
function startImapPolling(
  config: Config,
  store: Store,
  log: (line: string) => void,
  onPoll: (ok: boolean) => void,
) {
  let running: Promise<void> | undefined;
  const controller = new AbortController();
  const poll = () => {
    running ??= (async () => {
      try {
        const { pollImap } = await import("../inbound/imap.ts");
        const { describeOutcome, processInbound } = await import("../inbound/inbound.ts");
        const secret = await secretFor(config.unsubscribeSecret, config.dataDir, store);
        await pollImap(
          config.imapUrl as string,
          async (raw, uid) => {
            const outcome = await processInbound(raw, { store, config, secret, now: new Date() });
            log(`inbound ${describeOutcome(`uid ${uid}`, outcome)}`);
          },
          controller.signal,
        );
        onPoll(true);
      } catch (error) {
        onPoll(false);
        log(
          `inbound: ${error instanceof Error ? error.message : String(error)}; trying again in a minute`,
        );
      } finally {
        running = undefined;
      }
    })();
  };
  poll();
  const timer = setInterval(poll, IMAP_POLL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      controller.abort();
      await running;
    },
  };
}

/**
 * Looks, every quarter of the stale time, for issues whose senders are gone, and finishes them
 * (one look at a time, never while this daemon's own tick is sending).
 */
function startOrphanWatch(
  config: Config,
  store: Store,
  log: (line: string) => void,
  busy: () => boolean,
) {
  const controller = new AbortController();
  let looking: Promise<void> | undefined;
  const look = () => {
    if (busy() || looking) return;
    looking = finishOrphaned(config, store, log, controller.signal)
      .then(() => undefined)
      .catch((error: unknown) => {
        log(`watch: ${error instanceof Error ? error.message : String(error)}; trying again`);
      })
      .finally(() => {
        looking = undefined;
      });
  };
  const timer = setInterval(look, Math.max(250, Math.floor(config.staleAfterMs / 4)));
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      controller.abort();
      await looking;
    },
  };
}

/** How often unsubscribes queued during a busy database are retried. */
const QUEUE_FLUSH_MS = 1000;

export interface Scheduler {
  task: ScheduledTask;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

export async function startScheduler(
  config: Config,
  log: (line: string) => void,
): Promise<Scheduler> {
  validateSchedule(config.schedule, config.timeZone);
  const store = await openStore(config, log);
  // The endpoint has its own connection that never waits for a lock: an unsubscribe that meets
  // a busy database is queued durably and applied when it is free.
  const endpointStore = await openPlainStore(config, { busyTimeoutMs: 0 });
  const queue = new UnsubscribeQueue(config.dataDir);
  const applyQueued = async () => {
    if (!queue.pending()) return;
    try {
      const applied = await queue.flushInto(endpointStore);
      if (applied > 0) log(`applied ${applied} unsubscribe(s) queued while the database was busy`);
    } catch {
      // Still busy: the next flush retries; nothing was dropped.
    }
  };
  await applyQueued();
  const flushTimer = setInterval(() => void applyQueued(), QUEUE_FLUSH_MS);
  flushTimer.unref();
  const handleUnsubscribe = createUnsubscribeHandler({
    store: endpointStore,
    secret: await secretFor(config.unsubscribeSecret, config.dataDir, endpointStore),
    newsletterName: config.newsletter.name,
    now: () => new Date(),
    queue,
  });
  const handleSubscribe = config.subscribe
    ? createSubscribeHandler({
        store: endpointStore,
        secret: await secretFor(config.unsubscribeSecret, config.dataDir, endpointStore),
        newsletterName: config.newsletter.name,
        about: config.newsletter.why,
        publicUrl: config.publicUrl,
        now: () => new Date(),
        mailConfirmation: (to, url, expires) => mailConfirmation(config, to, url, expires),
        welcome:
          config.welcome === "latest"
            ? (subscriberId) => void welcome(config, store, subscriberId, log)
            : undefined,
        log,
      })
    : async () => false;
  const handleReview =
    config.approval.mode === "auto"
      ? async () => false
      : createReviewHandler({
          store: endpointStore,
          secret: await secretFor(config.unsubscribeSecret, config.dataDir, endpointStore),
          config,
          now: () => new Date(),
          // The issue as it would go out now, corrections applied; undefined when the schedule
          // has moved on to another article.
          render: async (articleKey) => {
            const { renderIssue } = await import("../issue/render-issue.ts");
            const seed = config.feed ? undefined : newestSeed(config.seedsDir);
            const corrections = await endpointStore.allCorrections();
            const issue = await renderIssue({ ...config, corrections }, seed, new Date());
            return issue.articleKey === articleKey ? issue : undefined;
          },
          log,
        });
  // Requests never confirmed are forgotten once their link has expired.
  const expireSignups = () =>
    endpointStore
      .expireSignups(new Date(Date.now() - CONFIRM_TTL_MS))
      .catch(() => 0)
      .then((n) => {
        if (n > 0) log(`forgot ${n} sign-up request(s) never confirmed`);
      });
  await expireSignups();
  const expireTimer = setInterval(() => void expireSignups(), 3_600_000);
  expireTimer.unref();
  const handleIssues = createIssuesHandler({
    store: endpointStore,
    publicUrl: config.publicUrl,
    newsletterName: config.newsletter.name,
  });
  // What /healthz reports; the tick and the mailbox poll fill it in.
  const health: HealthState = config.imapUrl ? { imap: {} } : {};
  let nextTick: () => Date | undefined = () => undefined;
  const handleHealth = createHealthHandler({
    store: endpointStore,
    state: health,
    nextTick: () => nextTick(),
  });
  const server = createServer((req, res) => {
    handleHealth(req, res)
      .then(async (handled) => handled || (await handleUnsubscribe(req, res)))
      .then(async (handled) => handled || (await handleSubscribe(req, res)))
      .then(async (handled) => handled || (await handleReview(req, res)))
      .then(async (handled) => handled || (await handleIssues(req, res)))
      .then((handled) => {
        if (!handled) res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      })
      .catch((error: unknown) => {
        log(`unsubscribe error: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new NewsletterError("USAGE", `port ${config.port} is in use; set PORT to another one`)
          : error,
      ),
    );
    server.listen(config.port, "127.0.0.1", () => resolve());
  });
  // The bounce mailbox, read every minute when IMAP_URL is set (one poll at a time).
  const imap = config.imapUrl
    ? startImapPolling(config, store, log, (ok) => {
        health.imap = { lastPoll: new Date().toISOString(), ok };
      })
    : undefined;
  // The tick in progress, so stopping can end its send cleanly before the database closes.
  let running: { done: Promise<void>; controller: AbortController } | undefined;
  let stopped = false;
  // An issue whose senders died (another daemon killed mid-issue) is finished within the stale
  // time, not at this daemon's next tick, which may be a day away.
  const watch = startOrphanWatch(config, store, log, () => running !== undefined || stopped);
  const task = cron.schedule(
    config.schedule,
    async () => {
      if (stopped) return;
      const controller = new AbortController();
      const done = (async () => {
        const at = new Date().toISOString();
        try {
          // Queued unsubscribes first, so nobody who left is mailed.
          await applyQueued();
          const result = await runTick(config, store, log, controller.signal);
          health.lastTick = { at, outcome: describeTick(result) };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log(`tick failed: ${message}`);
          health.lastTick = { at, outcome: `failed: ${message}` };
        }
      })();
      running = { done, controller };
      await done;
      running = undefined;
      if (!stopped) log(`next run: ${task.getNextRun()?.toISOString() ?? "none"}`);
    },
    { timezone: config.timeZone, noOverlap: true, name: "newsletter" },
  );
  nextTick = () => task.getNextRun() ?? undefined;
  // An approved issue starts within moments, not at the next tick; one past its deadline is
  // skipped even if no tick comes (issue 24).
  const approvals =
    config.approval.mode === "auto"
      ? undefined
      : setInterval(
          () =>
            void watchApprovals(config, store, log, () => {
              if (!running && !stopped) void task.execute();
            }).catch((error: unknown) =>
              log(`approvals: ${error instanceof Error ? error.message : String(error)}`),
            ),
          Math.max(250, Math.floor(config.staleAfterMs / 4)),
        );
  approvals?.unref();
  task.on("execution:missed", (ctx) =>
    log(`missed the run due at ${ctx.date.toISOString()}; not replayed`),
  );
  const { port } = server.address() as AddressInfo;
  log(
    `scheduler: "${config.schedule}" (${config.timeZone}); next run: ${task.getNextRun()?.toISOString() ?? "none"}`,
  );
  log(`unsubscribe endpoint on http://127.0.0.1:${port}/unsubscribe`);
  if (config.subscribe) log(`subscribe form on http://127.0.0.1:${port}/subscribe`);
  return {
    task,
    server,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      stopped = true;
      await task.destroy();
      // A send in progress stops claiming, finishes (or, past a grace period, abandons) the
      // messages in flight and records them; only then does the database close.
      if (running) {
        running.controller.abort();
        await running.done;
      }
      if (approvals) clearInterval(approvals);
      await watch.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearInterval(flushTimer);
      clearInterval(expireTimer);
      await imap?.stop();
      await applyQueued();
      await endpointStore.close();
      await store.close();
    },
  };
}
