/**
 * The daemon's log lines: text (`2026-12-06T07:00:00.000Z tick: …`) or, with NEWSLETTER_LOG=json,
 * one JSON object per line with the level, the time, the event (the line's own prefix, `tick`,
 * `inbound`, `worker`…), the issue it names and the counts it gives. Pure, but for
 * `routeConsole`, which takes node-cron's own coloured console lines into the same log.
 */
export type LogFormat = "text" | "json";

export interface LogRecord {
  level: "info" | "warn" | "error";
  time: string;
  event: string;
  message: string;
  issue?: string;
  counts?: Record<string, number>;
}

const COUNT = /\b(sent|failed|unknown|pending|skipped|bounced|applied) (\d+)\b/gu;

export function logRecord(line: string, now: Date, level?: LogRecord["level"]): LogRecord {
  const event = /^([a-z][a-z -]{0,30}?):/u.exec(line)?.[1] ?? "daemon";
  const issue = /\bissue ([0-9a-f]{16})\b/u.exec(line)?.[1];
  const counts: Record<string, number> = {};
  for (const m of line.matchAll(COUNT)) counts[m[1] as string] = Number(m[2]);
  return {
    level: level ?? (/\b(failed|unavailable|error|refused)\b/u.test(line) ? "warn" : "info"),
    time: now.toISOString(),
    event,
    message: line,
    ...(issue ? { issue } : {}),
    ...(Object.keys(counts).length > 0 ? { counts } : {}),
  };
}

export function formatLogLine(
  line: string,
  format: LogFormat,
  now: Date,
  level?: LogRecord["level"],
): string {
  return format === "json"
    ? `${JSON.stringify(logRecord(line, now, level))}\n`
    : `${now.toISOString()} ${line}\n`;
}

/** ANSI colour codes, which node-cron puts in its lines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is matched
const ANSI = /\u001b\[[0-9;]*m/gu;

/**
 * node-cron writes its warnings to the console with colours and a prefix of its own; they go
 * through the daemon's log instead (`node-cron: …`, at their level). Other console output is
 * left as it is. Returns the function that restores the console.
 */
export function routeConsole(write: (line: string, level: LogRecord["level"]) => void): () => void {
  const original = { info: console.info, warn: console.warn, error: console.error };
  const take =
    (level: LogRecord["level"], fallback: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      const text = args.map(String).join(" ").replace(ANSI, "");
      const cron = /\[NODE-CRON\]\s*\[(\w+)\]\s*(.*)$/su.exec(text);
      if (!cron) return fallback(...args);
      write(`node-cron: ${(cron[2] ?? "").trim()}`, level);
    };
  console.info = take("info", original.info);
  console.warn = take("warn", original.warn);
  console.error = take("error", original.error);
  return () => Object.assign(console, original);
}
