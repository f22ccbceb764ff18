import { repairMojibake } from "./mojibake.ts";

/** Bidirectional embeddings, overrides, isolates and marks, and the byte-order mark. */
export const DIRECTION_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/**
 * Repairs the spacing that newswire text breaks, without adding, dropping or rewriting a word.
 * Each rule fixes one observed defect; they run in this order because later rules rely on the
 * quote marks the earlier ones settled:
 *
 * 1. every run of whitespace (tabs, no-break spaces, doubled spaces) becomes one space;
 * 2. an opening mark used to close a quotation (`aggression. Russian “.`) becomes a closing one;
 * 3. a space before a closing curly mark is dropped (`Violent Year, ”out` → `Violent Year,”out`);
 * 4. a closing curly mark glued to the next word gets its space (`war”he said` → `war” he said`);
 * 5. a sentence glued to the next one gets its space (`ally Putin.On` → `ally Putin. On`);
 * 6. a space before a comma, semicolon or full stop is dropped (`word ,` → `word,`).
 *
 * Before them, the invisible direction controls and byte-order marks are removed: pasted text
 * carries them (`‪”Sorry Sarah, …”` opened with one), they hide the marks beside them from the
 * quotation finder, and in an email they can make a line read other than it is. And a
 * paragraph opening with a closing mark (`”Sorry Sarah, …`) opens a quotation. First of all,
 * text whose UTF-8 was read as Windows-1252 upstream is put back (`â€œ` → `“`, mojibake.ts).
 */
export function cleanText(text: string): string {
  return (
    repairMojibake(text)
      .replace(DIRECTION_CONTROLS, "")
      .replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/gu, " ")
      .trim()
      .replace(/^”(?=\p{L})/u, "“")
      // 2: `“` with a space before it and only punctuation (or nothing) after it closes.
      .replace(/ “(?=[.,;:!?)]*(?: |$))/gu, "”")
      // 3: `”` is never an opening mark, so a space before it is a spacing error.
      .replace(/ +”/gu, "”")
      // 4: after a closing mark comes a space, not a letter or digit.
      .replace(/”(?=[\p{L}\p{N}])/gu, "” ")
      // 5: only between two lower-case-led words, so `U.S.`, `J.C.` and `GreatFire.org` stay.
      .replace(/(\p{Ll}{2})([.!?])(\p{Lu}\p{Ll})/gu, "$1$2 $3")
      .replace(/ +([,;](?= |$)|\.(?= |$))/gu, "$1")
  );
}
