import type pg from "pg";
import type { ImportStaging } from "./store.ts";

/**
 * A PostgreSQL import's staging: rows go to a TEMP table of the one connection held for the
 * import (nothing shared is locked while the file is read), then are merged in one transaction.
 */
export async function importStaging(client: pg.PoolClient): Promise<ImportStaging> {
  // (A server that goes away during the import fails its next query, not the process.)
  client.on("error", () => {});
  await client.query(
    "CREATE TEMP TABLE IF NOT EXISTS import_rows (email_key text PRIMARY KEY, line integer NOT NULL, email text NOT NULL, name text)",
  );
  await client.query("TRUNCATE import_rows");
  let released = false;
  return {
    async stage(rows) {
      const duplicates: Array<{ line: number; email: string; firstLine: number }> = [];
      // Duplicates within the batch are found here; against earlier batches, by the table.
      const firstInBatch = new Map<string, number>();
      const unique = [];
      for (const r of rows) {
        const first = firstInBatch.get(r.key);
        if (first !== undefined)
          duplicates.push({ line: r.line, email: r.email, firstLine: first });
        else {
          firstInBatch.set(r.key, r.line);
          unique.push(r);
        }
      }
      if (unique.length === 0) return duplicates;
      const inserted = await client.query<{ email_key: string }>(
        `INSERT INTO import_rows (email_key, line, email, name)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])
         ON CONFLICT (email_key) DO NOTHING RETURNING email_key`,
        [
          unique.map((r) => r.key),
          unique.map((r) => r.line),
          unique.map((r) => r.email),
          unique.map((r) => r.name),
        ],
      );
      if (inserted.rows.length < unique.length) {
        const fresh = new Set(inserted.rows.map((r) => r.email_key));
        const clashing = unique.filter((r) => !fresh.has(r.key));
        const earlier = await client.query<{ email_key: string; line: number }>(
          "SELECT email_key, line FROM import_rows WHERE email_key = ANY($1::text[])",
          [clashing.map((r) => r.key)],
        );
        const lineOf = new Map(earlier.rows.map((r) => [r.email_key, r.line]));
        for (const r of clashing)
          duplicates.push({ line: r.line, email: r.email, firstLine: lineOf.get(r.key) ?? 0 });
      }
      return duplicates.sort((a, b) => a.line - b.line);
    },
    async merge(now) {
      const at = now.toISOString();
      await client.query("BEGIN");
      try {
        const notReactivated = (
          await client.query<{ line: number; email: string; status: string }>(
            "SELECT r.line, r.email, s.status FROM import_rows r JOIN subscribers s ON s.email_key = r.email_key WHERE s.status <> 'active'",
          )
        ).rows;
        const existingActive =
          (
            await client.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM import_rows r JOIN subscribers s ON s.email_key = r.email_key WHERE s.status = 'active'",
            )
          ).rows[0]?.n ?? 0;
        const updated =
          (
            await client.query(
              `UPDATE subscribers SET name = r.name, updated_at = $1 FROM import_rows r
               WHERE subscribers.email_key = r.email_key AND subscribers.status = 'active'
                 AND r.name IS NOT NULL AND r.name IS DISTINCT FROM subscribers.name`,
              [at],
            )
          ).rowCount ?? 0;
        const added =
          (
            await client.query(
              `INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at)
               SELECT r.email, r.email_key, r.name, 'active', $1, $1 FROM import_rows r
               ORDER BY r.line
               ON CONFLICT (email_key) DO NOTHING`,
              [at],
            )
          ).rowCount ?? 0;
        await client.query("COMMIT");
        return { added, updated, unchanged: existingActive - updated, notReactivated };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    async discard() {
      if (released) return;
      released = true;
      try {
        await client.query("DROP TABLE IF EXISTS import_rows");
      } finally {
        client.release();
      }
    },
  };
}
