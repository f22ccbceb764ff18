// digest/attribution/: who said it (quotation spans → speakers, with the ranker's learned weights).
import { REPORTING_VERBS } from "../lexicon.ts";
import { NO_TAGS, type TagTable, tagParagraphs } from "../nlp/tagger.ts";
import { findQuoteSpans, opensWithQuote, outerFamily, type QuoteSpan } from "../quote-spans.ts";
import { endsSentence, toWords } from "../words.ts";
import {
  closesSentence,
  isTitleLike,
  KEY_QUOTE_THRESHOLD,
  quoteContext,
  type Reading,
  readQuote,
  SPEAKER_THRESHOLD,
  type Turn,
} from "./attribution.ts";
import { namesSomeoneElse } from "./cues-after.ts";
import { STAND_IN_VIA } from "./noun-phrases.ts";
import { indexPeople, type Person } from "./people.ts";
import type { PronounChoice } from "./pronoun-ranker.ts";
import { findQuotedNames, isQuotedName, type QuotedNames } from "./quoted-names.ts";
import {
  type Proposal,
  rankSpeakers,
  type SpeakerCandidate,
  type SpeakerChoice,
} from "./speaker-ranker.ts";
import { reportsSpeech } from "./verb-forms.ts";

/** A direct quotation of the body, as the Digest JSON carries it. */
export interface Quote {
  text: string;
  /** The speaker's name as the article first gives it in full, or null when it does not say. */
  speaker: string | null;
  /** Index into the article's paragraphs. */
  paragraph: number;
}

/** A quotation still carrying where it stands, for the rules that join and inherit. */
interface LocatedQuote extends Omit<ExplainedQuote, "kind"> {
  span: QuoteSpan;
  person: Person | undefined;
  /** It has an attribution of its own (`“…,” she added`), whoever that turned out to be. */
  ownCue?: boolean;
}

/** A quotation of at most this many words is a title or scare quote for the windows' ends. */
const SHORT_QUOTE_WORDS = 4;

/** Words that may stand between two quotations and still leave them one speaker's. */
const CONTINUATION_GAP = 20;

/**
 * Every direct quotation of the body, in order, with its speaker. Attribution rules are in
 * `attribution.ts`; this adds the ones that look across quotations:
 * - a quotation interrupted by its attribution (`"A," she said, "B."`) is one quotation whose
 *   text joins both parts with a space;
 * - a quotation nobody is named for, following a speaker's quotation with only that speaker's
 *   attribution between (`"A," Fernandes said. "B."`), is the same speaker's;
 * - a paragraph that opens with such a quotation continues the previous paragraph's last speaker
 *   when that paragraph ended on the quotation (the newswire way of quoting at length).
 */
export function extractQuotes(paragraphs: readonly string[]): Quote[] {
  return explainQuotes(paragraphs).map(({ text, speaker, paragraph }) => ({
    text,
    speaker,
    paragraph,
  }));
}

/** The quotations that are speech: terms (titles, slogans, scare quotes) left out. */
export function speechOf<T extends { kind: SpanKind }>(spans: readonly T[]): T[] {
  return spans.filter((s) => s.kind === "quote");
}

/** A quotation with how its speaker was decided, for `digest --explain` and the key quotes. */
export interface ExplainedQuote extends Quote {
  rule: string;
  cue: string | null;
  /** How the speaker's mention was resolved (`name`, `pronoun: last speaker`, …). */
  via: string | null;
  confidence: number;
  /** For a pronoun: the people it was chosen from, with their probabilities. */
  choice?: PronounChoice;
  /** Every person the rules proposed, and "nobody", with the ranker's probabilities. */
  speakers?: SpeakerChoice;
  /** `term`: a span in quotation marks that is not speech (a title, slogan, nickname, scare quote). */
  kind: SpanKind;
}

export type SpanKind = "quote" | "term";

/**
 * Spans in quotation marks that are nobody's words, in the order they are tried: a name given in
 * quotation marks; a title, slogan or nickname (every word capitalised) nobody is found to say;
 * a scare quote of one to three words with no speaker and no attribution of its own.
 */
type Attributed = Omit<ExplainedQuote, "kind"> & { ownCue?: boolean };
const TERM_RULES: ReadonlyArray<{ why: string; test: (q: Attributed) => boolean }> = [
  { why: "a name given in quotation marks", test: (q) => q.rule === "a-name" },
  { why: "a title, slogan or nickname", test: (q) => isTitleLike(q.text) },
  {
    why: "a scare quote of one to three words",
    test: (q) => q.speaker === null && q.cue === null && !q.ownCue && toWords(q.text).length <= 3,
  },
];

/** Whether a span is speech or a term, by the first of `TERM_RULES` that holds. */
function kindOf(q: Attributed): SpanKind {
  return TERM_RULES.some((r) => r.test(q)) ? "term" : "quote";
}

/**
 * Every quotation span of the paragraphs with its speaker, or a term. `tags` are the
 * paragraphs' parts of speech (`tagParagraphs`), read here when not given.
 */
export function explainQuotes(
  paragraphs: readonly string[],
  tags: readonly TagTable[] = tagParagraphs(paragraphs, REPORTING_VERBS),
): ExplainedQuote[] {
  const spansByParagraph = quoteSpansOf(paragraphs);
  const names = findQuotedNames(paragraphs, spansByParagraph);
  const masked = paragraphs.map((text, i) =>
    markSentenceEnds(
      blankOut(text, spansByParagraph[i] ?? [], names),
      spansByParagraph[i] ?? [],
      tags[i] ?? NO_TAGS,
    ),
  );
  const people = indexPeople(masked, names, tags);
  const quotes: LocatedQuote[] = [];
  const turns: Turn[] = [];
  spansByParagraph.forEach((spans, paragraph) => {
    const text = masked[paragraph] ?? "";
    const inParagraph: LocatedQuote[] = [];
    spans.forEach((span, i) => {
      // A short quotation after this one (a title, a scare quote) does not end its attribution:
      // `“…,” Bill Eastland, wearing “Ted Cruz” pins, said`. The window before reaches back to
      // the sentence start over earlier quotations, blanked out: `Sanders said Clinton's
      // “judgment” was “clearly lacking”` is his.
      const nextOpen =
        spans.slice(i + 1).find((s) => toWords(s.text).length > SHORT_QUOTE_WORDS)?.open ??
        text.length;
      const previousClose =
        spans
          .slice(0, i)
          .reverse()
          .find((s) => toWords(s.text).length > SHORT_QUOTE_WORDS)?.close ?? -1;
      const context = quoteContext(people, text, tags[paragraph] ?? NO_TAGS, paragraph, span, {
        nextOpen,
        windowClose: previousClose,
        lastClose: spans[i - 1]?.close ?? -1,
        turns,
        previousParagraph: masked[paragraph - 1] ?? "",
      });
      const reading: Reading = isQuotedName(span, names)
        ? { naming: "a name given", proposals: [], unnamed: undefined, unreadSubject: undefined }
        : readQuote(context);
      const proposals = [
        ...reading.proposals,
        // (`“…,” a Carrier executive said`: someone unnamed spoke, so nobody's voice goes on;
        // nor into `“…,” the U.S. Embassy said` when the voice before is not the embassy's.)
        ...(reading.unnamed
          ? []
          : inherited({ span, first: i === 0, text, inParagraph, quotes, masked, paragraph })
        ).filter(
          (p) => !reading.unreadSubject || !namesSomeoneElse(reading.unreadSubject, p.person),
        ),
      ];
      const quote = decide(span, paragraph, reading, proposals);
      const previous = inParagraph[inParagraph.length - 1];
      const gap = previous ? text.slice(previous.span.close + 1, span.open) : "";
      if (previous && isSplitQuotation(previous, gap)) {
        previous.text = `${previous.text} ${quote.text}`;
        if (!previous.person && quote.person) Object.assign(previous, pick(quote));
        previous.span = { ...previous.span, close: span.close };
        return;
      }
      if (quote.person) turns.push({ person: quote.person, paragraph, offset: span.open });
      inParagraph.push(quote);
    });
    quotes.push(...inParagraph);
  });
  return quotes.map(
    ({ text, speaker, paragraph, rule, cue, via, confidence, choice, speakers, ownCue }) => {
      const attributed: Attributed = {
        text,
        speaker,
        paragraph,
        rule,
        cue,
        via,
        confidence: Math.round(confidence * 100) / 100,
        ...(choice && { choice }),
        ...(speakers && { speakers }),
      };
      return { ...attributed, kind: kindOf({ ...attributed, ownCue }) };
    },
  );
}

/**
 * The speakers a quotation would carry over, as proposals for the ranker:
 * - `"A," Fernandes said. "B."`: a quotation after a speaker's quotation with only that
 *   speaker's attribution between goes on in the same voice (over a name or title in between:
 *   `“…,” a man whose name was “Perry” told me. “…”`);
 * - a paragraph that opens with a quotation continues the previous paragraph's last speaker
 *   when that paragraph ended on the quotation, the newswire way of quoting at length; not after
 *   a voice credited after a dash, which is one of a list.
 * A name, title or slogan in quotation marks (`“Perry”`) is nobody's words and inherits nothing.
 */
function inherited(at: {
  span: QuoteSpan;
  first: boolean;
  text: string;
  inParagraph: readonly LocatedQuote[];
  quotes: readonly LocatedQuote[];
  masked: readonly string[];
  paragraph: number;
}): Proposal[] {
  if (isTitleLike(at.span.text)) return [];
  const carry = (source: Proposal["source"], q: LocatedQuote): Proposal[] =>
    q.person ? [{ source, person: q.person, certainty: q.confidence, cue: q.cue, via: q.via }] : [];
  const voice = at.inParagraph.findLast((q) => !isNobodysWords(q));
  if (voice) {
    const gap = at.text.slice(voice.span.close + 1, at.span.open);
    return continuesSpeaker(voice, gap) ? carry("follow-on", voice) : [];
  }
  if (!at.first || at.span.open !== 0) return [];
  const last = continuedFrom(at.quotes, at.masked, at.paragraph);
  return last && last.rule !== "dash-credit" ? carry("next-paragraph", last) : [];
}

/** The ranker's answer for one quotation: the likeliest speaker, or nobody below the threshold. */
function decide(
  span: QuoteSpan,
  paragraph: number,
  reading: Reading,
  proposals: readonly Proposal[],
): LocatedQuote {
  const base = { text: span.text, paragraph, span };
  if (reading.naming)
    return {
      ...base,
      speaker: null,
      person: undefined,
      rule: "a-name",
      cue: reading.naming,
      via: null,
      confidence: 0,
    };
  const speakers = rankSpeakers(proposals, { text: span.text, unnamed: !!reading.unnamed });
  const best = speakers.candidates[0];
  const chosen = best && best.probability >= SPEAKER_THRESHOLD ? best : undefined;
  return {
    ...base,
    speaker: chosen?.person.name ?? null,
    person: chosen?.person,
    rule: best?.lead.source ?? (reading.unnamed ? "unnamed" : "none"),
    cue: best?.lead.cue ?? reading.unnamed ?? null,
    via: best?.lead.via ?? null,
    confidence: best ? keyCeiling(best) : 0,
    ownCue: reading.unreadSubject !== undefined,
    ...(best?.lead.choice && { choice: best.lead.choice }),
    ...(best && { speakers }),
  };
}

/**
 * The candidate's probability, held below the key-quote threshold when the words are an unnamed
 * person's standing for an organisation (`a spokesman for Google said`): shown under the
 * organisation's name, never as a key quote, since no one named said them. (PolNeAR has too few
 * of these for the ranker to learn it.)
 */
function keyCeiling(candidate: SpeakerCandidate): number {
  const standIn = candidate.lead.via === STAND_IN_VIA;
  return standIn
    ? Math.min(candidate.probability, KEY_QUOTE_THRESHOLD - 0.01)
    : candidate.probability;
}

/** Each paragraph's quotation spans, read in the article's own quotation style. */
export function quoteSpansOf(paragraphs: readonly string[]): QuoteSpan[][] {
  const outer = outerFamily(paragraphs);
  return paragraphs.map((text, i) =>
    findQuoteSpans(text, { outer, nextOpensQuote: opensWithQuote(paragraphs[i + 1] ?? "") }),
  );
}

/** A name, title or slogan in quotation marks that nobody was found to have said. */
function isNobodysWords(q: LocatedQuote): boolean {
  return q.rule === "a-name" || (q.rule === "none" && isTitleLike(q.text));
}

/**
 * `… of “fanatic recklessness.” South Korean President Park Geun-hye said …`: a quotation whose
 * full stop ended its sentence leaves the full stop in the blanked text (in place of its closing
 * mark), so the sentence after it is read on its own.
 */
function markSentenceEnds(masked: string, spans: readonly QuoteSpan[], tags: TagTable): string {
  let out = masked;
  for (const span of spans) {
    if (span.close >= out.length) continue;
    // (A short quotation's closing comma, `on “Morning Joe,” calling it`, is the sentence's. A
    // quotation that ends its paragraph ends its sentence: `X said: “…”` leads into nothing
    // after it.)
    const endsParagraph = out.slice(span.close + 1).trim() === "";
    const mark =
      endsParagraph || closesSentence(span, out, tags)
        ? "."
        : span.text.endsWith(",") && toWords(span.text).length <= SHORT_QUOTE_WORDS
          ? ","
          : undefined;
    if (mark) out = `${out.slice(0, span.close)}${mark}${out.slice(span.close + 1)}`;
  }
  return out;
}

/** The attribution fields one quotation hands on to another. */
function pick(q: LocatedQuote): Partial<LocatedQuote> {
  return {
    speaker: q.speaker,
    person: q.person,
    rule: q.rule,
    cue: q.cue,
    via: q.via,
    confidence: q.confidence,
  };
}

/**
 * Whether a quotation after `previous`, with only `gap` between them, goes on in the same voice:
 * a short gap (`"A," Fernandes said. "B."`), or a gap that is just the previous quotation's own
 * attribution sentence, however long (`"A," said Robert Reich, who served as … . "B."`).
 */
function continuesSpeaker(previous: LocatedQuote, gap: string): boolean {
  const words = toWords(gap);
  if (words.length <= CONTINUATION_GAP) return true;
  return (
    previous.rule === "cue-after" &&
    words.length <= ATTRIBUTION_SENTENCE_WORDS &&
    words.filter(endsSentence).length === 1 &&
    endsSentence(words[words.length - 1] as (typeof words)[number])
  );
}

/** The longest attribution sentence a follow-on quotation may reach over. */
const ATTRIBUTION_SENTENCE_WORDS = 60;

/** `"A," she said, "B."`: first part ends with a comma, the gap is a short attribution ending in one. */
function isSplitQuotation(previous: LocatedQuote, gap: string): boolean {
  const words = toWords(gap);
  return (
    previous.text.endsWith(",") &&
    words.length > 0 &&
    words.length <= 8 &&
    /,\s*$/u.test(gap) &&
    words.some((w) => reportsSpeech(w))
  );
}

function continuedFrom(
  quotes: readonly LocatedQuote[],
  masked: readonly string[],
  paragraph: number,
): LocatedQuote | undefined {
  const last = quotes[quotes.length - 1];
  if (!last || last.paragraph !== paragraph - 1 || !last.person) return undefined;
  const tail = (masked[last.paragraph] ?? "").slice(last.span.close + 1);
  return continuesSpeaker(last, tail) ? last : undefined;
}

/**
 * Offsets just past each sentence end of a paragraph. Full stops inside a quotation do not end
 * a sentence (`reiterate “… aggression. Russian”.` is one sentence).
 */
export function sentenceEndsOutsideQuotes(paragraph: string): number[] {
  return toWords(blankOut(paragraph, findQuoteSpans(paragraph)))
    .filter(endsSentence)
    .map((w) => w.end);
}

/**
 * Replaces each quotation, marks included, by spaces, so offsets still line up. A name given in
 * quotation marks (`“Perry”`) stays in view, only its marks blanked: it is who acts, not words.
 */
export function blankOut(
  text: string,
  spans: readonly QuoteSpan[],
  names: QuotedNames = new Map(),
): string {
  let out = "";
  let at = 0;
  for (const span of spans) {
    const end = Math.min(text.length, span.close + 1);
    out +=
      text.slice(at, span.open) +
      (isQuotedName(span, names) && end === span.close + 1
        ? ` ${text.slice(span.open + 1, span.close)} `
        : " ".repeat(end - span.open));
    at = end;
  }
  return out + text.slice(at);
}
