import { loadConfig } from "../../config.ts";
import { startScheduler } from "../../daemon/scheduler.ts";
import { type Command, parseCommandArgs } from "../command.ts";

export const scheduleCommand: Command = {
  name: "schedule",
  summary: "run the scheduler daemon and the unsubscribe endpoint (npm start)",
  help: `Usage: npm start

Sends the newest article in seeds/ on NEWSLETTER_SCHEDULE (cron, default "0 7 * * *") in
NEWSLETTER_TZ (default UTC), unless it was already sent, and serves the one-click unsubscribe
endpoint on 127.0.0.1:PORT (put a reverse proxy with HTTPS at PUBLIC_URL in front of it).

Options:
  -h, --help   this help`,
  async run(argv, { root, stdout, stderr }) {
    const { values } = parseCommandArgs("schedule", argv, {});
    if (values.help) {
      stdout.write(`${this.help}\n`);
      return 0;
    }
    const config = loadConfig(root);
    const log = (line: string) => stderr.write(`${new Date().toISOString()} ${line}\n`);
    const scheduler = await startScheduler(config, log);
    await new Promise<void>((resolve) => {
      const stop = () => {
        log("stopping");
        void scheduler.stop().then(resolve);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};
