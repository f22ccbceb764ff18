import { randomBytes } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type { Config } from "../config.ts";
import { APPROVAL_TTL_MS, makeApprovalToken } from "../email/approval-token.ts";
import { escapeHtml, headerSafe } from "../email/escape.ts";
import { formatAddress } from "../email/mime.ts";
import { preparePersonalizer } from "../email/personalize.ts";
import { NewsletterError } from "../errors.ts";
import type { RenderedIssue } from "../issue/render-issue.ts";
import { openTransport } from "../store/open.ts";
import { TEST_SEND_TOKEN } from "./unsubscribe.ts";

/**
 * Mails each editor a proof of an issue that waits for approval (issue 24): the email itself,
 * subject `[PROOF] …`, under a banner with two links (review, approve) whose signed token names
 * the editor and expires in 48 hours, and the quotations shown under a name with how sure each is.
 * Not a delivery: recorded nowhere, and its unsubscribe link leads to the test-send page.
 */
export async function mailProofs(
  config: Config,
  issue: RenderedIssue,
  secret: string,
  now: Date,
): Promise<void> {
  const body = preparePersonalizer(issue.email)({
    unsubscribeUrl: `${config.publicUrl}/unsubscribe?token=${TEST_SEND_TOKEN}`,
    name: null,
  });
  const shown = [...issue.digest.keyQuotes, ...(issue.digest.sidebar?.quotes ?? [])].filter(
    (q, i, all) => all.indexOf(q) === i,
  );
  const transport = openTransport(config);
  try {
    for (const editor of config.approval.editors) {
      const token = makeApprovalToken(
        { editor, articleKey: issue.articleKey },
        new Date(now.getTime() + APPROVAL_TTL_MS),
        secret,
      );
      const review = `${config.publicUrl}/review?token=${token}`;
      const approve = `${config.publicUrl}/approve?token=${token}`;
      const lines = shown.map(
        (q) => `- “${q.text}” — ${q.speaker ?? "nobody"} (${q.confidence.toFixed(2)})`,
      );
      const text = [
        "This issue waits for your approval before it goes to the list.",
        `Review: ${review}`,
        `Approve: ${approve}`,
        "",
        "Quotations shown under a name:",
        ...lines,
        "",
        "----",
        body.text,
      ].join("\n");
      const e = escapeHtml;
      const banner = `<div style="font:15px/1.5 Helvetica,Arial,sans-serif;background:#fff6d6;color:#1c1c1c;padding:14px 18px;border-bottom:2px solid #e8a33d"><strong>Proof: this issue waits for your approval.</strong> <a href="${e(review)}">Review</a> · <a href="${e(approve)}">Approve</a><ul>${shown
        .map(
          (q) =>
            `<li>“${e(q.text)}” — ${e(q.speaker ?? "nobody")} (${q.confidence.toFixed(2)})</li>`,
        )
        .join("")}</ul></div>`;
      const html = body.html.replace(/<body[^>]*>/iu, (tag) => `${tag}${banner}`);
      const domain = config.from.split("@")[1] ?? "localhost";
      const messageId = `<proof.${randomBytes(9).toString("hex")}@${domain}>`;
      const raw = await new MailComposer({
        from: formatAddress(config.fromName, config.from),
        to: editor,
        subject: `[PROOF] ${headerSafe(issue.email.subject)}`,
        text,
        html,
        messageId,
        date: now,
        headers: { "Auto-Submitted": "auto-generated" },
      })
        .compile()
        .build();
      const outcome = await transport.send({
        from: config.from,
        to: editor,
        raw,
        messageId,
        issueId: "proofs",
      });
      if (outcome.kind !== "sent")
        throw new NewsletterError("SEND_FAILED", `proof to ${editor} not sent: ${outcome.error}`);
    }
  } finally {
    await transport.close();
  }
}
