import { loadConfig } from "../../config.ts";
import { NewsletterError } from "../../errors.ts";
import { pollImap } from "../../inbound/imap.ts";
import {
  describeOutcome,
  processInbound,
  readInboundFile,
  readInboundStdin,
} from "../../inbound/inbound.ts";
import { openPlainStore } from "../../store/open-store.ts";
import { secretFor } from "../../store/secret.ts";
import { type Command, parseCommandArgs } from "../command.ts";

export const inboundCommand: Command = {
  name: "inbound",
  summary: "process bounces, complaints and mailed unsubscribes (files, stdin, or IMAP)",
  help: `Usage: npm run newsletter -- inbound [FILE…] [--recipient ADDR]
       npm run newsletter -- inbound --imap

Reads raw messages that came back and acts on them:
  a DSN (RFC 3464) with a 5.x.x status   counts a hard bounce (bounced at NEWSLETTER_BOUNCE_AFTER)
  a DSN with 4.x.x, or delayed           counted as soft, nothing changes
  an ARF abuse report (RFC 5965)         unsubscribes the reader (reason: complaint)
  Subject "unsubscribe <token>"          unsubscribes the reader (reason: mail)
  anything else                          ignored and counted
A report acts only on the reader its signed tokens name (the VERP address it came back to, or
the original's unsubscribe link). The same message twice changes nothing.

Without FILE it reads one message from standard input (what an MTA's pipe transport calls,
e.g. Postfix: flags=Rq user=newsletter argv=npm run newsletter -- inbound --recipient \${recipient}).
With --imap it reads the unseen messages of IMAP_URL and marks each \\Seen once processed.

Options:
  --imap             read the mailbox at IMAP_URL
  --recipient ADDR   the envelope recipient, as the MTA gives it (for a VERP bounce)
  -h, --help         this help`,
  async run(argv, { root, stdout, stderr }) {
    const { values, positionals } = parseCommandArgs("inbound", argv, {
      imap: { type: "boolean" },
      recipient: { type: "string", multiple: true },
      json: { type: "boolean" },
    });
    if (values.help) {
      stdout.write(`${this.help}\n`);
      return 0;
    }
    const config = loadConfig(root);
    if (values.imap && positionals.length > 0)
      throw new NewsletterError("USAGE", "inbound: give files or --imap, not both");
    if (values.imap && !config.imapUrl)
      throw new NewsletterError(
        "USAGE",
        "inbound --imap: set IMAP_URL (imaps://user:pass@host/INBOX)",
      );
    const store = await openPlainStore(config);
    try {
      const secret = await secretFor(config.unsubscribeSecret, config.dataDir, store);
      const counts = new Map<string, number>();
      const messages: Array<{ source: string; kind: string; said: string }> = [];
      const handle = async (raw: Buffer, source: string) => {
        const outcome = await processInbound(raw, {
          store,
          config,
          secret,
          now: new Date(),
          ...(values.recipient ? { envelopeTo: values.recipient } : {}),
        });
        counts.set(outcome.verdict.kind, (counts.get(outcome.verdict.kind) ?? 0) + 1);
        if (values.json)
          messages.push({
            source,
            kind: outcome.verdict.kind,
            said: describeOutcome(source, outcome),
          });
        else stdout.write(`${describeOutcome(source, outcome)}\n`);
      };
      if (values.imap) {
        const { skipped } = await pollImap(config.imapUrl as string, (raw, uid) =>
          handle(raw, `uid ${uid}`),
        );
        if (skipped > 0) stderr.write(`${skipped} message(s) over 25 MB marked and not read\n`);
      } else if (positionals.length === 0)
        await handle(await readInboundStdin(process.stdin), "stdin");
      else for (const file of positionals) await handle(readInboundFile(file), file);
      const summary = [...counts].map(([kind, n]) => `${kind} ${n}`).join(", ");
      if (values.json)
        stdout.write(`${JSON.stringify({ processed: Object.fromEntries(counts), messages })}\n`);
      else stdout.write(`processed: ${summary || "nothing"}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
