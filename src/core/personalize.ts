import type { CompiledEmail, Slots } from "./compile-email.ts";
import { escapeHtml, headerSafe } from "./escape.ts";

/** What changes per subscriber. */
export interface Recipient {
  unsubscribeUrl: string;
  name: string | null;
}

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
  const { unsubscribeUrl, greeting } = email.slots;
  const htmlParts = splitAtSlots(email.html, email.slots);
  const textParts = splitAtSlots(email.text, email.slots);
  return (recipient) => {
    const greetingText = greetingLine(recipient.name);
    const htmlValues = {
      [unsubscribeUrl]: escapeHtml(recipient.unsubscribeUrl),
      [greeting]: escapeHtml(greetingText),
    };
    const textValues = { [unsubscribeUrl]: recipient.unsubscribeUrl, [greeting]: greetingText };
    return { html: fill(htmlParts, htmlValues), text: fill(textParts, textValues) };
  };
}

/**
 * Splits a compiled body at its slot tokens: even items are text, odd items the slot tokens.
 * The one place that knows how slots sit in a body, for the preview and the wire alike.
 */
export function splitAtSlots(body: string, slots: Slots): string[] {
  return body.split(new RegExp(`(${slots.unsubscribeUrl}|${slots.greeting})`, "u"));
}

/** The greeting slot's text: `Hello Ada,` for a named subscriber, nothing otherwise. */
export function greetingLine(name: string | null): string {
  return name ? `Hello ${headerSafe(name)},` : "";
}

/** Odd indexes of a split-with-capture array are the slots. */
function fill(parts: readonly string[], values: Record<string, string>): string {
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    out += i % 2 === 1 ? (values[part] ?? part) : part;
  }
  return out;
}
