import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../config.ts";
import { isNewsletterError } from "../core/errors.ts";
import type { Command, CommandContext } from "./command.ts";
import { digestCommand } from "./commands/digest.ts";
import { previewCommand } from "./commands/preview.ts";
import { scheduleCommand } from "./commands/schedule.ts";
import { sendCommand } from "./commands/send.ts";
import { statusCommand } from "./commands/status.ts";
import { subscribersCommand } from "./commands/subscribers.ts";

/** The project folder: two levels above this file (src/cli/main.ts). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const commands: Command[] = [
  digestCommand,
  previewCommand,
  sendCommand,
  statusCommand,
  subscribersCommand,
  scheduleCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: npm run newsletter -- <command> [options]

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
  const command = commands.find((c) => c.name === name);
  if (!command) {
    context.stderr.write(`error: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (isNewsletterError(error)) {
      context.stderr.write(`error: ${error.message}\n`);
      return error.code === "USAGE" ? 2 : 1;
    }
    const storeProblem = describeStoreError(error);
    if (storeProblem) {
      context.stderr.write(`error: ${storeProblem}\n`);
      return 1;
    }
    context.stderr.write(
      `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

const isEntryPoint =
  process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const code = await main(process.argv.slice(2), {
    root: projectRoot(ROOT),
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdout.isTTY && process.stdin.isTTY),
  });
  process.exitCode = code;
}

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
