import {
  FEMALE_TITLES,
  MALE_TITLES,
  NAME_PARTICLES,
  NON_PERSON_WORDS,
  NOT_NAME_STARTS,
  PLACE_STARTS,
  REPORTING_VERBS,
  ROLE_NOUNS,
  TITLES,
} from "../lexicon.ts";
import type { Pos } from "../nlp/tagger.ts";
import { isCapitalised, type Word } from "../words.ts";
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from "./first-names.ts";
import type { NamePhrase } from "./people-types.ts";
import { reportsSpeech } from "./verb-forms.ts";

/** Reading a name phrase (a run of capitalised words, titles and initials) out of a sentence. */
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
    !reportsSpeech(next)
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
    !reportsSpeech(next)
  );
}

/**
 * Word classes that never start a name (`Still, Obama …`, `Unlike Sanders`), by the tagger. Not
 * verbs or nouns: it tags `Rob`, `Hope` and `Grant` before a surname as verbs.
 */
const FUNCTION_WORD_TAGS = new Set<Pos>(["DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "ADV"]);

function isFunctionWord(word: Word): boolean {
  return word.pos !== undefined && FUNCTION_WORD_TAGS.has(word.pos);
}

const SHOUTED = /^\p{Lu}[\p{Lu}’'-]{2,}$/u;

/**
 * A word of a heading set in capitals inside the text (`RED STATES OUTNUMBER BLUE STATES`,
 * `ROLL TIDE Alabama beat …`): capitals with a capitalised neighbour in capitals too. A lone
 * word in capitals is an acronym or a transcript's label (`FBI`, `PENCE:`) and stays.
 */
function isShouted(words: readonly Word[], index: number): boolean {
  const word = words[index] as Word;
  if (!SHOUTED.test(word.text)) return false;
  const previous = words[index - 1];
  const next = words[index + 1];
  return (
    (previous !== undefined && previous.trail === "" && SHOUTED.test(previous.text)) ||
    (next !== undefined && word.trail === "" && SHOUTED.test(next.text))
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
      isFunctionWord(w) ||
      isOpeningAdverb(words, first) ||
      isShouted(words, first)
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
export function isGivenName(token: string): boolean {
  const lower = token.toLowerCase();
  return MALE_FIRST_NAMES.has(lower) || FEMALE_FIRST_NAMES.has(lower);
}

/** `Larry`, `T.`: a word that only starts a person's name. */
function isFirstNameOrInitial(token: string): boolean {
  return /^\p{Lu}\.$/u.test(token) || isGivenName(token);
}

/** The gender a title states (`Mrs.`, `spokesman`), if any: a woman's title first. */
export function genderOfTitles(roles: readonly string[]): "male" | "female" | undefined {
  if (roles.some((r) => FEMALE_TITLES.has(r))) return "female";
  if (roles.some((r) => MALE_TITLES.has(r))) return "male";
  return undefined;
}

/** Lower-case role words just before `index` (`airline boss`, `former mayor`, `spokesman`). */
export function rolesBefore(words: readonly Word[], index: number): string[] {
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
export function rolesAfter(words: readonly Word[], last: number): string[] {
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
