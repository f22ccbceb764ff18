import { createReadStream, statSync } from "node:fs";
import { parse } from "csv-parse";
import { isValidEmail } from "../email/address.ts";
import { MAX_NAME_LENGTH } from "../email/subscriber-name.ts";
import { echo, NewsletterError } from "../errors.ts";
import { emailKey, type ImportStaging, type Store } from "./store.ts";

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
/** Rows staged per batch (one transaction, or one statement on PostgreSQL). */
const STAGE_BATCH = 5000;

type StagedRow = Parameters<ImportStaging["stage"]>[0][number];

/**
 * Imports a CSV with header `email,name` (quoted fields, UTF-8, a BOM tolerated), streaming it.
 * Invalid addresses, invalid UTF-8 and duplicates (case-insensitive, within the file) are
 * reported with their line numbers and skipped; an address that unsubscribed or bounced is
 * never re-activated; a name longer than 200 characters is cut (and said).
 *
 * All or nothing, without holding the database while the file is read: rows are first staged
 * apart (the store's staging, private to this import), then merged in one short transaction.
 * Memory stays flat in the file's length.
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
  const staging = await store.startImport();
  const batch: StagedRow[] = [];
  const flush = async () => {
    for (const d of await staging.stage(batch.splice(0)))
      skipRow(d.line, `${d.email} duplicates line ${d.firstLine}`);
  };
  const skipRow = (line: number, text: string) => {
    problems.push({ line, text: `line ${line}: ${text}` });
    report.skipped++;
  };
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
    for await (const record of parser as AsyncIterable<{
      record: Record<string, string | undefined>;
      info: { lines: number };
    }>) {
      const line = record.info.lines;
      if (rows === 0) checkHeader(file, header);
      rows++;
      const email = (record.record.email ?? "").trim();
      let name = (record.record.name ?? "").trim() || null;
      const skip = (text: string) => skipRow(line, text);
      if (email.includes("\uFFFD") || name?.includes("\uFFFD")) {
        skip("not valid UTF-8 (save the file as UTF-8)");
        continue;
      }
      if (!isValidEmail(email)) {
        skip(`invalid address ${echo(email)}`);
        continue;
      }
      if (name !== null && name.length > MAX_NAME_LENGTH) {
        problems.push({ line, text: `line ${line}: name cut to ${MAX_NAME_LENGTH} characters` });
        name = name.slice(0, MAX_NAME_LENGTH);
      }
      batch.push({ key: emailKey(email), line, email, name });
      if (batch.length >= STAGE_BATCH) await flush();
      if (rows % PROGRESS_EVERY === 0) onProgress?.(rows);
    }
    await flush();
    if (rows === 0) checkHeader(file, header);
    const merged = await staging.merge(now);
    report.added = merged.added;
    report.updated = merged.updated;
    report.unchanged = merged.unchanged;
    for (const row of merged.notReactivated)
      skipRow(row.line, `${row.email} is ${row.status}; not re-activated`);
  } catch (error) {
    if (error instanceof NewsletterError) throw error;
    const e = error as NodeJS.ErrnoException & { lines?: number };
    throw new NewsletterError(
      "CSV_INVALID",
      `${file}${e.lines ? ` line ${e.lines}` : ""}: not valid CSV (${oneLineCut(e.message)})`,
      { cause: error },
    );
  } finally {
    await staging.discard();
  }
  report.problems = problems.sort((a, b) => a.line - b.line).map((p) => p.text);
  return report;
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

/** A parser's message about a broken file, on one line and cut: it may quote the file's bytes. */
function oneLineCut(message: string): string {
  const line = message.replace(/\s+/gu, " ");
  return line.length <= 200 ? line : `${line.slice(0, 200)}…`;
}
