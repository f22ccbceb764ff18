import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startHeartbeat } from "../../src/send/heartbeat.ts";
import { LedgerTurns } from "../../src/send/ledger-turns.ts";
import { ErrorStreak, ledgerWriteFor, verdictFor } from "../../src/send/outcome-policy.ts";
import { withRetries } from "../../src/send/retry.ts";
import { WorkWait } from "../../src/send/worker.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import type { SendOutcome } from "../../src/transport/transport.ts";
import { moment } from "../helpers/moment.ts";

/** Issue 12: the send orchestrator's parts, each tested on its own. */

describe("the outcome policy", () => {
  it.each<[string, SendOutcome, number, boolean, string, boolean]>([
    ["a 250", { kind: "sent", reply: "250 ok" }, 1, false, "sent", false],
    ["a 5xx for the recipient", { kind: "failed", error: "550 no" }, 1, false, "failed", true],
    ["lost after DATA", { kind: "unknown", error: "lost" }, 1, false, "unknown", true],
    ["login refused", { kind: "fatal", error: "535" }, 1, false, "fatal", false],
    [
      "a 4xx while stopping",
      { kind: "retry", error: "451", serverUnreachable: false },
      1,
      true,
      "release",
      false,
    ],
    [
      "server away to the last try",
      { kind: "retry", error: "ECONNREFUSED", serverUnreachable: true },
      3,
      false,
      "release",
      true,
    ],
    [
      "a 4xx to the last try",
      { kind: "retry", error: "451 later", serverUnreachable: false },
      3,
      false,
      "failed",
      true,
    ],
  ])("%s → %s", (_, outcome, tries, stopped, kind, isError) => {
    const verdict = verdictFor(outcome, tries, stopped);
    expect(verdict.settled.kind).toBe(kind);
    expect(verdict.isError).toBe(isError);
  });

  it("only a recipient's 5xx may bounce; a 4xx to the last try never does", () => {
    expect(verdictFor({ kind: "failed", error: "550" }, 1, false).settled).toMatchObject({
      bounce: true,
    });
    expect(
      verdictFor({ kind: "retry", error: "451 later", serverUnreachable: false }, 3, false).settled,
    ).toEqual({ kind: "failed", error: "451 later (after 3 attempts)", bounce: false });
  });

  it("turns each settled message into its row's write; only a recipient's refusal carries the bounce count", () => {
    const row = {
      issueId: "i",
      subscriberId: 7,
      owner: "o",
      messageId: "<m>",
      attempts: 2,
      at: new Date(0),
      hadHardFailures: true,
      bounceAfter: 3,
    };
    expect(ledgerWriteFor({ kind: "sent", reply: "250 ok" }, row)).toMatchObject({
      kind: "sent",
      messageId: "<m>",
      reply: "250 ok",
      resetHardFailures: true,
    });
    expect(ledgerWriteFor({ kind: "failed", error: "550", bounce: true }, row)).toMatchObject({
      kind: "failed",
      bounceAfter: 3,
    });
    expect(ledgerWriteFor({ kind: "failed", error: "451", bounce: false }, row)).not.toHaveProperty(
      "bounceAfter",
    );
    expect(ledgerWriteFor({ kind: "unknown", error: "lost" }, row)).toMatchObject({
      kind: "unknown",
    });
    expect(ledgerWriteFor({ kind: "fatal", error: "535" }, row).kind).toBe("release");
    expect(ledgerWriteFor({ kind: "release" }, row).kind).toBe("release");
  });

  it("pauses after the limit of errors in a row; a delivery resets the streak", () => {
    const streak = new ErrorStreak(2);
    const failed = verdictFor({ kind: "failed", error: "550 x" }, 1, false);
    expect(streak.record(failed)).toBeUndefined();
    expect(streak.record(verdictFor({ kind: "sent", reply: "250" }, 1, false))).toBeUndefined();
    expect(streak.record(failed)).toBeUndefined();
    expect(streak.record(failed)).toBe("2 errors in a row, the last: 550 x");
  });
});

describe("the retry loop", () => {
  const retry: SendOutcome = { kind: "retry", error: "451", serverUnreachable: false };
  it("retries a retryable outcome with doubling waits, then gives up at the limit", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        return retry;
      },
      {
        maxTries: 3,
        baseMs: 100,
        sleep: async (ms) => void waits.push(ms),
        stopping: () => false,
      },
    );
    expect(result).toEqual({ outcome: retry, tries: 3, stopped: false });
    expect(waits).toEqual([100, 200]);
    expect(calls).toBe(3);
  });

  it("ends at once on a final outcome, and makes no due retry while stopping", async () => {
    let n = 0;
    const sent = await withRetries(
      async () => (++n === 1 ? retry : { kind: "sent", reply: "250" }),
      {
        maxTries: 3,
        baseMs: 0,
        sleep: async () => {},
        stopping: () => false,
      },
    );
    expect(sent).toMatchObject({ outcome: { kind: "sent" }, tries: 2 });
    const stopped = await withRetries(async () => retry, {
      maxTries: 3,
      baseMs: 0,
      sleep: async () => {},
      stopping: () => true,
    });
    expect(stopped).toMatchObject({ tries: 1, stopped: true });
  });
});

describe("ledger turns and the heartbeat", () => {
  function store() {
    const s = SqliteStore.open(mkdtempSync(path.join(tmpdir(), "nl-turns-")));
    return s;
  }

  it("commitWith writes everything waiting in one transaction and resolves once committed", async () => {
    const s = store();
    const id = await s.addSubscriber("a@example.com", null, new Date());
    await s.recordIssue(
      { id: "t1", articleKey: "k", articleHash: "h", articleFile: "f", subject: "s" },
      new Date(),
    );
    await s.enqueue("t1", new Date());
    const commits: number[] = [];
    const real = s.commitTurn.bind(s);
    s.commitTurn = async (writes, claim) => {
      commits.push(writes.length);
      return real(writes, claim);
    };
    const turns = new LedgerTurns(
      s,
      { claim: () => undefined, committed: () => {}, failed: () => {} },
      10_000,
    );
    await s.commitTurn([], {
      issueId: "t1",
      owner: "o",
      limit: 1,
      leaseUntil: Date.now() + 60_000,
    });
    commits.length = 0;
    turns.push({ kind: "release", issueId: "t1", subscriberId: id, owner: "o", at: new Date() });
    // The release was waiting (flush in 10 s): the on-wire write takes it along, in one commit.
    turns.push({
      kind: "release",
      issueId: "t1",
      subscriberId: id,
      owner: "nobody",
      at: new Date(),
    });
    await turns.commitWith({ kind: "on-wire", issueId: "t1", subscriberId: id, owner: "o" });
    expect(commits).toEqual([3]);
    expect(await s.deliveryCounts("t1")).toEqual({ sent: 0, pending: 1 });
    turns.dispose();
    await s.close();
  });

  it("a commit that fails rejects commitWith and says so to the run", async () => {
    const s = store();
    s.commitTurn = async () => {
      throw new Error("database or disk is full");
    };
    const failures: string[] = [];
    const turns = new LedgerTurns(
      s,
      { claim: () => undefined, committed: () => {}, failed: (e) => void failures.push(String(e)) },
      10,
    );
    await expect(
      turns.commitWith({ kind: "on-wire", issueId: "x", subscriberId: 1, owner: "o" }),
    ).rejects.toThrow("disk is full");
    expect(failures).toEqual(["Error: database or disk is full"]);
    turns.dispose();
    await s.close();
  });

  it("a turn beside the running one that fails hands its writes back: none is lost", async () => {
    const s = store();
    const a = await s.addSubscriber("a@example.com", null, new Date());
    const b = await s.addSubscriber("b@example.com", null, new Date());
    await s.recordIssue(
      { id: "t2", articleKey: "k", articleHash: "h", articleFile: "f", subject: "s" },
      new Date(),
    );
    await s.enqueue("t2", new Date());
    await s.commitTurn([], {
      issueId: "t2",
      owner: "o",
      limit: 2,
      leaseUntil: Date.now() + 60_000,
    });
    // As PostgreSQL's store does; the first turn is held open until `held.now()`.
    Object.defineProperty(s, "concurrentTurns", { value: true });
    const held = moment();
    const running = moment();
    const real = s.commitTurn.bind(s);
    const calls: number[] = [];
    s.commitTurn = async (writes, claim) => {
      calls.push(writes.length);
      if (calls.length === 1) {
        running.now();
        await held.happened;
      }
      if (calls.length === 2) throw new Error("connection lost");
      return real(writes, claim);
    };
    const failures: unknown[] = [];
    const turns = new LedgerTurns(
      s,
      { claim: () => undefined, committed: () => {}, failed: (e) => void failures.push(e) },
      10_000,
    );
    const markA = turns.commitWith({ kind: "on-wire", issueId: "t2", subscriberId: a, owner: "o" });
    await running.happened;
    const markB = turns.commitWith({ kind: "on-wire", issueId: "t2", subscriberId: b, owner: "o" });
    held.now();
    expect(await markA).toBe(true);
    expect(await markB).toBe(true);
    // The failed turn beside took b's mark; the running turn's next pass wrote it.
    expect(calls).toEqual([1, 1, 1]);
    expect(failures).toEqual([]);
    const onWire = s.db
      .prepare("SELECT subscriber_id AS id FROM deliveries WHERE on_wire = 1 ORDER BY 1")
      .all();
    expect(onWire).toEqual([{ id: a }, { id: b }]);
    turns.dispose();
    await s.close();
  });

  it("a heartbeat the database stops taking turns unhealthy; stopping retires the sender", async () => {
    const s = store();
    const beat = await startHeartbeat(s, "h:1:x", 1000);
    expect(beat.healthy()).toBe(true);
    expect(s.db.prepare("SELECT count(*) AS n FROM senders").get()).toEqual({ n: 1 });
    s.heartbeat = async () => {
      throw new Error("gone");
    };
    await new Promise((r) => setTimeout(r, 700));
    expect(beat.healthy()).toBe(false);
    await beat.stop();
    expect(s.db.prepare("SELECT count(*) AS n FROM senders").get()).toEqual({ n: 0 });
    await s.close();
  });
});

describe("a worker's wait between looks for work", () => {
  const HOUR = 3_600_000;

  it("ends when work is announced, and an announcement during a look is not slept through", async () => {
    const wait = new WorkWait();
    const signal = new AbortController().signal;
    const waiting = wait.pause(HOUR, signal);
    wait.wake();
    await waiting;
    // Announced while the worker was busy: the next wait ends at once, and only that one.
    wait.wake();
    await wait.pause(HOUR, signal);
    let ended = false;
    const next = wait.pause(HOUR, signal).then(() => {
      ended = true;
    });
    await Promise.resolve();
    expect(ended).toBe(false);
    wait.wake();
    await next;
    expect(ended).toBe(true);
  });

  it("ends at once when the worker was stopped during its look", async () => {
    const controller = new AbortController();
    controller.abort();
    // Before, the abort had already fired and the worker slept the whole poll (here an hour).
    await new WorkWait().pause(HOUR, controller.signal);
    const stopping = new AbortController();
    const waiting = new WorkWait().pause(HOUR, stopping.signal);
    stopping.abort();
    await waiting;
  });
});
