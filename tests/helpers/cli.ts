import { spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process, as a user would through npm run newsletter. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: "1", ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/**
 * The CLI bound to a temp project: its root and data folder, a From address, and `extra`
 * settings; returns a runner taking the arguments.
 */
export function cliIn(root: string, extra: Record<string, string> = {}) {
  const env = {
    NEWSLETTER_ROOT: root,
    NEWSLETTER_DATA_DIR: path.join(root, "data"),
    NEWSLETTER_FROM: "brief@news.example.com",
    ...extra,
  };
  return (args: string[]) => runCli(args, { env });
}
