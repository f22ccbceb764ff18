import type { ExplainedQuote } from "./attribution/quotes.ts";
import { type Digest, type DigestQuote, isConfident } from "./digest.ts";
import { foldForComparison, MAX_KEY_QUOTES, selectKeyQuotes } from "./key-quotes.ts";

/**
 * An editor's corrections (issue 24), as data: each names a quotation by its text (and the
 * paragraph it stood in), so it still applies when the article is read again, and says what to
 * do with it. Applied after the digest is built; pure.
 */
export type CorrectionAction = "speaker" | "no-speaker" | "drop" | "pin";

export interface Correction {
  /** The quotation's text, as the digest has it. */
  quote: string;
  paragraph: number;
  action: CorrectionAction;
  /** For `speaker`: the name the editor gave. */
  speaker?: string | null;
}

/** The longest speaker name an editor may give. */
export const MAX_SPEAKER_NAME = 100;

/** A name an editor typed, trimmed, or undefined when it cannot be one (empty, long, markup). */
export function speakerName(typed: string | undefined): string | undefined {
  const name = typed?.trim() ?? "";
  return name !== "" && name.length <= MAX_SPEAKER_NAME && !/[\p{Cc}<>]/u.test(name)
    ? name
    : undefined;
}

export const CORRECTION_ACTIONS: readonly CorrectionAction[] = [
  "speaker",
  "no-speaker",
  "drop",
  "pin",
];

/**
 * An editor's correction of a quotation from a form's fields, or why it cannot be one: the
 * quotation must be speech, the action one of the four, a name 1 to 100 characters.
 */
export function correctionFrom(
  quote: { text: string; paragraph: number; kind: "quote" | "term" } | undefined,
  action: string,
  typed: string | undefined,
): Correction | string {
  if (quote?.kind !== "quote") return "no such quotation (or it is a term, not speech)";
  if (!CORRECTION_ACTIONS.includes(action as CorrectionAction))
    return `unknown action ${JSON.stringify(action).slice(0, 40)}`;
  const speaker = speakerName(typed);
  if (action === "speaker" && !speaker)
    return `a name of 1 to ${MAX_SPEAKER_NAME} characters, without < or >, please`;
  return {
    quote: quote.text,
    paragraph: quote.paragraph,
    action: action as CorrectionAction,
    ...(action === "speaker" && { speaker }),
  };
}

/** One correction per quotation: its paragraph and its text, folded. */
export function correctionKey(c: Pick<Correction, "quote" | "paragraph">): string {
  return `${c.paragraph}:${foldForComparison(c.quote)}`;
}

/** What `--explain` says decided a corrected quotation. */
export const EDITOR_RULE = "editor";

/** The correction for a quotation: same text, the same paragraph first. */
export function correctionFor<Q extends { text: string; paragraph: number }>(
  quote: Q,
  corrections: readonly Correction[],
): Correction | undefined {
  const text = foldForComparison(quote.text);
  const same = corrections.filter((c) => foldForComparison(c.quote) === text);
  return same.find((c) => c.paragraph === quote.paragraph) ?? same[0];
}

/**
 * The digest as the editor corrected it: a given speaker is certain, a removed one is gone; a
 * dropped quotation is never a key quote, a pinned one (with a speaker) always is. The sidebar's
 * quotations follow the same speakers.
 */
export function applyCorrections(digest: Digest, corrections: readonly Correction[]): Digest {
  if (corrections.length === 0) return digest;
  const pinned = new Set<DigestQuote>();
  const dropped = new Set<DigestQuote>();
  const quotes = digest.quotes.map((q) => {
    const c = correctionFor(q, corrections);
    if (!c) return q;
    if (c.action === "speaker" && c.speaker) return { ...q, speaker: c.speaker, confidence: 1 };
    if (c.action === "no-speaker") return { ...q, speaker: null, confidence: 0 };
    const same = { ...q };
    (c.action === "pin" ? pinned : dropped).add(same);
    return same;
  });
  const sidebarParagraphs = digest.sidebar?.paragraphs ?? [];
  // (A quotation the editor named has confidence 1, so it is sure enough.)
  const pins = quotes.filter((q) => pinned.has(q) && q.speaker !== null);
  const chosen = selectKeyQuotes(
    quotes.filter((q) => !dropped.has(q) && !pinned.has(q)),
    { sidebarParagraphs, lead: digest.lead, confident: isConfident },
  ).slice(0, Math.max(0, MAX_KEY_QUOTES - pins.length));
  const keyQuotes = [...pins, ...chosen].sort((a, b) => quotes.indexOf(a) - quotes.indexOf(b));
  return {
    ...digest,
    quotes,
    keyQuotes,
    sidebar: digest.sidebar && {
      ...digest.sidebar,
      quotes: quotes.filter(
        (q) => sidebarParagraphs.includes(q.paragraph) && q.speaker !== null && !dropped.has(q),
      ),
    },
  };
}

/** `digest --explain` with the editor's corrections shown as rule `editor`. */
export function correctExplained(
  explained: readonly ExplainedQuote[],
  corrections: readonly Correction[],
): ExplainedQuote[] {
  return explained.map((q) => {
    const c = q.kind === "quote" ? correctionFor(q, corrections) : undefined;
    if (!c) return q;
    const cue = `${c.action}${c.speaker ? ` ${c.speaker}` : ""}`;
    if (c.action === "speaker")
      return { ...q, speaker: c.speaker ?? null, rule: EDITOR_RULE, cue, confidence: 1 };
    if (c.action === "no-speaker")
      return { ...q, speaker: null, rule: EDITOR_RULE, cue, confidence: 0 };
    return { ...q, rule: `${q.rule} (${EDITOR_RULE}: ${c.action})` };
  });
}
