import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { isValidEmail } from "../core/address.ts";
import { NewsletterError } from "../core/errors.ts";
import { emailKey, type Store } from "./store.ts";

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  /** One line per skipped row: `line N: reason`. */
  problems: string[];
  skipped: number;
}

/** Progress is reported every this many rows. */
const PROGRESS_EVERY = 5000;

/**
 * Imports a CSV with header `email,name` (quoted fields, UTF-8, a BOM tolerated), streaming it.
 * Invalid addresses and duplicates (case-insensitive, within the file) are reported with their
 * line numbers and skipped; an address that unsubscribed or bounced is never re-activated.
 * The import is one transaction, all or nothing: a file that turns out not to be valid CSV
 * half-way changes nothing.
 */
export async function importSubscribersCsv(
  store: Store,
  file: string,
  now: Date,
  onProgress?: (rows: number) => void,
): Promise<ImportReport> {
  const report: ImportReport = { added: 0, updated: 0, unchanged: 0, problems: [], skipped: 0 };
  const seen = new Map<string, number>();
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }),
  );
  const db = store.db;
  let rows = 0;
  db.exec("BEGIN IMMEDIATE");
  try {
    for await (const record of parser as AsyncIterable<{
      record: Record<string, string | undefined>;
      info: { lines: number };
    }>) {
      const line = record.info.lines;
      const email = (record.record.email ?? "").trim();
      const name = (record.record.name ?? "").trim() || null;
      if (rows === 0 && !("email" in record.record)) {
        throw new NewsletterError(
          "CSV_INVALID",
          `${file}: the header must have an "email" column (and optionally "name"), e.g. email,name`,
        );
      }
      rows++;
      if (!isValidEmail(email)) {
        report.problems.push(`line ${line}: invalid address ${JSON.stringify(email)}`);
        report.skipped++;
        continue;
      }
      const key = emailKey(email);
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        report.problems.push(`line ${line}: ${email} duplicates line ${firstLine}`);
        report.skipped++;
        continue;
      }
      seen.set(key, line);
      const existing = store.findSubscriber(email);
      if (!existing) {
        store.addSubscriber(email, name, now);
        report.added++;
      } else if (existing.status !== "active") {
        report.problems.push(`line ${line}: ${email} is ${existing.status}; not re-activated`);
        report.skipped++;
      } else if (name !== null && name !== existing.name) {
        store.updateSubscriberName(existing.id, name, now);
        report.updated++;
      } else {
        report.unchanged++;
      }
      if (rows % PROGRESS_EVERY === 0) onProgress?.(rows);
    }
    db.exec("COMMIT");
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    if (error instanceof NewsletterError) throw error;
    const e = error as NodeJS.ErrnoException & { lines?: number };
    if (e.code === "ENOENT")
      throw new NewsletterError("CSV_INVALID", `${file}: no such file`, { cause: error });
    throw new NewsletterError(
      "CSV_INVALID",
      `${file}${e.lines ? ` line ${e.lines}` : ""}: not valid CSV (${e.message})`,
      { cause: error },
    );
  }
  return report;
}
