import { loadConfig } from "../../config.ts";
import { formatLogLine } from "../../daemon/log.ts";
import { NewsletterError } from "../../errors.ts";
import { withDatabaseRetry } from "../../send/db-retry.ts";
import { runWorker } from "../../send/worker.ts";
import { openStore } from "../../store/open.ts";
import { type Command, parseCommandArgs } from "../command.ts";

export const workerCommand: Command = {
  name: "worker",
  summary: "a sender that helps any issue in progress (with DATABASE_URL, on any host)",
  help: `Usage: npm run newsletter -- worker [--once] [--poll-ms N]

Waits for work and helps send any issue in progress: rows are claimed with FOR UPDATE SKIP
LOCKED, so any number of workers, schedulers and sends share one issue and nobody gets it twice.
A worker whose heartbeat is older than NEWSLETTER_STALE_AFTER_S (default 60) is taken for gone;
its queued rows go back to pending, and those on the wire become unknown. Run it with
DATABASE_URL (PostgreSQL) on as many hosts as you like; on SQLite it helps on this host.
On PostgreSQL a new issue (or a retry) is announced to every worker, which starts on it at
once; the poll is the fallback.

Options:
  --once        help every issue in progress, then exit
  --poll-ms N   wait between looks for work (default 1000)
  -h, --help    this help`,
  async run(argv, { root, stdout, stderr }) {
    const { values } = parseCommandArgs("worker", argv, {
      once: { type: "boolean" },
      "poll-ms": { type: "string" },
      json: { type: "boolean" },
    });
    if (values.help) {
      stdout.write(`${this.help}\n`);
      return 0;
    }
    const pollMs = Number(values["poll-ms"] ?? 1000);
    if (!Number.isInteger(pollMs) || pollMs < 50 || pollMs > 3_600_000)
      throw new NewsletterError(
        "USAGE",
        "worker: --poll-ms must be a whole number from 50 to 3600000",
      );
    const config = loadConfig(root);
    const log = (line: string) => stderr.write(formatLogLine(line, config.logFormat, new Date()));
    // A worker waits for its database: for ever as a service, NEWSLETTER_DB_RETRY_S with --once.
    const store = await withDatabaseRetry(() => openStore(config, log), {
      retryForMs: values.once ? config.dbRetryMs : Number.POSITIVE_INFINITY,
      log,
    });
    const controller = new AbortController();
    const stop = () => {
      if (!controller.signal.aborted) log("stopping: finishing the messages in flight");
      controller.abort();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    log(`worker: helping any issue in progress in ${store.description}`);
    try {
      const summaries = await runWorker(config, store, log, {
        pollMs,
        once: values.once === true,
        signal: controller.signal,
      });
      if (values.json) stdout.write(`${JSON.stringify({ helped: summaries })}\n`);
      return 0;
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      await store.close();
    }
  },
};
