import { loadConfig } from "../../config.ts";
import { isValidEmail } from "../../email/address.ts";
import { MAX_NAME_LENGTH } from "../../email/subscriber-name.ts";
import { echo, NewsletterError } from "../../errors.ts";
import { importSubscribersCsv } from "../../store/csv-import.ts";
import { openStore } from "../../store/open.ts";
import { type Command, parseCommandArgs } from "../command.ts";

export const subscribersCommand: Command = {
  name: "subscribers",
  summary: "import, add, remove and list subscribers",
  help: `Usage: npm run newsletter -- subscribers <import FILE.csv | add EMAIL [--name N] [--resubscribe] | reactivate EMAIL | remove EMAIL | list> [--json]

  import FILE.csv   header email,name; invalid or duplicate rows are reported with their line
                    numbers and skipped; an unsubscribed address is never re-activated
  add EMAIL         add one subscriber; one who left or bounced comes back only with --resubscribe
  reactivate EMAIL  bring back an address that unsubscribed or bounced (the same as add --resubscribe)
  remove EMAIL      unsubscribe one address (kept, so no import brings it back)
  list [--json]     every subscriber with status

Options:
  --name N        the subscriber's name (at most 200 characters), with add
  --resubscribe   with add: re-activate an address that left or bounced
  --json       one JSON document on stdout (every action)
  -h, --help   this help`,
  async run(argv, { root, stdout, stderr, interactive }) {
    const { values, positionals } = parseCommandArgs("subscribers", argv, {
      name: { type: "string" },
      json: { type: "boolean" },
      resubscribe: { type: "boolean" },
    });
    if (values.help) {
      stdout.write(`${this.help}\n`);
      return 0;
    }
    const [action, target] = positionals;
    if (!action)
      throw new NewsletterError(
        "USAGE",
        "subscribers: say import, add, remove or list (see --help)",
      );
    const config = loadConfig(root);
    const store = await openStore(config, (line) => stderr.write(`${line}\n`));
    const now = new Date();
    // One line for a person, or one JSON document with --json.
    const say = (text: string, result: Record<string, unknown>) =>
      stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${text}\n`);
    try {
      switch (action) {
        case "import": {
          if (!target)
            throw new NewsletterError(
              "USAGE",
              "subscribers import: which file? e.g. subscribers import list.csv",
            );
          // Progress only on a terminal: a log file should not collect carriage returns.
          const report = await importSubscribersCsv(store, target, now, (rows) => {
            if (interactive) stderr.write(`\r${rows} rows read`);
          });
          if (interactive) stderr.write("\r\x1b[K");
          if (values.json) stdout.write(`${JSON.stringify({ imported: target, ...report })}\n`);
          else {
            for (const problem of report.problems) stderr.write(`${problem}\n`);
            stdout.write(
              `imported ${target}: added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, skipped ${report.skipped}\n`,
            );
          }
          return report.skipped > 0 ? 1 : 0;
        }
        case "add":
        case "reactivate": {
          if (!target || !isValidEmail(target))
            throw new NewsletterError(
              "SUBSCRIBER_INVALID",
              `subscribers ${action}: ${echo(target ?? "")} is not a valid address`,
            );
          if (values.name !== undefined && values.name.trim().length > MAX_NAME_LENGTH)
            throw new NewsletterError(
              "SUBSCRIBER_INVALID",
              `subscribers ${action}: the name is longer than ${MAX_NAME_LENGTH} characters`,
            );
          const existing = await store.findSubscriber(target);
          const resubscribe = action === "reactivate" || values.resubscribe === true;
          if (existing) {
            // Consent: an address that left (or bounced) comes back only when asked explicitly.
            if (existing.status !== "active" && !resubscribe)
              throw new NewsletterError(
                "SUBSCRIBER_INVALID",
                `subscribers add: ${existing.email} is ${existing.status}; add --resubscribe (or use reactivate) to bring it back`,
              );
            if (existing.status !== "active") {
              await store.setSubscriberStatus(existing.id, "active", now);
              await store.resetHardFailures(existing.id);
            }
            if (values.name) await store.updateSubscriberName(existing.id, values.name.trim(), now);
            say(
              `${existing.email} ${existing.status !== "active" ? `was ${existing.status}; re-activated` : "was already on the list"}`,
              {
                email: existing.email,
                result: existing.status !== "active" ? "reactivated" : "already-on-the-list",
                was: existing.status,
              },
            );
            return 0;
          }
          if (action === "reactivate")
            throw new NewsletterError(
              "SUBSCRIBER_NOT_FOUND",
              `subscribers reactivate: ${echo(target)} is not on the list`,
            );
          await store.addSubscriber(target, values.name?.trim() || null, now);
          say(`added ${target}`, { email: target, result: "added" });
          return 0;
        }
        case "remove": {
          const existing = target ? await store.findSubscriber(target) : undefined;
          if (!existing)
            throw new NewsletterError(
              "SUBSCRIBER_NOT_FOUND",
              `subscribers remove: ${echo(target ?? "")} is not on the list`,
            );
          await store.setSubscriberStatus(existing.id, "unsubscribed", now, "manual");
          say(`unsubscribed ${existing.email}`, { email: existing.email, result: "unsubscribed" });
          return 0;
        }
        case "list": {
          if (values.json) {
            // Streamed as a JSON array, one subscriber at a time.
            stdout.write("[");
            let first = true;
            for await (const s of store.iterateSubscribers()) {
              // Who signed up on the form: when, from where, in which browser they said yes.
              const consent =
                s.statusReason === "signup" ? await store.latestConsent(s.id) : undefined;
              stdout.write(
                `${first ? "\n" : ",\n"}  ${JSON.stringify({ ...s, ...(consent && { consent }) })}`,
              );
              first = false;
            }
            stdout.write(first ? "]\n" : "\n]\n");
            return 0;
          }
          for await (const s of store.iterateSubscribers())
            stdout.write(`${s.status.padEnd(12)} ${s.email}${s.name ? ` (${s.name})` : ""}\n`);
          const pending = await store.pendingSignups();
          if (pending > 0)
            stdout.write(`(${pending} sign-up(s) waiting for confirmation, not on the list yet)\n`);
          return 0;
        }
        default:
          throw new NewsletterError(
            "USAGE",
            `subscribers: unknown action "${action}" (import, add, reactivate, remove or list)`,
          );
      }
    } finally {
      await store.close();
    }
  },
};
