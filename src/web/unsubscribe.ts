import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "../email/escape.ts";
import { verifyUnsubscribeToken } from "../email/unsubscribe-token.ts";
import type { EventStore, SubscriberStore } from "../store/store.ts";
import { webPage } from "./page.ts";
import { oneClickEvent, type UnsubscribeQueue } from "./unsubscribe-queue.ts";

/**
 * The unsubscribe endpoint (RFC 8058 one-click, and a page for people).
 * - `GET /unsubscribe?token=…` shows a page with a confirm button and changes nothing: mail
 *   scanners follow links, and must not unsubscribe anyone.
 * - `POST /unsubscribe?token=…` with `List-Unsubscribe=One-Click` (form-urlencoded or
 *   multipart) unsubscribes at once, with no cookie or login, answers 200 without a redirect,
 *   and is idempotent.
 * - A malformed token gets 400; a forged or altered one 403; neither changes anything.
 */
/** The token of a test send's unsubscribe link (`send --to`, the preview's test send). */
export const TEST_SEND_TOKEN = "test";

export function createUnsubscribeHandler(deps: {
  store: SubscriberStore & EventStore;
  secret: string;
  newsletterName: string;
  now: () => Date;
  /** Where an unsubscribe goes when the database is busy: applied later, never lost. */
  queue?: UnsubscribeQueue;
}) {
  /**
   * Writes the unsubscribe, or (database busy or failing) queues it durably. False only when
   * neither worked, and the reader is told to try again.
   */
  async function unsubscribe(subscriberId: number): Promise<boolean> {
    const now = deps.now();
    try {
      // As an event: counted against the issue the reader last got (status), state changed once.
      await deps.store.recordEvent(oneClickEvent(subscriberId, now), now);
      return true;
    } catch (error) {
      if (!deps.queue) throw error;
      try {
        deps.queue.record({ subscriberId, at: now.toISOString() });
        return true;
      } catch {
        return false;
      }
    }
  }

  const page = (res: ServerResponse, status: number, title: string, message: string, extra = "") =>
    sendPage(res, deps.newsletterName, status, title, message, extra);

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/unsubscribe") return false;
    if (req.method !== "GET" && req.method !== "POST") {
      res.writeHead(405, { allow: "GET, POST" }).end("method not allowed");
      return true;
    }
    const token = url.searchParams.get("token") ?? "";
    // A test send's link: it leads here, to say so, not to an error.
    if (token === TEST_SEND_TOKEN) {
      page(
        res,
        200,
        "This was a test send",
        "Nobody was unsubscribed: this link came in a test of the email. In a real issue it unsubscribes its reader in one click.",
      );
      return true;
    }
    const check = verifyUnsubscribeToken(token, deps.secret);
    if (!check.ok) {
      const status = check.reason === "malformed" ? 400 : 403;
      page(
        res,
        status,
        "This link is not valid",
        "The unsubscribe link is incomplete or was altered. Use the link from the email itself.",
      );
      return true;
    }
    const subscriber = await deps.store.subscriber(check.subscriberId);
    if (!subscriber) {
      page(res, 404, "Not on the list", "This address is no longer on the list.");
      return true;
    }
    if (req.method === "GET") {
      const action = `/unsubscribe?token=${encodeURIComponent(token)}`;
      page(
        res,
        200,
        `Unsubscribe from ${deps.newsletterName}?`,
        // Never the address: a leaked or guessed link must not reveal who is on the list.
        "This address will get no more issues once you confirm.",
        `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
      );
      return true;
    }
    const body = await readBody(req, 65_536);
    if (body === undefined || !isOneClick(body, req.headers["content-type"] ?? "")) {
      page(res, 400, "Nothing changed", "The request did not carry List-Unsubscribe=One-Click.");
      return true;
    }
    if (subscriber.status === "active" && !(await unsubscribe(subscriber.id))) {
      page(res, 503, "Please try again", "Your request could not be recorded just now.");
      return true;
    }
    page(
      res,
      200,
      "You are unsubscribed",
      `This address will get no more issues of ${escapeHtml(deps.newsletterName)}.`,
    );
    return true;
  };
}

/** RFC 8058: the body carries the key `List-Unsubscribe` with the value `One-Click`. */
export function isOneClick(body: string, contentType: string): boolean {
  if (contentType.startsWith("multipart/form-data")) {
    return /name="List-Unsubscribe"\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/u.test(body);
  }
  return new URLSearchParams(body).get("List-Unsubscribe") === "One-Click";
}

function sendPage(
  res: ServerResponse,
  site: string,
  status: number,
  title: string,
  message: string,
  extra = "",
): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(
    webPage({
      title,
      site,
      body: `<h1>${escapeHtml(title)}</h1><p>${message}</p>${extra}`,
    }),
  );
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > limit) {
        resolve(undefined);
        req.destroy();
      }
    });
    req.on("end", () => resolve(body));
    req.on("error", () => resolve(undefined));
  });
}
