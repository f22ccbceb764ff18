import { ROLE_NOUNS, TITLES } from "../lexicon.ts";
import type { Word } from "../words.ts";
import type {
  NamePhraseRef,
  NounPhrase,
  Position,
  QuoteContext,
  Resolved,
} from "./attribution-types.ts";
import { isAuxiliary, isReportingVerb, nameMention } from "./cue-words.ts";
import { firstSubject, nounPhrases, resolve } from "./noun-phrases.ts";
import { findPerson, type Person, PREPOSITIONS, readNamePhrase } from "./people.ts";

/** Who a verb's subject is: the name before or after a reporting verb, in apposition, described, or joint. */

/** What `state` qualifies when it is an adjective (`state Senate`, `state Rep.`). */
export const STATE_BODIES = new Set(
  "senate house legislature assembly department officials official lawmakers rep. rep sen. sen senator representative attorney police party government capitol".split(
    " ",
  ),
);

/** Words after which `of` continues a title (`secretary of state`, `director of debate`). */
const ROLE_OR_TITLE = new Set([...ROLE_NOUNS, ...TITLES]);

export const RELATIVES = new Set(["who", "whom", "whose", "which", "that"]);

/** How far after the verb the name may end (`said former Pennsylvania Gov. and … Ed Rendell`). */
const AFTER_VERB_WORDS = 12;

/**
 * After a verb the speaker comes at once: a name, he/she, the/a + role, or descriptive words and
 * then a name (`says veteran analyst Ken Doctor`). In `said ACLU executive director Anthony
 * Romero` the name nearest the end of the phrase is the person.
 */
export function subjectAfterVerb(
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
 * naming nobody but an owner, then after its comma the person, whose name ends the clause.
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
  // (An owner may stand in it: `said Ales Bialiatski's wife, Natalia Pinchuk`.)
  const description = nounPhrases(ctx, words, verbAt + 1, comma + 1);
  if (
    description.some(
      (p) => (p.kind === "name" && p.person && !p.possessive) || p.kind === "pronoun",
    )
  )
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
export function subjectOfVerb(
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
export const CLAUSE_JOINERS = new Set(["and", "but", "while", "whereas", "yet"]);

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
export function appositionStart(
  words: readonly Word[],
  from: number,
  end: number,
  text = "",
): number {
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
