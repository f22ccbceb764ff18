import { loadConfig } from "../../config.ts";
import { formatLogLine, type LogRecord, routeConsole } from "../../daemon/log.ts";
import { startScheduler } from "../../daemon/scheduler.ts";
import { type Command, parseCommandArgs } from "../command.ts";

export const scheduleCommand: Command = {
  name: "schedule",
  summary: "run the scheduler daemon and the unsubscribe endpoint (npm start)",
  help: `Usage: npm start

Sends the newest article in seeds/ on NEWSLETTER_SCHEDULE (cron, default "0 7 * * *") in
NEWSLETTER_TZ (default UTC), unless it was already sent, and serves the one-click unsubscribe
endpoint and the subscribe form (/subscribe, double opt-in; NEWSLETTER_SUBSCRIBE=off turns it
off) on 127.0.0.1:PORT (put a reverse proxy with HTTPS at PUBLIC_URL in front of it).

Options:
  -h, --help   this help`,
  async run(argv, { root, stdout, stderr }) {
    const { values } = parseCommandArgs("schedule", argv, {});
    if (values.help) {
      stdout.write(`${this.help}\n`);
      return 0;
    }
    const config = loadConfig(root);
    const write = (line: string, level?: LogRecord["level"]) =>
      stderr.write(formatLogLine(line, config.logFormat, new Date(), level));
    const log = (line: string) => write(line);
    // node-cron's own warnings go through the same log, without their colours.
    const restoreConsole = routeConsole(write);
    // Ctrl-C or SIGTERM is heard from the start: one that comes while the servers start (a
    // service manager stopping what it just started) stops the daemon cleanly once they are up,
    // instead of killing it between two lines of its log.
    let stopAsked = false;
    let stop: () => void = () => {
      stop = () => {};
      stopAsked = true;
    };
    const onSignal = () => stop();
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const cleanUp = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      restoreConsole();
    };
    const scheduler = await startScheduler(config, log).catch((error: unknown) => {
      cleanUp();
      throw error;
    });
    await new Promise<void>((resolve) => {
      stop = () => {
        stop = () => {};
        log("stopping");
        void scheduler.stop().then(() => {
          cleanUp();
          resolve();
        });
      };
      if (stopAsked) stop();
    });
    return 0;
  },
};
