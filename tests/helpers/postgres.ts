import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { PgStore } from "../../src/store/postgres.ts";
import { ROOT } from "./cli.ts";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";

/**
 * A real PostgreSQL server for the tests: TEST_POSTGRES_URL, or the local cluster on its unix
 * socket. When none answers, scripts/postgres.sh is run once to start it. A test file gets a
 * database of its own (`fresh()`), dropped at the end. Where no server can be had, `reason`
 * says why, and the tests that need it are skipped with that reason printed.
 */
export const ADMIN_URL =
  process.env.TEST_POSTGRES_URL ??
  `postgresql://${encodeURIComponent(userInfo().username)}@localhost/postgres?host=/var/run/postgresql`;

async function canConnect(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

let availability: Promise<string | undefined> | undefined;

/** Undefined when a server answers (starting one if needed); else why not. */
export function postgresUnavailable(): Promise<string | undefined> {
  availability ??= (async () => {
    if ((await canConnect()) === undefined) return undefined;
    try {
      execFileSync("bash", [path.join(ROOT, "scripts/postgres.sh")], {
        stdio: "ignore",
        timeout: 300_000,
      });
    } catch (error) {
      return `scripts/postgres.sh could not start PostgreSQL (${(error as Error).message.split("\n")[0]})`;
    }
    const still = await canConnect();
    return still === undefined
      ? undefined
      : `no PostgreSQL server answers at ${ADMIN_URL}: ${still}`;
  })();
  return availability;
}

/** Creates an empty database; returns its URL and a function that drops it. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `newsletter_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Empties a test database (every table of ours), so the next store starts from nothing. */
export async function resetDatabase(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  await c.end();
}

/** One query against a test database (for assertions). */
export async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Puts `count` active subscribers (`{prefix}{i}@example.com`) on a PostgreSQL list, in one import. */
export async function seedSubscribers(url: string, count: number, prefix: string): Promise<void> {
  const seed = await PgStore.open(url);
  const staging = await seed.startImport();
  await staging.stage(
    Array.from({ length: count }, (_, i) => ({
      key: `${prefix}${i}@example.com`,
      line: i + 2,
      email: `${prefix}${i}@example.com`,
      name: null,
    })),
  );
  await staging.merge(new Date());
  await staging.discard();
  await seed.close();
}

/**
 * A test database reached through a TCP proxy the test can cut and restore (see tcp-proxy.ts):
 * the proxy, and the database's URL through it (with `password` in it, when given).
 */
export async function databaseBehindProxy(
  url: string,
  password?: string,
): Promise<{ proxy: TcpProxy; url: string }> {
  const admin = new URL(url);
  const proxy = await startTcpProxy({
    path: `${admin.searchParams.get("host") ?? "/var/run/postgresql"}/.s.PGSQL.5432`,
  });
  const user = `${admin.username}${password ? `:${password}` : ""}`;
  return { proxy, url: `postgresql://${user}@127.0.0.1:${proxy.port}${admin.pathname}` };
}
