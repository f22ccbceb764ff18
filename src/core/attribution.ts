import { PRONOUNS, REPORTING_VERBS, ROLE_NOUNS, SOURCE_MARKERS } from "./lexicon.ts";
import { type PeopleIndex, type Person, personFromPhrase, readNamePhrase } from "./people.ts";
import type { QuoteSpan } from "./quote-spans.ts";
import { sentenceEnd, sentenceStart, toWords, type Word } from "./words.ts";

/**
 * Who said a quotation. The rules, tried in order; the first that names someone wins:
 *
 * 1. After the quotation, in the rest of its sentence: a reporting verb near the closing mark,
 *    with its subject before it (`…,” Peskov clarified`, `…” he said`) or after it (`…,” said
 *    Steve Cowan`, `…?” Said Lukashenko`, `…,” asked the Belarusian president`), or
 *    `according to X`. The verb must come within 15 words when the quotation ends with a comma
 *    (the mark of an attribution to follow), within 4 otherwise. `quoted by Tass` names a source,
 *    not the speaker, and is skipped.
 * 2. Before the quotation, in its sentence: the reporting verb nearest the opening mark, and
 *    the first person in that verb's clause (`Ryder said Lloyd Austin spoke … to reiterate “…”`
 *    gives Austin, whose clause holds `reiterate`); or, with no verb, a sentence that leads into
 *    the quotation with a colon (`Rudy Giuliani … blame on President Obama: “…”`) gives its first
 *    person.
 * 3. Otherwise null: the article does not say who spoke.
 *
 * A subject resolves as: a name (to the person as first named in full), `he`/`she` (to the last
 * person named before, of that gender when known), or `the` + role (`the spokesman`, `the
 * Belarusian president`: the person introduced with that role, the one whose context matches the
 * role's adjective first, else the last named). `a spokesman for Google` names nobody.
 */
export interface Attribution {
  speaker: Person | undefined;
  /** Which rule decided, for explaining a digest. */
  rule: "after" | "before" | "colon" | "none";
}

const NEAR_AFTER_COMMA = 15;
const NEAR_AFTER = 4;

export function attributeQuote(
  people: PeopleIndex,
  masked: string,
  paragraph: number,
  span: QuoteSpan,
  nextOpen: number,
  previousClose: number,
): Attribution {
  const endsWithComma = /,$/u.test(span.text);
  if (span.close < masked.length) {
    const afterEnd = Math.min(nextOpen, sentenceEnd(masked, span.close + 1));
    const after = toWords(masked.slice(span.close + 1, afterEnd));
    const speaker = speakerAfter(
      people,
      after,
      paragraph,
      span.open,
      endsWithComma ? NEAR_AFTER_COMMA : NEAR_AFTER,
    );
    if (speaker) return { speaker, rule: "after" };
  }
  const from = Math.max(previousClose + 1, sentenceStart(masked, span.open));
  const before = toWords(masked.slice(from, span.open));
  const at = { paragraph, quoteOffset: span.open };
  const verbAt = findLastIndex(before, isReportingVerb);
  if (verbAt !== -1) {
    const clauseStart = findLastIndex(before.slice(0, verbAt), isReportingVerb) + 1;
    const speaker = subjectOfVerb(people, before, clauseStart, verbAt, at);
    if (speaker) return { speaker, rule: "before" };
  } else if (/:\s*$/u.test(masked.slice(from, span.open))) {
    const speaker = firstSubject(people, nounPhrases(people, before, 0, before.length), at);
    if (speaker) return { speaker, rule: "colon" };
  }
  return { speaker: undefined, rule: "none" };
}

function isReportingVerb(word: Word): boolean {
  return REPORTING_VERBS.has(word.lower);
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

function speakerAfter(
  people: PeopleIndex,
  words: Word[],
  paragraph: number,
  quoteOffset: number,
  reach: number,
): Person | undefined {
  const at = { paragraph, quoteOffset };
  const phrasesOf = (from: number, to: number) => nounPhrases(people, words, from, to);
  for (let i = 0; i < Math.min(words.length, reach + 1); i++) {
    const word = words[i] as Word;
    if (SOURCE_MARKERS.has(word.lower)) return undefined;
    if (word.lower === "according" && words[i + 1]?.lower === "to") {
      return firstSubject(people, phrasesOf(i + 2, Math.min(words.length, i + 8)), at);
    }
    if (!isReportingVerb(word)) continue;
    // A verb with its subject before it (`Peskov clarified`), or first (`said Steve Cowan`).
    if (i > 0) return subjectOfVerb(people, words, 0, i, at);
    // After the verb the speaker comes at once: a name, he/she, or the/a + role. Anything else
    // (`told me as he looked around`) is the verb's object, and nobody is named.
    const next = words[i + 1];
    if (
      !next ||
      (!/^\p{Lu}/u.test(next.text) && !PRONOUNS.has(next.lower) && !DETERMINERS.has(next.lower))
    )
      return undefined;
    const end = words.findIndex((w, j) => j > i && (w.trail !== "" || isReportingVerb(w)));
    return firstSubject(people, phrasesOf(i + 1, end === -1 ? words.length : end + 1), at);
  }
  return undefined;
}

/**
 * The subject of the reporting verb at `verbAt`, looking back no further than `from`: the
 * nearest noun phrase, or for an infinitive the clause's first.
 */
function subjectOfVerb(
  people: PeopleIndex,
  words: readonly Word[],
  from: number,
  verbAt: number,
  at: Position,
): Person | undefined {
  const phrases = nounPhrases(people, words, from, verbAt);
  // `Austin spoke to Reznikov to reiterate “…”`: an infinitive's subject is its clause's first.
  if (words[verbAt - 1]?.lower === "to") return firstSubject(people, phrases, at);
  // A finite verb's subject is the nearest noun phrase before it (`… which he said would …`),
  // skipping an apposition (`Steve Cowan, a spokesman for the department, said`).
  for (let i = phrases.length - 1; i >= 0; i--) {
    const phrase = phrases[i] as NounPhrase;
    if (phrase.kind === "role" && !phrase.definite && phrase.afterComma) continue;
    if ((phrase.kind === "role" || phrase.kind === "thing") && phrase.afterPreposition) continue;
    if (phrase.kind === "name" && !phrase.person) continue;
    return resolve(people, phrase, at);
  }
  return undefined;
}

interface Position {
  paragraph: number;
  quoteOffset: number;
}

type NounPhrase =
  | { kind: "pronoun"; gender: "male" | "female" }
  | {
      kind: "role";
      definite: boolean;
      afterComma: boolean;
      afterPreposition: boolean;
      role: RolePhrase;
    }
  | { kind: "name"; person: Person | undefined }
  | { kind: "thing"; afterPreposition: boolean };

const DETERMINERS = new Set(["the", "a", "an"]);

/** Words after which a name is a place or an organisation, never the speaker (`a spokesman for Google`). */
const PREPOSITIONS = new Set([
  "of",
  "for",
  "at",
  "with",
  "in",
  "from",
  "by",
  "to",
  "on",
  "about",
  "into",
]);

/**
 * The noun phrases of words[from, to) that could be a subject, in order: pronouns, `the`/`a` +
 * role, names (with the person they name, if any), and other determiner phrases as things.
 */
function nounPhrases(
  people: PeopleIndex,
  words: readonly Word[],
  from: number,
  to: number,
): NounPhrase[] {
  const phrases: NounPhrase[] = [];
  for (let i = from; i < to; i++) {
    const word = words[i] as Word;
    const gender = PRONOUNS.get(word.lower);
    if (gender) {
      phrases.push({ kind: "pronoun", gender });
      continue;
    }
    // A parenthesis (`Michael Doherty (R-Warren) said`) is an aside, never the subject.
    if (word.lead.includes("(")) {
      while (i < to - 1 && !(words[i] as Word).trail.includes(")")) i++;
      continue;
    }
    if (word.lower === "the" || word.lower === "a" || word.lower === "an") {
      const role = readRole(words, i + 1, to);
      const afterComma = (words[i - 1]?.trail ?? "").includes(",");
      const afterPreposition = PREPOSITIONS.has(words[i - 1]?.lower ?? "");
      const definite = word.lower === "the";
      phrases.push(
        role
          ? { kind: "role", definite, afterComma, afterPreposition, role }
          : { kind: "thing", afterPreposition },
      );
      i = endOfDeterminerPhrase(words, i, to, role);
      continue;
    }
    const phrase = readNamePhrase(words, i);
    if (!phrase) continue;
    const afterPreposition =
      PREPOSITIONS.has(words[phrase.first - 1]?.lower ?? "") &&
      words[phrase.first - 2]?.lower !== "according";
    const person = afterPreposition ? undefined : personFromPhrase(people, words, phrase, false);
    phrases.push({ kind: "name", person });
    i = Math.max(i, phrase.last);
  }
  return phrases;
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
  people: PeopleIndex,
  phrases: readonly NounPhrase[],
  at: Position,
): Person | undefined {
  for (const phrase of phrases) {
    if (phrase.kind === "thing" || (phrase.kind === "name" && !phrase.person)) continue;
    return resolve(people, phrase, at);
  }
  return undefined;
}

function resolve(people: PeopleIndex, phrase: NounPhrase, at: Position): Person | undefined {
  switch (phrase.kind) {
    case "pronoun":
      return people.lastMentionBefore(at.paragraph, at.quoteOffset, phrase.gender);
    case "role":
      return phrase.definite
        ? resolveRole(people, phrase.role, at.paragraph, at.quoteOffset)
        : undefined;
    case "name":
      return phrase.person;
    case "thing":
      return undefined;
  }
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
    if (ROLE_NOUNS.has(word.lower)) return { noun: word.lower, qualifiers };
    qualifiers.push(word.lower);
    if (word.trail !== "") return undefined;
  }
  return undefined;
}

/** Whether two words share a stem: `belarusian` and `belarus`, `russian` and `russia`. */
function sameStem(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  const stem = Math.max(4, shorter - 1);
  return shorter >= 4 && a.slice(0, stem) === b.slice(0, stem);
}

function resolveRole(
  people: PeopleIndex,
  role: RolePhrase,
  paragraph: number,
  quoteOffset: number,
): Person | undefined {
  const candidates = people.people.filter((p) => p.roles.has(role.noun));
  if (candidates.length === 0) return undefined;
  const qualified = candidates.filter((p) =>
    role.qualifiers.some((q) => [...p.context, ...p.roles].some((c) => sameStem(q, c))),
  );
  const pool = qualified.length > 0 ? qualified : candidates;
  if (pool.length === 1) return pool[0];
  for (let i = people.mentions.length - 1; i >= 0; i--) {
    const m = people.mentions[i];
    if (!m || !pool.includes(m.person)) continue;
    if (m.paragraph < paragraph || (m.paragraph === paragraph && m.offset < quoteOffset))
      return m.person;
  }
  return pool[0];
}
