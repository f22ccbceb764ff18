import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isNewsletterError, NewsletterError } from "../errors.ts";
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
  let parsed: { issue?: RenderedIssue; error?: { code: string; message: string } } = {};
  try {
    parsed = JSON.parse(answer.out);
  } catch {
    throw new Error(
      `the renderer stopped (exit ${answer.code}): ${answer.err.trim().split("\n")[0] ?? ""}`,
    );
  }
  if (parsed.error) {
    const error = new NewsletterError("ARTICLE_UNREADABLE", parsed.error.message);
    // The child's own code (ARTICLE_NOT_FOUND, TEMPLATE_INVALID…), so callers and tests see it.
    (error as { code: string }).code = parsed.error.code;
    throw error;
  }
  return parsed.issue as RenderedIssue;
}

export function errorAnswer(error: unknown): { error: { code: string; message: string } } {
  if (isNewsletterError(error)) return { error: { code: error.code, message: error.message } };
  return {
    error: {
      code: "TEMPLATE_INVALID",
      message: error instanceof Error ? error.message : String(error),
    },
  };
}
