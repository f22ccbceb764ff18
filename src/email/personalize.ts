import type { CompiledEmail } from "./compile-email.ts";
import { escapeHtml } from "./escape.ts";
import { type SlotRecipient, slotOfToken, slotValues, splitAtSlots } from "./slots.ts";

/** What changes per subscriber. */
export type Recipient = SlotRecipient;

export interface PersonalizedBody {
  html: string;
  text: string;
}

/**
 * Prepares a compiled email for filling per subscriber: the HTML and text are split once at
 * their slots, so each subscriber costs a join of a few strings, not a search of 30 KB.
 */
export function preparePersonalizer(
  email: CompiledEmail,
): (recipient: Recipient) => PersonalizedBody {
  const htmlParts = splitAtSlots(email.html, email.slots);
  const textParts = splitAtSlots(email.text, email.slots);
  return (recipient) => {
    const values = slotValues(recipient);
    const slotText = (token: string, html: boolean) => {
      const key = slotOfToken(email.slots, token);
      if (!key) return token;
      return html ? escapeHtml(values[key]) : values[key];
    };
    return {
      html: fill(htmlParts, (token) => slotText(token, true)),
      text: fill(textParts, (token) => slotText(token, false)),
    };
  };
}

/** Odd indexes of a split-with-capture array are the slots. */
function fill(parts: readonly string[], value: (token: string) => string): string {
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    out += i % 2 === 1 ? value(part) : part;
  }
  return out;
}
