import type { Correction } from "../digest/corrections.ts";
import type { PgAccess } from "./postgres-signups.ts";
import { PG_SQL } from "./shared-sql.ts";
import { correctionValues, group, tidy } from "./sqlite-corrections.ts";
import type { CorrectionStore } from "./store.ts";

/** An editor's corrections on PostgreSQL (issue 24). */
export function postgresCorrections(db: PgAccess): CorrectionStore {
  return {
    async setCorrection(articleKey, c, now) {
      await db.run(PG_SQL.setCorrection, correctionValues(articleKey, c, now));
    },
    async corrections(articleKey) {
      return (await db.rows<Correction>(PG_SQL.corrections, [articleKey])).map(tidy);
    },
    async allCorrections() {
      return group(await db.rows<Correction & { articleKey: string }>(PG_SQL.allCorrections));
    },
    async clearCorrections(articleKey) {
      return db.run(PG_SQL.clearCorrections, [articleKey]);
    },
  };
}
