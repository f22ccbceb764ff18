import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * SpamAssassin's verdict on a message, for the preview's checks (issue 24): `spamassassin -L -t`
 * (local tests only: nothing leaves the machine) when it is on the PATH, else "not installed".
 * Bounded: 30 seconds and 1 MB of output at most.
 */
export type SpamScore =
  | { installed: false }
  | { installed: true; score: number; required: number; rules: string[] }
  | { installed: true; error: string };

const TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 1024 * 1024;

export function onPath(program: string, env = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, program);
    if (dir !== "" && existsSync(file)) return file;
  }
  return undefined;
}

/** `program`: where SpamAssassin is (null: not installed); by default, found on the PATH. */
export function spamScore(
  raw: Buffer,
  program: string | null = onPath("spamassassin") ?? null,
): Promise<SpamScore> {
  if (!program) return Promise.resolve({ installed: false });
  return new Promise((resolve) => {
    const child = spawn(program, ["-L", "-t"], { stdio: ["pipe", "pipe", "ignore"] });
    let out = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      if (out.length < MAX_OUTPUT) out += d;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ installed: true, error: error.message });
    });
    child.on("close", () => {
      clearTimeout(timer);
      resolve(parseStatus(out));
    });
    child.stdin.on("error", () => {});
    child.stdin.end(raw);
  });
}

/** Reads `X-Spam-Status: No, score=0.1 required=5.0 tests=A,B autolearn=…` (folded or not). */
export function parseStatus(output: string): SpamScore {
  const header = /^X-Spam-Status:((?:.*)(?:\r?\n[ \t].*)*)/mu
    .exec(output)?.[1]
    ?.replace(/\s+/gu, " ")
    .replace(/, /gu, ",");
  const score = /score=(-?[\d.]+)/u.exec(header ?? "")?.[1];
  const required = /required=(-?[\d.]+)/u.exec(header ?? "")?.[1];
  if (!header || score === undefined || required === undefined)
    return { installed: true, error: "no X-Spam-Status in SpamAssassin's answer" };
  const tests = /tests=([^ ]*)/u.exec(header)?.[1] ?? "";
  return {
    installed: true,
    score: Number(score),
    required: Number(required),
    rules: tests === "none" ? [] : tests.split(",").filter(Boolean),
  };
}
