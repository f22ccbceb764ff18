import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { startScheduler } from "../../src/daemon/scheduler.ts";
import { makeUnsubscribeToken } from "../../src/email/unsubscribe-token.ts";
import { unsubscribeSecret } from "../../src/store/secret.ts";
import { openSqlite } from "../../src/store/sqlite-driver.ts";
import { addSubscribers, SqliteStore, subscriberById, subscriberOf } from "../helpers/delivery.ts";
import { tempProject, testConfig } from "../helpers/project.ts";
import { waitFor } from "../helpers/spawn.ts";

describe("issue 10: another writer holding the database", () => {
  it("never loses a one-click unsubscribe and never holds the request; commands say so in one line", async () => {
    const project = tempProject();
    const config = testConfig(project.root, { PORT: "0" });
    const setup = SqliteStore.open(config.dataDir);
    addSubscribers(setup, 2);
    const id = subscriberOf(setup, "s1@example.com")?.id ?? 0;
    setup.close();
    const scheduler = await startScheduler(config, () => {});
    const token = makeUnsubscribeToken(id, unsubscribeSecret(undefined, config.dataDir));

    // A large import (or any writer) holds the write lock.
    const blocker = openSqlite(path.join(config.dataDir, "newsletter.db"));
    blocker.exec("BEGIN IMMEDIATE");
    const res = await fetch(`${scheduler.url}/unsubscribe?token=${token}`, {
      method: "POST",
      body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
    });
    // Answered while the lock is still held: queued durably, not waited for.
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You are unsubscribed");
    const still = blocker.prepare("SELECT status FROM subscribers WHERE id = ?").get(id) as {
      status: string;
    };
    expect(still.status).toBe("active");

    // Reading needs no lock: status works meanwhile.
    const reader = new PassThrough();
    let statusOut = "";
    reader.on("data", (d: Buffer) => {
      statusOut += d.toString();
    });
    const statusCode = await main(["status"], {
      root: project.root,
      stdout: reader,
      stderr: new PassThrough(),
      interactive: false,
    });
    expect(statusCode).toBe(0);
    expect(statusOut).not.toContain("error");

    const out = new PassThrough();
    const err = new PassThrough();
    let stderr = "";
    err.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await main(["subscribers", "add", "new@example.com"], {
      root: project.root,
      stdout: out,
      stderr: err,
      interactive: false,
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      "error: the database is busy: another process (an import or a send) is writing to it; try again when it is done\n",
    );

    blocker.exec("COMMIT");
    blocker.close();
    const store = SqliteStore.open(config.dataDir);
    await waitFor(() => subscriberById(store, id)?.status === "unsubscribed", 10_000);
    expect(subscriberById(store, id)).toMatchObject({ statusReason: "one-click" });
    expect(subscriberOf(store, "s2@example.com")?.status).toBe("active");
    store.close();
    await scheduler.stop();
  }, 60_000);
});

describe("issue 22: two processes opening one new database together", () => {
  it("the second waits for the first's lock instead of failing to open (two sends started at once)", async () => {
    const project = tempProject();
    const dataDir = path.join(project.root, "data");
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, "newsletter.db");
    // Another process has just created the file and holds it locked, as a send does while it
    // switches a new database to WAL and migrates it; it lets go a moment later by itself.
    const holder = spawn(
      "python3",
      [
        "-c",
        [
          "import sqlite3, sys, time",
          "c = sqlite3.connect(sys.argv[1], isolation_level=None)",
          "c.execute('BEGIN EXCLUSIVE')",
          "c.execute('CREATE TABLE IF NOT EXISTS held (a)')",
          "print('locked', flush=True)",
          "time.sleep(0.3)",
          "c.execute('COMMIT')",
        ].join("\n"),
        file,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = once(holder, "exit");
    await new Promise<void>((resolve) =>
      holder.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()),
    );
    const store = SqliteStore.open(dataDir);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.prepare("SELECT count(*) FROM subscribers").pluck().get()).toBe(0);
    store.close();
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
