import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ERROR_CODES, type ErrorCode, isNewsletterError, NewsletterError } from "../errors.ts";
import type { RenderedIssue, RenderSettings } from "./render-issue.ts";

/**
 * Renders an issue in a short-lived child process. The renderer (mjml and its dependencies) is
 * about half of a process's memory and is needed for a moment; a send of 200,000 messages that
 * loaded it kept it for the whole run. The child gets the render settings as data and answers
 * with the rendered issue as JSON; its errors come back as the same one-line errors.
 */

/** The child's answer is the issue's email and digest: far below this. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

interface Request {
  settings: RenderSettings;
  articleFile: string | undefined;
  now: string;
}

export async function renderIssueApart(
  settings: RenderSettings,
  articleFile: string | undefined,
  now: Date,
): Promise<RenderedIssue> {
  const here = fileURLToPath(import.meta.url);
  const child = path.join(path.dirname(here), `render-child${path.extname(here)}`);
  // Compiled, the child is plain JavaScript; from the sources it needs tsx, as this process did.
  const loader =
    child.endsWith(".ts") && !process.execArgv.some((a) => a.includes("tsx"))
      ? ["--import", "tsx"]
      : [];
  const request: Request = {
    settings: {
      seedsDir: settings.seedsDir,
      emailsDir: settings.emailsDir,
      topic: settings.topic,
      newsletter: settings.newsletter,
      timeZone: settings.timeZone,
      feed: settings.feed,
      dataDir: settings.dataDir,
      publicUrl: settings.publicUrl,
      ...(settings.corrections && { corrections: settings.corrections }),
    },
    articleFile,
    now: now.toISOString(),
  };
  const answer = await new Promise<{ code: number | null; out: string; err: string }>(
    (resolve, reject) => {
      const proc = spawn(process.execPath, [...process.execArgv, ...loader, child], {
        stdio: ["pipe", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      proc.stdout.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        if (out.length > MAX_ANSWER_BYTES) proc.kill();
      });
      proc.stderr.setEncoding("utf8").on("data", (d: string) => {
        err += d.slice(0, 10_000);
      });
      proc.on("error", reject);
      proc.on("close", (code) => resolve({ code, out, err }));
      proc.stdin.end(JSON.stringify(request));
    },
  );
  let parsed: { issue?: RenderedIssue; error?: ChildError } = {};
  try {
    parsed = JSON.parse(answer.out);
  } catch {
    throw new Error(
      `the renderer stopped (exit ${answer.code}): ${answer.err.trim().split("\n")[0] ?? ""}`,
    );
  }
  if (parsed.error) throw errorFromChild(parsed.error);
  return parsed.issue as RenderedIssue;
}

/** An error as it crosses the process boundary: a known one's code, or an unexpected one's stack. */
export type ChildError =
  | { code: ErrorCode; message: string }
  | { code: null; message: string; stack: string };

export function errorAnswer(error: unknown): { error: ChildError } {
  if (isNewsletterError(error)) return { error: { code: error.code, message: error.message } };
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? message) : message;
  return { error: { code: null, message, stack } };
}

/**
 * The child's error as this process throws it: a known error keeps its code and message (so the
 * CLI prints one line), anything else stays an unexpected error, with the child's stack.
 */
export function errorFromChild(error: ChildError): Error {
  if (error.code !== null && (ERROR_CODES as readonly string[]).includes(error.code))
    return new NewsletterError(error.code, error.message);
  const unexpected = new Error(`the renderer failed: ${error.message}`);
  if ("stack" in error)
    unexpected.stack = `${unexpected.message}\n(in the render child)\n${error.stack}`;
  return unexpected;
}
