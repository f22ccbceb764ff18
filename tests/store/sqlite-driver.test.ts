import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtInSqlite, openSqlite } from "../../src/store/sqlite-driver.ts";

/**
 * Issue 26: the SQLite store runs on Node's own node:sqlite from 22.13 and on better-sqlite3 on
 * Node 20; .ci/run runs the whole suite on 20, 22 and 24, so both drivers meet the contract tests.
 */
describe("the SQLite driver", () => {
  it("is node:sqlite from Node 22.13 on, better-sqlite3 before", () => {
    expect(builtInSqlite("20.19.0")).toBe(false);
    expect(builtInSqlite("22.12.0")).toBe(false);
    expect(builtInSqlite("22.13.0")).toBe(true);
    expect(builtInSqlite("24.0.0")).toBe(true);
    const db = openSqlite(":memory:");
    expect(db.driver).toBe(builtInSqlite() ? "node:sqlite" : "better-sqlite3");
    db.close();
  });

  it("gives the store's interface: statements, pluck, immediate transactions that roll back, SQLite's error codes", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nl-driver-"));
    const db = openSqlite(path.join(dir, "t.db"));
    db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)");
    const insert = db.prepare("INSERT INTO t (k, n) VALUES (?, ?)");
    expect(insert.run("a", 1).changes).toBe(1);
    expect(db.prepare("SELECT n FROM t WHERE k = ?").pluck().get("a")).toBe(1);
    expect(db.prepare("SELECT k, n FROM t").all()).toEqual([{ k: "a", n: 1 }]);
    expect([...db.prepare("SELECT k FROM t").pluck().iterate()]).toEqual(["a"]);
    expect(db.pragma("user_version", { simple: true })).toBe(0);
    const failing = db.transaction(() => {
      insert.run("b", 2);
      throw new Error("stop");
    });
    expect(() => failing.immediate()).toThrow("stop");
    expect(db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(1);
    let error: unknown;
    try {
      insert.run("a", 3);
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/u);
    db.close();
  });
});
