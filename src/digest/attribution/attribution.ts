import type { QuoteSpan } from "../quote-spans.ts";
import { sentenceEnd, sentenceStart } from "../words.ts";
import type { Attribution, QuoteContext, Rule, Surroundings } from "./attribution-types.ts";
import { hasCueBefore, wordsAt } from "./cue-words.ts";
import {
  accordingTo,
  cueAfter,
  dashCredit,
  subjectAfter,
  transcriptLabel,
  unnamedSpeaker,
} from "./cues-after.ts";
import {
  asPutIt,
  characterisedAs,
  clauseSubject,
  colonLeadIn,
  colonParagraph,
  cueBefore,
  fragmentCue,
  namingMarker,
  previousSentence,
  sentenceSubject,
} from "./cues-before.ts";
import type { PeopleIndex, Turn } from "./people.ts";

/**
 * Who said a quotation: an ordered table of rules (`RULES` below; the rules themselves are in
 * cues-after.ts and cues-before.ts), each reading the same `QuoteContext`. The first rule that finds a speaker decides; its confidence is the rule's
 * own times how sure the mention is (a name is surer than `he`, `he` surer than `the spokesman`).
 * The people index is built before any quotation is attributed and is frozen, so one answer
 * never changes another.
 *
 * Below `SPEAKER_THRESHOLD` the speaker is null: a wrong name is worse than none. Key quotes
 * take only quotations at or above `KEY_QUOTE_THRESHOLD`.
 */

export const SPEAKER_THRESHOLD = 0.5;
export const KEY_QUOTE_THRESHOLD = 0.75;

export type { Turn };

/** The rules, in the order they are tried. */
export const RULES: readonly Rule[] = [
  {
    name: "transcript-label",
    confidence: 0.95,
    pattern: "“PENCE: Well, look, …” (a transcript's speaker label opening the quotation)",
    find: transcriptLabel,
  },
  {
    name: "cue-after",
    confidence: 1,
    pattern: "“…,” Peskov said / said Steve Cowan, a spokesman / he told reporters",
    find: cueAfter,
  },
  {
    name: "subject-after",
    confidence: 0.85,
    pattern: "“…,” Bennett shot back / “…,” he points out (a subject right after, any verb)",
    find: subjectAfter,
  },
  {
    name: "dash-credit",
    confidence: 0.95,
    pattern: "“…” ― Sonya Herridge / “…” — Jane Doe, a nurse (a quotation opening its paragraph)",
    find: dashCredit,
  },
  {
    name: "according-to",
    confidence: 0.95,
    pattern: "“…,” according to Maria Lopez / According to X, “…”",
    find: accordingTo,
  },
  {
    name: "cue-before",
    confidence: 0.95,
    pattern: "Maria Lopez said: “…” / Lukashenko claimed the country was “…”",
    find: cueBefore,
  },
  {
    name: "fragment-cue",
    confidence: 0.85,
    pattern: "Tom Brandt called the plan “…” / she described it as “…”",
    find: fragmentCue,
  },
  {
    name: "colon",
    confidence: 0.8,
    pattern: "Rudy Giuliani laid blame on the president: “…”",
    find: colonLeadIn,
  },
  {
    name: "previous-sentence",
    confidence: 0.8,
    pattern:
      "…, Schiff said. “The other factor is …” (a quotation opening its sentence after reported speech)",
    find: previousSentence,
  },
  {
    name: "colon-paragraph",
    confidence: 0.8,
    pattern:
      "The New York Times reports: ¶ “…” (a paragraph ending in a colon leads into the next)",
    find: colonParagraph,
  },
  {
    name: "put-it",
    confidence: 0.9,
    pattern: "as The New Yorker put it, “the operator.”",
    find: asPutIt,
  },
  {
    name: "characterised-as",
    confidence: 0.7,
    pattern: "Reid has gone after Trump as a “human leech”",
    find: characterisedAs,
  },
  {
    name: "sentence-subject",
    confidence: 0.65,
    pattern:
      "Trump blamed the shootings on “sickos”: a fragment in a sentence whose subject is named",
    find: sentenceSubject,
  },
  {
    name: "clause-subject",
    confidence: 0.6,
    pattern:
      "On Sunday, Sanders issued a new line of attack, stating that Clinton's judgment was “clearly lacking”",
    find: clauseSubject,
  },
];

export function attributeQuote(ctx: QuoteContext): Attribution {
  const naming = namingMarker(ctx);
  if (naming) return { speaker: undefined, rule: "a-name", cue: naming, via: null, confidence: 0 };
  for (const rule of RULES) {
    const found = rule.find(ctx);
    if (!found) continue;
    const confidence = rule.confidence * found.mention.certainty;
    const { via, choice } = found.mention;
    const speaker = confidence < SPEAKER_THRESHOLD ? undefined : found.mention.person;
    return { speaker, rule: rule.name, cue: found.cue, via, confidence, choice };
  }
  // Someone spoke whom the article does not name: nobody, and nobody's words to carry over.
  const unnamed = unnamedSpeaker(ctx);
  if (unnamed)
    return { speaker: undefined, rule: "unnamed", cue: unnamed, via: null, confidence: 0 };
  return { speaker: undefined, rule: "none", cue: null, via: null, confidence: 0 };
}

/** Builds the context of the quotation `span` of a (masked) paragraph. */
export function quoteContext(
  people: PeopleIndex,
  masked: string,
  paragraph: number,
  span: QuoteSpan,
  { nextOpen, windowClose, lastClose, turns, previousParagraph }: Surroundings,
): QuoteContext {
  const afterEnd =
    span.close < masked.length ? Math.min(nextOpen, sentenceEnd(masked, span.close + 1)) : 0;
  const from = Math.max(windowClose + 1, sentenceStart(masked, span.open));
  const beforeText = masked.slice(from, span.open);
  return {
    people,
    paragraph,
    masked,
    span,
    after:
      afterEnd > 0 && !endedSentence(span, masked) ? wordsAt(masked, span.close + 1, afterEnd) : [],
    before: wordsAt(masked, from, span.open),
    beforeText,
    invitesAttribution: /[,?!—–-][’']?$/u.test(span.text),
    turns,
    lastClose,
    previousParagraph,
  };
}

/**
 * Whether the quotation's own full stop ended its sentence, as `closesSentence` found when the
 * paragraph was blanked out: the full stop left in place of the closing mark says so.
 */
function endedSentence(span: QuoteSpan, masked: string): boolean {
  return masked[span.close] === ".";
}

/**
 * A quotation ending with a full stop, followed by a capitalised pronoun or article (`…
 * together.” He warns that …`), closed its sentence: what follows is the next sentence, not
 * this quotation's attribution.
 */
export function closesSentence(span: QuoteSpan, masked: string): boolean {
  if (!/\.$/u.test(span.text)) return false;
  const next = /^\s*(\S+)/u.exec(masked.slice(span.close + 1))?.[1] ?? "";
  if (/^(He|She|They|It|We|I|The|But|And|In|On|At|This|That|His|Her)$/u.test(next)) return true;
  // `… said “the question is the timing.” Gov. Pat McCrory said …`: a quotation ending with a
  // full stop that a cue before it introduced ended that cue's sentence.
  // (`“… That has no place in a political campaign.” Ohio Gov. John Kasich said he …`: a
  // quotation of several sentences that ends with a full stop ends its own.)
  return (
    /^\p{Lu}/u.test(next) && (hasCueBefore(masked, span.open) || /[.!?]\s+\p{Lu}/u.test(span.text))
  );
}

// The rules' parts, for the modules that attribute quotations.
export type { Attribution, QuoteContext, Surroundings } from "./attribution-types.ts";
export { isTitleLike } from "./cue-words.ts";
