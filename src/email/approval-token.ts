import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The links of a proof (issue 24): a token names the editor, the article and an expiry (48 h),
 * signed with the key that signs unsubscribe links. `<payload, base64url JSON>.<HMAC, 16 bytes>`.
 */
export const APPROVAL_TTL_MS = 48 * 3_600_000;

export interface ApprovalClaim {
  editor: string;
  articleKey: string;
}

export function makeApprovalToken(claim: ApprovalClaim, expires: Date, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({
      e: claim.editor,
      k: claim.articleKey,
      x: Math.floor(expires.getTime() / 1000),
    }),
  ).toString("base64url");
  return `${payload}.${mac(payload, secret)}`;
}

export type ApprovalCheck =
  | ({ ok: true } & ApprovalClaim)
  | { ok: false; reason: "malformed" | "forged" | "expired" };

export function verifyApprovalToken(token: string, secret: string, now: Date): ApprovalCheck {
  const match = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{22})$/u.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, payload = "", given = ""] = match;
  const expected = Buffer.from(mac(payload, secret));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { ok: false, reason: "forged" };
  let claim: { e?: unknown; k?: unknown; x?: unknown };
  try {
    claim = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof claim.e !== "string" || typeof claim.k !== "string" || typeof claim.x !== "number")
    return { ok: false, reason: "malformed" };
  if (claim.x * 1000 < now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, editor: claim.e, articleKey: claim.k };
}

function mac(payload: string, secret: string): string {
  return createHmac("sha256", secret)
    .update(`approve:${payload}`)
    .digest()
    .subarray(0, 16)
    .toString("base64url");
}
