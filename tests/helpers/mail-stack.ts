import { execFileSync } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { ROOT } from "./cli.ts";

/**
 * The real MTA and mailbox of issue 11: Postfix on 127.0.0.1:25 and Dovecot on 127.0.0.1:143,
 * set up by scripts/mail-stack.sh (run here once when they do not answer). Where they cannot be
 * started, `reason` says why and the test is skipped with it printed.
 */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 2000 });
    socket.once("data", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

let availability: Promise<string | undefined> | undefined;

export function mailStackUnavailable(): Promise<string | undefined> {
  availability ??= (async () => {
    if ((await answers(25)) && (await answers(143))) return undefined;
    try {
      execFileSync("bash", [path.join(ROOT, "scripts/mail-stack.sh")], {
        stdio: "ignore",
        timeout: 600_000,
      });
    } catch (error) {
      return `scripts/mail-stack.sh could not start Postfix and Dovecot (${(error as Error).message.split("\n")[0]})`;
    }
    if ((await answers(25)) && (await answers(143))) return undefined;
    return "Postfix (127.0.0.1:25) or Dovecot (127.0.0.1:143) does not answer after scripts/mail-stack.sh";
  })();
  return availability;
}
