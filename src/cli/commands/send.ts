import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { type Config, loadConfig, withTopic } from "../../config.ts";
import { isValidEmail } from "../../email/address.ts";
import { prepareMessageBuilder } from "../../email/mime.ts";
import { echo, NewsletterError } from "../../errors.ts";
import { chooseIssue } from "../../issue/choose-issue.ts";
import { issueRecord } from "../../issue/issue-record.ts";
import { renderIssueApart } from "../../issue/render-apart.ts";
import type { RenderedIssue } from "../../issue/render-issue.ts";
import { issueHeaders, livenessOf, type SendSummary, sendToList } from "../../send/send-issue.ts";
import { describeTransport, openStore, openTransport } from "../../store/open.ts";
import { loadCorrections } from "../../store/open-store.ts";
import type { Store } from "../../store/store.ts";
import { TEST_SEND_TOKEN } from "../../web/unsubscribe.ts";
import { UnsubscribeQueue } from "../../web/unsubscribe-queue.ts";
import { type Command, type CommandContext, parseCommandArgs, TOPIC_OPTIONS } from "../command.ts";
import { progressBar } from "../progress.ts";

export const sendCommand: Command = {
  name: "send",
  summary: "send the issue to every active subscriber who has not had it (or a test with --to)",
  help: `Usage: npm run send -- [--yes | --dry-run | --to ADDR...] [--article FILE] [--retry-failed]

Sends the issue made from ARTICLE (default: the newest .txt in seeds/) to every active subscriber
without a sent row for it. Running it again sends only to those not yet served. Without SMTP_URL,
messages are written as .eml files to the data folder's outbox/.

Options:
  --yes              send without asking (required when not on a terminal)
  --dry-run          render and count the recipients; send nothing
  --to ADDR          a test send to ADDR only (repeatable); not recorded against the list
  --article FILE     the article to send
  --retry-failed     make this issue's failed rows pending again, then send
  --retry-unknown    the same for rows whose delivery is unknown (may reach them twice)
  --new-issue        send an article already sent under older templates as a new issue
  --json             one JSON document on stdout (what was done); the progress goes to stderr
  --topic, --terms   override the sidebar topic (see digest --help)
  -h, --help         this help

Exit status: 0 when every message went out, 1 when any failed, was unknown, or the run paused.`,
  async run(argv, context) {
    const { values } = parseCommandArgs("send", argv, {
      yes: { type: "boolean", short: "y" },
      "dry-run": { type: "boolean" },
      to: { type: "string", multiple: true },
      article: { type: "string" },
      "retry-failed": { type: "boolean" },
      "retry-unknown": { type: "boolean" },
      "new-issue": { type: "boolean" },
      json: { type: "boolean" },
      ...TOPIC_OPTIONS,
    });
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return 0;
    }
    // With --json the lines for a person go to stderr, and stdout carries one JSON document.
    const report: Record<string, unknown> = {};
    const jsonOut = context.stdout;
    const finish = (code: number) => {
      if (values.json) jsonOut.write(`${JSON.stringify({ ...report, exitCode: code })}\n`);
      return code;
    };
    if (values.json) context = { ...context, stdout: context.stderr };
    const config = withTopic(loadConfig(context.root), values.topic, values.terms);
    const log = (line: string) => context.stderr.write(`${line}\n`);
    // Rendered in a child process: the renderer's memory is not held through a long send.
    // With an editor's corrections (issue 24): what was fixed is what goes out.
    const corrections = await loadCorrections(config);
    const issue = await renderIssueApart({ ...config, corrections }, values.article, new Date());
    if (values.to) {
      if (values["dry-run"]) {
        context.stdout.write(
          `dry run: a test of “${issue.email.subject}” would go to ${values.to.join(", ")} via ${describeTransport(config)}; nothing sent\n`,
        );
        return 0;
      }
      const tests: string[] = [];
      for (const to of values.to) {
        const line = await sendTestMessage(issue, config, to);
        tests.push(line);
        context.stdout.write(`${line}\n`);
      }
      Object.assign(report, { issueId: issue.issueId, test: values.to, results: tests });
      return finish(0);
    }
    for (const warning of config.warnings) log(`warning: ${warning}`);
    const store = await openStore(config, log, { sampleList: true });
    try {
      // Unsubscribes the endpoint queued while the database was busy count before anyone is mailed.
      const applied = await new UnsubscribeQueue(config.dataDir).flushInto(store);
      if (applied > 0) log(`applied ${applied} queued unsubscribe(s)`);
      return finish(await confirmAndSend(store, config, issue, values, context, report));
    } finally {
      await store.close();
    }
  },
};

async function confirmAndSend(
  store: Store,
  config: Config,
  issue: RenderedIssue,
  flags: {
    yes?: boolean;
    "dry-run"?: boolean;
    "retry-failed"?: boolean;
    "retry-unknown"?: boolean;
    "new-issue"?: boolean;
  },
  { stdout, stderr, interactive }: CommandContext,
  report: Record<string, unknown>,
): Promise<number> {
  report.issueId = issue.issueId;
  report.subject = issue.email.subject;
  // An article is the same article after an edit or a template change: sending it again to
  // everyone takes an explicit --new-issue.
  const sameKey: string[] = [];
  for (const id of await store.issuesOfArticleKey(issue.articleKey))
    if ((await store.deliveryCounts(id)).sent > 0) sameKey.push(id);
  const choice = chooseIssue(
    {
      renderedId: issue.issueId,
      sentEarlier: [...(await store.sentIssuesOfArticle(issue.articleHash)), ...sameKey],
    },
    { kind: "manual", newIssue: flags["new-issue"] === true },
  );
  if (choice.kind === "needs-new-issue") {
    throw new NewsletterError(
      "USAGE",
      `send: this article (${issue.articleKey}) was already sent as issue ${choice.earlier.join(", ")} and has changed since (its text, the templates or the topic); add --new-issue to send it to everyone again as a new issue`,
    );
  }
  if (flags["dry-run"]) {
    // A dry run writes nothing: it counts what a send would do.
    const { toSend, sent } = await store.countToSend(issue.issueId);
    Object.assign(report, { dryRun: true, toSend, alreadySent: sent });
    stdout.write(
      `issue ${issue.issueId}: “${issue.email.subject}”\n${toSend} to send, ${sent} already sent; via ${describeTransport(config)}\ndry run: nothing sent\n`,
    );
    return 0;
  }
  // Refused before anything is written: a refused send leaves no trace in the ledger.
  if (!flags.yes && !interactive)
    throw new NewsletterError(
      "USAGE",
      "send: not on a terminal, so nothing was sent; add --yes to send, or --dry-run to count",
    );
  await store.recordIssue(issueRecord(issue), new Date());
  // Rows a dead run left claimed: those on the wire become unknown, the rest pending again.
  const abandoned = await store.resolveAbandoned(issue.issueId, livenessOf(config), new Date());
  if (abandoned > 0)
    stdout.write(
      `${abandoned} row(s) a stopped run left on the wire are now unknown (see status)\n`,
    );
  if (flags["retry-failed"])
    stdout.write(
      `made ${await store.requeue(issue.issueId, "failed", new Date())} failed row(s) pending again\n`,
    );
  if (flags["retry-unknown"])
    stdout.write(
      `made ${await store.requeue(issue.issueId, "unknown", new Date())} unknown row(s) pending again\n`,
    );
  await store.enqueue(issue.issueId, new Date());
  const { sent, pending } = await store.deliveryCounts(issue.issueId);
  stdout.write(
    `issue ${issue.issueId}: “${issue.email.subject}”\n${pending} to send, ${sent} already sent; via ${describeTransport(config)}\n`,
  );
  if (pending === 0) {
    Object.assign(report, { sent: 0, alreadySent: sent, nothingToSend: true });
    stdout.write(
      (await store.activeSubscribers()) === 0
        ? "nothing to send: the list has no active subscriber (add some with subscribers add or import)\n"
        : "nothing to send: every active subscriber has this issue\n",
    );
    await reportLeftovers(store, issue.issueId, 0, stdout);
    return 0;
  }
  if (!flags.yes) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Send to ${pending} subscriber(s)? [y/N] `);
    rl.close();
    if (!/^y(es)?$/iu.test(answer.trim())) {
      stdout.write("not sent\n");
      return 1;
    }
  }
  const controller = new AbortController();
  const stop = () => {
    if (!controller.signal.aborted)
      stderr.write("\nstopping: finishing the messages in flight (Ctrl-C again to force)\n");
    else process.exit(130);
    controller.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const bar = progressBar(stderr, interactive);
  try {
    const summary = await sendToList(config, store, issue, {
      // (Resolved above, before counting what there is to send.)
      resolveAbandoned: false,
      log: (line) => stderr.write(`${line}\n`),
      signal: controller.signal,
      onProgress: (p) => bar.update(p.done, p.total, `sent ${p.sent}, failed ${p.failed}`),
    });
    bar.end();
    stdout.write(`${formatSummary(summary)}\n`);
    Object.assign(report, summary);
    // The exit status speaks for this run: rows earlier runs left unknown are reported, not failed.
    const problems = summary.failed + summary.unknown;
    if (problems > 0) stdout.write(`see: npm run newsletter -- status ${summary.issueId}\n`);
    await reportLeftovers(store, summary.issueId, summary.unknown, stdout);
    return problems > 0 || summary.paused || summary.interrupted ? 1 : 0;
  } finally {
    bar.end();
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/**
 * Rows of this issue whose delivery is unknown and were not this run's (a run killed on the
 * wire left them): how many, and the command that sends them again.
 */
async function reportLeftovers(
  store: Store,
  issueId: string,
  thisRun: number,
  stdout: NodeJS.WritableStream,
): Promise<void> {
  const unknown =
    ((await store.issueCounts()).find((c) => c.issueId === issueId)?.unknown ?? 0) - thisRun;
  if (unknown > 0)
    stdout.write(
      `${unknown} row(s) of this issue are unknown from an earlier run (they may have arrived); to send them again: npm run send -- --yes --retry-unknown\n`,
    );
}

/** The one-line summary at the end of a send. */
export function formatSummary(s: SendSummary): string {
  const parts = [
    `sent ${s.sent}`,
    `failed ${s.failed}`,
    `unknown ${s.unknown}`,
    `skipped (already sent) ${s.alreadySent}`,
  ];
  if (s.bounced > 0) parts.push(`bounced ${s.bounced}`);
  if (s.left > 0) parts.push(`left pending ${s.left}`);
  const head = s.paused ? `paused (${s.paused}): ` : s.interrupted ? "interrupted: " : "";
  const abandoned =
    s.abandoned > 0 ? ` (${s.abandoned} left in flight by a stopped run marked unknown)` : "";
  return `${head}${parts.join(", ")} in ${s.seconds.toFixed(1)}s${abandoned}`;
}

/**
 * A test send: the issue as a subscriber would get it, to one address, through the same
 * transport, with [TEST] in the subject; recorded nowhere.
 */
export async function sendTestMessage(
  issue: RenderedIssue,
  config: Config,
  to: string,
): Promise<string> {
  if (!isValidEmail(to))
    throw new NewsletterError("USAGE", `send: ${echo(to)} is not a valid address`);
  const transport = openTransport(config);
  try {
    await transport.verify();
    const build = prepareMessageBuilder(
      { ...issue.email, subject: `[TEST] ${issue.email.subject}` },
      // Each test its own Message-ID: Gmail silently drops a message whose id it has seen.
      issueHeaders(config, `${issue.issueId}-test-${randomBytes(6).toString("hex")}`, new Date()),
    );
    const message = build({
      subscriberId: 0,
      email: to,
      name: null,
      // A page that says it was a test (never an error, never anyone unsubscribed).
      unsubscribeUrl: `${config.publicUrl}/unsubscribe?token=${TEST_SEND_TOKEN}`,
      unsubscribeMailto: undefined,
    });
    const outcome = await transport.send({
      from: config.from,
      to,
      raw: message.raw,
      messageId: message.messageId,
      issueId: `${issue.issueId}-test`,
    });
    if (outcome.kind !== "sent")
      throw new NewsletterError("SEND_FAILED", `test send to ${to} failed: ${outcome.error}`);
    return `test sent to ${to} via ${transport.description}: ${outcome.reply}`;
  } finally {
    await transport.close();
  }
}
