import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { formatLogLine, logRecord, routeConsole } from "../../src/daemon/log.ts";
import { tempProject } from "../helpers/project.ts";
import { startCli, waitFor } from "../helpers/spawn.ts";

describe("issue 26: NEWSLETTER_LOG=json", () => {
  const now = new Date("2026-12-06T07:00:00Z");

  it("makes one JSON object a line: level, time, event, issue, counts", () => {
    const line = "tick: issue 0123456789abcdef from a.txt: sent 5, failed 1, unknown 0";
    expect(JSON.parse(formatLogLine(line, "json", now))).toEqual({
      level: "warn",
      time: "2026-12-06T07:00:00.000Z",
      event: "tick",
      message: line,
      issue: "0123456789abcdef",
      counts: { sent: 5, failed: 1, unknown: 0 },
    });
    expect(logRecord("scheduler: next run soon", now)).toMatchObject({
      level: "info",
      event: "scheduler",
    });
    expect(formatLogLine("tick: nothing new", "text", now)).toBe(
      "2026-12-06T07:00:00.000Z tick: nothing new\n",
    );
  });

  it("takes node-cron's coloured console warnings into the log, and leaves other output alone", () => {
    const lines: Array<[string, string]> = [];
    const seen: unknown[][] = [];
    const realWarn = console.warn;
    const spy = (...args: unknown[]) => void seen.push(args);
    console.warn = spy;
    const restore = routeConsole((line, level) => void lines.push([line, level]));
    try {
      console.warn(
        "[2026-12-06T07:00:00.000Z] [PID: 1] \u001b[32m[NODE-CRON]\u001b[32m \u001b[33m[WARN]\u001b[0m missed execution at 07:00",
      );
      console.warn("something else");
    } finally {
      restore();
    }
    expect(console.warn).toBe(spy);
    console.warn = realWarn;
    expect(lines).toEqual([["node-cron: missed execution at 07:00", "warn"]]);
    expect(seen).toEqual([["something else"]]);
  });

  it("the daemon's log is JSON from its first line to its last", async () => {
    const { root } = tempProject();
    const daemon = startCli(["schedule"], {
      NEWSLETTER_ROOT: root,
      NEWSLETTER_DATA_DIR: `${root}/data`,
      NEWSLETTER_LOG: "json",
      NEWSLETTER_SCHEDULE: "0 0 1 1 *",
      PORT: "0",
    });
    await waitFor(() => /unsubscribe endpoint/u.test(daemon.output()), 30_000);
    daemon.child.kill("SIGTERM");
    await daemon.done;
    const lines = daemon.output().trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const record = JSON.parse(line) as Record<string, unknown>;
      expect(record).toMatchObject({ level: expect.any(String), time: expect.any(String) });
      expect(typeof record.event).toBe("string");
    }
    expect(lines.map((l) => JSON.parse(l).event)).toContain("scheduler");
  }, 60_000);

  // A CI run caught the daemon between two lines of its start-up log: SIGTERM came before the
  // daemon listened for it, so it died there with no `stopping`. It listens from the start now.
  it("a SIGTERM while the daemon starts stops it cleanly once it is up", async () => {
    const { root } = tempProject();
    const saved = { ...process.env };
    Object.assign(process.env, {
      NEWSLETTER_DATA_DIR: `${root}/data`,
      NEWSLETTER_SCHEDULE: "0 0 1 1 *",
      NEWSLETTER_LOG: "json",
      PORT: "0",
    });
    const stderr = new PassThrough();
    let log = "";
    stderr.on("data", (d: Buffer) => {
      // (At its first line the daemon is starting: the scheduler is set, the servers are not up.
      // The signal is emitted in this process, as it would arrive.)
      if (log === "") process.emit("SIGTERM");
      log += d.toString();
    });
    try {
      const running = main(["schedule"], {
        root,
        stdout: new PassThrough(),
        stderr,
        interactive: false,
      });
      expect(await running).toBe(0);
    } finally {
      process.env = saved;
    }
    const events = log
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { event: string; message: string }).message);
    expect(events[0]).toMatch(/^scheduler: /u);
    expect(events.at(-1)).toBe("stopping");
    expect(process.listenerCount("SIGTERM")).toBe(0);
  }, 60_000);
});
