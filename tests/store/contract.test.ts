import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { importSubscribersCsv } from "../../src/store/csv-import.ts";
import { PgStore } from "../../src/store/postgres.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import type { IssueRecord, LedgerWrite, Liveness, Store } from "../../src/store/store.ts";
import { freshDatabase, postgresUnavailable, resetDatabase } from "../helpers/postgres.ts";

/**
 * Issue 12: one contract, two stores. Every test here runs against SQLite and against a real
 * PostgreSQL server; the program above the Store interface may rely on nothing else.
 */

const pgReason = await postgresUnavailable();
if (pgReason) console.warn(`store contract on PostgreSQL skipped: ${pgReason}`);
const pgDb = pgReason ? undefined : await freshDatabase();
afterAll(async () => {
  await pgDb?.drop();
});

interface Kind {
  name: string;
  skip: string | undefined;
  /** A fresh, empty store. */
  fresh: () => Promise<Store>;
  /** Another connection to the store `fresh` made last (a second process, or host). */
  another: () => Promise<Store>;
}

let sqliteDir = "";
const kinds: Kind[] = [
  {
    name: "SQLite",
    skip: undefined,
    fresh: async () => {
      sqliteDir = mkdtempSync(path.join(tmpdir(), "nl-contract-"));
      return SqliteStore.open(sqliteDir);
    },
    another: async () => SqliteStore.open(sqliteDir),
  },
  {
    name: "PostgreSQL",
    skip: pgReason,
    fresh: async () => {
      await resetDatabase(pgDb?.url ?? "");
      return PgStore.open(pgDb?.url ?? "");
    },
    another: async () => PgStore.open(pgDb?.url ?? ""),
  },
];

const NOW = new Date("2026-11-25T07:00:00Z");
const alive: Liveness = { isAlive: () => true, staleAfterMs: 60_000 };

function issue(id: string, articleKey = "article.txt"): IssueRecord {
  return {
    id,
    articleKey,
    articleHash: `hash-${id}`,
    articleFile: `/x/${articleKey}`,
    subject: `S ${id}`,
  };
}

async function addMany(store: Store, n: number, prefix = "r"): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 1; i <= n; i++)
    ids.push(await store.addSubscriber(`${prefix}${i}@example.com`, `R ${i}`, NOW));
  return ids;
}

const sent = (issueId: string, subscriberId: number, owner: string): LedgerWrite => ({
  kind: "sent",
  issueId,
  subscriberId,
  owner,
  messageId: `<${subscriberId}@x>`,
  reply: "250 ok",
  attempts: 1,
  at: NOW,
  resetHardFailures: true,
});

describe.each(kinds)("the store contract on $name", (kind) => {
  let store: Store;
  const others: Store[] = [];
  beforeEach(async () => {
    if (kind.skip) return;
    store = await kind.fresh();
  });
  afterEach(async () => {
    if (kind.skip) return;
    for (const s of others.splice(0)) await s.close();
    await store.close();
  });
  const another = async () => {
    const s = await kind.another();
    others.push(s);
    return s;
  };
  const test = kind.skip ? it.skip : it;

  test("approvals (issue 24): recorded once, proofs claimed by one connection, decided from given states", async () => {
    const first = await store.requestApproval("a.txt", NOW);
    expect(first).toMatchObject({ articleKey: "a.txt", state: "awaiting", decidedBy: null });
    const other = await another();
    expect((await other.requestApproval("a.txt", new Date(NOW.getTime() + 5))).requestedAt).toBe(
      NOW.toISOString(),
    );
    const claims = await Promise.all([store.claimProofs("a.txt"), other.claimProofs("a.txt")]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await other.decideApproval("a.txt", "held", "ed@example.org", NOW, ["awaiting"])).toBe(
      true,
    );
    expect(await store.decideApproval("a.txt", "held", "x", NOW, ["awaiting"])).toBe(false);
    expect(
      await store.decideApproval("a.txt", "approved", "chief@example.org", NOW, [
        "awaiting",
        "held",
      ]),
    ).toBe(true);
    expect(await store.approvals()).toEqual([
      {
        articleKey: "a.txt",
        state: "approved",
        requestedAt: NOW.toISOString(),
        decidedBy: "chief@example.org",
        decidedAt: NOW.toISOString(),
      },
    ]);
    expect(await store.approval("b.txt")).toBeUndefined();
    // Approved and not yet an issue: still to act on; once recorded, no longer.
    expect((await store.openApprovals()).map((a) => a.articleKey)).toEqual(["a.txt"]);
    await store.recordIssue(issue("i-a", "a.txt"), NOW);
    expect(await store.openApprovals()).toEqual([]);
  });

  test("corrections (issue 24): one per quotation, replaced, listed per article and for all, cleared", async () => {
    const q = { quote: "We will win,", paragraph: 3 };
    await store.setCorrection("a.txt", { ...q, action: "speaker", speaker: "Ana Ruiz" }, NOW);
    await store.setCorrection("a.txt", { ...q, action: "no-speaker" }, new Date(NOW.getTime() + 1));
    await store.setCorrection("a.txt", { quote: "Later,", paragraph: 5, action: "pin" }, NOW);
    await store.setCorrection("b.txt", { ...q, action: "drop" }, NOW);
    const other = await another();
    expect(await other.corrections("a.txt")).toEqual([
      { quote: "Later,", paragraph: 5, action: "pin" },
      { ...q, action: "no-speaker" },
    ]);
    expect(Object.keys(await other.allCorrections()).sort()).toEqual(["a.txt", "b.txt"]);
    expect(await store.clearCorrections("a.txt")).toBe(2);
    expect(await store.corrections("a.txt")).toEqual([]);
    expect(await store.allCorrections()).toEqual({ "b.txt": [{ ...q, action: "drop" }] });
  });

  test("sign-ups (issue 25): one confirmation mail per address per window, from any host", async () => {
    const hour = 3_600_000;
    const windowStart = (d: Date) => new Date(d.getTime() - hour);
    expect(await store.noteSignupRequest("Reader@Example.org", "Rea", NOW, windowStart(NOW))).toBe(
      true,
    );
    // Again within the hour, from another connection: no second mail.
    const other = await another();
    const soon = new Date(NOW.getTime() + 60_000);
    expect(await other.noteSignupRequest("reader@example.org", null, soon, windowStart(soon))).toBe(
      false,
    );
    const later = new Date(NOW.getTime() + hour + 1);
    expect(
      await other.noteSignupRequest("reader@example.org", "Rea", later, windowStart(later)),
    ).toBe(true);
    expect(await store.pendingSignups()).toBe(1);
    // A pending address is not on the list: no send can reach it.
    expect(await store.findSubscriber("reader@example.org")).toBeUndefined();
    expect(await store.activeSubscribers()).toBe(0);
  });

  test("sign-ups (issue 25): confirming adds the address with its consent, or brings it back", async () => {
    const consent = {
      at: NOW.toISOString(),
      ip: "203.0.113.9",
      userAgent: "Test/1",
      source: "web",
    };
    await store.noteSignupRequest("new@example.org", "New Reader", NOW, NOW);
    const added = await store.confirmSignup("new@example.org", consent, NOW);
    expect(added.outcome).toBe("added");
    expect(await store.subscriber(added.subscriberId)).toMatchObject({
      email: "new@example.org",
      name: "New Reader",
      status: "active",
      statusReason: "signup",
    });
    expect(await store.latestConsent(added.subscriberId)).toEqual(consent);
    expect(await store.pendingSignups()).toBe(0);
    const gone = await store.addSubscriber("gone@example.org", null, NOW);
    await store.setSubscriberStatus(gone, "unsubscribed", NOW, "link");
    const back = await store.confirmSignup("gone@example.org", consent, NOW);
    expect(back).toEqual({ subscriberId: gone, outcome: "resubscribed" });
    expect((await store.subscriber(gone))?.status).toBe("active");
    expect((await store.confirmSignup("GONE@example.org", consent, NOW)).outcome).toBe(
      "already-active",
    );
    expect(await store.subscriberCount()).toBe(2);
  });

  test("sign-ups (issue 25): requests unconfirmed past the expiry are removed", async () => {
    const old = new Date(NOW.getTime() - 8 * 86_400_000);
    await store.noteSignupRequest("old@example.org", null, old, old);
    await store.noteSignupRequest("fresh@example.org", null, NOW, NOW);
    expect(await store.expireSignups(new Date(NOW.getTime() - 7 * 86_400_000))).toBe(1);
    expect(await store.pendingSignups()).toBe(1);
  });

  test("a new store says it was created; opening it again migrates nothing and says not", async () => {
    expect(store.created).toBe(true);
    expect((await another()).created).toBe(false);
  });

  test("subscribers: found by address case-insensitively, one per address, streamed in id order", async () => {
    const id = await store.addSubscriber("Ann@Example.com", "Ann", NOW);
    expect(await store.findSubscriber("ann@example.COM")).toMatchObject({
      id,
      email: "Ann@Example.com",
      name: "Ann",
      status: "active",
      statusReason: null,
    });
    await expect(store.addSubscriber("ANN@example.com", null, NOW)).rejects.toThrow();
    await store.addSubscriber("bob@example.com", null, NOW);
    const all = [];
    for await (const s of store.iterateSubscribers()) all.push(s.email);
    expect(all).toEqual(["Ann@Example.com", "bob@example.com"]);
    expect(await store.subscriberCount()).toBe(2);
    expect(await store.subscriber(999_999)).toBeUndefined();
  });

  test("a state change records how and when; a delivery resets the failure count", async () => {
    const [a, b] = await addMany(store, 2);
    const later = new Date("2026-11-26T00:00:00Z");
    await store.setSubscriberStatus(a as number, "unsubscribed", later, "one-click");
    expect(await store.subscriber(a as number)).toMatchObject({
      status: "unsubscribed",
      statusReason: "one-click",
      statusChangedAt: later.toISOString(),
    });
    await store.updateSubscriberName(b as number, "Renamed", later);
    expect((await store.subscriber(b as number))?.name).toBe("Renamed");
    expect(await store.activeSubscribers()).toBe(1);
  });

  test("streams a list longer than a page without losing or repeating anyone", async () => {
    const staging = await store.startImport();
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      key: `p${i}@example.com`,
      line: i + 2,
      email: `p${i}@example.com`,
      name: null,
    }));
    await staging.stage(rows);
    await staging.merge(NOW);
    await staging.discard();
    const seen = new Set<number>();
    for await (const s of store.iterateSubscribers()) seen.add(s.id);
    expect(seen.size).toBe(2500);
  });

  test("import: duplicates across batches name the first line; left addresses are not re-activated", async () => {
    const left = await store.addSubscriber("gone@example.com", null, NOW);
    await store.setSubscriberStatus(left, "unsubscribed", NOW, "link");
    await store.addSubscriber("kept@example.com", "Old", NOW);
    const dir = mkdtempSync(path.join(tmpdir(), "nl-csv-"));
    const file = path.join(dir, "list.csv");
    const lines = [
      "email,name",
      "new@example.com,New",
      "kept@example.com,New Name",
      "gone@example.com,G",
    ];
    for (let i = 0; i < 6000; i++) lines.push(`bulk${i}@example.com,`);
    lines.push("NEW@example.com,Twice");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const report = await importSubscribersCsv(store, file, NOW);
    expect(report).toMatchObject({ added: 6001, updated: 1, unchanged: 0, skipped: 2 });
    expect(report.problems).toEqual([
      "line 4: gone@example.com is unsubscribed; not re-activated",
      "line 6005: NEW@example.com duplicates line 2",
    ]);
    expect((await store.findSubscriber("kept@example.com"))?.name).toBe("New Name");
    expect((await store.findSubscriber("gone@example.com"))?.status).toBe("unsubscribed");
  });

  test("an issue is recorded once, with its email, and found by article", async () => {
    const email = {
      subject: "S",
      preheader: "p",
      html: "<p>é</p>",
      text: "é",
      mjml: "",
      warnings: [],
      slots: {},
    } as unknown as NonNullable<IssueRecord["email"]>;
    await store.recordIssue({ ...issue("i1"), email }, NOW);
    await store.recordIssue({ ...issue("i1"), subject: "other" }, NOW);
    expect(await store.issue("i1")).toMatchObject({
      id: "i1",
      subject: "S i1",
      articleKey: "article.txt",
    });
    expect(await store.issueEmail("i1")).toEqual(email);
    expect(await store.issueEmail("nope")).toBeUndefined();
    expect(await store.issuesOfArticleKey("article.txt")).toEqual(["i1"]);
  });

  test("issueForArticle: the first tick creates the issue with its rows; later ticks, on any host, get that issue", async () => {
    await addMany(store, 3);
    const first = await store.issueForArticle(issue("a1"), NOW);
    expect(first).toEqual({ issueId: "a1", created: true });
    expect(await store.openRows("a1")).toBe(3);
    // A second host whose templates differ computes another id, and still gets the first.
    expect(await (await another()).issueForArticle(issue("a2"), NOW)).toEqual({
      issueId: "a1",
      created: false,
    });
    expect(await store.issue("a2")).toBeUndefined();
  });

  test("issueForArticle: two schedulers at once agree on one issue", async () => {
    await addMany(store, 2);
    const [x, y] = await Promise.all([
      store.issueForArticle(issue("b1", "race.txt"), NOW),
      (await another()).issueForArticle(issue("b2", "race.txt"), NOW),
    ]);
    expect(x.issueId).toBe(y.issueId);
    expect([x.created, y.created].filter(Boolean)).toHaveLength(1);
    expect(await store.issuesOfArticleKey("race.txt")).toHaveLength(1);
  });

  test("enqueue adds only active subscribers, once", async () => {
    const [a] = await addMany(store, 3);
    await store.setSubscriberStatus(a as number, "bounced", NOW, "bounce");
    await store.recordIssue(issue("e1"), NOW);
    expect(await store.enqueue("e1", NOW)).toBe(2);
    expect(await store.enqueue("e1", NOW)).toBe(0);
    expect(await store.countToSend("e1")).toEqual({ toSend: 2, sent: 0 });
    expect(await store.deliveryCounts("e1")).toEqual({ sent: 0, pending: 2 });
    expect(await store.issuesInProgress()).toEqual(["e1"]);
  });

  test("claims: two senders at once never hold the same row, and an unsubscribed reader is skipped", async () => {
    const ids = await addMany(store, 40);
    await store.recordIssue(issue("c1"), NOW);
    await store.enqueue("c1", NOW);
    await store.setSubscriberStatus(ids[0] as number, "unsubscribed", NOW, "one-click");
    const other = await another();
    const until = Date.now() + 60_000;
    const [x, y] = await Promise.all([
      store.commitTurn([], { issueId: "c1", owner: "h:1:a", limit: 25, leaseUntil: until }),
      other.commitTurn([], { issueId: "c1", owner: "h:2:b", limit: 25, leaseUntil: until }),
    ]);
    const claimed = [...x.claimed, ...y.claimed].map((r) => r.subscriberId);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).not.toContain(ids[0]);
    expect(claimed.length).toBe(39);
    expect(x.claimed[0]).toMatchObject({
      email: expect.stringMatching(/@example\.com$/u),
      attempts: 0,
      hardFailures: 0,
    });
    expect(await store.openRows("c1")).toBe(39);
    expect(
      (await store.commitTurn([], { issueId: "c1", owner: "h:1:a", limit: 5, leaseUntil: until }))
        .claimed,
    ).toEqual([]);
  });

  test("claims walk forward: a claim past a subscriber takes the rows after it, in order", async () => {
    const ids = await addMany(store, 12);
    await store.recordIssue(issue("k1"), NOW);
    await store.enqueue("k1", NOW);
    const until = Date.now() + 60_000;
    const claim = (after: number, limit: number) =>
      store.commitTurn([], { issueId: "k1", owner: "h:1:a", limit, leaseUntil: until, after });
    const first = (await claim(0, 4)).claimed.map((r) => r.subscriberId);
    expect(first).toEqual(ids.slice(0, 4));
    const past = (await claim(ids[7] as number, 10)).claimed.map((r) => r.subscriberId);
    // Only what lies past the subscriber named, even with rows before it still pending.
    expect(past).toEqual(ids.slice(8));
    // From the start again, the rows skipped are there.
    expect((await claim(0, 10)).claimed.map((r) => r.subscriberId)).toEqual(ids.slice(4, 8));
    expect((await claim(0, 10)).claimed).toEqual([]);
  });

  test("outcomes: sent, failed (bouncing after the count), unknown and released rows", async () => {
    const [a, b, c, d] = await addMany(store, 4);
    await store.recordIssue(issue("o1"), NOW);
    await store.enqueue("o1", NOW);
    const owner = "h:1:o";
    await store.commitTurn([], { issueId: "o1", owner, limit: 4, leaseUntil: Date.now() + 60_000 });
    const result = await store.commitTurn([
      sent("o1", a as number, owner),
      {
        kind: "failed",
        issueId: "o1",
        subscriberId: b as number,
        owner,
        error: "550 no such user",
        attempts: 1,
        at: NOW,
        bounceAfter: 1,
      },
      {
        kind: "unknown",
        issueId: "o1",
        subscriberId: c as number,
        owner,
        error: "lost after DATA",
        attempts: 1,
        at: NOW,
      },
      { kind: "release", issueId: "o1", subscriberId: d as number, owner, at: NOW },
    ]);
    expect(result).toEqual({ claimed: [], bounced: 1, fenced: [] });
    expect(await store.subscriber(b as number)).toMatchObject({
      status: "bounced",
      statusReason: "bounce",
    });
    expect(await store.deliveryCounts("o1")).toEqual({ sent: 1, pending: 1 });
    expect(await store.problems("o1", 10)).toEqual([
      { email: "r2@example.com", status: "failed", attempts: 1, lastError: "550 no such user" },
      { email: "r3@example.com", status: "unknown", attempts: 1, lastError: "lost after DATA" },
    ]);
    const [counts] = await store.issueCounts();
    expect(counts).toMatchObject({
      issueId: "o1",
      sent: 1,
      failed: 1,
      unknown: 1,
      pending: 1,
      sending: 0,
    });
    expect(await store.requeue("o1", "unknown", NOW)).toBe(1);
    expect(await store.deliveryCounts("o1")).toEqual({ sent: 1, pending: 2 });
  });

  test("many writes of one kind in a turn: each row gets its own", async () => {
    const ids = await addMany(store, 5);
    await store.recordIssue(issue("m1"), NOW);
    await store.enqueue("m1", NOW);
    const owner = "h:1:m";
    await store.commitTurn([], { issueId: "m1", owner, limit: 5, leaseUntil: Date.now() + 60_000 });
    await store.commitTurn(
      ids.map((id) => ({ kind: "on-wire" as const, issueId: "m1", subscriberId: id, owner })),
    );
    await store.commitTurn([
      ...ids.slice(0, 4).map((id) => sent("m1", id, owner)),
      {
        kind: "unknown",
        issueId: "m1",
        subscriberId: ids[4] as number,
        owner,
        error: "lost",
        attempts: 2,
        at: NOW,
      },
    ]);
    expect(await store.deliveryCounts("m1")).toEqual({ sent: 4, pending: 0 });
    expect(await store.problems("m1", 5)).toEqual([
      { email: "r5@example.com", status: "unknown", attempts: 2, lastError: "lost" },
    ]);
    // Nothing is left on the wire, so nothing is resolved unknown later.
    expect(await store.resolveAbandoned("m1", { ...alive, staleAfterMs: 0 }, new Date())).toBe(0);
  });

  test("a write of a sender that lost its lease changes nothing", async () => {
    const [a] = await addMany(store, 1);
    await store.recordIssue(issue("l1"), NOW);
    await store.enqueue("l1", NOW);
    await store.commitTurn([], {
      issueId: "l1",
      owner: "h:1:new",
      limit: 1,
      leaseUntil: Date.now() + 60_000,
    });
    await store.commitTurn([sent("l1", a as number, "h:9:old")]);
    expect(await store.deliveryCounts("l1")).toEqual({ sent: 0, pending: 0 });
    expect(await store.openRows("l1")).toBe(1);
  });

  test("abandoned rows: a live sender's are kept; a stale heartbeat's resolve (on the wire → unknown, queued → pending)", async () => {
    const ids = await addMany(store, 6);
    await store.recordIssue(issue("s1"), NOW);
    await store.enqueue("s1", NOW);
    const until = Date.now() + 60_000;
    const t = Date.now();
    await store.registerSender("far:1:live", t);
    await store.registerSender("far:2:stale", t - 120_000);
    await store.commitTurn([], { issueId: "s1", owner: "far:1:live", limit: 3, leaseUntil: until });
    await store.commitTurn([], {
      issueId: "s1",
      owner: "far:2:stale",
      limit: 3,
      leaseUntil: until,
    });
    const onWire = (subscriberId: number): LedgerWrite => ({
      kind: "on-wire",
      issueId: "s1",
      subscriberId,
      owner: "far:2:stale",
    });
    await store.commitTurn([onWire(ids[3] as number), onWire(ids[4] as number)]);
    await store.clearOnWire("s1", ids[4] as number, "far:2:stale");
    expect(await store.resolveAbandoned("s1", alive, new Date())).toBe(1);
    expect(await store.problems("s1", 10)).toMatchObject([
      { email: "r4@example.com", status: "unknown" },
    ]);
    expect(await store.deliveryCounts("s1")).toEqual({ sent: 0, pending: 2 });
    // Resolving twice (a second sender noticing too) changes nothing more.
    expect(await (await another()).resolveAbandoned("s1", alive, new Date())).toBe(0);
    // The live sender's rows are resolved only once it is gone on this host (its pid).
    expect(
      await store.resolveAbandoned(
        "s1",
        { ...alive, isAlive: (o) => o !== "far:1:live" },
        new Date(),
      ),
    ).toBe(0);
    expect(await store.deliveryCounts("s1")).toEqual({ sent: 0, pending: 5 });
  });

  test("events: a hard bounce fails the row with its diagnostic and bounces at the count; a replay changes nothing", async () => {
    const [a, b] = await addMany(store, 2);
    await store.recordIssue(issue("v1"), NOW);
    await store.enqueue("v1", NOW);
    const owner = "h:1:v";
    await store.commitTurn([], { issueId: "v1", owner, limit: 2, leaseUntil: Date.now() + 60_000 });
    await store.commitTurn([sent("v1", a as number, owner), sent("v1", b as number, owner)]);
    const hard = {
      key: "m1",
      kind: "hard-bounce" as const,
      subscriberId: a as number,
      issueId: "v1",
      statusCode: "5.1.1",
      diagnostic: "unknown user",
      bounceAfter: 2,
    };
    expect(await store.recordEvent(hard, NOW)).toEqual({ duplicate: false, changed: false });
    expect(await store.recordEvent(hard, NOW)).toEqual({ duplicate: true, changed: false });
    expect((await store.subscriber(a as number))?.status).toBe("active");
    // Issue 22: a second report of the same failure (same issue, another Message-ID) is
    // recorded but counts once: the address stays active at a count of 2.
    expect(await store.recordEvent({ ...hard, key: "m2" }, NOW)).toEqual({
      duplicate: false,
      changed: false,
    });
    expect((await store.subscriber(a as number))?.status).toBe("active");
    // A failure of another issue is the second one.
    await store.recordIssue(issue("v2", "other.txt"), NOW);
    expect(await store.recordEvent({ ...hard, key: "m2b", issueId: "v2" }, NOW)).toEqual({
      duplicate: false,
      changed: true,
    });
    expect(await store.subscriber(a as number)).toMatchObject({
      status: "bounced",
      statusReason: "bounce",
    });
    expect(await store.problems("v1", 5)).toEqual([
      {
        email: "r1@example.com",
        status: "failed",
        attempts: 1,
        lastError: "bounced: 5.1.1 unknown user",
      },
    ]);
    await store.recordEvent(
      {
        key: "m3",
        kind: "soft-bounce",
        subscriberId: b as number,
        issueId: "v1",
        statusCode: "4.4.1",
      },
      NOW,
    );
    expect((await store.subscriber(b as number))?.status).toBe("active");
    expect((await store.eventCounts()).get("v1")).toEqual({
      hard: 2,
      soft: 1,
      complaints: 0,
      unsubscribes: 0,
    });
  });

  test("events: a complaint or a mailed unsubscribe removes the reader at once, counted against their latest issue", async () => {
    const [a, b] = await addMany(store, 2);
    await store.recordIssue(issue("w1"), NOW);
    await store.enqueue("w1", NOW);
    await store.commitTurn([], {
      issueId: "w1",
      owner: "o",
      limit: 2,
      leaseUntil: Date.now() + 60_000,
    });
    await store.commitTurn([sent("w1", a as number, "o"), sent("w1", b as number, "o")]);
    expect(
      await store.recordEvent({ key: "c1", kind: "complaint", subscriberId: a as number }, NOW),
    ).toEqual({ duplicate: false, changed: true });
    expect(
      await store.recordEvent(
        { key: "u1", kind: "unsubscribe", subscriberId: b as number, via: "mail" },
        NOW,
      ),
    ).toEqual({ duplicate: false, changed: true });
    expect(await store.subscriber(a as number)).toMatchObject({
      status: "unsubscribed",
      statusReason: "complaint",
    });
    expect(await store.subscriber(b as number)).toMatchObject({
      status: "unsubscribed",
      statusReason: "mail",
    });
    expect(
      await store.recordEvent({ key: "u2", kind: "unsubscribe", subscriberId: b as number }, NOW),
    ).toEqual({ duplicate: false, changed: false });
    expect((await store.eventCounts()).get("w1")).toEqual({
      hard: 0,
      soft: 0,
      complaints: 1,
      unsubscribes: 2,
    });
    expect(await store.recordEvent({ key: "i1", kind: "ignored" }, NOW)).toEqual({
      duplicate: false,
      changed: false,
    });
  });

  test("the shared unsubscribe key: generated once in PostgreSQL for every host; SQLite keeps it in the data folder", async () => {
    const first = await store.sharedSecret(() => "k1-k1-k1-k1-k1-k1-k1-k1-k1-k1-k1-k1");
    const second = await (await another()).sharedSecret(
      () => "k2-k2-k2-k2-k2-k2-k2-k2-k2-k2-k2-k2",
    );
    if (store.kind === "postgres") {
      expect(first).toBe("k1-k1-k1-k1-k1-k1-k1-k1-k1-k1-k1-k1");
      expect(second).toBe(first);
    } else expect([first, second]).toEqual([undefined, undefined]);
  });

  test("issue 22: a paused sender taken over learns it: its beat fails and its on-wire write is fenced", async () => {
    const [a, b] = await addMany(store, 2);
    await store.recordIssue(issue("p1"), NOW);
    await store.enqueue("p1", NOW);
    const t = Date.now();
    const until = t + 60_000;
    // The paused sender claimed both rows, then stopped beating (SIGSTOP).
    await store.registerSender("h:1:paused", t - 120_000);
    await store.commitTurn([], { issueId: "p1", owner: "h:1:paused", limit: 2, leaseUntil: until });
    // A worker notices, resolves its rows and claims them itself.
    const worker = await another();
    await worker.registerSender("h:2:worker", t);
    expect(await worker.resolveAbandoned("p1", alive, new Date())).toBe(0);
    const taken = await worker.commitTurn([], {
      issueId: "p1",
      owner: "h:2:worker",
      limit: 2,
      leaseUntil: until,
    });
    expect(taken.claimed.map((r) => r.subscriberId).sort()).toEqual([a, b].sort());
    // SIGCONT: the paused sender's next beat finds its row gone, and never brings it back.
    expect(await store.heartbeat("h:1:paused", Date.now())).toBe(false);
    expect(await store.heartbeat("h:1:paused", Date.now())).toBe(false);
    expect(await store.heartbeat("h:2:worker", Date.now())).toBe(true);
    // Its on-wire writes for rows it once claimed are fenced out, one or several at a time.
    const onWire = (subscriberId: number, owner: string): LedgerWrite => ({
      kind: "on-wire",
      issueId: "p1",
      subscriberId,
      owner,
    });
    expect((await store.commitTurn([onWire(a as number, "h:1:paused")])).fenced).toEqual([a]);
    expect(
      (
        await store.commitTurn([
          onWire(a as number, "h:1:paused"),
          onWire(b as number, "h:1:paused"),
        ])
      ).fenced.sort(),
    ).toEqual([a, b].sort());
    // The worker still holds them.
    expect((await worker.commitTurn([onWire(a as number, "h:2:worker")])).fenced).toEqual([]);
  });

  test("releaseOwnClaims gives back what an owner still holds: queued rows pending, rows on the wire unknown", async () => {
    const [a] = await addMany(store, 3);
    await store.recordIssue(issue("q1"), NOW);
    await store.enqueue("q1", NOW);
    const until = Date.now() + 60_000;
    await store.commitTurn([], { issueId: "q1", owner: "h:1:me", limit: 2, leaseUntil: until });
    await store.commitTurn([], { issueId: "q1", owner: "h:2:other", limit: 1, leaseUntil: until });
    await store.commitTurn([
      { kind: "on-wire", issueId: "q1", subscriberId: a as number, owner: "h:1:me" },
    ]);
    expect(await store.releaseOwnClaims("q1", "h:1:me", NOW)).toBe(1);
    expect(await store.problems("q1", 5)).toMatchObject([
      { email: "r1@example.com", status: "unknown" },
    ]);
    // The second row is pending again; the other sender's row stays claimed (open, not pending).
    expect(await store.deliveryCounts("q1")).toEqual({ sent: 0, pending: 1 });
    expect(await store.openRows("q1")).toBe(2);
  });

  test("a sender without any heartbeat row, or whose lease expired, is gone", async () => {
    await addMany(store, 2);
    await store.recordIssue(issue("n1"), NOW);
    await store.enqueue("n1", NOW);
    await store.commitTurn([], {
      issueId: "n1",
      owner: "x:1:never",
      limit: 1,
      leaseUntil: Date.now() + 60_000,
    });
    await store.registerSender("x:2:expired", Date.now());
    await store.commitTurn([], {
      issueId: "n1",
      owner: "x:2:expired",
      limit: 1,
      leaseUntil: Date.now() - 1,
    });
    await store.resolveAbandoned("n1", alive, new Date());
    expect(await store.deliveryCounts("n1")).toEqual({ sent: 0, pending: 2 });
    await store.retireSender("x:2:expired");
  });
});
