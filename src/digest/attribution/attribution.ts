import type { TagTable } from "../nlp/tagger.ts";
import type { QuoteSpan } from "../quote-spans.ts";
import { sentenceEnd, sentenceStart, type Word } from "../words.ts";
import type { QuoteContext, Rule, Surroundings } from "./attribution-types.ts";
import { hasCueBefore, wordsAt } from "./cue-words.ts";
import {
  accordingTo,
  cueAfter,
  dashCredit,
  ownCueSubject,
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
  previousSubject,
  quotedAsSaying,
  sentenceSubject,
} from "./cues-before.ts";
import type { PeopleIndex, Turn } from "./people.ts";
import type { PronounChoice } from "./pronoun-ranker.ts";
import type { Proposal } from "./speaker-ranker.ts";
import { SPEAKER_WEIGHTS } from "./speaker-weights.ts";

/**
 * What the attribution rules find for a quotation: an ordered table of rules (`RULES` below;
 * the rules themselves are in cues-after.ts and cues-before.ts), each reading the same
 * `QuoteContext`. Every rule that finds someone makes a proposal, with the rule's own
 * confidence times how sure the mention is (a name is surer than `he`, `he` surer than `the
 * spokesman`); the speaker ranker (speaker-ranker.ts) chooses among them with learned weights,
 * the table's order being one of its features. The people index is built before any quotation
 * is attributed and is frozen, so one answer never changes another.
 *
 * Below `SPEAKER_THRESHOLD` the speaker is null: a wrong name is worse than none. Key quotes
 * take only quotations at or above `KEY_QUOTE_THRESHOLD`, read off the ranker's reliability
 * table when it was trained.
 */

/** A wrong name costs this many times a missing one; with calibrated confidences, show a name when it is that much likelier right than wrong. */
const WRONG_NAME_COST = 2;
export const SPEAKER_THRESHOLD = WRONG_NAME_COST / (1 + WRONG_NAME_COST);
export const KEY_QUOTE_THRESHOLD = SPEAKER_WEIGHTS.keyQuoteThreshold;

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
    name: "quoted-as",
    confidence: 0.9,
    pattern: "Belta quoted him as saying “…” / “…,” RIA quoted Peskov as saying",
    find: quotedAsSaying,
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
  {
    name: "previous-subject",
    confidence: 0.6,
    pattern:
      "Maria Kolesnikova scoffed at the charges. “This is absurd.” (a quotation alone in its sentence after a named subject's)",
    find: previousSubject,
  },
];

/** What the rules read in one quotation's context, before any choosing. */
export interface Reading {
  /** `known as “…”`: a name given in quotation marks, nobody's words. */
  naming: string | undefined;
  /** Every rule's answer, in table order. */
  proposals: Proposal[];
  /** `“…,” a protester said`: someone unnamed spoke. */
  unnamed: string | undefined;
  /** `“…,” the U.S. Embassy in Minsk said`, and no rule could say who that is: its subject. */
  unreadSubject: readonly Word[] | undefined;
}

/** How many of a pronoun's runners-up the speaker ranker also weighs. */
const PRONOUN_ALTERNATIVES = 2;

function pronounOdds(choice: PronounChoice, rank: number): Proposal["pronoun"] {
  return {
    probability: choice.candidates[rank]?.probability ?? 0,
    rank,
    nobody: choice.nobody.probability,
  };
}

/** Runs every rule on the quotation; the speaker ranker chooses among what they found. */
export function readQuote(ctx: QuoteContext): Reading {
  const naming = namingMarker(ctx);
  if (naming) return { naming, proposals: [], unnamed: undefined, unreadSubject: undefined };
  const proposals: Proposal[] = [];
  for (const rule of RULES) {
    const found = rule.find(ctx);
    if (!found) continue;
    const { person, certainty, via, choice } = found.mention;
    proposals.push({
      source: rule.name,
      person,
      certainty: rule.confidence * certainty,
      cue: found.cue,
      via,
      ...(choice && { choice, pronoun: pronounOdds(choice, 0) }),
    });
    // A `he` could be any of the pronoun ranker's people: the runners-up are proposals too, so
    // the speaker ranker can weigh them against what the other rules found.
    choice?.candidates.slice(1, PRONOUN_ALTERNATIVES + 1).forEach((c, i) => {
      const top = choice.candidates[0]?.probability ?? 1;
      proposals.push({
        source: rule.name,
        person: c.person,
        certainty: (rule.confidence * certainty * c.probability) / top,
        cue: found.cue,
        via: "pronoun: runner-up",
        pronoun: pronounOdds(choice, i + 1),
      });
    });
  }
  // `“…,” the editorial board writes`, when no rule could say who the board is: someone the
  // article does not name spoke, and the voice before does not carry on into it.
  const unnamed =
    unnamedSpeaker(ctx) ?? (proposals.length === 0 ? unnamedSpeaker(ctx, true) : undefined);
  const unreadSubject = proposals.length === 0 ? ownCueSubject(ctx) : undefined;
  return { naming: undefined, proposals, unnamed, unreadSubject };
}

/** Builds the context of the quotation `span` of a (masked) paragraph. */
export function quoteContext(
  people: PeopleIndex,
  masked: string,
  tags: TagTable,
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
    tags,
    span,
    after:
      afterEnd > 0 && !endedSentence(span, masked)
        ? wordsAt(masked, span.close + 1, afterEnd, tags)
        : [],
    before: wordsAt(masked, from, span.open, tags),
    beforeText,
    invitesAttribution: /[,?!—–-][’'"”]?$/u.test(span.text),
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
export function closesSentence(span: QuoteSpan, masked: string, tags: TagTable): boolean {
  if (!/\.$/u.test(span.text)) return false;
  const next = /^\s*(\S+)/u.exec(masked.slice(span.close + 1))?.[1] ?? "";
  if (/^(He|She|They|It|We|I|The|But|And|In|On|At|This|That|His|Her)$/u.test(next)) return true;
  // `… said “the question is the timing.” Gov. Pat McCrory said …`: a quotation ending with a
  // full stop that a cue before it introduced ended that cue's sentence.
  // (`“… That has no place in a political campaign.” Ohio Gov. John Kasich said he …`: a
  // quotation of several sentences that ends with a full stop ends its own.)
  return (
    /^\p{Lu}/u.test(next) &&
    (hasCueBefore(masked, span.open, tags) || /[.!?]\s+\p{Lu}/u.test(span.text))
  );
}

// The rules' parts, for the modules that attribute quotations.
export type { QuoteContext, Surroundings } from "./attribution-types.ts";
export { isTitleLike } from "./cue-words.ts";
