import type { Config } from "../config.ts";
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
