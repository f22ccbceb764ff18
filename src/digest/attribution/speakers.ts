import {
  FRAGMENT_CUES,
  GROUP_NOUNS,
  PLACE_STARTS,
  ROLE_NOUNS,
  SOURCE_MARKERS,
  TITLES,
} from "../lexicon.ts";
import { endsSentence, isCapitalised, type Word } from "../words.ts";
import {
  genderOfTitles,
  isGivenName,
  looksLikePersonName,
  readNamePhrase,
  rolesAfter,
  rolesBefore,
} from "./name-phrase.ts";
import type { PeopleIndex } from "./people-index.ts";
import type { NamePhrase, Person } from "./people-types.ts";
import { reportsSpeech } from "./verb-forms.ts";

/** From a name phrase to a person or organisation: who speaks, for whom, and after which word. */
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

/** `Belarusian state media quoted …`: `state` before a word other than `that` is the noun. */
export function isStateNoun(words: readonly Word[], i: number): boolean {
  const word = words[i];
  const next = words[i + 1];
  return (
    word?.lower === "state" && word.trail === "" && next !== undefined && next.lower !== "that"
  );
}

/** Whether a reporting verb stands right after the phrase or right before it. */
export function besideReportingVerb(
  words: readonly Word[],
  phrase: Pick<NamePhrase, "first" | "last">,
): boolean {
  const after = words[phrase.last + 1];
  const before = words[phrase.first - 1];
  const lastWord = words[phrase.last] as Word;
  // `said Steve Cowan.` or `said Cowan, a spokesman`, but not `said Nunberg was bound`, and
  // not the owner in `said Pence’s performance`; in `noted NBC’s Dante Chinni` it is Chinni.
  const verb = isPossessive(before) ? possessorStart(words, phrase.first - 1) : before;
  const inverted =
    verb !== undefined &&
    verb.trail === "" &&
    reportsSpeech(verb) &&
    !isPossessive(lastWord) &&
    (lastWord.trail !== "" || after === undefined || PREPOSITIONS.has(after.lower));
  // `quoted Lukashenko as saying`: the one quoted speaks.
  const quotedAs =
    before !== undefined &&
    SOURCE_MARKERS.has(before.lower) &&
    lastWord.trail === "" &&
    after?.lower === "as";
  return (
    (after !== undefined &&
      lastWord.trail === "" &&
      (reportsSpeech(after) || FRAGMENT_CUES.has(after.lower)) &&
      !isStateNoun(words, phrase.last + 1)) ||
    inverted ||
    quotedAs
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
export function namesOrganisation(phrase: NamePhrase): boolean {
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
  // (`Pollster Ann Selzer`: a role noun written as a title is her role, for `the pollster said`.)
  const isRole = (t: string) => TITLES.has(t.toLowerCase()) || ROLE_NOUNS.has(t.toLowerCase());
  const context: string[] = phrase.titleTokens
    .filter((t) => !isRole(t))
    .map((t) => t.toLowerCase());
  const roles = [
    ...phrase.titleTokens.filter(isRole).map((t) => t.toLowerCase()),
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
  return index.organisation(whole);
}
