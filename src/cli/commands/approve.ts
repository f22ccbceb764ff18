import { loadConfig } from "../../config.ts";
import { echo, NewsletterError } from "../../errors.ts";
import { openPlainStore } from "../../store/open-store.ts";
import type { ApprovalState } from "../../store/store.ts";
import { describeState } from "../../web/review.ts";
import { type Command, parseCommandArgs } from "../command.ts";

/** `approve` and `hold` (issue 24): an editor's decision from a shell, as the proof's links do. */
function decisionCommand(name: "approve" | "hold"): Command {
  const to: ApprovalState = name === "approve" ? "approved" : "held";
  const from: ApprovalState[] = name === "approve" ? ["awaiting", "held"] : ["awaiting"];
  return {
    name,
    summary:
      name === "approve"
        ? "approve an issue that waits for an editor: the daemon sends it within a minute"
        : "hold an issue that waits for an editor: it is not sent",
    help: `Usage: npm run newsletter -- ${name} ARTICLE [--json]

ARTICLE is the waiting article's key as status shows it (its file name in seeds/, or feed:ID),
or the id of an issue made from it.

Options:
  --json       print JSON
  -h, --help   this help`,
    async run(argv, { root, stdout }) {
      const { values, positionals } = parseCommandArgs(name, argv, { json: { type: "boolean" } });
      if (values.help) {
        stdout.write(`${this.help}\n`);
        return 0;
      }
      const wanted = positionals[0];
      if (!wanted) throw new NewsletterError("USAGE", `${name}: which article? (see status)`);
      const store = await openPlainStore(loadConfig(root));
      try {
        const key = (await store.approval(wanted))
          ? wanted
          : (await store.issue(wanted))?.articleKey;
        const row = key ? await store.approval(key) : undefined;
        if (!key || !row)
          throw new NewsletterError(
            "USAGE",
            `${name}: nothing waits for approval under ${echo(wanted)} (status lists what does)`,
          );
        const moved = await store.decideApproval(key, to, "shell", new Date(), from);
        const now = (await store.approval(key)) ?? row;
        const state = describeState(now.state, now.decidedBy);
        if (values.json)
          stdout.write(`${JSON.stringify({ article: key, changed: moved, state })}\n`);
        else stdout.write(`${key}: ${moved ? state : `unchanged (${state})`}\n`);
        return moved ? 0 : 1;
      } finally {
        await store.close();
      }
    },
  };
}

export const approveCommand = decisionCommand("approve");
export const holdCommand = decisionCommand("hold");
