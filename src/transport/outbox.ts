import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NewsletterError } from "../errors.ts";
import type { OutgoingMessage, SendOutcome, Transport } from "./transport.ts";

/**
 * With no SMTP_URL, each message becomes `<data>/outbox/<issue>/<address>.eml`: the whole job
 * runs on a fresh machine, and the files open in any mail client. Written to a temporary name
 * and renamed, so a crash never leaves half a message.
 */
/** What the output says of this transport. */
export function outboxDescription(outboxDir: string): string {
  return `the outbox folder ${outboxDir} (no SMTP_URL set: nothing leaves this machine)`;
}

export function outboxTransport(outboxDir: string): Transport {
  return {
    description: outboxDescription(outboxDir),
    async verify() {
      try {
        mkdirSync(outboxDir, { recursive: true });
      } catch (error) {
        throw new NewsletterError(
          "SMTP_UNAVAILABLE",
          `cannot create the outbox ${outboxDir}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    },
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      const dir = path.join(outboxDir, message.issueId);
      const file = path.join(dir, `${message.to.replace(/[^A-Za-z0-9@._+-]/gu, "_")}.eml`);
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(`${file}.tmp`, message.raw);
        renameSync(`${file}.tmp`, file);
        return { kind: "sent", reply: `written to ${path.relative(process.cwd(), file) || file}` };
      } catch (error) {
        return { kind: "fatal", error: `cannot write ${file}: ${(error as Error).message}` };
      }
    },
    async close() {},
  };
}
