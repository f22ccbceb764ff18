import { NewsletterError } from "../errors.ts";

/** The database named without its password: `PostgreSQL user@host:port/db`. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.host || u.searchParams.get("host") || "localhost";
    return `PostgreSQL ${u.username ? `${decodeURIComponent(u.username)}@` : ""}${host}${u.pathname}`;
  } catch {
    return "PostgreSQL (DATABASE_URL)";
  }
}

/** SQLSTATE classes and codes of a server going away or not taking connections. */
const LOST_SQLSTATES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"]);
const LOST_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Whether an error means the database cannot be reached now (it may come back). */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof NewsletterError) return error.code === "STORE_UNAVAILABLE";
  const code = (error as { code?: string }).code ?? "";
  if (LOST_SQLSTATES.has(code) || LOST_ERRNOS.has(code)) return true;
  return /Connection terminated|connection timeout|timeout expired|not queryable|Connection ended/iu.test(
    error.message,
  );
}

/** What happened, in words: a time-out says how long, a refusal says so; with the server. */
export function describeLoss(error: unknown, description: string): string {
  const e = error as Error & { code?: string; address?: string; port?: number };
  if (/timeout/iu.test(e.message)) return `timed out connecting to ${description}`;
  if (e.code === "ECONNREFUSED")
    return `${description} refused the connection${e.port ? ` (port ${e.port})` : ""}`;
  if (e.code === "57P01" || e.code === "57P02" || e.code === "57P03")
    return `${description} is shutting down or starting up`;
  return `lost the connection to ${description} (${e.code ?? e.message.split("\n")[0]})`;
}
