import { type ParseArgsConfig, parseArgs } from "node:util";
import { NewsletterError } from "../errors.ts";

/** What every command gets: where the project is, and where to write. */
export interface CommandContext {
  root: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** True when stdout is a terminal a person is looking at (progress bars, prompts). */
  interactive: boolean;
}

export interface Command {
  name: string;
  summary: string;
  /** Full help text, printed by `--help`. */
  help: string;
  /** Runs the command; resolves to the exit code. */
  run(argv: string[], context: CommandContext): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs with strict checking, its errors turned into one-line usage errors. */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    // node's text advises `-- "--foo"`, which means something else under `npm run`.
    const unknown =
      (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
        ? /'([^']+)'/u.exec(message ?? "")?.[1]
        : undefined;
    throw new NewsletterError(
      "USAGE",
      unknown
        ? `${command}: unknown option ${unknown} (see npm run newsletter -- ${command} --help)`
        : `${command}: ${message} (see --help)`,
    );
  }
}

/** Options shared by digest, preview and send. */
export const TOPIC_OPTIONS = {
  topic: { type: "string" },
  terms: { type: "string" },
} as const;
