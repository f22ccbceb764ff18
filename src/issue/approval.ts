import type { Digest, DigestQuote } from "../digest/digest.ts";

/**
 * Whether a scheduled issue waits for an editor (issue 24), by NEWSLETTER_APPROVAL:
 * `auto` never, `required` always, `when-unsure` when a quotation the email shows under a name
 * (a key quote or a sidebar quote) is below NEWSLETTER_APPROVAL_CONFIDENCE. Pure.
 */
export type ApprovalMode = "auto" | "required" | "when-unsure";

/** The shown quotations below the confidence an editor asked for. */
export function unsureQuotes(digest: Digest, confidence: number): DigestQuote[] {
  const shown = [...digest.keyQuotes, ...(digest.sidebar?.quotes ?? [])];
  return shown.filter((q, i) => q.confidence < confidence && shown.indexOf(q) === i);
}

export function needsApproval(mode: ApprovalMode, digest: Digest, confidence: number): boolean {
  if (mode === "auto") return false;
  return mode === "required" || unsureQuotes(digest, confidence).length > 0;
}
