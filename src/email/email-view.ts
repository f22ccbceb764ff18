import { sentenceEndsOutsideQuotes } from "../digest/attribution/quotes.ts";
import { type Digest, isConfident } from "../digest/digest.ts";
import { foldForComparison, MIN_STATEMENT_WORDS } from "../digest/key-quotes.ts";
import type { Slots } from "./slots.ts";

/**
 * What the templates see: the digest summarised to what fits an email, plus the newsletter's
 * own lines. Every string is plain text; Mustache escapes it when it fills a template.
 *
 * Long articles are summarised, never pasted: the email carries the lead, at most five key
 * quotes and two sidebar paragraphs, each cut to a bound, so the HTML stays far below Gmail's
 * ~102 KB clipping point whatever the article's length.
 *
 * The per-subscriber slots (`Slots`, one table in slots.ts) are tokens
 * that personalisation replaces; the email is never compiled again per subscriber.
 */
export interface EmailView extends Slots {
  newsletterName: string;
  issueDate: string;
  headline: string;
  /** The story's address: the headline and "Read the full story" link to it (none without). */
  articleUrl: string | undefined;
  /** The issue's web version (`PUBLIC_URL/issues/<id>`), linked as "View in browser". */
  webUrl: string | undefined;
  /** `By Jane Roe · 24 November 2026 · The Site`, from what the source gives; empty without. */
  credit: string;
  standfirst: string;
  lead: string;
  keyQuotes: Array<{ text: string; speaker: string }>;
  hasKeyQuotes: boolean;
  sidebar: {
    title: string;
    paragraphs: string[];
    quotes: Array<{ text: string; speaker: string }>;
  } | null;
  why: string;
  postalAddress: string;
  /** Whether the email greets the reader (the greeting itself is a per-subscriber slot). */
  showGreeting: boolean;
  /** The look: accent colour, body font stack, and a logo when the newsletter has one. */
  accent: string;
  fonts: string;
  logo: { src: string; alt: string } | undefined;
}

/** The look without a `brand` block in the config. */
export const DEFAULT_BRAND = {
  accent: "#174a7c",
  fonts: "Georgia, 'Times New Roman', serif",
} as const;

export const LIMITS = {
  headline: 200,
  standfirst: 300,
  lead: 600,
  quote: 400,
  sidebarParagraphs: 2,
  sidebarParagraph: 500,
  sidebarQuotes: 3,
} as const;

/** The story's URL with the configured UTM parameters added (replacing any of the same name). */
export function withUtm(url: string, utm: EmailMeta["utm"]): string {
  if (!utm) return url;
  try {
    const u = new URL(url);
    for (const [key, value] of Object.entries(utm))
      if (value) u.searchParams.set(`utm_${key}`, value);
    return u.toString();
  } catch {
    return url;
  }
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const atSpace = cut.lastIndexOf(" ");
  return `${(atSpace > max * 0.6 ? cut.slice(0, atSpace) : cut).replace(/[\s,;:.]+$/u, "")}…`;
}

/**
 * Cuts a paragraph at the last sentence end within `max` characters, never inside a sentence or
 * a quotation. A first sentence longer than that is shown whole up to `max × 3`; only past
 * that (a pathological paragraph with no full stop) is it cut at a word.
 */
export function cutAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  const ends = sentenceEnds(text);
  const within = ends.filter((e) => e <= max).pop();
  if (within !== undefined) return text.slice(0, within).trim();
  const first = ends[0];
  if (first !== undefined && first <= max * 3) return text.slice(0, first).trim();
  return truncate(text, max * 3);
}

/** Sentence ends of a paragraph, each moved past a closing mark that follows it (`war.”`). */
function sentenceEnds(text: string): number[] {
  return sentenceEndsOutsideQuotes(text).map((end) => {
    let at = end;
    while (at < text.length && /[”"’»)]/u.test(text[at] ?? "")) at++;
    return at;
  });
}

export interface EmailMeta {
  newsletterName: string;
  why: string;
  postalAddress: string;
  /** The issue's date, already formatted for readers. */
  issueDate: string;
  /** The article's own date, formatted the same way, when the source gives one. */
  articleDate?: string;
  /** Where the issue's web version is (no subscriber's data in it). */
  webUrl?: string;
  /** UTM parameters for the links to the story, when the newsletter configures them. */
  utm?: { source?: string | undefined; medium?: string | undefined; campaign?: string | undefined };
  /** `none` leaves the greeting out. */
  greeting?: "first-name" | "none";
  brand?: {
    logo?: string | undefined;
    logoAlt?: string | undefined;
    accent?: string | undefined;
    fonts?: string | undefined;
  };
  slots: Slots;
}

/** Fewest words a quotation shown on its own has: shorter ones are fragments, not statements. */
export const MIN_SHOWN_QUOTE_WORDS = 4;

export function buildEmailView(digest: Digest, meta: EmailMeta): EmailView {
  // Only attributed quotations reach the email: never a quote under "unattributed".
  const quote = (q: { text: string; speaker: string | null }) => ({
    text: truncate(q.text.replace(/[,;:]$/u, ""), LIMITS.quote),
    speaker: q.speaker ?? "",
  });
  // Every sentence and quotation is shown once: the standfirst first, then the lead, the key
  // quotes and the sidebar each leave out what an earlier part already shows.
  const standfirst = truncate(digest.standfirst, LIMITS.standfirst);
  const shown = new ShownText(standfirst);
  const lead = shown.add(withoutShownSentences(truncate(digest.lead, LIMITS.lead), shown));
  const keyQuotes = digest.keyQuotes.filter(
    (q) => q.speaker !== null && isShowable(q.text) && shown.addQuote(q.text),
  );
  const paragraphs = (digest.sidebar?.paragraphs ?? [])
    .slice(0, LIMITS.sidebarParagraphs)
    .map((i) => cutAtSentence(digest.paragraphs[i] ?? "", LIMITS.sidebarParagraph))
    .map((p) => shown.add(withoutShownSentences(p, shown)))
    .filter((p) => p !== "");
  const sidebar = digest.sidebar
    ? {
        title: digest.sidebar.title,
        paragraphs,
        quotes: sidebarQuotes(digest, paragraphs)
          .filter((q) => isShowable(q.text) && shown.addQuote(q.text))
          .map(quote),
      }
    : null;
  return {
    newsletterName: meta.newsletterName,
    issueDate: meta.issueDate,
    headline: truncate(digest.headline, LIMITS.headline),
    articleUrl: digest.url ? withUtm(digest.url, meta.utm) : undefined,
    webUrl: meta.webUrl,
    credit: [
      digest.byline ? `By ${truncate(digest.byline, 100)}` : "",
      meta.articleDate ?? "",
      digest.source ? truncate(digest.source, 100) : "",
    ]
      .filter(Boolean)
      .join(" · "),
    standfirst,
    lead,
    keyQuotes: keyQuotes.map(quote),
    hasKeyQuotes: keyQuotes.length > 0,
    sidebar,
    why: meta.why,
    postalAddress: meta.postalAddress,
    showGreeting: meta.greeting !== "none",
    accent: meta.brand?.accent ?? DEFAULT_BRAND.accent,
    fonts: meta.brand?.fonts ?? DEFAULT_BRAND.fonts,
    logo:
      meta.brand?.logo && meta.brand.logoAlt
        ? { src: meta.brand.logo, alt: meta.brand.logoAlt }
        : undefined,
    ...meta.slots,
  };
}

/** A quotation long enough to stand on its own in the email. */
function isShowable(text: string): boolean {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= MIN_SHOWN_QUOTE_WORDS;
}

/** What the email shows so far, folded for comparison. */
class ShownText {
  private folded: string;
  constructor(first: string) {
    this.folded = foldForComparison(first);
  }
  /** Records `text` as shown; returns it. */
  add(text: string): string {
    this.folded += ` ${foldForComparison(text)}`;
    return text;
  }
  has(text: string): boolean {
    const folded = foldForComparison(text);
    return folded !== "" && this.folded.includes(folded);
  }
  /** Records a quotation unless it is shown already; true when it is new. */
  addQuote(text: string): boolean {
    if (this.has(text)) return false;
    this.add(text);
    return true;
  }
}

/** `text` without the sentences the email already shows. */
function withoutShownSentences(text: string, shown: ShownText): string {
  const ends = sentenceEnds(text);
  if (ends[ends.length - 1] !== text.length) ends.push(text.length);
  let start = 0;
  const kept: string[] = [];
  for (const end of ends) {
    const sentence = text.slice(start, end).trim();
    start = end;
    if (sentence !== "" && !shown.has(sentence)) kept.push(sentence);
  }
  return kept.join(" ");
}

/**
 * Sidebar quotes not already in the email (as a key quote, or inside a sidebar paragraph it
 * shows): whole statements first, in article order.
 */
function sidebarQuotes(digest: Digest, shownParagraphs: readonly string[]): Digest["quotes"] {
  if (!digest.sidebar) return [];
  const shown = shownParagraphs.map(foldForComparison);
  const pool = digest.sidebar.quotes.filter(
    (q) =>
      isConfident(q) &&
      !digest.keyQuotes.includes(q) &&
      !shown.some((p) => p.includes(foldForComparison(q.text))),
  );
  const whole = pool.filter((q) => q.text.split(/\s+/u).length >= MIN_STATEMENT_WORDS);
  const chosen = [...whole, ...pool.filter((q) => !whole.includes(q))].slice(
    0,
    LIMITS.sidebarQuotes,
  );
  return pool.filter((q) => chosen.includes(q));
}

/** Formats an issue date for readers, in the newsletter's time zone. */
export function formatIssueDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone }).format(date);
}
