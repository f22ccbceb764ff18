import mjml2html from "mjml";
import Mustache from "mustache";
import { NewsletterError } from "../errors.ts";
import { escapeHtml, headerSafe } from "./escape.ts";

/**
 * The email that asks a reader to confirm a sign-up (issue 25), from `emails/confirm.mjml`
 * through the same mjml (strict validation) and escaping as the issue, with its plain-text part.
 * Pure: the caller reads the template.
 */
export interface ConfirmationView {
  newsletter: string;
  /** What they signed up for, as the footer says it (`you subscribed to …`). */
  about: string;
  confirmUrl: string;
  /** When the link stops working, in words. */
  expires: string;
  accent: string;
  fonts: string;
}

export interface ConfirmationEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderConfirmation(
  template: string,
  view: ConfirmationView,
): Promise<ConfirmationEmail> {
  const filled = Mustache.render(template, view, undefined, { escape: escapeHtml });
  let html: string;
  try {
    const result = (await mjml2html(filled, { validationLevel: "strict" })) as { html: string };
    html = result.html;
  } catch (error) {
    const details = (error as { errors?: Array<{ formattedMessage?: string }> }).errors;
    throw new NewsletterError(
      "TEMPLATE_INVALID",
      `template error: emails/confirm.mjml: ${details?.map((d) => d.formattedMessage).join("; ") ?? (error as Error).message}`,
    );
  }
  const text = [
    headerSafe(view.newsletter),
    "",
    `Someone, we hope you, asked to receive ${headerSafe(view.newsletter)} (${headerSafe(view.about)}) at this address.`,
    "",
    "To confirm, open this link:",
    view.confirmUrl,
    "",
    `It works until ${view.expires}. If it wasn't you, ignore this email: nothing will be sent to this address, and the request is forgotten in seven days.`,
    "",
  ].join("\n");
  return { subject: `Confirm your subscription to ${headerSafe(view.newsletter)}`, html, text };
}
