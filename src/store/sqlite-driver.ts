import { createRequire } from "node:module";

/**
 * The SQLite driver, whichever this Node has: its built-in `node:sqlite` from Node 22.13 (no
 * native module to build, so an install works on any supported Node), better-sqlite3 on Node 20.
 * Both are given the small synchronous interface the store uses (better-sqlite3's shape), and
 * an error keeps SQLite's own code (`SQLITE_BUSY`, `SQLITE_FULL`, …) either way.
 */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** The first column only, from get/all/iterate. */
  pluck(): SqliteStatement;
}

export interface SqliteTransaction<T> {
  (): T;
  /** BEGIN IMMEDIATE: the write lock is taken at the start. */
  immediate(): T;
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  /** `PRAGMA x`; with `simple` the first column of the first row. */
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<T>(fn: () => T): SqliteTransaction<T>;
  close(): void;
  /** Which driver this is, for the output. */
  readonly driver: "node:sqlite" | "better-sqlite3";
}

const require = createRequire(import.meta.url);

/** node:sqlite is used from Node 22.13 on, where it needs no flag. */
export function builtInSqlite(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 13);
}

export function openSqlite(file: string): SqliteDatabase {
  return builtInSqlite() ? openNodeSqlite(file) : openBetterSqlite(file);
}

function openBetterSqlite(file: string): SqliteDatabase {
  const Database = require("better-sqlite3") as new (f: string) => Omit<SqliteDatabase, "driver">;
  const db = new Database(file);
  return Object.assign(db, { driver: "better-sqlite3" as const });
}

/** SQLite's primary result codes, for errors node:sqlite reports by number. */
const RESULT_CODES: Record<number, string> = {
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  8: "SQLITE_READONLY",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  19: "SQLITE_CONSTRAINT",
  26: "SQLITE_NOTADB",
};

/** An error of node:sqlite with better-sqlite3's `code` (`SQLITE_BUSY`…). */
function withSqliteCode(error: unknown): unknown {
  const e = error as { errcode?: number; code?: string };
  if (typeof e?.errcode === "number") e.code = RESULT_CODES[e.errcode & 0xff] ?? "SQLITE_ERROR";
  return error;
}

function guarded<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      throw withSqliteCode(error);
    }
  };
}

interface NodeStatement {
  run(...p: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...p: unknown[]): Record<string, unknown> | undefined;
  all(...p: unknown[]): Array<Record<string, unknown>>;
  iterate(...p: unknown[]): IterableIterator<Record<string, unknown>>;
}

function openNodeSqlite(file: string): SqliteDatabase {
  silenceExperimentalWarning();
  const { DatabaseSync } = require("node:sqlite") as {
    DatabaseSync: new (
      f: string,
    ) => {
      prepare(sql: string): NodeStatement;
      exec(sql: string): void;
      close(): void;
    };
  };
  const db = guarded(() => new DatabaseSync(file))();
  const wrap = (statement: NodeStatement, pluck: boolean): SqliteStatement => {
    const first = (row: Record<string, unknown> | undefined) =>
      pluck && row ? Object.values(row)[0] : row;
    return {
      run: guarded((...p) => {
        const r = statement.run(...p);
        return { changes: Number(r.changes), lastInsertRowid: r.lastInsertRowid };
      }),
      get: guarded((...p) => first(statement.get(...p))),
      all: guarded((...p) => statement.all(...p).map(first)),
      // (A generator runs as it is read: its errors are translated there, not at the call.)
      *iterate(...p: unknown[]) {
        try {
          for (const row of statement.iterate(...p)) yield first(row);
        } catch (error) {
          throw withSqliteCode(error);
        }
      },
      pluck: () => wrap(statement, true),
    };
  };
  let depth = 0;
  const self: SqliteDatabase = {
    driver: "node:sqlite",
    prepare: guarded((sql: string) => wrap(db.prepare(sql), false)),
    exec: guarded((sql: string) => db.exec(sql)),
    pragma(sql, options) {
      const rows = self.prepare(`PRAGMA ${sql}`).all() as Array<Record<string, unknown>>;
      return options?.simple ? Object.values(rows[0] ?? {})[0] : rows;
    },
    transaction<T>(fn: () => T): SqliteTransaction<T> {
      const run = (begin: string) => {
        // A transaction inside one runs in it (as better-sqlite3 does with a savepoint).
        if (depth > 0) return fn();
        self.exec(begin);
        depth++;
        try {
          const result = fn();
          depth--;
          self.exec("COMMIT");
          return result;
        } catch (error) {
          depth = Math.max(0, depth - 1);
          try {
            db.exec("ROLLBACK");
          } catch {
            // Already rolled back by SQLite (a failed COMMIT, a full disk).
          }
          throw error;
        }
      };
      return Object.assign(() => run("BEGIN"), { immediate: () => run("BEGIN IMMEDIATE") });
    },
    close: () => db.close(),
  };
  return self;
}

/** node:sqlite says it is experimental on every start in Node 22; the CLI's output stays clean. */
function silenceExperimentalWarning(): void {
  const emit = process.emitWarning;
  if ((emit as { silenced?: boolean }).silenced) return;
  const filtered = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (/SQLite is an experimental feature/u.test(text)) return;
    (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  Object.assign(filtered, { silenced: true });
  process.emitWarning = filtered;
}
