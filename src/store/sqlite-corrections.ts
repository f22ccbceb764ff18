import { type Correction, correctionKey } from "../digest/corrections.ts";
import { SQL } from "./shared-sql.ts";
import type { SqliteDatabase } from "./sqlite-driver.ts";
import type { CorrectionStore } from "./store.ts";

/** An editor's corrections on SQLite (issue 24). */
export function sqliteCorrections(db: SqliteDatabase): CorrectionStore {
  const set = db.prepare(SQL.setCorrection);
  const list = db.prepare(SQL.corrections);
  const all = db.prepare(SQL.allCorrections);
  const clear = db.prepare(SQL.clearCorrections);
  return {
    async setCorrection(articleKey, c, now) {
      set.run(...correctionValues(articleKey, c, now));
    },
    async corrections(articleKey) {
      return (list.all(articleKey) as Correction[]).map(tidy);
    },
    async allCorrections() {
      return group(all.all() as Array<Correction & { articleKey: string }>);
    },
    async clearCorrections(articleKey) {
      return Number(clear.run(articleKey).changes);
    },
  };
}

/** The values of SQL.setCorrection, in their order (both engines bind the same array). */
export function correctionValues(articleKey: string, c: Correction, now: Date): unknown[] {
  return [
    articleKey,
    correctionKey(c),
    c.quote,
    c.paragraph,
    c.action,
    c.speaker ?? null,
    now.toISOString(),
  ];
}

/** A row as a correction: no `speaker` key unless one was given. */
export function tidy(row: Correction): Correction {
  const { speaker, ...rest } = row;
  return speaker ? { ...rest, speaker } : rest;
}

export function group(
  rows: Array<Correction & { articleKey: string }>,
): Record<string, Correction[]> {
  const out: Record<string, Correction[]> = {};
  for (const { articleKey, ...c } of rows) {
    out[articleKey] ??= [];
    out[articleKey].push(tidy(c));
  }
  return out;
}
