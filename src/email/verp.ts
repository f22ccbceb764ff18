import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * VERP envelope senders: each message's MAIL FROM is `base+<token>@domain`, where the token
 * names the issue and the subscriber and carries an HMAC, so a bounce that comes back to it
 * names its recipient even when the DSN inside is garbled, and nobody can forge one that names
 * another reader. Lower-case only (some MTAs fold the local part's case), 40 characters at most
 * (local parts stop at 64).
 */

const TOKEN = /^([0-9a-z]{1,12})-([0-9a-f]{16})-([0-9a-f]{20})$/u;

export interface VerpTarget {
  issueId: string;
  subscriberId: number;
}

export function makeVerpToken({ issueId, subscriberId }: VerpTarget, secret: string): string {
  const id = subscriberId.toString(36);
  return `${id}-${issueId}-${mac(id, issueId, secret)}`;
}

/** The envelope sender for one message: `bounces+TOKEN@domain` from `bounces@domain`. */
export function verpAddress(base: string, target: VerpTarget, secret: string): string {
  const at = base.lastIndexOf("@");
  return `${base.slice(0, at)}+${makeVerpToken(target, secret)}${base.slice(at)}`;
}

/** The target a VERP address (or bare token) names, when its MAC is right; else undefined. */
export function parseVerp(addressOrToken: string, secret: string): VerpTarget | undefined {
  const local = addressOrToken.trim().replace(/^<|>$/gu, "").split("@")[0] ?? "";
  const token = (local.includes("+") ? local.slice(local.indexOf("+") + 1) : local).toLowerCase();
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const [, id = "", issueId = "", given = ""] = match;
  const expected = Buffer.from(mac(id, issueId, secret));
  if (!timingSafeEqual(expected, Buffer.from(given))) return undefined;
  return { issueId, subscriberId: Number.parseInt(id, 36) };
}

/** Every VERP token in a text (headers of a bounce or of the original message). */
export function findVerpTargets(text: string, secret: string): VerpTarget[] {
  const found: VerpTarget[] = [];
  for (const m of text.matchAll(/\+([0-9a-z]{1,12}-[0-9a-f]{16}-[0-9a-f]{20})@/giu)) {
    const target = parseVerp(m[1] as string, secret);
    if (target) found.push(target);
  }
  return found;
}

function mac(id: string, issueId: string, secret: string): string {
  return createHmac("sha256", secret).update(`verp:${id}:${issueId}`).digest("hex").slice(0, 20);
}
