import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "../email/escape.ts";
import { preparePersonalizer } from "../email/personalize.ts";
import type { IssueStore } from "../store/store.ts";

/**
 * The web version of each issue ("View in browser") and the archive index, served by the
 * daemon: `GET /issues/` lists the issues that went out, `GET /issues/<id>` shows one. The page
 * is the issue's recorded email with its per-subscriber slots filled for nobody (no greeting,
 * the unsubscribe link pointing to the archive), so no subscriber's data is ever in it.
 */
export function createIssuesHandler(deps: {
  store: IssueStore;
  publicUrl: string;
  newsletterName: string;
}) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/issues" && !url.pathname.startsWith("/issues/")) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end("method not allowed");
      return true;
    }
    const id = url.pathname.replace(/^\/issues\/?/u, "");
    if (id === "") {
      const issues = (await deps.store.issueCounts()).filter((i) => i.sent > 0);
      const items = issues
        .map(
          (i) =>
            `<li><a href="/issues/${escapeHtml(i.issueId)}">${escapeHtml(i.subject)}</a> <small>${escapeHtml(i.createdAt.slice(0, 10))}</small></li>`,
        )
        .join("\n");
      send(
        req,
        res,
        200,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(deps.newsletterName)}: issues</title></head><body><h1>${escapeHtml(deps.newsletterName)}</h1><ul>${items || "<li>No issue has gone out yet.</li>"}</ul></body></html>`,
      );
      return true;
    }
    const email = /^[0-9a-f]{16}$/u.test(id) ? await deps.store.issueEmail(id) : undefined;
    if (!email) {
      send(req, res, 404, "<!doctype html><title>Not found</title><p>No such issue.</p>");
      return true;
    }
    const page = preparePersonalizer(email)({
      unsubscribeUrl: `${deps.publicUrl}/issues/`,
      name: null,
    });
    send(req, res, 200, page.html);
    return true;
  };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": status === 200 ? "public, max-age=300" : "no-store",
    "x-content-type-options": "nosniff",
    // The email's own markup: inline styles and remote images only, never a script.
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:",
  });
  res.end(req.method === "HEAD" ? undefined : html);
}
