import {
  FRAGMENT_CUES,
  PRONOUNS,
  REPORTING_VERBS,
  ROLE_NOUNS,
  SOURCE_MARKERS,
  TITLES,
} from "../lexicon.ts";
import type { QuoteSpan } from "../quote-spans.ts";
import { isCapitalised, sentenceEnd, sentenceStart, toWords, type Word } from "../words.ts";
import {
  findPerson,
  governs,
  isPossessive,
  isSurnameHe,
  type Mention,
  ORGANISATION_NOUNS,
  type PeopleIndex,
  type Person,
  PREPOSITIONS,
  readNamePhrase,
  type Turn,
} from "./people.ts";
import {
  type Candidate,
  describeCandidate,
  type PronounChoice,
  pronounCandidates,
  rankPronoun,
} from "./pronoun-ranker.ts";

/**
 * Who said a quotation: an ordered table of rules (`RULES` below), each reading the same
 * `QuoteContext`. The first rule that finds a speaker decides; its confidence is the rule's
 * own times how sure the mention is (a name is surer than `he`, `he` surer than `the spokesman`).
 * The people index is built before any quotation is attributed and is frozen, so one answer
 * never changes another.
 *
 * Below `SPEAKER_THRESHOLD` the speaker is null: a wrong name is worse than none. Key quotes
 * take only quotations at or above `KEY_QUOTE_THRESHOLD`.
 */
export interface Attribution {
  speaker: Person | undefined;
  /** The rule that decided, for `digest --explain`. */
  rule: RuleName;
  /** The words that cued it (`said`, `according to`, `:`), when there were some. */
  cue: string | null;
  /** How the speaker's mention was resolved (`name`, `pronoun: last speaker`, …). */
  via: string | null;
  confidence: number;
  /** For a pronoun: the candidates it was chosen from (for --explain and for training). */
  choice?: PronounChoice;
}

export const SPEAKER_THRESHOLD = 0.5;
export const KEY_QUOTE_THRESHOLD = 0.75;

export type { Turn };

/** Everything a rule may read about one quotation. */
export interface QuoteContext {
  people: PeopleIndex;
  paragraph: number;
  /**
   * The paragraph with every quotation blanked out, a full stop or comma that ended a sentence
   * inside one left in place of its closing mark (`markSentenceEnds` in quotes.ts).
   */
  masked: string;
  span: QuoteSpan;
  /** Words from the closing mark to the end of the sentence or the next quotation. */
  after: Word[];
  /** Words from the sentence start (or the previous quotation) to the opening mark. */
  before: Word[];
  /** The text `before` was read from, for its punctuation (a colon before the mark). */
  beforeText: string;
  /** Whether the quotation ends with `,` `?` `!` or a dash: an attribution may follow. */
  invitesAttribution: boolean;
  /** Speakers of the quotations before this one, in order. */
  turns: readonly Turn[];
  /** Where the quotation just before this one in the paragraph closed (-1 when none). */
  lastClose: number;
  /** The paragraph before, quotations blanked out ("" for the first). */
  previousParagraph: string;
}

type RuleName =
  | "a-name"
  | "unnamed"
  | "transcript-label"
  | "cue-after"
  | "according-to"
  | "cue-before"
  | "fragment-cue"
  | "colon"
  | "previous-sentence"
  | "colon-paragraph"
  | "put-it"
  | "characterised-as"
  | "sentence-subject"
  | "clause-subject"
  | "dash-credit"
  | "subject-after"
  | "none";

interface Found {
  mention: Resolved;
  cue: string;
}

interface Rule {
  name: RuleName;
  /** How sure the rule is when its pattern holds, before the mention's own certainty. */
  confidence: number;
  /** What it reads, for a newcomer. */
  pattern: string;
  find(ctx: QuoteContext): Found | undefined;
}

/** How far after the closing mark a reporting verb may stand (words). */
const NEAR_AFTER_COMMA = 25;
const NEAR_AFTER = 4;

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

/** Where a quotation stands among the others, as `explainQuotes` tracks it. */
export interface Surroundings {
  /** Where the next quotation long enough to end this one's attribution opens. */
  nextOpen: number;
  /** Where the last such quotation before it closed (-1): the window before starts after it. */
  windowClose: number;
  /** Where the quotation just before closed, however short (-1 when none). */
  lastClose: number;
  turns: readonly Turn[];
  /** The paragraph before, quotations blanked out ("" for the first). */
  previousParagraph: string;
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

function hasCueBefore(masked: string, open: number): boolean {
  const before = toWords(masked.slice(sentenceStart(masked, open), open));
  return before.some((w) => isReportingVerb(w) || FRAGMENT_CUES.has(w.lower));
}

/** The words of text[from, to), their offsets in the whole paragraph. */
function wordsAt(text: string, from: number, to: number): Word[] {
  return toWords(text.slice(from, to)).map((w) => ({
    ...w,
    start: w.start + from,
    end: w.end + from,
  }));
}

/**
 * A reporting verb, in lower case: `State Department spokesman` is not the verb `state`. Only
 * right after a quotation may it be capitalised (`“…?” Said Lukashenko`).
 */
function isReportingVerb(word: Word | undefined, capitalAllowed = false): boolean {
  return (
    word !== undefined &&
    REPORTING_VERBS.has(word.lower) &&
    (capitalAllowed || !/^\p{Lu}/u.test(word.text))
  );
}

/** Reporting verbs whose bare form is also a noun (`a note`, `the claim`, `his tweet`). */
const NOUN_FORMS = new Set(
  "note comment remark claim report answer reply question tweet post text email promise pledge vow charge demand quip mention retort boast plea reason sigh cry state".split(
    " ",
  ),
);

/** Words that make the next noun-like word a noun (`his briefing note`, `a comment`). */
const NOUN_MARKERS = new Set(
  "a an the his her their its our my your this that these those another each every".split(" "),
);

/**
 * `his three-page briefing note with …`: a reporting verb's bare form after a determiner or a
 * possessive, with only modifiers between, is a noun.
 */
function isNounUse(words: readonly Word[], i: number): boolean {
  const word = words[i] as Word;
  // `the demands of many teachers`, `his remarks`: a plural right after its determiner.
  const plural = word.lower.endsWith("s") && NOUN_FORMS.has(word.lower.replace(/e?s$/u, ""));
  // (`Clinton’s “work-related” emails`, `Kim’s mental state`: after a possessor too.)
  // (`raising questions`, `making remarks`: the object of a verb in -ing.)
  const before = words[i - 1];
  if (plural)
    return (
      (before !== undefined &&
        before.trail === "" &&
        (NOUN_MARKERS.has(before.lower) || /\p{Ll}{3}ing$/u.test(before.text))) ||
      isPossessive(before)
    );
  if (!NOUN_FORMS.has(word.lower)) return false;
  // (`Bush's Facebook post`: a capitalised modifier may stand between.)
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const w = words[j] as Word;
    if (isPossessive(w)) return true;
    if (isCapitalised(w) && w.trail === "" && j > 0) continue;
    if (w.trail !== "" || isCapitalised(w) || REPORTING_VERBS.has(w.lower)) return false;
    if (NOUN_MARKERS.has(w.lower)) return true;
  }
  return false;
}

const BE_FORMS = new Set(["was", "were", "is", "are", "be", "been", "being"]);

/**
 * `she was warned that “…”`, `Thatcher was advised to …`: a passive verb at words[i] makes its
 * subject the one spoken to, not the speaker.
 */
function isPassive(words: readonly Word[], i: number): boolean {
  const before = words[i - 1];
  if (!before) return false;
  if (BE_FORMS.has(before.lower)) return true;
  return /ly$/u.test(before.lower) && BE_FORMS.has(words[i - 2]?.lower ?? "");
}

/** Whether the words after a subject start a passive (`was advised`, `had been told`). */
function passiveAfter(words: readonly Word[], at: number): boolean {
  let i = at;
  while (i < words.length && i < at + 3 && !BE_FORMS.has((words[i] as Word).lower)) {
    if (
      !AUXILIARIES.has((words[i] as Word).lower) &&
      !/^(has|have|had)$/u.test((words[i] as Word).lower)
    )
      return false;
    i++;
  }
  const be = words[i];
  const verb = words[i + 1];
  return (
    be !== undefined &&
    BE_FORMS.has(be.lower) &&
    verb !== undefined &&
    /^(\p{Ll}+ed|told|given|shown|taken|written|said)$/u.test(verb.text)
  );
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

/** Rule 1: a reporting verb soon after the quotation, its subject before or after it. */
function cueAfter(ctx: QuoteContext): Found | undefined {
  const words = ctx.after;
  // `“Boots on the ground” would be appropriate, Ben Carson said`: a quotation that is part of
  // the reported sentence reaches a verb further on, but only through a comma and a name.
  const wideReach = ctx.invitesAttribution || !isTitleLike(ctx.span.text);
  const reach = Math.min(words.length, (wideReach ? NEAR_AFTER_COMMA : NEAR_AFTER) + 1);
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  for (let i = 0; i < reach; i++) {
    const word = words[i] as Word;
    if (SOURCE_MARKERS.has(word.lower)) return undefined;
    if (word.lower === "according") return undefined;
    // Capitalised only where the quotation ended its sentence (`“…?” Said Lukashenko`); after
    // a comma a capital starts a name (`“…,” State Department spokesman Jeff Rathke said`).
    if (!isReportingVerb(word, i === 0 && /[?!]$/u.test(ctx.span.text))) continue;
    // `“…,” state Senate leader Phil Berger …`: `state` before an institution is no verb.
    if (word.lower === "state" && STATE_BODIES.has(words[i + 1]?.lower ?? "")) continue;
    if (isNounUse(words, i)) continue;
    // `a resident who would say only that his name was “Perry” told me`: a verb inside a
    // description (`who` with no comma before it) is not the attribution's.
    if (inRestrictiveRelative(words, i)) continue;
    // `(“Francesco Excommunicates Trump,” declared La Stampa)`: a verb right after another
    // quotation is that one's.
    if (
      i > 0 &&
      /\S\s*\s{3}[\s,]*$/u.test(ctx.masked.slice((words[i - 1] as Word).start, word.start))
    )
      return undefined;
    // `Cruz said he'd make sand “glow in the dark,” and Trump vowed …`: after a conjunction a
    // new clause with its own speaker begins; the quotation is the cue before it's.
    if (
      words.slice(0, i).some((w) => CLAUSE_JOINERS.has(w.lower)) &&
      hasCueBefore(ctx.masked, ctx.span.open)
    )
      return undefined;
    // `“We are not terrorists.” Mr. Zahed said: “…”`: a sentence ending in a colon leads into
    // the next quotation.
    if (
      /\.$/u.test(ctx.span.text) &&
      /:\s*$/u.test(ctx.masked.slice(0, (words[words.length - 1] as Word).end))
    )
      return undefined;
    if (i > NEAR_AFTER && !ctx.invitesAttribution) {
      const comma = findLastIndex(words.slice(0, i), (w) => w.trail.includes(","));
      if (comma < 0) return undefined;
      // `“…” if she didn't win by more, said David Wasserman, an analyst`: the verb first.
      const mention =
        comma === i - 1
          ? subjectAfterVerb(ctx, words, i, at)
          : subjectOfVerb(ctx, words, comma + 1, i, at);
      return mention?.via === "name" ? { mention, cue: word.text } : undefined;
    }
    if (i > 0) {
      // `… about the decision, said RoseAnn DeMoro`: after a comma the subject may follow.
      // (`“…,” Trump, the frontrunner … after winning the primaries, said when …`: the name
      // before a long aside comes first.)
      const mention =
        subjectOfVerb(ctx, words, 0, i, at) ??
        ((words[i - 1] as Word).trail.includes(",")
          ? (longAsideAfter(ctx, words)?.mention ?? subjectAfterVerb(ctx, words, i, at))
          : undefined);
      return mention ? { mention, cue: word.text } : undefined;
    }
    const mention = subjectAfterVerb(ctx, words, i, at);
    return mention ? { mention, cue: word.text } : undefined;
  }
  return ctx.invitesAttribution ? longAsideAfter(ctx, words) : undefined;
}

const MODALS = new Set("would could will can may might should did does do".split(" "));

/** Whether the verb at `verbAt` follows `who` (aux. between) with no comma: part of a description. */
function inRestrictiveRelative(words: readonly Word[], verbAt: number): boolean {
  let at = verbAt - 1;
  while (at > 0 && (isAuxiliary(words[at] as Word) || MODALS.has((words[at] as Word).lower))) at--;
  const relative = words[at];
  return (
    at > 0 &&
    relative?.lower === "who" &&
    relative.trail === "" &&
    (words[at - 1] as Word).trail === ""
  );
}

/** How far a reporting verb may stand after a name and its aside (`“…,” Name, a …, said`). */
const LONG_ASIDE_WORDS = 40;

/**
 * `“…,” Leonard E. Burman, director of the Tax Policy Center and a professor at …, said`: a
 * name right after the quotation, then an aside too long for the usual reach, then the verb.
 */
function longAsideAfter(ctx: QuoteContext, words: readonly Word[]): Found | undefined {
  const phrase = readNamePhrase(words, 0);
  if (phrase?.first !== 0 || !(words[phrase.last] as Word).trail.includes(",")) return undefined;
  const person = findPerson(ctx.people, words, phrase);
  if (person?.kind !== "person") return undefined;
  for (let i = phrase.last + 1; i < Math.min(words.length, LONG_ASIDE_WORDS); i++) {
    const word = words[i] as Word;
    if (isReportingVerb(word) && (words[i - 1] as Word).trail.includes(","))
      return { mention: nameMention(person), cue: word.text };
    if (/[.;:!?]/u.test(word.trail)) return undefined;
  }
  return undefined;
}

/** Capitalised words that open a quotation with a colon but label no speaker. */
const NOT_SPEAKER_LABELS = new Set([
  "UPDATE",
  "BREAKING",
  "NOTE",
  "WATCH",
  "READ",
  "EDITOR'S NOTE",
  "WARNING",
  "ALERT",
  "CORRECTION",
]);

/**
 * `“PENCE: Well, look, …”`: a transcript quoted with its speaker labels. The label names the
 * person the article knows by that surname, else stands as the name.
 */
function transcriptLabel(ctx: QuoteContext): Found | undefined {
  const named = namedLabel(ctx);
  if (named) return named;
  const label = /^\s*((?:\p{Lu}[\p{Lu}'’.-]+ ){0,2}\p{Lu}[\p{Lu}'’.-]+):\s/u.exec(
    ctx.span.text,
  )?.[1];
  if (!label || label.replace(/[^\p{Lu}]/gu, "").length < 3 || NOT_SPEAKER_LABELS.has(label))
    return undefined;
  const surname = (label.split(" ").pop() as string).toLowerCase();
  const known = ctx.people.people.find(
    (p) => p.kind === "person" && p.tokens[p.tokens.length - 1]?.toLowerCase() === surname,
  );
  // A label the article never names is taken only when it reads as a surname (`HOLT`), not
  // as an acronym (`FBI: …`).
  if (!known && !/^[\p{Lu}'’.-]{4,}$/u.test(label.split(" ").pop() as string)) return undefined;
  const person = known ?? transientPerson(ctx.people, label);
  return {
    mention: {
      person,
      certainty: 1,
      via: known ? "transcript label" : "transcript label, as written",
    },
    cue: `${label}:`,
  };
}

/** `“Chris Matthews: Seriously, …”`: a label written as the person's full name, already known. */
function namedLabel(ctx: QuoteContext): Found | undefined {
  const label = /^\s*(\p{Lu}[\p{Ll}'’.-]+(?: \p{Lu}[\p{Ll}'’.-]+){1,2}):\s/u.exec(
    ctx.span.text,
  )?.[1];
  if (!label) return undefined;
  const person = ctx.people.people.find((p) => p.kind === "person" && p.name === label);
  return person
    ? { mention: { person, certainty: 1, via: "transcript label" }, cue: `${label}:` }
    : undefined;
}

/** `PENCE` → `Pence`: a label's words as a name is written. */
function transientPerson(people: PeopleIndex, label: string): Person {
  const tokens = label.split(" ").map((t) => t.charAt(0) + t.slice(1).toLowerCase());
  return people.transientSpeaker(tokens, "person");
}

/**
 * `“…,” a Carrier executive tells employees`, `“…,” one voter said`: a quotation opening its
 * sentence, then an indefinite description naming nobody and a reporting verb. Returns the verb.
 */
function unnamedSpeaker(ctx: QuoteContext): string | undefined {
  if (!ctx.invitesAttribution || ctx.before.length > 0) return undefined;
  const words = ctx.after;
  if (!INDEFINITES.has(words[0]?.lower ?? "")) return undefined;
  for (let i = 1; i < Math.min(words.length, 7); i++) {
    const word = words[i] as Word;
    if (isReportingVerb(word) && !notSpeech(words, i)) return word.text;
    if (word.trail !== "") return undefined;
  }
  return undefined;
}

const INDEFINITES = new Set(["a", "an", "one", "another"]);

/**
 * `“…,” Bennett shot back`, `“…?” Trump went on`, `“…,” he points out`: a name or he/she right
 * after a quotation that invites attribution, then a verb the lexicon does not list. The slot
 * is an attribution's whatever the verb, so its subject spoke.
 */
function subjectAfter(ctx: QuoteContext): Found | undefined {
  // (Only a quotation opening its sentence: after `called the plan “pro-gay,”` a name and a
  // verb start a clause of their own.)
  if (!ctx.invitesAttribution || ctx.before.length > 0) return undefined;
  const words = ctx.after;
  const first = words[0];
  if (!first) return undefined;
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  const gender = isSurnameHe(words, 0) ? undefined : PRONOUNS.get(first.lower);
  let verbAt = 1;
  let mention: Resolved | undefined;
  if (gender) {
    mention = resolvePronoun(ctx, gender, at);
  } else {
    // (`“…,” an angry Hollande retaliated`: a few words of description may come first.)
    // (Adjectives only: `a spokesman for Clinton said` names nobody who spoke.)
    let start = 0;
    if (DETERMINERS.has(first.lower))
      do start++;
      while (start < 3 && words[start] && /^\p{Ll}+$/u.test((words[start] as Word).text));
    const described = words.slice(1, start);
    if (described.some((w) => ROLE_NOUNS.has(w.lower) || PREPOSITIONS.has(w.lower)))
      return undefined;
    const phrase = readNamePhrase(words, start);
    if (!phrase || phrase.first !== start || isPossessive(words[phrase.last])) return undefined;
    if (words.slice(0, start).some((w) => w.trail !== "")) return undefined;
    const person = findPerson(ctx.people, words, phrase);
    if (!person) return undefined;
    mention = nameMention(person);
    verbAt = phrase.last + 1;
  }
  const verb = words[verbAt];
  const subject = words[verbAt - 1] as Word;
  if (!mention || !verb || subject.trail !== "" || !/^\p{Ll}+$/u.test(verb.text)) return undefined;
  // (`a Carrier executive tells`, `a Clinton campaign spokesman said`: a noun after the name.)
  if (
    NOT_VERBS.has(verb.lower) ||
    PREPOSITIONS.has(verb.lower) ||
    RELATIVES.has(verb.lower) ||
    ROLE_NOUNS.has(verb.lower) ||
    ORGANISATION_NOUNS.has(verb.lower)
  )
    return undefined;
  return { mention, cue: verb.text };
}

/**
 * A quotation credited after a dash, as lists of voices and epigraphs do: only one that opens
 * its paragraph, and only a name that the dash is followed by at once.
 */
function dashCredit(ctx: QuoteContext): Found | undefined {
  if (ctx.before.length > 0) return undefined;
  const rest = ctx.masked.slice(ctx.span.close + 1);
  const dash = /^[\s.,]*(?:[―—–]|--?)[ \t]*/u.exec(rest);
  if (!dash) return undefined;
  const words = toWords(rest.slice(dash[0].length, dash[0].length + 200));
  const phrases = nounPhrases(ctx, words, 0, Math.min(words.length, 8));
  const first = phrases[0];
  if (first?.start !== 0 || first.kind !== "name" || !first.person || first.possessive)
    return undefined;
  return { mention: nameMention(first.person), cue: dash[0].trim() };
}

/** `according to X` right after the quotation, or leading into it. */
function accordingTo(ctx: QuoteContext): Found | undefined {
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  const read = (words: readonly Word[], from: number, limit: number) => {
    for (let i = from; i < Math.min(words.length - 1, limit); i++) {
      if ((words[i] as Word).lower === "according" && (words[i + 1] as Word).lower === "to") {
        const phrases = nounPhrases(ctx, words, i + 2, Math.min(words.length, i + 12));
        const mention = firstSubject(ctx, phrases, at, true) ?? sourceNamed(ctx, words, i + 2);
        return mention ? { mention, cue: "according to" } : undefined;
      }
    }
    return undefined;
  };
  // Right after the quotation, or closing its sentence (`…, according to campaign manager Jeff
  // Weaver.`); or opening the sentence before it (`For Trump, according to X, …`).
  const closing = Math.max(3, ctx.after.length - 10);
  const after =
    read(ctx.after, 0, 3) ??
    (ctx.after.slice(closing).some((w) => w.lower === "according")
      ? read(ctx.after, closing, ctx.after.length)
      : undefined);
  return after ?? (ctx.before.length <= 16 ? read(ctx.before, 0, 5) : undefined);
}

/**
 * `according to HuffPo`, `according to Nielsen`: a capitalised name right after the phrase is a
 * source even when the index never met it beside a verb (as a publication or a company).
 */
function sourceNamed(ctx: QuoteContext, words: readonly Word[], at: number): Resolved | undefined {
  const phrase = readNamePhrase(words, at);
  if (!phrase || phrase.first !== at) return undefined;
  // (`Nielsen.)`: a full stop before a closing parenthesis stays on the word.)
  const tokens = [...phrase.titleTokens, ...phrase.nameTokens].map((t) =>
    t.length > 3 ? t.replace(/\.$/u, "") : t,
  );
  if (tokens.length > 4) return undefined;
  return nameMention(transientOrganisation(ctx.people, tokens));
}

/**
 * The last reporting verb of the words, skipping nouns of the same form (`McCaskill said voters
 * in her state would …`: `state` is no cue), or -1.
 */
function lastCue(words: readonly Word[]): number {
  let at = words.length - 1;
  while (at >= 0 && (!isReportingVerb(words[at]) || notSpeech(words, at))) at--;
  return at;
}

/**
 * A reporting verb's form that reports nothing here: a noun (`his remarks`), a verb inside a
 * description (`women who complained about …`), `continue to be`, `state` before a noun.
 */
function notSpeech(words: readonly Word[], i: number): boolean {
  const word = words[i] as Word;
  const next = words[i + 1];
  return (
    isNounUse(words, i) ||
    inRestrictiveRelative(words, i) ||
    (/^continu/u.test(word.lower) && next?.lower === "to" && word.trail === "") ||
    (word.lower === "state" && word.trail === "" && next !== undefined && next.lower !== "that")
  );
}

/** Rule 3: the reporting verb nearest before the opening mark, and its subject. */
function cueBefore(ctx: QuoteContext): Found | undefined {
  const words = ctx.before;
  const verbAt = lastCue(words);
  if (verbAt === -1) return undefined;
  const verb = words[verbAt] as Word;
  if (SOURCE_MARKERS.has(verb.lower)) return undefined;
  if (isPassive(words, verbAt)) {
    // `Rubio was asked by moderator Gerard Baker whether …“…”`: the agent after `by` speaks.
    if (words[verbAt + 1]?.lower !== "by") return undefined;
    const agent = subjectAfterVerb(ctx, words, verbAt + 1, {
      paragraph: ctx.paragraph,
      offset: ctx.span.open,
    });
    return agent?.via === "name" ? { mention: agent, cue: `${verb.text} by` } : undefined;
  }
  // `… said she must focus on what he called a “revolutionary mood”`: a framing verb nearer the
  // quotation decides (the fragment-cue rule).
  if (findLastIndex(words, (w) => FRAGMENT_CUES.has(w.lower)) > verbAt) return undefined;
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  // `said Jane Doe: “…”`: the subject follows the verb.
  if (verbAt === 0 || endsClause(words[verbAt - 1])) {
    const mention = subjectAfterVerb(ctx, words, verbAt, at);
    return mention ? { mention, cue: verb.text } : undefined;
  }
  const participle = participleSubject(ctx, words, verbAt, at);
  if (participle) return { mention: participle, cue: verb.text };
  const mention = subjectOfVerb(ctx, words, clauseStart(words, verbAt), verbAt, at);
  return mention ? { mention, cue: verb.text } : undefined;
}

/**
 * Where the clause of the verb at `verbAt` starts: after the previous reporting verb, except one
 * inside an aside set off by commas just before the verb (`Mrs. Clinton, who did not say that
 * …, said`), which is not this clause's.
 */
function clauseStart(words: readonly Word[], verbAt: number): number {
  let end = verbAt;
  while (end > 0 && isAuxiliary(words[end - 1] as Word)) end--;
  const aside = appositionStart(words, 0, end);
  const searchTo = aside !== -1 ? aside : verbAt;
  return findLastIndex(words.slice(0, searchTo), isReportingVerb) + 1;
}

/**
 * `Nefzi said, adding, “…”` and `Mr. Carson endorsed Mr. Trump, calling him “…”`: a participle
 * after a comma shares the subject of the clause before it, not the nearest noun.
 */
function participleSubject(
  ctx: QuoteContext,
  words: readonly Word[],
  verbAt: number,
  at: Position,
): Resolved | undefined {
  const verb = words[verbAt] as Word;
  const before = words[verbAt - 1];
  if (!verb.lower.endsWith("ing") || !before) return undefined;
  // `Trump issued a statement saying …`, `… by saying`, `… before saying,`: the participle
  // shares the clause's subject here too.
  if (DOCUMENT_NOUNS.has(before.lower) || PARTICIPLE_LINKS.has(before.lower))
    return firstSubject(ctx, nounPhrases(ctx, words, 0, verbAt), at);
  if (!before.trail.includes(",")) return undefined;
  const previousVerb = findLastIndex(words.slice(0, verbAt), isReportingVerb);
  if (previousVerb > 0) return subjectOfVerb(ctx, words, 0, previousVerb, at);
  return firstSubject(ctx, nounPhrases(ctx, words, 0, verbAt), at);
}

/** What a statement is issued as (`issued a statement saying`). */
const DOCUMENT_NOUNS = new Set(
  "statement release letter tweet tweets email message memo note post video ad advertisement op-ed column interview".split(
    " ",
  ),
);

/** Words that tie a participle to the clause's subject (`by saying`, `before adding`). */
const PARTICIPLE_LINKS = new Set(["by", "before", "after", "while", "when", "in"]);

function endsClause(word: Word | undefined): boolean {
  return word === undefined || /[.;:!?]/u.test(word.trail);
}

/** `X called the plan “…”`: a verb that frames a quoted fragment as someone's words. */
function fragmentCue(ctx: QuoteContext): Found | undefined {
  const words = ctx.before;
  const verbAt = findLastIndex(words, (w) => FRAGMENT_CUES.has(w.lower));
  if (verbAt <= 0 || words.length - verbAt > 8) return undefined;
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  const mention =
    participleSubject(ctx, words, verbAt, at) ?? subjectOfVerb(ctx, words, 0, verbAt, at);
  return mention ? { mention, cue: (words[verbAt] as Word).text } : undefined;
}

/** Rule 5: a sentence that leads into the quotation with a colon gives its first person. */
function colonLeadIn(ctx: QuoteContext): Found | undefined {
  if (!/:\s*$/u.test(ctx.beforeText)) return undefined;
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  const mention = firstSubject(ctx, nounPhrases(ctx, ctx.before, 0, ctx.before.length), at);
  return mention ? { mention, cue: ":" } : undefined;
}

/**
 * A quotation opening its paragraph after a paragraph that ends with a colon (`The New York
 * Times reports:`, `Sanders made the following comment:`): that sentence's first subject.
 */
function colonParagraph(ctx: QuoteContext): Found | undefined {
  if (ctx.span.open > 0 || !/:\s*$/u.test(ctx.previousParagraph)) return undefined;
  const text = ctx.previousParagraph;
  const end = text.trimEnd().length;
  const words = wordsAt(text, sentenceStart(text, end - 1), end);
  const at = { paragraph: ctx.paragraph - 1, offset: end };
  const mention = firstSubject(ctx, nounPhrases(ctx, words, 0, words.length), at);
  return mention ? { mention, cue: ":" } : undefined;
}

/** `as The New Yorker put it, “…”` / `“…,” as Smith put it`: the idiom names the speaker. */
function asPutIt(ctx: QuoteContext): Found | undefined {
  const read = (words: readonly Word[]) => {
    for (let i = 0; i + 2 < words.length; i++) {
      if ((words[i] as Word).lower !== "as") continue;
      const put = words.findIndex(
        (w, j) => j > i && w.lower === "put" && words[j + 1]?.lower === "it",
      );
      if (put === -1 || put > i + 7) continue;
      const phrases = nounPhrases(ctx, words, i + 1, put);
      const mention = firstSubject(ctx, phrases, {
        paragraph: ctx.paragraph,
        offset: ctx.span.open,
      });
      if (mention) return { mention, cue: "put it" };
      // `as The New Yorker put it`: a name the index never met beside a verb still speaks here.
      const named = readNamePhrase(words, i + 1);
      if (named && named.last === put - 1) {
        const tokens = [...named.titleTokens, ...named.nameTokens];
        return { mention: nameMention(transientOrganisation(ctx.people, tokens)), cue: "put it" };
      }
    }
    return undefined;
  };
  return read(ctx.before.slice(-12)) ?? read(ctx.after.slice(0, 10));
}

/**
 * `Reid has gone after Trump as a “human leech”`, `pounding Trump as a “con artist”`: a
 * sentence's named subject characterising someone `as` the quoted words.
 */
function characterisedAs(ctx: QuoteContext): Found | undefined {
  const words = ctx.before;
  const as = findLastIndex(words, (w) => w.lower === "as");
  if (
    as === -1 ||
    words.length - as > 3 ||
    !words.slice(as + 1).every((w) => DETERMINERS.has(w.lower))
  )
    return undefined;
  // `known as` and `such as` name or list; only a verb's object before `as` characterises.
  if (/^(known|such|so|same|well)$/u.test(words[as - 1]?.lower ?? "")) return undefined;
  const names = nounPhrases(ctx, words, 0, as).filter(
    (p): p is NamePhraseRef =>
      p.kind === "name" && p.person !== undefined && !p.possessive && !p.afterPreposition,
  );
  const [first, second] = names;
  if (!first || first.start > 4) return undefined;
  // `Mr. Trump's campaign chairman, Paul Manafort, dismissed …`: the name in apposition is who.
  const aside =
    first.person.kind === "org" &&
    second?.person.kind === "person" &&
    (words[second.start - 1] as Word).trail.includes(",")
      ? second
      : first;
  return { mention: nameMention(aside.person), cue: "as" };
}

/**
 * A quotation that opens its sentence with no cue of its own, right after a sentence of
 * reported speech in the same paragraph (`…, Schiff said. “…”`): that sentence's speaker goes on.
 */
function previousSentence(ctx: QuoteContext): Found | undefined {
  if (ctx.before.length > 0 || isTitleLike(ctx.span.text)) return undefined;
  const end = sentenceStart(ctx.masked, ctx.span.open);
  if (end <= 0) return undefined;
  const start = sentenceStart(ctx.masked, end - 1);
  // A sentence with a quotation of its own has handed its speaker on already (`follow-on`).
  if (ctx.lastClose >= start) return undefined;
  const words = wordsAt(ctx.masked, start, end);
  const verbAt = lastCue(words);
  if (verbAt === -1 || SOURCE_MARKERS.has((words[verbAt] as Word).lower)) return undefined;
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  const inverted = verbAt === 0 || (words[verbAt - 1] as Word).trail.includes(",");
  const mention =
    (inverted ? subjectAfterVerb(ctx, words, verbAt, at) : undefined) ??
    subjectOfVerb(ctx, words, clauseStart(words, verbAt), verbAt, at);
  // Only a name: a pronoun there is better served by the quotation before, carried over.
  return mention?.via === "name" ? { mention, cue: (words[verbAt] as Word).text } : undefined;
}

/**
 * Rule 6: a quoted fragment inside a sentence whose subject is a named person, with a verb
 * between (`Trump blamed the problem on “sickos”`). The quoted words are that person's; unsure
 * enough that they never become a key quote on this rule alone.
 */
function sentenceSubject(ctx: QuoteContext): Found | undefined {
  if (isTitleLike(ctx.span.text)) return undefined;
  const words = ctx.before;
  if (words.length < 2 || ctx.span.close >= ctx.masked.length) return undefined;
  const phrase = readNamePhrase(words, 0);
  if (!phrase || isPossessive(words[phrase.last])) return undefined;
  // `Aaron Kall, the director of debate at …, compared Trump to …`: an aside after the name.
  const asideEnd = (words[phrase.last] as Word).trail.includes(",")
    ? words.findIndex((w, i) => i > phrase.last && i <= phrase.last + 16 && w.trail.includes(","))
    : phrase.last;
  if (asideEnd === -1) return undefined;
  if (passiveAfter(words, asideEnd + 1)) return undefined;
  const verb = words[asideEnd + 1];
  if (
    !verb ||
    /^\p{Lu}/u.test(verb.text) ||
    (asideEnd === phrase.last && (words[phrase.last] as Word).trail !== "")
  )
    return undefined;
  // `Former Obama spokesman Robert Gibbs derided …`, `In Just the Way You Are, …`: what follows
  // the name is no verb, so the name is no subject.
  if (NOT_VERBS.has(verb.lower) || ROLE_NOUNS.has(verb.lower)) return undefined;
  const person = findPerson(ctx.people, words, phrase);
  if (person?.kind !== "person") return undefined;
  return { mention: { person, certainty: 1, via: "name" }, cue: verb.text };
}

/** Words that never follow a subject as its verb. */
// (Not prepositions: `Paul Ryan on Tuesday called it “racist”`.)
const NOT_VERBS = new Set([...NOUN_MARKERS, "and", "or"]);

/**
 * Rule 7: a quoted fragment inside a sentence with no cue at all: the person who is the
 * sentence's subject before it, wherever the subject stands (after an opening phrase, after a
 * title). The least sure rule: never a key quote.
 */
function clauseSubject(ctx: QuoteContext): Found | undefined {
  if (isTitleLike(ctx.span.text)) return undefined;
  const first = ctx.before[0];
  if (ctx.before.length < 2 || !first || ctx.span.close >= ctx.masked.length) return undefined;
  // Only when the sentence names nobody else before the quotation: with two people in it, the
  // fragment may be either's (`Trump mocked Clinton's “deplorables”`).
  const named = new Set<Person>();
  let subject: Mention | undefined;
  for (const m of ctx.people.mentionsBefore(ctx.paragraph, ctx.span.open)) {
    if (m.paragraph !== ctx.paragraph || m.offset < first.start) break;
    named.add(m.person);
    if (m.subject && m.person.kind === "person") subject = m;
  }
  if (!subject || named.size !== 1) return undefined;
  // The word after the subject's name: a passive there makes the subject the one addressed.
  const offset = subject.offset;
  const after = ctx.before.findIndex((w) => w.start > offset && !isCapitalised(w));
  if (after !== -1 && passiveAfter(ctx.before, after)) return undefined;
  return subject
    ? { mention: { person: subject.person, certainty: 1, via: "sentence subject" }, cue: "" }
    : undefined;
}

/** Words before a quotation that make it a name or a term, nobody's words. */
// (Not `the word “…”` or `titled “…”`: whoever used the word or wrote the title is named for
// those on PolNeAR, rightly for a reader.)
const NAMING_MARKERS = ["known as", "so-called", "dubbed", "nicknamed", "named", "hashtag"];

/**
 * `a period known as “La Violencia” (“The Violence”)`, `the so-called “Gang of Eight”`: the
 * quotation names something. Returns the marker, or undefined.
 */
function namingMarker(ctx: QuoteContext): string | undefined {
  const before = ctx.beforeText.toLowerCase().replace(/\s+/gu, " ").trimEnd();
  const marker = NAMING_MARKERS.find((m) => before.endsWith(` ${m}`) || before === m);
  if (marker) return marker;
  // A translation or gloss in parentheses right after a named thing: `“La Violencia” (“The Violence”)`.
  if (
    /\(\s*$/u.test(ctx.masked.slice(Math.max(0, ctx.span.open - 3), ctx.span.open)) &&
    isTitleLike(ctx.span.text)
  )
    return "(";
  return undefined;
}

/**
 * `“Now Everyone Can Fly”`, `“Jokowi”`: every word capitalised, a title, slogan or nickname.
 * Nobody's words, so the rules that guess from the sentence leave it alone.
 */
export function isTitleLike(text: string): boolean {
  const words = text.split(/\s+/u).filter((w) => /\p{L}/u.test(w));
  return words.length > 0 && words.length <= 6 && words.every((w) => /^["“‘(]?\p{Lu}/u.test(w));
}

function nameMention(person: Person): Resolved {
  return person.kind === "org"
    ? { person, certainty: 0.9, via: "organisation name" }
    : { person, certainty: 1, via: "name" };
}

/** A resolved mention and how sure the resolution is (1 for a name). */
interface Resolved {
  person: Person;
  certainty: number;
  /** How the mention was resolved, for --explain: `name`, `pronoun: last speaker`, … */
  via: string;
  /** For a pronoun: every candidate it was chosen from, with its probability. */
  choice?: PronounChoice;
}

interface Position {
  paragraph: number;
  offset: number;
}

/** What `state` qualifies when it is an adjective (`state Senate`, `state Rep.`). */
const STATE_BODIES = new Set(
  "senate house legislature assembly department officials official lawmakers rep. rep sen. sen senator representative attorney police party government capitol".split(
    " ",
  ),
);

/** Words after which `of` continues a title (`secretary of state`, `director of debate`). */
const ROLE_OR_TITLE = new Set([...ROLE_NOUNS, ...TITLES]);

const RELATIVES = new Set(["who", "whom", "whose", "which", "that"]);

/** How far after the verb the name may end (`said former Pennsylvania Gov. and … Ed Rendell`). */
const AFTER_VERB_WORDS = 12;

/**
 * After a verb the speaker comes at once: a name, he/she, the/a + role, or descriptive words and
 * then a name (`says veteran analyst Ken Doctor`). In `said ACLU executive director Anthony
 * Romero` the name nearest the end of the phrase is the person.
 */
function subjectAfterVerb(
  ctx: QuoteContext,
  words: readonly Word[],
  verbAt: number,
  at: Position,
): Resolved | undefined {
  const next = words[verbAt + 1];
  // `suggests that Phoenix …`: what follows is what was said, not who said it.
  if (!next || (words[verbAt] as Word).trail !== "" || next.lower === "that") return undefined;
  let end = verbAt + 1;
  while (end < words.length && end < verbAt + AFTER_VERB_WORDS) {
    const w = words[end] as Word;
    // (`said former secretary of state Hillary Clinton`: `of` inside a title does not end it.)
    const inTitle = w.lower === "of" && ROLE_OR_TITLE.has(words[end - 1]?.lower ?? "");
    const verbHere = isReportingVerb(w) && words[end - 1]?.lower !== "of";
    if (verbHere || (PREPOSITIONS.has(w.lower) && end > verbAt + 1 && !inTitle)) break;
    // `said a committee member who supports Trump`: a relative clause is not the subject, nor
    // is a clause a subordinator opens (`said when Boyle asked him`).
    if (RELATIVES.has(w.lower) || SUBORDINATORS.has(w.lower)) break;
    end++;
    if (w.trail !== "" && !/^[’']s?$/u.test(w.trail)) break;
  }
  const phrases = nounPhrases(ctx, words, verbAt + 1, end);
  const described = describedName(ctx, words, verbAt);
  if (described) return nameMention(described);
  if (phrases.length === 0) return undefined;
  const first = phrases[0] as NounPhrase;
  if (first.kind === "pronoun" || first.kind === "role")
    return first.start === verbAt + 1 ? resolve(ctx, first, at) : undefined;
  // `told me as he looked around`: an object, not a subject.
  const persons = phrases.filter(
    (p): p is NamePhraseRef => p.kind === "name" && p.person !== undefined && !p.possessive,
  );
  const person =
    persons.filter((p) => p.person.kind === "person").pop() ?? persons[persons.length - 1];
  // `said Montclair State University political scientist Brigid Harrison`: a few words of
  // description may stand between the verb and the name.
  if (!person || person.start > verbAt + AFTER_VERB_WORDS) return undefined;
  return nameMention(person.person);
}

/** How many words of description may stand between a verb and the name set off after them. */
const DESCRIPTION_WORDS = 10;

/**
 * `said another Twitter user, Johanna Bayer.`, `said his best friend at Lehigh, Bruce Turry,
 * who …`, `said another leading Supreme Court advocate, Andrew J. Pincus of …`: a description
 * naming nobody, then after its comma the person, whose name ends the clause.
 */
function describedName(
  ctx: QuoteContext,
  words: readonly Word[],
  verbAt: number,
): Person | undefined {
  let comma = -1;
  for (let i = verbAt + 1; i < Math.min(words.length, verbAt + 1 + DESCRIPTION_WORDS); i++) {
    const w = words[i] as Word;
    if (w.trail.includes(",")) {
      comma = i;
      break;
    }
    if (w.trail !== "" && !/^[’']s?$/u.test(w.trail)) return undefined;
  }
  if (comma === -1) return undefined;
  const description = nounPhrases(ctx, words, verbAt + 1, comma + 1);
  if (description.some((p) => (p.kind === "name" && p.person) || p.kind === "pronoun"))
    return undefined;
  const phrase = readNamePhrase(words, comma + 1);
  if (!phrase || phrase.first !== comma + 1) return undefined;
  const person = findPerson(ctx.people, words, phrase);
  const last = words[phrase.last] as Word;
  const next = words[phrase.last + 1];
  const closes =
    /[,.;]/u.test(last.trail) || (last.trail === "" && (!next || PREPOSITIONS.has(next.lower)));
  return person?.kind === "person" && closes ? person : undefined;
}

/**
 * The subject of the reporting verb at `verbAt`, looking back no further than `from`: for an
 * infinitive the clause's first noun phrase; else the nearest noun phrase before the verb,
 * skipping an apposition set off by commas (`Dan Centinello, Romney’s deputy, said`).
 */
function subjectOfVerb(
  ctx: QuoteContext,
  words: readonly Word[],
  from: number,
  verbAt: number,
  at: Position,
): Resolved | undefined {
  // `Austin spoke to Reznikov to reiterate “…”`: an infinitive's subject is its clause's first.
  if (words[verbAt - 1]?.lower === "to") {
    const subject = firstSubject(ctx, nounPhrases(ctx, words, from, verbAt), at);
    // Right about half the time on PolNeAR train (`expects Obama to announce`): shown, never a
    // key quote.
    return (
      subject && {
        ...subject,
        certainty: subject.certainty * 0.75,
        via: `${subject.via}, subject of the infinitive's clause`,
      }
    );
  }
  let end = verbAt;
  // Skip adverbs and auxiliaries between subject and verb (`he also said`, `she has said`).
  while (end > from && isAuxiliary(words[end - 1] as Word)) end--;
  // `criticism from Senator Jane Doe, who said`: a relative clause's subject is the name it
  // hangs on (a person for `who`, an organisation for `which`), even after a preposition.
  const relative = words[end - 1]?.lower;
  if ((relative === "who" || relative === "which") && /,/u.test(words[end - 2]?.trail ?? "")) {
    const antecedent = nounPhrases(ctx, words, 0, end - 1).pop();
    const wanted = relative === "who" ? "person" : "org";
    if (
      antecedent?.kind === "name" &&
      antecedent.person?.kind === wanted &&
      !antecedent.possessive &&
      antecedent.end === end - 1
    )
      return resolve(ctx, antecedent, { paragraph: at.paragraph, offset: antecedent.offset });
    return undefined;
  }
  // `Clinton … did not mention Trump by name, but told city leaders`: a second verb of the same
  // subject, which stands at the clause's start, not next to the verb.
  // (From the sentence's start: the first verb may itself be a reporting one, `did not mention`.)
  if (COORDINATORS.has(words[end - 1]?.lower ?? "")) {
    // `When asked whom she supported, Ms. Sherry smiled and said`: an opening clause set off by
    // a comma is not where the subject stands, when a name follows it.
    const opening = words.findIndex((w, i) => i < end - 2 && w.trail.includes(","));
    const main =
      opening !== -1 && opensWithAdverbial(words[0])
        ? firstSubject(ctx, nounPhrases(ctx, words, opening + 1, end - 1), at)
        : undefined;
    return main ?? firstSubject(ctx, nounPhrases(ctx, words, 0, end - 1), at);
  }
  // `…, with Sen. John McCain calling it a “Chinese menu”`: the subject of an absolute phrase
  // is the name between `with` and the participle.
  if ((words[verbAt] as Word).lower.endsWith("ing")) {
    const phrase = nounPhrases(ctx, words, from, end).pop();
    if (
      phrase?.kind === "name" &&
      phrase.person &&
      !phrase.possessive &&
      phrase.end === end &&
      words[phrase.start - 1]?.lower === "with"
    )
      return resolve(ctx, phrase, { paragraph: at.paragraph, offset: phrase.offset });
  }
  const apposition = appositionStart(words, from, end, ctx.masked);
  if (apposition !== -1) {
    // `Senator Chris Murphy of Connecticut, who …, said`: the subject is the last name before
    // the aside that is not governed by a preposition.
    // (`after Mr. Trump, asked about …, had said`: a name after a subordinator counts.)
    const head = nounPhrases(ctx, words, from, apposition)
      .filter(
        (p) =>
          isSubjectCandidate(p) ||
          (p.kind === "name" &&
            p.person !== undefined &&
            !p.possessive &&
            SUBORDINATORS.has(words[p.start - 1]?.lower ?? "")),
      )
      .pop();
    // `the Vatican spokesman, Federico Lombardi, told`: a role whose aside is just a name.
    const aside = appositiveName(ctx, words, apposition, end);
    // (`Mr. Trump's campaign chairman, Paul Manafort, dismissed`: past an organisation too.)
    if (aside && (head?.kind !== "name" || head.person?.kind === "org")) return nameMention(aside);
    if (head && jointSubject(ctx, words, head)) return undefined;
    if (head) return resolve(ctx, head, { paragraph: at.paragraph, offset: head.offset });
    // `Officials at Homeland Security Investigations, a division of Immigration and Customs
    // Enforcement, said`: no speaker before the aside, and none inside it.
    return undefined;
  }
  const phrases = nounPhrases(ctx, words, from, end);
  for (let i = phrases.length - 1; i >= 0; i--) {
    const phrase = phrases[i] as NounPhrase;
    if (phrase.end < end - 1 && i === phrases.length - 1 && phrase.kind === "thing")
      return undefined;
    // `hours after Sanders said`: a name right before the verb is its subject, whatever word
    // (a preposition or a conjunction such as `after`) stands before the name.
    if (
      phrase.kind === "name" &&
      phrase.person &&
      !phrase.possessive &&
      phrase.end === end &&
      SUBORDINATORS.has(words[phrase.start - 1]?.lower ?? "")
    )
      return resolve(ctx, phrase, { paragraph: at.paragraph, offset: phrase.offset });
    if (!isSubjectCandidate(phrase)) {
      // The nearest phrase is the verb's subject; a thing there (`the report said`) names nobody,
      // nor does a name the index does not know (`as The Daily Beast called them`): an earlier
      // name is not the subject.
      const unknownName = phrase.kind === "name" && !phrase.person && !phrase.possessive;
      if (
        (phrase.kind === "thing" || unknownName) &&
        !phrase.afterPreposition &&
        phrase.end === end
      )
        return undefined;
      continue;
    }
    return resolve(ctx, phrase, { paragraph: at.paragraph, offset: phrase.offset });
  }
  return undefined;
}

const COORDINATORS = new Set(["and", "but", "yet"]);

/** Words after which a new clause, with a subject of its own, may begin. */
const CLAUSE_JOINERS = new Set(["and", "but", "while", "whereas", "yet"]);

/** `When asked …,`, `After the vote,`, `Speaking to reporters,`: an opening clause or phrase. */
function opensWithAdverbial(word: Word | undefined): boolean {
  if (!word) return false;
  return (
    SUBORDINATORS.has(word.lower) ||
    /^(if|as|although|though|asked|speaking|in|on|at|during|for)$/u.test(word.lower) ||
    /^\p{Lu}\p{Ll}+ing$/u.test(word.text)
  );
}

/** Words that open a clause whose subject follows (`hours after Sanders said`). */
const SUBORDINATORS = new Set(["after", "before", "since", "until", "when", "while", "because"]);

/** Words that may stand between a subject and its reporting verb. */
const AUXILIARIES = new Set(
  "also has have had later then again once previously recently further simply repeatedly frequently often just now still even never always".split(
    " ",
  ),
);

/** `also`, `has`, `famously`: words between a subject and its verb. */
function isAuxiliary(word: Word): boolean {
  return (
    word.trail === "" &&
    (AUXILIARIES.has(word.lower) || (word.lower.length > 4 && /^\p{Ll}+ly$/u.test(word.text)))
  );
}

/**
 * How long an aside between commas may be (`Senator Bob Corker, a Tennessee Republican who has
 * met privately with Mr. Trump and been mentioned as a vice-presidential choice, said`): 16
 * missed such asides on PolNeAR train; 32 adds six right speakers and no wrong one.
 */
const APPOSITION_WORDS = 32;

/**
 * Where an apposition before the verb starts, when the word before the verb ends with a comma
 * and an earlier comma opens it (`Name, a teacher at X, said`): the index of the word after the
 * name, or -1.
 */
function appositionStart(words: readonly Word[], from: number, end: number, text = ""): number {
  // `John Dickey, the chief executive of Ora Media -- the company that … -- told me`: an aside
  // between dashes (which toWords drops), perhaps after a comma aside of its own.
  const dashAfter = (i: number) => {
    const a = words[i];
    const b = words[i + 1];
    return (
      a !== undefined && b !== undefined && /\s(--|—|–)\s/u.test(text.slice(a.end - 1, b.start + 1))
    );
  };
  if (text && dashAfter(end - 1)) {
    for (let i = end - 2; i >= from && i >= end - 30; i--) {
      if (!dashAfter(i)) continue;
      const outer = appositionStart(words, from, i + 1, text);
      return outer !== -1 ? outer : i + 1;
    }
    return -1;
  }
  if (!(words[end - 1]?.trail ?? "").includes(",")) return -1;
  for (let i = end - 2; i >= from && i >= end - APPOSITION_WORDS; i--) {
    if ((words[i] as Word).trail.includes(",")) return i + 1;
  }
  return -1;
}

/** The person an aside of words[from, to) names when the aside is nothing but a name. */
function appositiveName(
  ctx: QuoteContext,
  words: readonly Word[],
  from: number,
  to: number,
): Person | undefined {
  const phrase = readNamePhrase(words, from);
  if (!phrase || phrase.first !== from || phrase.last !== to - 1) return undefined;
  const person = findPerson(ctx.people, words, phrase);
  return person?.kind === "person" ? person : undefined;
}

/**
 * `Phil Berger and House Speaker Tim Moore, both Republicans, said`: two people said it
 * together, and the quotation is neither's alone.
 */
function jointSubject(ctx: QuoteContext, words: readonly Word[], phrase: NounPhrase): boolean {
  const i = phrase.start - 1;
  if (words[i]?.lower !== "and") return false;
  // Back over the second name's title words (`House Speaker`) to the first name.
  const before = nounPhrases(ctx, words, Math.max(0, i - 6), i).pop();
  return before?.kind === "name" && before.person?.kind === "person" && before.end >= i - 2;
}

function isSubjectCandidate(phrase: NounPhrase): boolean {
  switch (phrase.kind) {
    case "pronoun":
      return true;
    case "role":
      return (
        (phrase.definite || phrase.speaksFor !== undefined) &&
        !phrase.afterPreposition &&
        !phrase.afterComma
      );
    case "name":
      return phrase.person !== undefined && !phrase.afterPreposition && !phrase.possessive;
    case "thing":
      return false;
    case "org-ref":
      return true;
  }
}

/** Pronouns that may stand for an organisation, and how sure that reading is. */
const ORGANISATION_PRONOUNS = new Map([
  ["it", 0.75],
  ["they", 0.55],
]);

interface PhraseBase {
  /** Index of the phrase's first word, and one past its last. */
  start: number;
  end: number;
  /** Offset in the paragraph, for resolving pronouns before it. */
  offset: number;
}

type NamePhraseRef = PhraseBase & {
  kind: "name";
  person: Person;
  afterPreposition: boolean;
  possessive: boolean;
};

type NounPhrase = PhraseBase &
  (
    | { kind: "pronoun"; gender: "male" | "female" }
    | {
        kind: "role";
        definite: boolean;
        afterComma: boolean;
        afterPreposition: boolean;
        role: RolePhrase;
        /** `a spokesman for Google`: the organisation the role speaks for, when named. */
        speaksFor: Person | undefined;
      }
    | {
        kind: "name";
        person: Person | undefined;
        afterPreposition: boolean;
        possessive: boolean;
      }
    | { kind: "thing"; afterPreposition: boolean }
    | { kind: "org-ref"; certainty: number }
  );

const DETERMINERS = new Set(["the", "a", "an"]);

/**
 * The noun phrases of words[from, to) that could be a subject, in order: pronouns, `the`/`a` +
 * role, names (with the person they name, if any), and other determiner phrases as things.
 */
function nounPhrases(
  ctx: QuoteContext,
  words: readonly Word[],
  from: number,
  to: number,
): NounPhrase[] {
  const phrases: NounPhrase[] = [];
  for (let i = from; i < to; i++) {
    const word = words[i] as Word;
    const base = { start: i, end: i + 1, offset: word.start };
    const gender = isSurnameHe(words, i) ? undefined : PRONOUNS.get(word.lower);
    if (gender) {
      phrases.push({ ...base, kind: "pronoun", gender });
      continue;
    }
    // `it said`, `they said`: an organisation, when one was the subject just before.
    const orgPronoun = ORGANISATION_PRONOUNS.get(word.lower);
    if (orgPronoun !== undefined) {
      phrases.push({ ...base, kind: "org-ref", certainty: orgPronoun });
      continue;
    }
    // `the company said`: the organisation last named.
    const nextNoun = words[i + 1];
    if (
      word.lower === "the" &&
      nextNoun &&
      ORGANISATION_NOUNS.has(nextNoun.lower) &&
      !/^\p{Lu}/u.test(nextNoun.text) &&
      i + 1 < to
    ) {
      phrases.push({ ...base, end: i + 2, kind: "org-ref", certainty: 0.85 });
      i++;
      continue;
    }
    // A parenthesis (`Michael Doherty (R-Warren) said`) is an aside, never the subject.
    // (One still open where the window ends holds the quotation: its words are the clause.)
    const closes = word.lead.includes("(")
      ? words.slice(i, to).findIndex((w) => w.trail.includes(")"))
      : -1;
    if (closes !== -1) {
      i += closes;
      continue;
    }
    if (DETERMINERS.has(word.lower)) {
      const role = readRole(words, i + 1, to);
      const afterComma = (words[i - 1]?.trail ?? "").includes(",");
      const afterPreposition = governs(words[i - 1], word);
      const definite = word.lower === "the";
      const last = endOfDeterminerPhrase(words, i, to, role);
      const org = definite ? organisationAfter(ctx, words, i + 1, last + 1) : undefined;
      const named = definite && !org ? readNamePhrase(words, i + 1) : undefined;
      const known =
        named && named.first === i + 1 ? findPerson(ctx.people, words, named) : undefined;
      // `the Times`, `the Rev. Peter Wherry`: an organisation, or a person under a title.
      if (named && (known?.kind === "org" || (known && named.titleTokens.length > 0))) {
        phrases.push({
          ...base,
          end: named.last + 1,
          kind: "name",
          person: known,
          afterPreposition,
          possessive: isPossessive(words[named.last]),
        });
        i = named.last;
        continue;
      }
      const span = { ...base, end: last + 1 };
      if (org)
        phrases.push({ ...span, kind: "name", person: org, afterPreposition, possessive: false });
      else
        phrases.push(
          role
            ? {
                ...span,
                kind: "role",
                definite,
                afterComma,
                afterPreposition,
                role,
                speaksFor: organisationSpokenFor(ctx, words, role, last + 1),
              }
            : { ...span, kind: "thing", afterPreposition },
        );
      i = last;
      continue;
    }
    const phrase = readNamePhrase(words, i);
    if (!phrase) continue;
    // (`Institute for Science and International Security`: the second of two names joined
    // after a preposition is governed by it too.)
    const previous = phrases[phrases.length - 1];
    const conjoined =
      /^(and|or)$/u.test(words[phrase.first - 1]?.lower ?? "") &&
      previous?.kind === "name" &&
      previous.afterPreposition &&
      previous.end === phrase.first - 1;
    const afterPreposition =
      conjoined ||
      (governs(words[phrase.first - 1], words[phrase.first] as Word) &&
        words[phrase.first - 2]?.lower !== "according");
    const found = findPerson(ctx.people, words, phrase);
    const owner = words[phrase.last] as Word;
    const orgNoun = words[phrase.last + 1];
    // `Mrs. Clinton’s campaign said`: the campaign speaks, under its owner's name.
    if (found && isPossessive(owner) && orgNoun && ORGANISATION_NOUNS.has(orgNoun.lower)) {
      const surname = found.tokens[found.tokens.length - 1] ?? found.name;
      phrases.push({
        start: phrase.first,
        end: phrase.last + 2,
        offset: (words[phrase.first] as Word).start,
        kind: "name",
        person: ctx.people.campaignOf(found, surname, orgNoun.lower),
        afterPreposition,
        possessive: false,
      });
      i = phrase.last + 1;
      continue;
    }
    const person = found;
    phrases.push({
      start: phrase.first,
      end: phrase.last + 1,
      offset: (words[phrase.first] as Word).start,
      kind: "name",
      person,
      afterPreposition,
      possessive: isPossessive(words[phrase.last]),
    });
    i = Math.max(i, phrase.last);
  }
  return phrases.filter((p) => p.end <= to || p.kind !== "name");
}

/** `the Clinton campaign`: an organisation the index knows, named after `the`. */
function organisationAfter(
  ctx: QuoteContext,
  words: readonly Word[],
  from: number,
  to: number,
): Person | undefined {
  const tokens = words.slice(from, to).map((w) => w.text);
  const last = tokens[tokens.length - 1]?.toLowerCase() ?? "";
  if (tokens.length < 2 || !ORGANISATION_NOUNS.has(last)) return undefined;
  const name = tokens.join(" ");
  const known = ctx.people.people.find((p) => p.kind === "org" && p.name === name);
  if (known) return known;
  // `the Trump campaign`, never registered because it stood away from a verb: named by its
  // capitalised words, as a speaker only (the frozen index is not changed).
  if (!tokens.slice(0, -1).every((t) => /^\p{Lu}/u.test(t))) return undefined;
  return transientOrganisation(ctx.people, tokens);
}

function transientOrganisation(people: PeopleIndex, tokens: string[]): Person {
  return people.transientSpeaker(tokens, "org");
}

/**
 * Where the phrase a determiner opens ends, so its words are not read again as a name: `the
 * Scottish government` is not `Scottish`. It stops at a role noun, a preposition, a reporting
 * verb, punctuation, or a capitalised word after a lower-case one (`a letter Mrs Thatcher`).
 */
function endOfDeterminerPhrase(
  words: readonly Word[],
  at: number,
  to: number,
  role: RolePhrase | undefined,
): number {
  let i = at;
  let sawLowerCase = false;
  while (i + 1 < to && i < at + 5 && (words[i] as Word).trail === "") {
    const next = words[i + 1] as Word;
    if (isReportingVerb(next) || PREPOSITIONS.has(next.lower)) break;
    const capital = /^\p{Lu}/u.test(next.text);
    if (capital && sawLowerCase) break;
    sawLowerCase ||= !capital;
    i++;
    if (role && next.lower === role.noun) break;
  }
  return i;
}

function firstSubject(
  ctx: QuoteContext,
  phrases: readonly NounPhrase[],
  at: Position,
  allowAfterPreposition = false,
): Resolved | undefined {
  for (const phrase of phrases) {
    if (phrase.kind === "thing") continue;
    if (phrase.kind === "name" && (!phrase.person || phrase.possessive)) continue;
    if (phrase.kind === "name" && phrase.afterPreposition && !allowAfterPreposition) continue;
    const resolved = resolve(ctx, phrase, { paragraph: at.paragraph, offset: phrase.offset });
    // `It was a potent punch, as Mrs. Clinton …`: an `it` that stands for no organisation is
    // no subject; read on.
    if (!resolved && phrase.kind === "org-ref") continue;
    return resolved;
  }
  return undefined;
}

function resolve(ctx: QuoteContext, phrase: NounPhrase, at: Position): Resolved | undefined {
  switch (phrase.kind) {
    case "pronoun":
      return resolvePronoun(ctx, phrase.gender, at);
    case "role":
      if (phrase.speaksFor)
        return { person: phrase.speaksFor, certainty: 0.7, via: "organisation: its spokesman" };
      if (!phrase.definite) return undefined;
      return resolveRole(ctx, phrase.role, at);
    case "name":
      return phrase.person ? nameMention(phrase.person) : undefined;
    case "thing":
      return undefined;
    case "org-ref":
      return resolveOrganisation(ctx, phrase.certainty, at);
  }
}

/** The organisation last mentioned as a subject, in this paragraph or the one before. */
function resolveOrganisation(
  ctx: QuoteContext,
  certainty: number,
  at: Position,
): Resolved | undefined {
  for (const m of ctx.people.mentionsBefore(at.paragraph, at.offset)) {
    if (m.paragraph < at.paragraph - 1) break;
    if (m.person.kind === "org" && m.subject)
      return { person: m.person, certainty, via: "organisation: last subject" };
    if (m.subject) return undefined;
  }
  return undefined;
}

/**
 * `“Perry” chimed in: “…,” he said`: the sentence's subject is a quotation (a name given in
 * quotation marks), which the index cannot know; `he` is most likely that one, so nobody here.
 */
function quotedSubject(ctx: QuoteContext, at: Position): boolean {
  if (at.paragraph !== ctx.paragraph) return false;
  const start = sentenceStart(ctx.masked, at.offset);
  const first = ctx.masked.slice(start).search(/\S/u);
  if (first < 3 || start + first > at.offset) return false;
  const blankHoldsThisQuotation = ctx.span.open >= start && ctx.span.open < start + first;
  return !blankHoldsThisQuotation && /^\p{Ll}/u.test(ctx.masked.slice(start + first));
}

/**
 * A pronoun is never as sure as a name: its probability is scaled so that `he said` needs 0.64
 * to be shown and never reaches a key quote's threshold. Chosen on PolNeAR train for "a wrong
 * name is worse than none", by what each step lets through: 0.75 to 0.78 adds 47 right and 18
 * wrong speakers, 0.78 to 0.8 would add 18 right and 11 wrong. (The seed's `he said` for
 * Lukashenko, at 0.66, needs at least 0.76.)
 */
const PRONOUN_CERTAINTY = 0.78;

/**
 * `he`/`she`: the subject it continues, not merely the last name mentioned. Every person in
 * reach is a candidate, ranked by learned weights over their facts (last speaker, last subject,
 * named in this sentence, …) against "nobody here" (`pronoun-ranker.ts`). The chosen person's
 * probability is the mention's certainty, so a close call falls below the threshold.
 * People of the other gender (by title, first name or earlier pronouns) and organisations are
 * never candidates.
 */
function resolvePronoun(
  ctx: QuoteContext,
  gender: "male" | "female",
  at: Position,
): Resolved | undefined {
  const { facts, choice } = pronounCandidates(ctx.people, ctx.turns, gender, {
    paragraph: at.paragraph,
    offset: at.offset,
    sentenceStart: at.paragraph === ctx.paragraph ? sentenceStart(ctx.masked, at.offset) : 0,
    before: at.paragraph === ctx.paragraph && at.offset < ctx.span.open,
    quotation: ctx.span.text,
  });
  if (facts.size === 0 || quotedSubject(ctx, at)) return undefined;
  const ranked = rankPronoun(facts, choice);
  const best = ranked.candidates[0] as Candidate;
  return {
    person: best.person,
    certainty: best.probability * PRONOUN_CERTAINTY,
    via: describeCandidate(best.facts),
    choice: ranked,
  };
}

interface RolePhrase {
  noun: string;
  qualifiers: string[];
}

/** Reads `Belarusian president` or `then prime minister` after `the`: qualifiers, then a role noun. */
function readRole(words: readonly Word[], from: number, to: number): RolePhrase | undefined {
  const qualifiers: string[] = [];
  for (let i = from; i < Math.min(to, from + 4); i++) {
    const word = words[i] as Word;
    if (ROLE_NOUNS.has(word.lower) || /^\d+-year-old$/u.test(word.lower))
      return { noun: word.lower, qualifiers };
    qualifiers.push(word.lower);
    if (word.trail !== "") return undefined;
  }
  return undefined;
}

/** Roles that speak for an organisation rather than for themselves. */
const SPOKES_NOUNS = new Set([
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "representative",
  "member",
  "official",
  "employee",
]);

/**
 * `a Singapore-based spokesman for Google`, `a member of the Justice League`: the organisation
 * a spokesman's words stand for, as the gold and a reader credit them. Never a person (`a
 * spokesman for Clinton` names nobody who spoke).
 */
function organisationSpokenFor(
  ctx: QuoteContext,
  words: readonly Word[],
  role: RolePhrase,
  after: number,
): Person | undefined {
  const link = words[after];
  if (!SPOKES_NOUNS.has(role.noun) || !link || !/^(for|of|at)$/u.test(link.lower)) return undefined;
  if ((words[after - 1] as Word).trail !== "" || link.trail !== "") return undefined;
  const start = words[after + 1]?.lower === "the" ? after + 2 : after + 1;
  const phrase = readNamePhrase(words, start);
  if (!phrase || phrase.first !== start || isPossessive(words[phrase.last])) return undefined;
  const known = findPerson(ctx.people, words, phrase);
  // (A lone word the index took for a person beside a verb, `Google said`, with no title,
  // first name or gender, may be the organisation.)
  const loneWord = known?.tokens.length === 1 && !known.gender && known.roles.size === 0;
  if (known && !loneWord) return known.kind === "org" ? known : undefined;
  if (known) return known;
  const tokens = words.slice(phrase.first, phrase.last + 1).map((w) => w.text);
  // A name the index does not know as anyone: `Google`, `GreatFire.org`.
  if (ctx.people.lookup(tokens) || ctx.people.commonWords.has(tokens.join(" ").toLowerCase()))
    return undefined;
  return transientOrganisation(ctx.people, tokens);
}

/** Whether two words share a stem: `belarusian` and `belarus`, `russian` and `russia`. */
function sameStem(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  const stem = Math.max(4, shorter - 1);
  return shorter >= 4 && a.slice(0, stem) === b.slice(0, stem);
}

/**
 * `the spokesman`: the person introduced with that role, the one whose context matches the
 * role's adjective first (`the Belarusian president`), else the last one named. `the
 * 56-year-old` stands for the last subject, like a pronoun.
 */
function resolveRole(ctx: QuoteContext, role: RolePhrase, at: Position): Resolved | undefined {
  if (/^\d+-year-old$/u.test(role.noun)) {
    for (const m of ctx.people.mentionsBefore(at.paragraph, at.offset)) {
      if (m.paragraph < at.paragraph - 1) break;
      if (m.subject && m.person.kind === "person")
        return { person: m.person, certainty: 0.8, via: "age: last subject" };
    }
    return undefined;
  }
  const candidates = ctx.people.people.filter((p) => p.roles.has(role.noun));
  if (candidates.length === 0) return undefined;
  const qualified = candidates.filter((p) =>
    role.qualifiers.some((q) => [...p.context, ...p.roles].some((c) => sameStem(q, c))),
  );
  const pool = qualified.length > 0 ? qualified : candidates;
  if (pool.length === 1) return { person: pool[0] as Person, certainty: 0.85, via: "role: one" };
  for (const m of ctx.people.mentionsBefore(at.paragraph, at.offset)) {
    if (pool.includes(m.person)) return { person: m.person, certainty: 0.7, via: "role: last" };
  }
  return { person: pool[0] as Person, certainty: 0.45, via: "role: first" };
}
