import { ROLE_NOUNS } from "../lexicon.ts";
import { NO_TAGS, type TagTable } from "../nlp/tagger.ts";
import { endsSentence, isCapitalised, toWords, type Word, withTags } from "../words.ts";
import { genderOfSurname } from "./first-names.ts";
import { readInstitution } from "./institutions.ts";
import { readNamePhrase } from "./name-phrase.ts";
import { PeopleIndex } from "./people-index.ts";
import type { NamePhrase, Person } from "./people-types.ts";
import type { QuotedNames } from "./quoted-names.ts";
import {
  besideReportingVerb,
  governs,
  isPossessive,
  namesOrganisation,
  organisationFromPhrase,
  personFromPhrase,
} from "./speakers.ts";
import { reportsSpeech } from "./verb-forms.ts";

/**
 * Indexes every person named in the paragraphs (quotation interiors already blanked out), in
 * reading order, and records each mention with its sentence and whether it is a subject. A
 * phrase next to a reporting verb (`Miller said`, `said Reuters`) is a speaker even as a lone
 * word, and an organisation there is kept as one. The index is frozen when done.
 */
export function indexPeople(
  maskedParagraphs: readonly string[],
  quotedNames: QuotedNames = new Map(),
  tags: readonly TagTable[] = [],
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
    const words = withTags(toWords(text), tags[paragraph] ?? NO_TAGS);
    let sentenceOpen = 0;
    // Where the main clause opens: after `Although he said …,` the subject comes anew.
    let clauseOpen = 0;
    let subjectIsPronoun = false;
    let seenSubject = -1;
    sentence++;
    for (let i = 0; i < words.length; i++) {
      // `China's foreign ministry said`, `the Belarusian interior ministry`: a body of state
      // speaks as an organisation (its owner or adjective is not read as a name).
      const institution = readInstitution(words, i);
      if (institution) {
        const { tokens } = institution;
        const person = index.organisation(tokens.join(" ")) ?? index.record(tokens, [], [], "org");
        const governed = governs(words[i - 1], words[i] as Word);
        const subject =
          !governed &&
          (besideReportingVerb(words, institution) ||
            (seenSubject !== sentence && institution.first - clauseOpen <= SUBJECT_REACH));
        if (subject) {
          seenSubject = sentence;
          subjectIsPronoun = false;
        }
        const offset = (words[i] as Word).start;
        index.mentions.push({ person, paragraph, offset, sentence, subject });
        i = institution.last;
      }
      const phrase = institution ? undefined : readNamePhrase(words, i);
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
          // (`China's ambassador to Britain said`: a name a preposition governs is not the
          // verb's subject, even right before it.)
          const subject =
            (nearVerb && !governed) ||
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
  // (A surname's ending last: the article's own pronouns outrank it.)
  for (const person of index.people)
    if (person.kind === "person" && person.gender === undefined)
      person.gender = genderOfSurname(person.tokens[person.tokens.length - 1] ?? "");
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
  // (By sentence: a look through every pronoun for every subject was quadratic in a long text.)
  const bySentence = new Map<number, PronounUse[]>();
  for (const p of pronouns) {
    const list = bySentence.get(p.sentence);
    if (list) list.push(p);
    else bySentence.set(p.sentence, [p]);
  }
  for (const m of index.mentions) {
    if (!m.subject || m.person.kind !== "person" || m.person.gender !== undefined) continue;
    const first =
      bySentence.get(m.sentence)?.find((p) => p.paragraph === m.paragraph && p.offset > m.offset) ??
      bySentence.get(m.sentence + 1)?.find((p) => p.first);
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
    (next.pos === "VERB" ||
      next.pos === "AUX" ||
      /\p{Ll}{3}ed$/u.test(next.lower) ||
      reportsSpeech(next) ||
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

export { isSurnameHe, looksLikePersonName, readNamePhrase } from "./name-phrase.ts";
export { compatible, countBefore, PeopleIndex } from "./people-index.ts";
// The people index's parts, for the modules that read an article's people.
export type { Mention, NamePhrase, Person, Turn } from "./people-types.ts";
export {
  findPerson,
  governs,
  isPossessive,
  isStateNoun,
  ORGANISATION_NOUNS,
  organisationFromPhrase,
  PREPOSITIONS,
  personFromPhrase,
} from "./speakers.ts";
