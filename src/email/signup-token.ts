import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Tokens of the subscribe form (issue 25), signed with the key that signs unsubscribe links:
 * - a confirmation token carries the address and when it expires:
 *   `<address, base64url>.<expiry, seconds in base 36>.<HMAC, 16 bytes, base64url>`;
 * - a form token ties a form to the browser that fetched it (double submit: the cookie holds a
 *   random value, the form its HMAC), so a cross-site POST, which carries no SameSite cookie,
 *   changes nothing.
 */

/** How long a confirmation link works, and a request waits unconfirmed. */
export const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

export type ConfirmCheck =
  | { ok: true; email: string }
  | { ok: false; reason: "malformed" | "forged" | "expired" };

export function makeConfirmToken(email: string, expires: Date, secret: string): string {
  const body = `${Buffer.from(email, "utf8").toString("base64url")}.${Math.floor(expires.getTime() / 1000).toString(36)}`;
  return `${body}.${mac(`confirm:${body}`, secret)}`;
}

export function verifyConfirmToken(token: string, secret: string, now: Date): ConfirmCheck {
  const match = /^([A-Za-z0-9_-]{1,400})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/u.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, address = "", expiry = "", given = ""] = match;
  if (!macEquals(mac(`confirm:${address}.${expiry}`, secret), given))
    return { ok: false, reason: "forged" };
  if (Number.parseInt(expiry, 36) * 1000 < now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, email: Buffer.from(address, "base64url").toString("utf8") };
}

/** The form field that goes with a browser's random cookie value. */
export function formToken(cookieValue: string, secret: string): string {
  return mac(`form:${cookieValue}`, secret);
}

export function verifyFormToken(
  cookieValue: string | undefined,
  field: string | undefined,
  secret: string,
): boolean {
  if (!cookieValue || !field || !/^[A-Za-z0-9_-]{16,64}$/u.test(cookieValue)) return false;
  return macEquals(formToken(cookieValue, secret), field);
}

function mac(text: string, secret: string): string {
  return createHmac("sha256", secret).update(text).digest().subarray(0, 16).toString("base64url");
}

function macEquals(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
