import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type { Config } from "../config.ts";
import { renderConfirmation } from "../email/confirmation-email.ts";
import { formatAddress } from "../email/mime.ts";
import { NewsletterError } from "../errors.ts";
import { openTransport } from "../store/open.ts";

/**
 * Mails one sign-up confirmation (issue 25) through the configured transport: SMTP, or the
 * outbox folder. Not a delivery: it goes to one address that is not on the list, is not
 * recorded in the ledger, and carries no List-Unsubscribe (there is nothing to leave yet).
 */
export async function mailConfirmation(
  config: Config,
  to: string,
  confirmUrl: string,
  expires: Date,
): Promise<void> {
  const template = await readFile(path.join(config.emailsDir, "confirm.mjml"), "utf8");
  const email = await renderConfirmation(template, {
    newsletter: config.newsletter.name,
    about: config.newsletter.why,
    confirmUrl,
    expires: expires.toUTCString().replace(/:\d\d GMT$/u, " UTC"),
    accent: config.newsletter.brand?.accent ?? "#174a7c",
    fonts: config.newsletter.brand?.fonts ?? "Georgia, 'Times New Roman', serif",
  });
  const domain = config.from.split("@")[1] ?? "localhost";
  const messageId = `<confirm.${randomBytes(9).toString("hex")}@${domain}>`;
  const raw = await new MailComposer({
    from: formatAddress(config.fromName, config.from),
    to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId,
    date: new Date(),
    // Mail a machine sends on a request: no auto-replies to it.
    headers: { "Auto-Submitted": "auto-generated" },
  })
    .compile()
    .build();
  const transport = openTransport(config);
  try {
    const outcome = await transport.send({
      from: config.from,
      to,
      raw,
      messageId,
      issueId: "confirmations",
    });
    if (outcome.kind !== "sent")
      throw new NewsletterError("SEND_FAILED", `confirmation mail not sent: ${outcome.error}`);
  } finally {
    await transport.close();
  }
}
