import { loadConfig } from "../../config.ts";
import { echo, NewsletterError } from "../../errors.ts";
import { openPlainStore } from "../../store/open-store.ts";
import { describeState } from "../../web/review.ts";
import { type Command, parseCommandArgs } from "../command.ts";

export const statusCommand: Command = {
  name: "status",
  summary:
    "show per issue: sent, failed (with the server's words), unknown, pending, bounced, complaints, unsubscribes",
  help: `Usage: npm run newsletter -- status [ISSUE] [--json]

Without ISSUE: one line per issue. With ISSUE: its counts and every failed or unknown address
with the server's reply. Retry failed ones with: npm run send -- --retry-failed

Options:
  --json       print JSON
  -h, --help   this help`,
  async run(argv, { root, stdout }) {
    const { values, positionals } = parseCommandArgs("status", argv, { json: { type: "boolean" } });
    if (values.help) {
      stdout.write(`${this.help}\n`);
      return 0;
    }
    const config = loadConfig(root);
    const store = await openPlainStore(config);
    try {
      const all = await store.issueCounts();
      const wanted = positionals[0];
      const issues = wanted ? all.filter((i) => i.issueId === wanted) : all;
      if (wanted && issues.length === 0)
        throw new NewsletterError(
          "USAGE",
          `status: no issue ${echo(wanted)} (run status without an id to list them)`,
        );
      const events = await store.eventCounts();
      const detailed = [];
      for (const i of issues) {
        const e = events.get(i.issueId) ?? { hard: 0, soft: 0, complaints: 0, unsubscribes: 0 };
        detailed.push({
          ...i,
          bounced: { hard: e.hard, soft: e.soft },
          complaints: e.complaints,
          unsubscribes: e.unsubscribes,
          problems: wanted ? await store.problems(i.issueId, 1000) : undefined,
        });
      }
      if (values.json) {
        stdout.write(`${JSON.stringify(detailed, null, 2)}\n`);
        return 0;
      }
      if (detailed.length === 0) stdout.write("no issue has been sent yet\n");
      for (const i of detailed) {
        stdout.write(
          `${i.issueId}  ${i.createdAt.slice(0, 16).replace("T", " ")}  sent ${i.sent}, failed ${i.failed}, unknown ${i.unknown}, pending ${i.pending + i.sending}, bounced ${i.bounced.hard} hard/${i.bounced.soft} soft, complaints ${i.complaints}, unsubscribes ${i.unsubscribes}  “${i.subject}”\n`,
        );
        for (const p of i.problems ?? [])
          stdout.write(
            `  ${p.status.padEnd(7)} ${p.email} (${p.attempts} attempt(s)): ${p.lastError ?? ""}\n`,
          );
      }
      // Issues waiting for an editor, or decided (issue 24).
      for (const a of wanted ? [] : await store.approvals())
        stdout.write(`${a.articleKey}  ${describeState(a.state, a.decidedBy)}\n`);
      const pending = await store.pendingSignups();
      if (pending > 0 && !wanted)
        stdout.write(`${pending} sign-up(s) from the subscribe form waiting for confirmation\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
