import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * One-click unsubscribe tokens: `<subscriber id in base 36>.<HMAC-SHA256 of it, 16 bytes,
 * base64url>`. Short enough that the whole URL fits a 78-column plain-text line; 128 bits of MAC
 * cannot be guessed. A token names a subscriber, not an issue, so any issue's link works.
 */
export function makeUnsubscribeToken(subscriberId: number, secret: string): string {
  const id = subscriberId.toString(36);
  return `${id}.${mac(id, secret)}`;
}

export type TokenCheck =
  | { ok: true; subscriberId: number }
  | { ok: false; reason: "malformed" | "forged" };

export function verifyUnsubscribeToken(token: string, secret: string): TokenCheck {
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/u.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, id = "", given = ""] = match;
  const expected = Buffer.from(mac(id, secret));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { ok: false, reason: "forged" };
  return { ok: true, subscriberId: Number.parseInt(id, 36) };
}

function mac(id: string, secret: string): string {
  return createHmac("sha256", secret)
    .update(`unsubscribe:${id}`)
    .digest()
    .subarray(0, 16)
    .toString("base64url");
}

/**
 * The unsubscribe URLs of a subscriber: the one-click HTTPS one, and a mailto only when a
 * mailbox that is actually read is given (a mailto to a mailbox nobody processes would lose the
 * reader's request; issue 11 adds the processing).
 */
export function unsubscribeUrls(
  publicUrl: string,
  token: string,
  mailbox?: string,
): { url: string; mailto: string | undefined } {
  return {
    url: `${publicUrl}/unsubscribe?token=${token}`,
    mailto: mailbox ? `mailto:${mailbox}?subject=unsubscribe%20${token}` : undefined,
  };
}
