import type { IncomingMessage, ServerResponse } from "node:http";
import type { IssueStore } from "../store/store.ts";

/**
 * `GET /healthz` for a load balancer, systemd or an orchestrator: JSON saying whether the
 * database answers, how the last tick went, when the next one is, which issue is in progress
 * and when the bounce mailbox was last read. 200 while the database answers, 503 when it does
 * not. Nothing in it is secret: no address, no URL with a password, no token.
 */
export interface HealthState {
  lastTick?: { at: string; outcome: string };
  /** Present when IMAP_URL is set. */
  imap?: { lastPoll?: string; ok?: boolean };
}

export function createHealthHandler(deps: {
  store: Pick<IssueStore, "issuesInProgress">;
  state: HealthState;
  nextTick: () => Date | undefined;
}) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/healthz") return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return true;
    }
    let database: "ok" | "busy" | "unavailable" = "ok";
    let issueInProgress: string | null = null;
    try {
      issueInProgress = (await deps.store.issuesInProgress())[0] ?? null;
    } catch (error) {
      // A SQLite file another process is writing answers, just not now.
      const code = (error as { code?: string }).code ?? "";
      database = code.startsWith("SQLITE_BUSY") ? "busy" : "unavailable";
    }
    const body = {
      status: database === "unavailable" ? "unavailable" : "ok",
      database,
      lastTick: deps.state.lastTick ?? null,
      nextTick: deps.nextTick()?.toISOString() ?? null,
      issueInProgress,
      imap: deps.state.imap ?? null,
    };
    res.writeHead(database === "unavailable" ? 503 : 200, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : `${JSON.stringify(body)}\n`);
    return true;
  };
}
