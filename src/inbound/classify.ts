import { createHash } from "node:crypto";
import { verifyUnsubscribeToken } from "../email/unsubscribe-token.ts";
import { findVerpTargets, parseVerp, type VerpTarget } from "../email/verp.ts";
import { first, type MimePart, parseMime, reportBlocks, walk } from "./mime-parts.ts";

/**
 * What a message that came back means, decided from the message alone (pure). The rules, in
 * order (the first that matches decides):
 *
 * | shape                                                     | verdict                        |
 * |-----------------------------------------------------------|--------------------------------|
 * | report-type=delivery-status (RFC 3464), Action failed, 5.x.x | hard bounce                 |
 * | the same, 4.x.x or Action delayed                         | soft bounce                    |
 * | the same, delivered / relayed / expanded                  | ignored (not a failure)        |
 * | no report, but X-Failed-Recipients (Exim's plain bounce)  | hard (5xx) or soft (4xx)       |
 * | the same without any 4xx/5xx reply or status code         | ignored (an auto-reply)        |
 * | report-type=feedback-report (RFC 5965), Feedback-Type: abuse | complaint                   |
 * | Subject `unsubscribe <token>` with a valid token          | unsubscribe                    |
 * | anything else (auto-replies, other feedback, spam)        | ignored                        |
 *
 * A bounce or complaint acts only on the reader its signed tokens name: the VERP address it was
 * sent back to, a VERP address in the original's headers, or the original's unsubscribe token.
 * A plain address in a report is never trusted, so a forged report cannot remove anyone.
 */

export type InboundKind = "hard-bounce" | "soft-bounce" | "complaint" | "unsubscribe" | "ignored";

export interface InboundVerdict {
  kind: InboundKind;
  /** The reader (and issue) it is about, when a signed token names them. */
  subscriberId?: number;
  issueId?: string;
  statusCode?: string;
  diagnostic?: string;
  /** Why, in a few words (said by `inbound`). */
  why: string;
  /** Unique per message: its Message-ID, or a hash of it. */
  key: string;
}

export interface InboundSecrets {
  /** Signs VERP tokens and unsubscribe tokens. */
  secret: string;
  /** Envelope recipient(s) the MTA gave (its pipe's ${recipient}), if any. */
  envelopeTo?: string[];
}

export function classifyInbound(raw: Buffer | string, secrets: InboundSecrets): InboundVerdict {
  const root = parseMime(raw);
  const key = messageKey(root, raw);
  const parts = [...walk(root)];
  const reportType = (root.params["report-type"] ?? "").toLowerCase();
  const statusPart = parts.find(
    (p) => p.type === "message/delivery-status" || p.type === "message/global-delivery-status",
  );
  const feedbackPart = parts.find((p) => p.type === "message/feedback-report");

  if (reportType === "delivery-status" || statusPart)
    return withTarget(dsnVerdict(statusPart?.body ?? ""), root, parts, secrets, key);
  const failed = first(root.headers, "x-failed-recipients");
  if (failed) return withTarget(eximVerdict(parts), root, parts, secrets, key);
  if (reportType === "feedback-report" || feedbackPart) {
    const fields = reportBlocks(feedbackPart?.body ?? "")[0];
    const type = (fields && first(fields, "feedback-type"))?.toLowerCase() ?? "";
    if (type === "abuse")
      return withTarget(
        { kind: "complaint", why: "a spam complaint (ARF abuse report)" },
        root,
        parts,
        secrets,
        key,
      );
    return { kind: "ignored", why: `a feedback report of type "${type || "none"}"`, key };
  }
  const subject = first(root.headers, "subject") ?? "";
  const asked = /^\s*(?:re:\s*)?unsubscribe\s+(\S+)\s*$/iu.exec(subject);
  if (asked) {
    const check = verifyUnsubscribeToken(asked[1] as string, secrets.secret);
    if (check.ok)
      return {
        kind: "unsubscribe",
        subscriberId: check.subscriberId,
        why: "an unsubscribe by mail",
        key,
      };
    return { kind: "ignored", why: "an unsubscribe mail whose token is not valid", key };
  }
  return { kind: "ignored", why: "not a bounce, a complaint or an unsubscribe", key };
}

type Partial = Omit<InboundVerdict, "key">;

/** The worst recipient of a DSN decides: a failure over a delay over a success. */
function dsnVerdict(body: string): Partial {
  const recipients = reportBlocks(body).filter(
    (b) => b.has("final-recipient") || b.has("action") || b.has("status"),
  );
  let best: Partial = { kind: "ignored", why: "a delivery report with no failure in it" };
  for (const block of recipients) {
    const action = (first(block, "action") ?? "").toLowerCase();
    const status = /\b([245])\.\d{1,3}\.\d{1,3}\b/u.exec(first(block, "status") ?? "")?.[0];
    const diagnostic = (first(block, "diagnostic-code") ?? "")
      .replace(/^[\w-]+;\s*/u, "")
      .slice(0, 500);
    if ((action === "failed" && status?.startsWith("5")) || (action === "failed" && !status))
      return {
        kind: "hard-bounce",
        statusCode: status ?? "5.0.0",
        diagnostic,
        why: "a permanent failure (DSN)",
      };
    if (status?.startsWith("4") || action === "delayed")
      best = {
        kind: "soft-bounce",
        statusCode: status ?? "4.0.0",
        diagnostic,
        why: "a temporary failure (DSN)",
      };
  }
  return best;
}

/**
 * Exim's plain-text bounce: the first SMTP reply (`550 5.1.1 …`, `550-5.1.1 …`) or, failing
 * that, the first enhanced status code (`5.1.1`) in the text says hard or soft. Without either
 * it is no bounce: an auto-reply may carry X-Failed-Recipients too. (A phone number such as
 * `555-1234` is no reply: a reply code is followed by a space or by `-` and a status code.)
 */
function eximVerdict(parts: MimePart[]): Partial {
  const text = parts
    .filter((p) => p.type === "text/plain")
    .map((p) => p.body)
    .join("\n");
  const reply =
    /(?:^|[\s:])([45])\d\d(?: |-(?=[45]\.\d))(?:([45]\.\d{1,3}\.\d{1,3})\s*)?[^\n]*/mu.exec(text);
  const status = reply ? undefined : /\b([45])(\.\d{1,3}\.\d{1,3})\b[^\n]*/u.exec(text);
  const found = reply ?? status;
  if (!found)
    return { kind: "ignored", why: "X-Failed-Recipients without a status code (not a bounce)" };
  const soft = found[1] === "4";
  const code = reply ? reply[2] : `${found[1]}${found[2]}`;
  return {
    kind: soft ? "soft-bounce" : "hard-bounce",
    statusCode: code ?? (soft ? "4.0.0" : "5.0.0"),
    diagnostic: found[0].trim().slice(0, 500),
    why: soft ? "a temporary failure (plain bounce)" : "a permanent failure (plain bounce)",
  };
}

/** Adds the reader a bounce or complaint is about, from signed tokens only. */
function withTarget(
  verdict: Partial,
  root: MimePart,
  parts: MimePart[],
  secrets: InboundSecrets,
  key: string,
): InboundVerdict {
  if (verdict.kind === "ignored") return { ...verdict, key };
  const target = findTarget(root, parts, secrets);
  if (!target) return { kind: "ignored", why: `${verdict.why} that names no reader of ours`, key };
  return { ...verdict, ...target, key };
}

function findTarget(
  root: MimePart,
  parts: MimePart[],
  { secret, envelopeTo = [] }: InboundSecrets,
): { subscriberId: number; issueId?: string } | undefined {
  // 1. The VERP address it came back to (the envelope, then the delivery headers).
  const addressed = [
    ...envelopeTo,
    ...["delivered-to", "x-original-to", "envelope-to", "to"].flatMap(
      (h) => root.headers.get(h) ?? [],
    ),
  ];
  for (const a of addressed)
    for (const candidate of a.split(/[,\s<>]+/u)) {
      const target = parseVerp(candidate, secret);
      if (target) return target;
    }
  // 2. A VERP address anywhere in the report or the original's headers, if only one reader.
  const everywhere = parts
    .map((p) => [...p.headers.values()].flat().join("\n") + p.body)
    .join("\n");
  const found = unique(findVerpTargets(everywhere, secret));
  if (found.length === 1) return found[0];
  // 3. The unsubscribe token of the original's List-Unsubscribe (complaints carry the original).
  const tokens = new Set<number>();
  for (const m of everywhere.matchAll(/unsubscribe\?token=([0-9a-z]{1,12}\.[A-Za-z0-9_-]{22})/gu)) {
    const check = verifyUnsubscribeToken(m[1] as string, secret);
    if (check.ok) tokens.add(check.subscriberId);
  }
  if (tokens.size !== 1) return undefined;
  const subscriberId = [...tokens][0] as number;
  // The issue, from the original's Message-ID (<issue.subscriber@domain>) when it agrees.
  const issueId = new RegExp(`<([0-9a-f]{16})\\.${subscriberId}@`, "u").exec(everywhere)?.[1];
  return issueId ? { subscriberId, issueId } : { subscriberId };
}

function unique(targets: VerpTarget[]): VerpTarget[] {
  const seen = new Map<string, VerpTarget>();
  for (const t of targets) seen.set(`${t.issueId}.${t.subscriberId}`, t);
  return [...seen.values()];
}

function messageKey(root: MimePart, raw: Buffer | string): string {
  const id = first(root.headers, "message-id")?.trim();
  if (id && id.length <= 300) return `message-id:${id}`;
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}
