// cli/: thin commands over the pipeline.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../config.ts";
import { isNewsletterError } from "../errors.ts";
import { warmTagger } from "../issue/tag-apart.ts";
import type { Command, CommandContext } from "./command.ts";

/** The project folder: two levels above this file (src/cli/main.ts). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The commands, each loaded only when run: `status` or `subscribers` never load mjml and the
 * renderer, which cost most of a second and 100 MB at start.
 */
const commands: Array<{
  name: string;
  summary: string;
  load: () => Promise<Command>;
  /** It digests an article: the tagger's model starts loading beside the command's own. */
  digests?: boolean;
}> = [
  {
    name: "digest",
    digests: true,
    summary: "print the digest of an article (headline, lead, quotes, sidebar)",
    load: async () => (await import("./commands/digest.ts")).digestCommand,
  },
  {
    name: "correct",
    summary: "correct a quotation's speaker, or drop or pin it as a key quote (an editor's fix)",
    load: async () => (await import("./commands/correct.ts")).correctCommand,
  },
  {
    name: "approve",
    summary: "approve an issue that waits for an editor (NEWSLETTER_APPROVAL)",
    load: async () => (await import("./commands/approve.ts")).approveCommand,
  },
  {
    name: "hold",
    summary: "hold an issue that waits for an editor: it is not sent",
    load: async () => (await import("./commands/approve.ts")).holdCommand,
  },
  {
    name: "preview",
    digests: true,
    summary: "show the email before anyone gets it (local server, or files with --once)",
    load: async () => (await import("./commands/preview.ts")).previewCommand,
  },
  {
    name: "send",
    summary: "send the issue to every active subscriber who has not had it (or a test with --to)",
    load: async () => (await import("./commands/send.ts")).sendCommand,
  },
  {
    name: "status",
    summary:
      "show per issue how many were sent, failed (with the server's words), unknown, pending",
    load: async () => (await import("./commands/status.ts")).statusCommand,
  },
  {
    name: "subscribers",
    summary: "import, add, reactivate, remove and list subscribers",
    load: async () => (await import("./commands/subscribers.ts")).subscribersCommand,
  },
  {
    name: "schedule",
    summary: "run the scheduler daemon and the unsubscribe endpoint (npm start)",
    load: async () => (await import("./commands/schedule.ts")).scheduleCommand,
  },
  {
    name: "inbound",
    summary: "process bounces, complaints and mailed unsubscribes (files, stdin, or IMAP)",
    load: async () => (await import("./commands/inbound.ts")).inboundCommand,
  },
  {
    name: "worker",
    summary: "a sender that helps any issue in progress (with DATABASE_URL, on any host)",
    load: async () => (await import("./commands/worker.ts")).workerCommand,
  },
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: newsletter <command> [options]   (or: npm run newsletter -- <command> [options])

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run a command with --help for its options.
`;
}

/** Runs the CLI; returns the exit code. Known errors print one line; others print their stack. */
export async function main(argv: string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    context.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    context.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    context.stderr.write(`error: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  // With --json a failure is a JSON document too: `{"error": {"code", "message"}}` on stdout.
  const json = rest.includes("--json");
  const fail = (code: string, message: string, exit: number) => {
    if (json) context.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
    else context.stderr.write(`error: ${message}\n`);
    return exit;
  };
  try {
    if (entry.digests && !rest.includes("--help") && !rest.includes("-h")) warmTagger();
    const command = await entry.load();
    return await command.run(rest, context);
  } catch (error) {
    if (isNewsletterError(error))
      return fail(error.code, error.message, error.code === "USAGE" ? 2 : 1);
    const storeProblem = describeStoreError(error);
    if (storeProblem) return fail("STORE_FAILED", storeProblem, 1);
    context.stderr.write(
      `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    if (json)
      context.stdout.write(
        `${JSON.stringify({ error: { code: "UNEXPECTED", message: error instanceof Error ? error.message : String(error) } })}\n`,
      );
    return 1;
  }
}

/** This program's version, from its package.json. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    version?: string;
  };
  return `newsletter ${pkg.version ?? "unknown"}`;
}

/** Runs the command of this process's arguments (what bin/newsletter.mjs calls). */
export async function runCommandLine(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), {
    root: projectRoot(ROOT),
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdout.isTTY && process.stdin.isTTY),
  });
}

const isEntryPoint =
  process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) await runCommandLine();

/**
 * SQLite's own failures in words a user can act on, one line, no stack: another writer holding
 * the database, a full disk, a damaged file.
 */
export function describeStoreError(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return undefined;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
    return "the database is busy: another process (an import or a send) is writing to it; try again when it is done";
  if (code.startsWith("SQLITE_FULL")) return "the disk is full: the database could not be written";
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB")
    return "the database file is damaged or not a database; restore it from a backup";
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_CANTOPEN"))
    return "the database cannot be opened for writing (check the data folder's permissions)";
  return `the database failed (${code})`;
}
