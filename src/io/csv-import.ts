import { createReadStream, statSync } from "node:fs";
import { parse } from "csv-parse";
import { isValidEmail } from "../core/address.ts";
import { NewsletterError } from "../core/errors.ts";
import { MAX_NAME_LENGTH } from "../core/subscriber-name.ts";
import { emailKey, type Store } from "./store.ts";

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  /** One line per skipped row: `line N: reason`, in line order. */
  problems: string[];
  skipped: number;
}

/** Progress is reported every this many rows. */
const PROGRESS_EVERY = 5000;
/** Rows staged per transaction of the (connection-private) staging table. */
const STAGE_BATCH = 5000;

/**
 * Imports a CSV with header `email,name` (quoted fields, UTF-8, a BOM tolerated), streaming it.
 * Invalid addresses, invalid UTF-8 and duplicates (case-insensitive, within the file) are
 * reported with their line numbers and skipped; an address that unsubscribed or bounced is
 * never re-activated; a name longer than 200 characters is cut (and said).
 *
 * All or nothing, without holding the database while the file is read: rows are first staged in
 * a TEMP table (private to this connection, so no lock on the shared database), then merged in
 * one short transaction with no await inside. Memory stays flat in the file's length.
 */
export async function importSubscribersCsv(
  store: Store,
  file: string,
  now: Date,
  onProgress?: (rows: number) => void,
): Promise<ImportReport> {
  checkFile(file);
  const report: ImportReport = { added: 0, updated: 0, unchanged: 0, problems: [], skipped: 0 };
  const problems: Array<{ line: number; text: string }> = [];
  const db = store.db;
  db.exec(
    "CREATE TEMP TABLE IF NOT EXISTS import_rows (email_key TEXT PRIMARY KEY, line INTEGER NOT NULL, email TEXT NOT NULL, name TEXT)",
  );
  db.exec("DELETE FROM temp.import_rows");
  const stage = db.prepare(
    "INSERT OR IGNORE INTO temp.import_rows (email_key, line, email, name) VALUES (?, ?, ?, ?)",
  );
  const firstLineOf = db.prepare("SELECT line FROM temp.import_rows WHERE email_key = ?").pluck();
  let header: string[] = [];
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      columns: (names: string[]) => {
        header = names.map((h) => h.trim().toLowerCase());
        return header;
      },
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }),
  );
  let rows = 0;
  try {
    db.exec("BEGIN");
    for await (const record of parser as AsyncIterable<{
      record: Record<string, string | undefined>;
      info: { lines: number };
    }>) {
      const line = record.info.lines;
      if (rows === 0) checkHeader(file, header);
      rows++;
      const email = (record.record.email ?? "").trim();
      let name = (record.record.name ?? "").trim() || null;
      const skip = (text: string) => {
        problems.push({ line, text: `line ${line}: ${text}` });
        report.skipped++;
      };
      if (email.includes("\uFFFD") || name?.includes("\uFFFD")) {
        skip("not valid UTF-8 (save the file as UTF-8)");
        continue;
      }
      if (!isValidEmail(email)) {
        skip(`invalid address ${JSON.stringify(email)}`);
        continue;
      }
      if (name !== null && name.length > MAX_NAME_LENGTH) {
        problems.push({ line, text: `line ${line}: name cut to ${MAX_NAME_LENGTH} characters` });
        name = name.slice(0, MAX_NAME_LENGTH);
      }
      const key = emailKey(email);
      if (stage.run(key, line, email, name).changes === 0) {
        skip(`${email} duplicates line ${firstLineOf.get(key)}`);
        continue;
      }
      if (rows % STAGE_BATCH === 0) {
        db.exec("COMMIT");
        db.exec("BEGIN");
      }
      if (rows % PROGRESS_EVERY === 0) onProgress?.(rows);
    }
    if (db.inTransaction) db.exec("COMMIT");
    if (rows === 0) checkHeader(file, header);
    store.transaction(() => merge(store, now, report, problems));
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    if (error instanceof NewsletterError) throw error;
    const e = error as NodeJS.ErrnoException & { lines?: number };
    throw new NewsletterError(
      "CSV_INVALID",
      `${file}${e.lines ? ` line ${e.lines}` : ""}: not valid CSV (${e.message})`,
      { cause: error },
    );
  } finally {
    db.exec("DELETE FROM temp.import_rows");
  }
  report.problems = problems.sort((a, b) => a.line - b.line).map((p) => p.text);
  return report;
}

/** The staged rows into the list, in one transaction: new ones added, active ones renamed. */
function merge(
  store: Store,
  now: Date,
  report: ImportReport,
  problems: Array<{ line: number; text: string }>,
): void {
  const db = store.db;
  const at = now.toISOString();
  const left = db
    .prepare(
      "SELECT r.line, r.email, s.status FROM temp.import_rows r JOIN subscribers s ON s.email_key = r.email_key WHERE s.status <> 'active'",
    )
    .all() as Array<{ line: number; email: string; status: string }>;
  for (const row of left) {
    problems.push({
      line: row.line,
      text: `line ${row.line}: ${row.email} is ${row.status}; not re-activated`,
    });
    report.skipped++;
  }
  const existingActive = (
    db
      .prepare(
        "SELECT count(*) AS n FROM temp.import_rows r JOIN subscribers s ON s.email_key = r.email_key WHERE s.status = 'active'",
      )
      .get() as { n: number }
  ).n;
  report.updated = db
    .prepare(
      `UPDATE subscribers SET name = r.name, updated_at = ?
       FROM temp.import_rows r
       WHERE subscribers.email_key = r.email_key AND subscribers.status = 'active'
         AND r.name IS NOT NULL AND r.name IS NOT subscribers.name`,
    )
    .run(at).changes;
  report.unchanged = existingActive - report.updated;
  report.added = db
    .prepare(
      `INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at)
       SELECT r.email, r.email_key, r.name, 'active', ?, ? FROM temp.import_rows r
       WHERE NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.email_key = r.email_key)
       ORDER BY r.line`,
    )
    .run(at, at).changes;
}

/** A missing, special or empty file is one clear line, before anything is read. */
function checkFile(file: string): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new NewsletterError("CSV_INVALID", `${file}: is not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof NewsletterError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new NewsletterError(
      "CSV_INVALID",
      code === "ENOENT" ? `${file}: no such file` : `${file}: cannot be read (${code})`,
      { cause: error },
    );
  }
  if (size === 0)
    throw new NewsletterError(
      "CSV_INVALID",
      `${file}: is empty; a list needs a header line (email,name) and one row per subscriber`,
    );
}

function checkHeader(file: string, header: string[]): void {
  if (!header.includes("email"))
    throw new NewsletterError(
      "CSV_INVALID",
      `${file}: the header must have an "email" column (and optionally "name"), e.g. email,name`,
    );
  for (const column of ["email", "name"])
    if (header.filter((h) => h === column).length > 1)
      throw new NewsletterError(
        "CSV_INVALID",
        `${file}: the header has two "${column}" columns; keep one`,
      );
}
