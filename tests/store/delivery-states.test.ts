import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DELIVERY_STATES,
  type DeliveryState,
  isAllowedTransition,
} from "../../src/store/delivery-states.ts";
import { ROOT } from "../helpers/cli.ts";

/**
 * Issue 21: the delivery state machine is one table, and both stores' SQL follows it. Every
 * statement that sets a delivery's status is read from the store's source: the states it may
 * move a row from (its WHERE clause) and to (its SET) must each be an allowed transition.
 */
/** Each engine's source files (each keeps its statements in files of their own). */
const engineFiles = (engine: string) =>
  readdirSync(path.join(ROOT, "src/store"))
    .filter((f) => new RegExp(`^${engine}.*\\.ts$`, "u").test(f))
    .map((f) => `src/store/${f}`)
    // (Statements the same in both engines are written once, in shared-sql.ts.)
    .concat("src/store/shared-sql.ts");
const STORES: Record<string, string[]> = {
  SQLite: engineFiles("sqlite"),
  PostgreSQL: engineFiles("postgres"),
};

/** String literals (plain or template) of a source file. */
function literals(source: string): string[] {
  return [...source.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`/gsu)].map((m) => m[1] ?? m[2] ?? "");
}

interface StatusChange {
  sql: string;
  to: DeliveryState[];
  from: DeliveryState[];
}

function statusChanges(source: string): StatusChange[] {
  const parameterised: Record<string, DeliveryState[]> = {
    // `markOutcome`/`apply`: a sender's failed or unknown verdict; `requeue`: retry-failed/unknown.
    to: ["failed", "unknown"],
    from: ["failed", "unknown"],
  };
  return (
    literals(source)
      // One literal may hold several statements (data-modifying CTEs): each UPDATE on its own.
      .flatMap((sql) =>
        sql.split(/(?=UPDATE deliveries\b)/u).map((part) => part.split(/\bRETURNING\b/u)[0] ?? ""),
      )
      .filter((sql) => /^UPDATE deliveries\b[\s\S]*\bSET\s+status\s*=/u.test(sql))
      .map((sql) => {
        const set = /SET\s+status\s*=\s*('(\w+)'|\?|\$\d+)/u.exec(sql);
        const where = sql.slice(sql.search(/\bWHERE\b/u));
        const to = set?.[2] ? [set[2] as DeliveryState] : (parameterised.to ?? []);
        const one = /\bstatus\s*=\s*'(\w+)'/u.exec(where);
        const list = /\bstatus\s+IN\s*\(([^)]*)\)/u.exec(where);
        const param = /\bd?\.?status\s*=\s*(\?|\$\d+)/u.exec(where);
        const from: DeliveryState[] = one
          ? [one[1] as DeliveryState]
          : list
            ? [...(list[1] ?? "").matchAll(/'(\w+)'/gu)].map((m) => m[1] as DeliveryState)
            : param
              ? (parameterised.from ?? [])
              : // A claim takes rows its query read as pending; a write fenced by its lease owner
                // only moves a row that owner claimed: sending.
                to[0] === "sending"
                ? ["pending"]
                : /lease_owner\s*=/u.test(where)
                  ? ["sending"]
                  : [];
        return { sql: sql.replace(/\s+/gu, " ").slice(0, 140), to, from };
      })
  );
}

describe("issue 21: the delivery state machine", () => {
  it("names five states", () => {
    expect([...DELIVERY_STATES]).toEqual(["pending", "sending", "sent", "failed", "unknown"]);
  });

  for (const [engine, files] of Object.entries(STORES))
    it(`the ${engine} store moves rows only along the table's transitions`, () => {
      const changes = files.flatMap((file) =>
        statusChanges(readFileSync(path.join(ROOT, file), "utf8")),
      );
      expect(changes.length).toBeGreaterThanOrEqual(6);
      for (const change of changes) {
        expect(change.from.length, change.sql).toBeGreaterThan(0);
        for (const from of change.from)
          for (const to of change.to)
            expect(isAllowedTransition(from, to), `${from} → ${to}: ${change.sql}`).toBe(true);
      }
    });

  it("refuses a move the table does not have, and the reading of SQL finds one", () => {
    expect(isAllowedTransition("sent", "pending")).toBe(false);
    expect(isAllowedTransition("pending", "sent")).toBe(false);
    const [bad] = statusChanges(
      `const x = "UPDATE deliveries SET status = 'pending' WHERE issue_id = ? AND status = 'sent'";`,
    );
    expect(bad).toMatchObject({ from: ["sent"], to: ["pending"] });
  });
});
