import { headerSafe } from "./escape.ts";

/**
 * The per-subscriber slots: the only parts of an issue's email that differ between subscribers.
 * The email is compiled once with a token in each slot; per subscriber the tokens are replaced
 * by `value` (HTML-escaped in the HTML part). Compiling, the preview's personaliser and the wire
 * builder all read this table, so a new per-subscriber field is one entry here plus its place in
 * a template (`{{key}}`).
 */
export interface SlotRecipient {
  unsubscribeUrl: string;
  name: string | null;
}

export const SLOTS = [
  {
    key: "unsubscribeUrl",
    /** The one-click link of the footer and header. */
    value: (r: SlotRecipient) => r.unsubscribeUrl,
  },
  {
    key: "greeting",
    /** `Hello Ada,` (first name) for a named subscriber, nothing otherwise. */
    value: (r: SlotRecipient) => greetingLine(r.name),
  },
] as const;

export type SlotKey = (typeof SLOTS)[number]["key"];

/** Each slot's token in a compiled email. */
export type Slots = Record<SlotKey, string>;

/** Slot tokens: a random nonce makes them impossible to forge from article text. */
export function makeSlots(nonce: string): Slots {
  return Object.fromEntries(
    SLOTS.map((s) => [s.key, `nl-slot-${s.key.toLowerCase()}-${nonce}`]),
  ) as Slots;
}

/** The slot a token stands for. */
export function slotOfToken(slots: Slots, token: string): SlotKey | undefined {
  return SLOTS.find((s) => slots[s.key] === token)?.key;
}

/** A subscriber's value of every slot, as plain text. */
export function slotValues(recipient: SlotRecipient): Record<SlotKey, string> {
  return Object.fromEntries(SLOTS.map((s) => [s.key, s.value(recipient)])) as Record<
    SlotKey,
    string
  >;
}

/**
 * Splits a compiled body at its slot tokens: even items are text, odd items the slot tokens.
 * The one place that knows how slots sit in a body, for the preview and the wire alike.
 */
export function splitAtSlots(body: string, slots: Slots): string[] {
  return body.split(new RegExp(`(${SLOTS.map((s) => slots[s.key]).join("|")})`, "u"));
}

/**
 * The greeting slot's text: `Hello Ada,` by first name for a named subscriber (`Ada Lovelace`,
 * or `Lovelace, Ada` as lists write it), nothing otherwise.
 */
export function greetingLine(name: string | null): string {
  const first = name ? firstName(headerSafe(name)) : "";
  return first ? `Hello ${first},` : "";
}

/** A name's given name: the first word, or the first word after the comma of `Last, First`. */
export function firstName(name: string): string {
  const comma = name.indexOf(",");
  const given = comma > 0 && comma < name.length - 1 ? name.slice(comma + 1) : name;
  return given.trim().split(/\s+/u)[0] ?? "";
}
