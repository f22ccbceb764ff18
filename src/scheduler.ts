import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "./config.ts";
import { NewsletterError } from "./core/errors.ts";
import { openStore } from "./io/open.ts";
import { unsubscribeSecret } from "./io/secret.ts";
import { newestSeed } from "./io/seeds.ts";
import type { Store } from "./io/store.ts";
import { renderIssue } from "./render-issue.ts";
import { type SendSummary, sendToList } from "./send-issue.ts";
import { createUnsubscribeHandler } from "./server/unsubscribe.ts";

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

/** One tick: send the newest article if it has not been sent. */
export async function runTick(
  config: Config,
  store: Store,
  log: (line: string) => void,
): Promise<TickResult> {
  const articleFile = newestSeed(config.seedsDir);
  const issue = await renderIssue(config, articleFile, new Date());
  if (store.sentIssuesOfArticle(issue.articleHash).length > 0) {
    log(`tick: nothing new (${articleFile} was already sent)`);
    return { kind: "nothing-new", articleFile };
  }
  const summary = await sendToList(config, store, issue);
  log(
    `tick: issue ${summary.issueId} from ${articleFile}: sent ${summary.sent}, failed ${summary.failed}, unknown ${summary.unknown}${summary.paused ? `, paused (${summary.paused})` : ""}`,
  );
  return { kind: "sent", summary };
}

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
  const handleUnsubscribe = createUnsubscribeHandler({
    store,
    secret: unsubscribeSecret(config.unsubscribeSecret, config.dataDir),
    newsletterName: config.newsletter.name,
    now: () => new Date(),
  });
  const server = createServer((req, res) => {
    handleUnsubscribe(req, res)
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
  const task = cron.schedule(
    config.schedule,
    async () => {
      try {
        await runTick(config, store, log);
      } catch (error) {
        log(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      log(`next run: ${task.getNextRun()?.toISOString() ?? "none"}`);
    },
    { timezone: config.timeZone, noOverlap: true, name: "newsletter" },
  );
  task.on("execution:missed", (ctx) =>
    log(`missed the run due at ${ctx.date.toISOString()}; not replayed`),
  );
  const { port } = server.address() as AddressInfo;
  log(
    `scheduler: "${config.schedule}" (${config.timeZone}); next run: ${task.getNextRun()?.toISOString() ?? "none"}`,
  );
  log(`unsubscribe endpoint on http://127.0.0.1:${port}/unsubscribe`);
  return {
    task,
    server,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await task.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
