import type { EmailView } from "./email-view.ts";

/** Plain-text lines never exceed this (RFC 5322 recommends 78). */
export const TEXT_WIDTH = 78;

/**
 * Wraps text at spaces to lines of at most `width` characters. A single word longer than the
 * width (a long URL) stands alone on its line rather than being broken.
 */
export function wrap(text: string, width = TEXT_WIDTH, indent = ""): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    if (line === "") line = indent + word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = indent + word;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * The plain-text part, built from the same view as the HTML (not a dump of it): header, headline,
 * standfirst, lead, key quotes with speakers, the sidebar, and the footer with the unsubscribe
 * URL. Slots (greeting, unsubscribe URL) stay tokens for personalisation.
 */
export function renderPlainText(view: EmailView): string {
  const out: string[] = [];
  out.push(...wrap(`${view.newsletterName} | ${view.issueDate}`));
  if (view.webUrl) out.push(`View in browser: ${view.webUrl}`);
  if (view.showGreeting) out.push(view.greeting);
  out.push("", ...wrap(view.headline.toUpperCase()));
  if (view.credit) out.push(...wrap(view.credit));
  out.push("", ...wrap(view.standfirst), "");
  out.push(...wrap(view.lead), "");
  // A URL is never wrapped: a client must be able to follow it.
  if (view.articleUrl) out.push(`Read the full story: ${view.articleUrl}`, "");
  if (view.hasKeyQuotes) {
    out.push("KEY QUOTES", "");
    for (const q of view.keyQuotes)
      out.push(
        ...wrap(`“${q.text}”`, TEXT_WIDTH, "  "),
        ...wrap(`— ${q.speaker}`, TEXT_WIDTH, "    "),
        "",
      );
  }
  if (view.sidebar) {
    out.push(view.sidebar.title.toUpperCase(), "");
    for (const p of view.sidebar.paragraphs) out.push(...wrap(p), "");
    for (const q of view.sidebar.quotes)
      out.push(...wrap(`“${q.text}” — ${q.speaker}`, TEXT_WIDTH, "  "), "");
  }
  out.push(
    "--",
    ...wrap(view.why),
    "Unsubscribe:",
    view.unsubscribeUrl,
    ...wrap(view.postalAddress),
  );
  return `${out.join("\n")}\n`;
}
