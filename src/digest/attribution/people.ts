import {
  FEMALE_TITLES,
  FRAGMENT_CUES,
  GROUP_NOUNS,
  MALE_TITLES,
  NAME_PARTICLES,
  NON_PERSON_WORDS,
  NOT_NAME_STARTS,
  PLACE_STARTS,
  REPORTING_VERBS,
  ROLE_NOUNS,
  TITLES,
} from "../lexicon.ts";
import { endsSentence, isCapitalised, toWords, type Word } from "../words.ts";
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from "./first-names.ts";
import type { QuotedNames } from "./quoted-names.ts";

/**
 * The people an article names, found from capitalisation and titles (no lexicon of names).
 *
 * A name phrase is a run of capitalised words (with particles such as `van`, and initials):
 * - words that only start clauses (`But`, `The`) are dropped from its front;
 * - everything up to its last title is the person's role (`Pentagon Press Secretary Pat Ryder`
 *   is Pat Ryder, role press secretary, context Pentagon), and so are role nouns written just
 *   before it in lower case (`spokesman Dmitry Peskov`) or after it (`Steve Cowan, a spokesman`);
 * - a phrase with a place or organisation word (`Department`, `Sea`) is not a person;
 * - the newswire garble `President Alexander from Belarus Lukashenko` is read as Alexander
 *   Lukashenko from Belarus;
 * - a lone word is a person only after a title (`Mrs Thatcher`) or when it is the surname of
 *   someone already named in full (`Peskov` after `Dmitry Peskov`).
 * Every person keeps the name as the article first gives it in full.
 */
export interface Person {
  /** The fullest form of the name seen, as first written. */
  name: string;
  tokens: string[];
  /** Lower-cased role words: titles and role nouns seen around the name. */
  roles: Set<string>;
  /** Lower-cased words that place the person: demonyms, organisations, `from Belarus`. */
  context: Set<string>;
  gender: "male" | "female" | undefined;
  /** An organisation speaks too (`the Clinton campaign said`), but no pronoun `he`/`she` is it. */
  kind: "person" | "org";
}

export interface Mention {
  person: Person;
  paragraph: number;
  /** Offset of the mention in its paragraph. */
  offset: number;
  /** Running number of the sentence, across paragraphs. */
  sentence: number;
  /** The mention opens its sentence's first clause or is the subject of a reporting verb. */
  subject: boolean;
}

/** A run of capitalised words as it stands in the text, before it is judged a person or not. */
export interface NamePhrase {
  /** Indexes into the word list: [first, last]. */
  first: number;
  last: number;
  nameTokens: string[];
  titleTokens: string[];
}

/** A speaker already decided for an earlier quotation: pronouns prefer to continue it. */
export interface Turn {
  person: Person;
  paragraph: number;
  offset: number;
}

export class PeopleIndex {
  readonly people: Person[] = [];
  readonly mentions: Mention[] = [];
  /** `he`/`she` as a sentence's subject, in reading order: who they continue is a clue. */
  readonly openingPronouns: { paragraph: number; offset: number; gender: "male" | "female" }[] = [];
  /** Words the article writes in lower case somewhere: never a lone surname. */
  readonly commonWords = new Set<string>();
  /** Set once the article is indexed: attributing a quotation never changes who is known. */
  private frozen = false;

  /** Speakers met while attributing, outside the frozen index: this article's only. */
  private readonly transients = new Map<string, Person>();
  private readonly campaigns = new Map<Person, Map<string, Person>>();

  freeze(): this {
    this.frozen = true;
    return this;
  }

  /**
   * A speaker the frozen index does not hold (`the Trump campaign`, a transcript's `HOLT`), made
   * once per name and kind within this article, so the same name twice is the same speaker.
   */
  transientSpeaker(tokens: string[], kind: Person["kind"]): Person {
    const key = `${kind} ${tokens.join(" ")}`;
    let speaker = this.transients.get(key);
    if (!speaker) {
      speaker = {
        name: tokens.join(" "),
        tokens,
        roles: new Set(),
        context: new Set(),
        gender: undefined,
        kind,
      };
      this.transients.set(key, speaker);
    }
    return speaker;
  }

  /** The organisation a person owns (`Clinton’s campaign` → `Clinton campaign`), made once. */
  campaignOf(owner: Person, surname: string, noun: string): Person {
    const byNoun = this.campaigns.get(owner) ?? new Map<string, Person>();
    this.campaigns.set(owner, byNoun);
    let org = byNoun.get(noun);
    if (!org) {
      const tokens = [surname, noun];
      org = {
        name: tokens.join(" "),
        tokens,
        roles: new Set(),
        context: new Set(),
        gender: undefined,
        kind: "org",
      };
      byNoun.set(noun, org);
    }
    return org;
  }

  /** Finds a person by a name phrase's tokens: full name, or a lone surname already known. */
  lookup(tokens: readonly string[], gender?: "male" | "female"): Person | undefined {
    const key = tokens.join(" ");
    const exact = this.people.find((p) => p.name === key);
    if (exact) return exact;
    const last = tokens[tokens.length - 1];
    if (tokens.length === 1) {
      // A surname (`Peskov`), or a first name after a title (`Sir Keith` for Sir Keith Joseph).
      // `Mrs. Clinton` with a Bill and a Hillary in the article: the title says which.
      const bySurname = this.people.filter(
        (p) => p.tokens.length > 1 && p.tokens[p.tokens.length - 1] === last,
      );
      // (Never one of the other gender: `Mrs. Clinton` is not Bill, even when Hillary's gender
      // was never stated.)
      const fitting = gender
        ? (bySurname.find((p) => p.gender === gender) ??
          bySurname.find((p) => p.gender === undefined))
        : bySurname[0];
      if (gender && bySurname.length > 0 && !fitting) return undefined;
      if (fitting) return fitting;
      // A first name alone (`Sir Keith`; `Maria said` after `Maria Lopez` in a feature): the one
      // person known by it, never a guess between two.
      // (Only a listed given name, or one after a title: `Lou` in `Lou Jiwei` is a surname,
      // and stands as written.)
      if (last === undefined) return undefined;
      if (!isGivenName(last))
        return this.people.find(
          (p) => p.tokens.length > 1 && p.roles.size > 0 && p.tokens[0] === last,
        );
      const byFirstName = this.people.filter(
        (p) =>
          p.kind === "person" &&
          p.tokens.length > 1 &&
          p.tokens[0] === last &&
          (!gender || p.gender !== (gender === "male" ? "female" : "male")),
      );
      return byFirstName.length === 1 ? byFirstName[0] : undefined;
    }
    return this.people.find(
      (p) =>
        p.tokens[p.tokens.length - 1] === last &&
        (p.tokens.length === 1 || p.tokens[0] === tokens[0]),
    );
  }

  /** Adds a person or merges into the one already known, keeping the fuller name. */
  record(
    tokens: string[],
    roles: string[],
    context: string[],
    kind: Person["kind"] = "person",
  ): Person {
    if (this.frozen) throw new Error("the people index is frozen once the article is indexed");
    // `Mrs. Clinton` after `Bill Clinton`: the title says which Clinton (or a new one).
    let person = this.lookup(tokens, genderOfTitles(roles));
    if (!person) {
      const first = (tokens.length > 1 ? tokens[0] : undefined)?.toLowerCase() ?? "";
      person = {
        name: tokens.join(" "),
        tokens,
        roles: new Set(),
        context: new Set(),
        gender: FEMALE_FIRST_NAMES.has(first)
          ? "female"
          : MALE_FIRST_NAMES.has(first)
            ? "male"
            : undefined,
        kind,
      };
      this.people.push(person);
    } else if (person.tokens.length === 1 && tokens.length > 1) {
      person.tokens = tokens;
      person.name = tokens.join(" ");
    }
    for (const role of roles) {
      person.roles.add(role);
      if (FEMALE_TITLES.has(role)) person.gender = "female";
      if (MALE_TITLES.has(role)) person.gender = "male";
    }
    for (const word of context) person.context.add(word);
    return person;
  }

  /** Mentions before a position, newest first, of people a `he`/`she` of `gender` can be. */
  *mentionsBefore(
    paragraph: number,
    offset: number,
    gender?: "male" | "female",
  ): Generator<Mention> {
    for (let i = countBefore(this.mentions, paragraph, offset) - 1; i >= 0; i--) {
      const m = this.mentions[i] as Mention;
      if (gender && !compatible(m.person, gender)) continue;
      yield m;
    }
  }
}

/**
 * How many of `items` (in reading order) stand before the position: a binary search, so a
 * look back from a quotation late in a 5 MB article does not walk every later mention.
 */
export function countBefore(
  items: readonly { paragraph: number; offset: number }[],
  paragraph: number,
  offset: number,
): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const m = items[mid] as { paragraph: number; offset: number };
    if (m.paragraph < paragraph || (m.paragraph === paragraph && m.offset < offset)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether `he`/`she` can stand for this person: never an organisation or the other gender. */
export function compatible(person: Person, gender: "male" | "female"): boolean {
  return person.kind === "person" && (person.gender === undefined || person.gender === gender);
}

/** `Brent Bozell III`, `Martin Luther King Jr.`: part of the name, never a name alone. */
const NAME_SUFFIXES = new Set(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"]);

function isNameWord(word: Word): boolean {
  return (
    (isCapitalised(word) && !/^\p{Lu}{2,}$/u.test(word.text.replace(/\./gu, ""))) ||
    isInitials(word)
  );
}

function isInitials(word: Word): boolean {
  return /^(\p{Lu}\.)+(\p{Lu}\.?)?$/u.test(word.text);
}

/** Whether a word can continue a run already started (no comma or full stop before it). */
function joins(previous: Word, next: Word): boolean {
  // Words set apart by a blanked-out quotation (`Kasich “…” He warns`) are not one name.
  if (next.start - previous.end > 1) return false;
  return previous.trail === "" || (previous.trail === "." && isInitials(previous));
}

/**
 * `He Jianxiong`, `He Lifeng`: `He` written before a capitalised word with nothing between is
 * a surname, not the pronoun (`He Said` does not occur in body text).
 */
export function isSurnameHe(words: readonly Word[], index: number): boolean {
  const word = words[index];
  const next = words[index + 1];
  return (
    word?.text === "He" &&
    word.trail === "" &&
    next !== undefined &&
    next.lead === "" &&
    next.start - word.end <= 1 &&
    /^\p{Lu}\p{Ll}+$/u.test(next.text) &&
    !NOT_NAME_STARTS.has(next.lower) &&
    !REPORTING_VERBS.has(next.lower)
  );
}

function isOpeningAdverb(words: readonly Word[], index: number): boolean {
  const word = words[index] as Word;
  const previous = words[index - 1];
  const next = words[index + 1];
  const opensSentence = !previous || /[.!?]/u.test(previous.trail);
  return (
    opensSentence &&
    word.lower.length > 5 &&
    word.lower.endsWith("ly") &&
    next !== undefined &&
    !isCapitalised(next) &&
    !REPORTING_VERBS.has(next.lower)
  );
}

/** Reads the name phrase that starts at `index`, or undefined when none starts there. */
export function readNamePhrase(words: readonly Word[], index: number): NamePhrase | undefined {
  let first = index;
  const start = words[first];
  if (!start || !isCapitalised(start)) return undefined;
  let last = first;
  while (last + 1 < words.length) {
    const current = words[last];
    const next = words[last + 1];
    if (!current || !next || !joins(current, next)) break;
    if ((isNameWord(next) || NAME_SUFFIXES.has(next.lower)) && next.lead === "") {
      last++;
    } else if (
      NAME_PARTICLES.has(next.text) &&
      words[last + 2] &&
      isCapitalised(words[last + 2] as Word) &&
      next.trail === ""
    ) {
      last += 2;
    } else {
      break;
    }
  }
  // Drop clause openers and capitalised reporting verbs (`Said Lukashenko`) from the front, and
  // an adverb opening a sentence (`Previously unseen papers`), told by its -ly and the lower-case
  // word after it.
  while (first <= last) {
    const w = words[first] as Word;
    if (isSurnameHe(words, first)) break;
    if (
      NOT_NAME_STARTS.has(w.lower) ||
      REPORTING_VERBS.has(w.lower) ||
      isOpeningAdverb(words, first)
    ) {
      first++;
    } else break;
  }
  if (first > last) return undefined;
  if (first === last && NAME_SUFFIXES.has((words[first] as Word).lower)) return undefined;
  const tokens = words.slice(first, last + 1).map((w) => w.text);
  let titleEnd = -1;
  tokens.forEach((t, i) => {
    // `Lawyer Mark Thompson` at a sentence start: a capitalised role noun is a title too.
    if (TITLES.has(t.toLowerCase()) || (i === 0 && ROLE_NOUNS.has(t.toLowerCase()))) titleEnd = i;
  });
  // `Peter T. King`, `Larry King`: a title word after a first name or an initial is a surname.
  if (
    titleEnd === tokens.length - 1 &&
    titleEnd > 0 &&
    isFirstNameOrInitial(tokens[titleEnd - 1] as string)
  ) {
    titleEnd = -1;
    tokens.slice(0, -2).forEach((t, i) => {
      if (TITLES.has(t.toLowerCase()) || (i === 0 && ROLE_NOUNS.has(t.toLowerCase()))) titleEnd = i;
    });
  }
  return {
    first,
    last,
    titleTokens: tokens.slice(0, titleEnd + 1),
    nameTokens: tokens.slice(titleEnd + 1),
  };
}

/** Whether a phrase's name part reads as a person rather than a place or organisation. */
export function looksLikePersonName(tokens: readonly string[], titled = false): boolean {
  if (tokens.length === 0 || tokens.length > 5) return false;
  // `Airbus A320-200`, `Flight QZ8501`: a model or a code, nobody's name.
  if (tokens.some((t) => /\d/u.test(t))) return false;
  if (PLACE_STARTS.has((tokens[0] ?? "").toLowerCase()) && tokens.length > 1) return false;
  const surnameTitle =
    tokens.length > 1 && isFirstNameOrInitial(tokens[tokens.length - 2] as string);
  // `Theresa May`, `President Park Geun-hye`: after a given name or a title, one word that is
  // also a month or a place noun is a surname.
  const surnameWord =
    tokens.length <= 3 && (titled || isGivenName(tokens[0] as string))
      ? tokens.findIndex((t) => SURNAME_WORDS.has(t.toLowerCase()))
      : -1;
  return tokens.every(
    (t, i) =>
      (!NON_PERSON_WORDS.has(t.toLowerCase()) || i === surnameWord) &&
      (!TITLES.has(t.toLowerCase()) || (surnameTitle && i === tokens.length - 1)),
  );
}

/** Words that name places or dates but are also common surnames (`May`, `Park`, `White`). */
const SURNAME_WORDS = new Set(
  "may park white house church bank day march post press street".split(" "),
);

/** `Maria`, `Tom`: a common given name. */
function isGivenName(token: string): boolean {
  const lower = token.toLowerCase();
  return MALE_FIRST_NAMES.has(lower) || FEMALE_FIRST_NAMES.has(lower);
}

/** `Larry`, `T.`: a word that only starts a person's name. */
function isFirstNameOrInitial(token: string): boolean {
  return /^\p{Lu}\.$/u.test(token) || isGivenName(token);
}

/** The gender a title states (`Mrs.`, `spokesman`), if any: a woman's title first. */
function genderOfTitles(roles: readonly string[]): "male" | "female" | undefined {
  if (roles.some((r) => FEMALE_TITLES.has(r))) return "female";
  if (roles.some((r) => MALE_TITLES.has(r))) return "male";
  return undefined;
}

/** Lower-case role words just before `index` (`airline boss`, `former mayor`, `spokesman`). */
function rolesBefore(words: readonly Word[], index: number): string[] {
  const roles: string[] = [];
  const before = words[index - 1];
  if (before?.trail !== "" || isCapitalised(before) || !ROLE_NOUNS.has(before.lower)) return roles;
  roles.push(before.lower);
  const adjective = words[index - 2];
  if (adjective && adjective.trail === "" && !NOT_NAME_STARTS.has(adjective.lower))
    roles.push(adjective.lower);
  return roles;
}

/** Role after a name in apposition: `Steve Cowan, a spokesman for …`, `Pat Lynch, head of …`. */
function rolesAfter(words: readonly Word[], last: number): string[] {
  const name = words[last];
  if (!name?.trail.startsWith(",")) return [];
  const roles: string[] = [];
  for (let i = last + 1; i < Math.min(words.length, last + 5); i++) {
    const w = words[i] as Word;
    if (ROLE_NOUNS.has(w.lower)) {
      roles.push(w.lower);
      break;
    }
    if (w.trail !== "") break;
  }
  return roles;
}

/**
 * Indexes every person named in the paragraphs (quotation interiors already blanked out), in
 * reading order, and records each mention with its sentence and whether it is a subject. A
 * phrase next to a reporting verb (`Miller said`, `said Reuters`) is a speaker even as a lone
 * word, and an organisation there is kept as one. The index is frozen when done.
 */
export function indexPeople(
  maskedParagraphs: readonly string[],
  quotedNames: QuotedNames = new Map(),
): PeopleIndex {
  const index = new PeopleIndex();
  // Names given only in quotation marks (`his name was “Perry”`) are people from the start.
  for (const [name, gender] of quotedNames) {
    const person = index.record(name.split(" "), [], []);
    person.gender ??= gender;
  }
  const pronouns: PronounUse[] = [];
  for (const text of maskedParagraphs)
    for (const w of text.matchAll(/(?<![\p{L}.])\p{Ll}{3,}(?![\p{L}])/gu))
      index.commonWords.add(w[0]);
  let sentence = 0;
  maskedParagraphs.forEach((text, paragraph) => {
    const words = toWords(text);
    let sentenceOpen = 0;
    // Where the main clause opens: after `Although he said …,` the subject comes anew.
    let clauseOpen = 0;
    let subjectIsPronoun = false;
    let seenSubject = -1;
    sentence++;
    for (let i = 0; i < words.length; i++) {
      const phrase = readNamePhrase(words, i);
      if (phrase) {
        const nearVerb = besideReportingVerb(words, phrase);
        const opensSentence = seenSubject !== sentence && phrase.first - sentenceOpen <= 1;
        // `The Hill reported`, `the Times wrote`: after `the`, an untitled name is a publication
        // or body, not a person.
        const afterThe =
          words[phrase.first - 1]?.lower === "the" && phrase.titleTokens.length === 0;
        // (Nor a person elsewhere: `wrote for The Washington Informer`.)
        const person =
          (afterThe ? undefined : personFromPhrase(index, words, phrase, !nearVerb)) ??
          (nearVerb || (opensSentence && namesOrganisation(phrase))
            ? organisationFromPhrase(index, words, phrase)
            : undefined);
        if (person) {
          const before = words[phrase.first - 1];
          const governed = governs(before, words[phrase.first] as Word);
          const subject =
            nearVerb ||
            (seenSubject !== sentence &&
              !governed &&
              !isPossessive(words[phrase.last]) &&
              phrase.first - clauseOpen <= SUBJECT_REACH);
          if (subject) {
            seenSubject = sentence;
            subjectIsPronoun = false;
          }
          index.mentions.push({
            person,
            paragraph,
            offset: (words[phrase.first] as Word).start,
            sentence,
            subject,
          });
        } else if (phrase.first === clauseOpen && opensWithVerb(words, phrase)) {
          // `South Korea accused the North's leader, Kim Jong Un, of …`: a place or body that is
          // nobody's name still takes the subject's place.
          seenSubject = sentence;
          subjectIsPronoun = false;
        }
        i = Math.max(i, phrase.last);
      }
      const word = words[i] as Word;
      // `But he suggested that Mr. Lew …`: a pronoun opening the sentence is its subject, so a
      // name later in it is not.
      if (!phrase && SUBJECT_PRONOUNS.has(word.lower) && i - clauseOpen <= 2) {
        seenSubject = sentence;
        subjectIsPronoun = true;
      }
      const gender = PRONOUN_GENDER.get(word.lower);
      if (gender && !phrase)
        pronouns.push({
          paragraph,
          sentence,
          offset: word.start,
          gender,
          first: i === sentenceOpen,
          subject: SUBJECT_PRONOUNS.has(word.lower) && i - clauseOpen <= 2,
        });
      if (
        clauseOpen === sentenceOpen &&
        word.trail.includes(",") &&
        SUBORDINATE_OPENERS.has((words[sentenceOpen] as Word).lower)
      ) {
        clauseOpen = i + 1;
        // (Only a pronoun's: it looks ahead to the main clause's subject. `While Obama had …,
        // that concerns Crespo` keeps Obama.)
        if (subjectIsPronoun) seenSubject = -1;
      }
      if (endsSentence(word) && i > sentenceOpen) {
        sentence++;
        sentenceOpen = i + 1;
        clauseOpen = i + 1;
        subjectIsPronoun = false;
      }
    }
  });
  inferGenders(index, pronouns);
  for (const p of pronouns)
    if (p.subject)
      index.openingPronouns.push({ paragraph: p.paragraph, offset: p.offset, gender: p.gender });
  return index.freeze();
}

interface PronounUse {
  paragraph: number;
  sentence: number;
  offset: number;
  gender: "male" | "female";
  /** The pronoun opens its sentence (`He added …`). */
  first: boolean;
  /** `he`/`she` as the sentence's subject, after at most a conjunction (`But he said …`). */
  subject: boolean;
}

const SUBJECT_PRONOUNS = new Set(["he", "she", "they", "it", "i", "we"]);

const PRONOUN_GENDER = new Map<string, "male" | "female">([
  ["he", "male"],
  ["him", "male"],
  ["his", "male"],
  ["himself", "male"],
  ["she", "female"],
  ["her", "female"],
  ["hers", "female"],
  ["herself", "female"],
]);

/**
 * The article tells a person's gender where titles and first names do not: a pronoun later in
 * the sentence the person is the subject of, or opening the next sentence, most often refers to
 * them. A person whose votes all (or three to one) agree gets that gender, so `she said` is
 * never resolved to a man the article already called `he`.
 */
function inferGenders(index: PeopleIndex, pronouns: readonly PronounUse[]): void {
  const votes = new Map<Person, { male: number; female: number }>();
  for (const m of index.mentions) {
    if (!m.subject || m.person.kind !== "person" || m.person.gender !== undefined) continue;
    const refers = pronouns.filter(
      (p) =>
        (p.sentence === m.sentence && p.paragraph === m.paragraph && p.offset > m.offset) ||
        (p.sentence === m.sentence + 1 && p.first),
    );
    const first = refers[0];
    if (!first) continue;
    const tally = votes.get(m.person) ?? { male: 0, female: 0 };
    tally[first.gender]++;
    votes.set(m.person, tally);
  }
  for (const [person, { male, female }] of votes) {
    if (male > 0 && male >= 3 * female) person.gender = "male";
    else if (female > 0 && female >= 3 * male) person.gender = "female";
  }
}

/** Whether a verb follows the phrase at once (`South Korea accused`, `Moscow has`). */
function opensWithVerb(words: readonly Word[], phrase: NamePhrase): boolean {
  const next = words[phrase.last + 1];
  return (
    next !== undefined &&
    (words[phrase.last] as Word).trail === "" &&
    !isCapitalised(next) &&
    !ROLE_NOUNS.has(next.lower) &&
    (/\p{Ll}{3}ed$/u.test(next.lower) ||
      REPORTING_VERBS.has(next.lower) ||
      FINITE_AUXILIARIES.has(next.lower))
  );
}

const FINITE_AUXILIARIES = new Set(
  "is was has have had will would can could may might should must did does".split(" "),
);

/** Words opening a subordinate clause before the main one (`Although he said …, Isaac …`). */
const SUBORDINATE_OPENERS = new Set(
  "although though while when whenever after before because since if once until unless whereas despite".split(
    " ",
  ),
);

/**
 * How far into its sentence a name may stand and still be taken for the subject when nothing
 * else marks it (`South Korea accused the North's leader, Kim Jong Un, of …` is not Kim's).
 */
const SUBJECT_REACH = 12;

/** Words after which a name is a place or an organisation, never the speaker (`a spokesman for Google`). */
export const PREPOSITIONS = new Set([
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
  "against",
  "than",
  "like",
  "over",
  "under",
  "toward",
  "towards",
  "between",
  "among",
  "through",
  "after",
  "before",
  "alongside",
  "behind",
  "beside",
  "near",
  "without",
  "within",
  "across",
  "around",
  "upon",
  "throughout",
  "versus",
]);

/**
 * Whether `word` is a preposition governing the word after it: `at Trump`, but not `at “less
 * advanced schools,” Trump said`, where a blanked-out quotation stands between. (A name given in
 * quotation marks, `to “Perry”`, is one space further: only its marks are blanked.)
 */
export function governs(word: Word | undefined, next: Word): boolean {
  return word !== undefined && PREPOSITIONS.has(word.lower) && next.start - word.end <= 2;
}

/** `Romney’s deputy`: the word carries a possessive, so the phrase is not the subject. */
export function isPossessive(word: Word | undefined): boolean {
  return word !== undefined && /^[’']s?(?![\p{L}])/u.test(word.trail);
}

/** Whether a reporting verb stands right after the phrase or right before it. */
function besideReportingVerb(words: readonly Word[], phrase: NamePhrase): boolean {
  const after = words[phrase.last + 1];
  const before = words[phrase.first - 1];
  const lastWord = words[phrase.last] as Word;
  // `said Steve Cowan.` or `said Cowan, a spokesman`, but not `said Nunberg was bound`, and
  // not the owner in `said Pence’s performance`; in `noted NBC’s Dante Chinni` it is Chinni.
  const verb = isPossessive(before) ? possessorStart(words, phrase.first - 1) : before;
  const inverted =
    verb !== undefined &&
    verb.trail === "" &&
    REPORTING_VERBS.has(verb.lower) &&
    !isPossessive(lastWord) &&
    (lastWord.trail !== "" || after === undefined || PREPOSITIONS.has(after.lower));
  return (
    (after !== undefined &&
      lastWord.trail === "" &&
      (REPORTING_VERBS.has(after.lower) || FRAGMENT_CUES.has(after.lower))) ||
    inverted
  );
}

/** The word before a possessor of up to three capitalised words (`said [NBC’s] …`). */
function possessorStart(words: readonly Word[], owner: number): Word | undefined {
  for (let i = owner; i >= Math.max(0, owner - 2); i--) {
    const word = words[i] as Word;
    if (!isCapitalised(word) || (i < owner && word.trail !== "")) return undefined;
    const before = words[i - 1];
    if (before && !isCapitalised(before)) return before;
  }
  return undefined;
}

/** A capitalised phrase that is not a person but speaks (`the Clinton campaign said`). */
export function organisationFromPhrase(
  index: PeopleIndex,
  words: readonly Word[],
  phrase: NamePhrase,
): Person | undefined {
  const tokens = [...phrase.titleTokens, ...phrase.nameTokens];
  // A place (`the United States promises …`) is not a speaker; its government or people are.
  // (`The New York Post reports`, `the United Nations Security Council said` are.)
  const last = (tokens[tokens.length - 1] ?? "").toLowerCase();
  if (
    PLACE_STARTS.has((tokens[0] ?? "").toLowerCase()) &&
    tokens.length > 1 &&
    !ORGANISATION_WORDS.has(last) &&
    !PUBLICATION_WORDS.has(last)
  )
    return undefined;
  // Nor a date: `on Tuesday said` is somebody speaking on Tuesday.
  if (tokens.every((t) => TIME_WORDS.has(t.toLowerCase()))) return undefined;
  // `the Clinton campaign`: a lower-case organisation noun right after the phrase belongs to it.
  const next = words[phrase.last + 1];
  if (next && (words[phrase.last] as Word).trail === "" && ORGANISATION_NOUNS.has(next.lower))
    tokens.push(next.text);
  if (tokens.length === 0 || tokens.length > 6 || isGroupNoun(tokens)) return undefined;
  if (tokens.length === 1 && (tokens[0] as string).length < 2) return undefined;
  // `Officials said`: a common noun opening its sentence names no organisation.
  if (
    tokens.length === 1 &&
    opensSentence(words, phrase.first) &&
    index.commonWords.has((tokens[0] as string).toLowerCase())
  )
    return undefined;
  const existing = index.people.find((p) => p.name === tokens.join(" "));
  return existing ?? index.record(tokens, [], [], "org");
}

/** `Acme Corp`, `the Electoral Commission`: a capitalised phrase ending in an organisation word. */
function namesOrganisation(phrase: NamePhrase): boolean {
  const last = phrase.nameTokens[phrase.nameTokens.length - 1]?.toLowerCase() ?? "";
  return phrase.nameTokens.length >= 2 && ORGANISATION_WORDS.has(last);
}

const ORGANISATION_WORDS = new Set(
  "corp corp. inc inc. ltd co company group commission committee department ministry agency council authority bank association foundation institute party union campaign board bureau office service network".split(
    " ",
  ),
);

/** Last words of a publication's name (`The New York Post`, `Los Angeles Times`). */
const PUBLICATION_WORDS = new Set(
  "post times news journal herald tribune gazette telegraph guardian observer examiner chronicle star sun globe mail review magazine press radio television tv".split(
    " ",
  ),
);

const TIME_WORDS = new Set(
  "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december today yesterday tonight".split(
    " ",
  ),
);

/** Lower-case nouns that make the capitalised words before them an organisation. */
export const ORGANISATION_NOUNS = new Set(
  "campaign company agency department ministry administration government office committee party team firm group".split(
    " ",
  ),
);

/** What a phrase says of a person: the name tokens, the roles and the context around them. */
interface NameReading {
  tokens: string[];
  roles: string[];
  context: string[];
}

function readName(index: PeopleIndex, words: readonly Word[], phrase: NamePhrase): NameReading {
  let tokens = phrase.nameTokens;
  const context: string[] = phrase.titleTokens
    .filter((t) => !TITLES.has(t.toLowerCase()))
    .map((t) => t.toLowerCase());
  const roles = [
    ...phrase.titleTokens.filter((t) => TITLES.has(t.toLowerCase())).map((t) => t.toLowerCase()),
    ...rolesBefore(words, phrase.first),
  ];
  // `President Alexander from Belarus Lukashenko`: title, first name, `from` + place + surname.
  const from = words[phrase.last + 1];
  if (
    tokens.length === 1 &&
    phrase.titleTokens.length > 0 &&
    from?.lower === "from" &&
    from.trail === ""
  ) {
    const tail = readNamePhrase(words, phrase.last + 2);
    if (tail && tail.nameTokens.length === 2 && tail.titleTokens.length === 0) {
      context.push((tail.nameTokens[0] as string).toLowerCase());
      tokens = [tokens[0] as string, tail.nameTokens[1] as string];
      // The phrase now ends at the surname, so the caller does not read `Belarus Lukashenko` again.
      phrase.last = tail.last;
    }
  }
  roles.push(...rolesAfter(words, phrase.last));
  // `Senate Minority Whip Dick Durbin`, `Public Advocate Trish James`: a title we do not list
  // before a name. When the whole run is no person's name, its last two or three words may be.
  if (!looksLikePersonName(tokens) && tokens.length > 2) {
    // Three words only around an initial (`Andrew J. Pincus`); else the last two.
    const sizes = /^\p{Lu}\.$/u.test(tokens[tokens.length - 2] ?? "") ? [3] : [2];
    for (const size of sizes) {
      const tail = tokens.slice(-size);
      const first = (tail[0] ?? "").toLowerCase();
      if (looksLikePersonName(tail) && !PLACE_STARTS.has(first) && !ROLE_NOUNS.has(first)) {
        context.push(...tokens.slice(0, -size).map((t) => t.toLowerCase()));
        tokens = tail;
        break;
      }
    }
  }
  return { tokens: withoutDescription(index, tokens), roles, context };
}

/**
 * Turns a phrase into a person, registering it, or returns undefined. `strict` is off where the
 * grammar already says a person is meant (the subject of `said`), so a lone new word counts.
 */
export function personFromPhrase(
  index: PeopleIndex,
  words: readonly Word[],
  phrase: NamePhrase,
  strict = true,
): Person | undefined {
  const { tokens, roles, context } = readName(index, words, phrase);
  if (!looksLikePersonName(tokens, roles.length > 0) || isGroupNoun(tokens)) return undefined;
  // `Veto Power Impedes Peace Efforts`, `Black Lives Matter`: a headline or a slogan, its words
  // ones the article also writes in lower case.
  if (
    tokens.length >= 3 &&
    tokens.filter((t) => index.commonWords.has(t.toLowerCase())).length >= 2
  )
    return undefined;
  const known = index.lookup(tokens);
  // `Chief Whip`, `Deputy Speaker`: these titles qualify an office; one word after them is the
  // office, not a surname.
  const licensing = roles.filter((r) => !OFFICE_QUALIFIERS.has(r));
  if (!known && tokens.length === 1 && licensing.length === 0) {
    // `Delegates questioned …`: a lone word the article also writes in lower case is a common
    // noun opening its sentence, not a surname.
    if (
      strict ||
      (opensSentence(words, phrase.first) &&
        index.commonWords.has((tokens[0] as string).toLowerCase()))
    )
      return undefined;
  }
  return index.record(tokens, roles, context);
}

/**
 * `Senators Mitch McConnell`, `Counsel James A. Baker`: a word the article writes in lower case
 * elsewhere, before a first name, describes the person and is not part of the name.
 */
function withoutDescription(index: PeopleIndex, tokens: string[]): string[] {
  const described =
    tokens.length >= 3 &&
    index.commonWords.has((tokens[0] as string).toLowerCase()) &&
    isGivenName(tokens[1] as string);
  return described ? tokens.slice(1) : tokens;
}

/** Whether words[i] opens a sentence, where a capital says nothing about a proper noun. */
function opensSentence(words: readonly Word[], i: number): boolean {
  const before = words[i - 1];
  return before === undefined || endsSentence(before) || /[:"“]/u.test(before.trail);
}

/** `Prosecutors`, `Officials`: a group noun alone names nobody. */
function isGroupNoun(tokens: readonly string[]): boolean {
  return tokens.length === 1 && GROUP_NOUNS.has((tokens[0] as string).toLowerCase());
}

/** Titles that qualify an office (`Chief Whip`) and never stand alone before a surname. */
const OFFICE_QUALIFIERS = new Set(
  "chief deputy assistant head state press vice prime foreign interior finance defense defence".split(
    " ",
  ),
);

/** The person (or speaking organisation) a phrase names, looked up in the frozen index only. */
export function findPerson(
  index: PeopleIndex,
  words: readonly Word[],
  phrase: NamePhrase,
): Person | undefined {
  const { tokens, roles } = readName(index, words, phrase);
  if (looksLikePersonName(tokens, roles.length > 0))
    return index.lookup(tokens, genderOfTitles(roles));
  const whole = [...phrase.titleTokens, ...phrase.nameTokens].join(" ");
  return index.people.find((p) => p.kind === "org" && p.name.startsWith(whole));
}
