import { existsSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.ts";
import type { Correction } from "../digest/corrections.ts";
import type { Store } from "./store.ts";

/**
 * PostgreSQL when DATABASE_URL is set, else SQLite in the data folder. Each driver is loaded
 * only when used, so a command on SQLite never loads pg (and the reverse).
 */
export async function openPlainStore(
  config: Pick<Config, "databaseUrl" | "dataDir">,
  options: { busyTimeoutMs?: number } = {},
): Promise<Store> {
  if (config.databaseUrl) {
    const { PgStore } = await import("./postgres.ts");
    return PgStore.open(config.databaseUrl);
  }
  const { SqliteStore } = await import("./sqlite.ts");
  return SqliteStore.open(config.dataDir, options);
}

/**
 * Every article's corrections (issue 24), for a render. A fresh data folder has none, and is not
 * created just to say so.
 */
export async function loadCorrections(
  config: Pick<Config, "databaseUrl" | "dataDir">,
): Promise<Record<string, Correction[]>> {
  if (!config.databaseUrl && !existsSync(path.join(config.dataDir, "newsletter.db"))) return {};
  const store = await openPlainStore(config);
  try {
    return await store.allCorrections();
  } finally {
    await store.close();
  }
}

/**
 * The same for a command that only shows (digest, preview): a database that cannot be read
 * costs the corrections, said in one line, not the command.
 */
export async function correctionsForShowing(
  config: Pick<Config, "databaseUrl" | "dataDir">,
  warn: (line: string) => void,
): Promise<Record<string, Correction[]>> {
  try {
    return await loadCorrections(config);
  } catch (error) {
    warn(
      `warning: editors' corrections not applied (${error instanceof Error ? error.message : String(error)})`,
    );
    return {};
  }
}
