import { DIRECTION_CONTROLS } from "../digest/clean.ts";
/**
 * Escapes text for HTML content and quoted attribute values (article text is untrusted). The
 * templates quote every attribute, so these five characters are all that can break out; URLs
 * keep their slashes, which some mail clients' link rewriting needs.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (ch) => HTML_ENTITIES[ch] ?? ch);
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * The URL when it may go into a link, else undefined. Links are `https:` or `mailto:`; plain
 * `http:` only to this machine (`127.0.0.1`, `localhost`), so the built-in default of a local
 * unsubscribe endpoint works while a real deployment cannot link over plain HTTP.
 */
export function safeLinkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol === "https:" || parsed.protocol === "mailto:") return parsed.href;
  if (parsed.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname))
    return parsed.href;
  return undefined;
}

/**
 * Removes line breaks and control characters so a value is safe in a mail header, and the
 * invisible direction controls that could make a subject or a name read other than it is.
 */
export function headerSafe(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/gu, " ")
      .replace(DIRECTION_CONTROLS, "")
      .trim()
  );
}
