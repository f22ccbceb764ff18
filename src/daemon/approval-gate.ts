import type { Config } from "../config.ts";
import { type Check, checkEmail } from "../email/checks.ts";
import { preparePersonalizer } from "../email/personalize.ts";
import { needsApproval } from "../issue/approval.ts";
import type { RenderedIssue } from "../issue/render-issue.ts";
import { secretFor } from "../store/secret.ts";
import type { Approval, Store } from "../store/store.ts";
import { mailProofs } from "../web/proof-mail.ts";

/**
 * Before a scheduled issue of a new article is recorded (issue 24): undefined when it may go
 * out, or why it waits (`when-unsure`: a shown quotation below the confidence asked for, or an
 * error among the preview's checks). It waits while not approved; the first daemon to see it mails the proofs
 * (one per editor, however many daemons tick); past NEWSLETTER_APPROVAL_DEADLINE it is skipped
 * and never sent unreviewed. Nothing is recorded in the ledger while it waits, so no worker can
 * send it either.
 */
export async function approvalGate(
  config: Config,
  store: Store,
  rendered: RenderedIssue,
  log: (line: string) => void,
): Promise<"awaiting" | "held" | "skipped" | undefined> {
  if (
    !needsApproval(config.approval.mode, rendered.digest, config.approval.confidence) &&
    !(config.approval.mode === "when-unsure" && checkErrors(config, rendered).length > 0)
  )
    return undefined;
  const now = new Date();
  const key = rendered.articleKey;
  const row = await store.requestApproval(key, now);
  if (row.state === "approved") return undefined;
  if (row.state === "held") {
    log(`tick: ${key}: held by ${row.decidedBy ?? "an editor"}; not sent`);
    return "held";
  }
  if (row.state === "skipped" || (await skipPastDeadline(config, store, row, now, log)))
    return "skipped";
  if (await store.claimProofs(key)) {
    const secret = await secretFor(config.unsubscribeSecret, config.dataDir, store);
    try {
      await mailProofs(config, rendered, secret, now);
      log(
        `tick: ${key}: awaiting approval; a proof went to ${config.approval.editors.length} editor(s)`,
      );
    } catch (error) {
      log(
        `tick: ${key}: awaiting approval, but the proofs were not mailed (${(error as Error).message}); approve from a shell: npm run newsletter -- approve ${key}`,
      );
    }
  } else log(`tick: ${key}: awaiting approval`);
  return "awaiting";
}

/** The preview's checks that fail for this issue (`when-unsure` waits on them too). */
export function checkErrors(config: Config, rendered: RenderedIssue): Check[] {
  const html = preparePersonalizer(rendered.email)({
    unsubscribeUrl: `${config.publicUrl}/unsubscribe?token=check`,
    name: null,
  }).html;
  return checkEmail(html, { realSmtp: config.smtp !== undefined }).filter(
    (c) => c.level === "error",
  );
}

/** An issue still waiting past the deadline is skipped, once, and says so. */
export async function skipPastDeadline(
  config: Config,
  store: Store,
  row: Approval,
  now: Date,
  log: (line: string) => void,
): Promise<boolean> {
  const deadline = config.approval.deadlineMs;
  if (row.state !== "awaiting" || deadline === undefined) return false;
  if (Date.parse(row.requestedAt) + deadline > now.getTime()) return false;
  if (await store.decideApproval(row.articleKey, "skipped", "deadline", now, ["awaiting"]))
    log(`${row.articleKey}: not approved by the deadline; skipped, never sent unreviewed`);
  return true;
}
