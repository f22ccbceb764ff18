import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { formToken, verifyFormToken } from "../email/signup-token.ts";
import { webPage } from "./page.ts";

/**
 * What the daemon's forms share (the subscribe form, the editor's review): the reader's address,
 * a bounded form body, and the double-submit form token that goes with a SameSite cookie.
 */

const COOKIE = "nl_form";

/** A page of one of the daemon's forms: never cached, never framed, no script, the form cookie set. */
export function sendFormPage(
  res: ServerResponse,
  page: { status: number; title: string; body: string },
  site: string,
  setCookie: string,
): void {
  res.writeHead(page.status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    "set-cookie": setCookie,
  });
  res.end(webPage({ title: page.title, site, body: page.body }));
}

/** A browser's form session: its cookie (kept, or made now) and the token its forms carry. */
export function formSession(
  req: IncomingMessage,
  secret: string,
  cookiePath: string,
  secure: boolean,
) {
  const had = readCookie(req, COOKIE);
  const cookie = had ?? randomBytes(18).toString("base64url");
  return {
    csrf: formToken(cookie, secret),
    setCookie: `${COOKIE}=${cookie}; Path=${cookiePath}; HttpOnly; SameSite=Strict; Max-Age=86400${secure ? "; Secure" : ""}`,
    /** Whether a POST came from this site's own form in this browser. */
    fromOwnForm: (fields: URLSearchParams, publicUrl: string) =>
      verifyFormToken(had, fields.get("csrf") ?? undefined, secret) && sameOrigin(req, publicUrl),
  };
}

/** The reader's address: the daemon listens on loopback behind a proxy, which names the client. */
export function clientIp(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? "";
  const loopback = peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1";
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const last = forwarded[forwarded.length - 1];
  return (loopback && last ? last : peer).slice(0, 64);
}

/** A browser says where a POST came from: a foreign Origin is refused (a missing one is not). */
function sameOrigin(req: IncomingMessage, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === "null") return false;
  try {
    return origin === new URL(publicUrl).origin || new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

/** The form's fields; bodies over MAX_BODY are refused without being read whole. */
export function readForm(
  req: IncomingMessage,
  MAX_BODY = 8192,
): Promise<URLSearchParams | "too-large"> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY) {
    req.resume();
    return Promise.resolve("too-large");
  }
  return new Promise((resolve) => {
    let body = "";
    let over = false;
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      if (over) return;
      body += chunk;
      if (body.length > MAX_BODY) {
        over = true;
        resolve("too-large");
      }
    });
    req.on("end", () => {
      if (!over) resolve(new URLSearchParams(body));
    });
    req.on("error", () => resolve("too-large"));
  });
}
