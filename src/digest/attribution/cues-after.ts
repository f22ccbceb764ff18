import { INSTITUTION_NOUNS, PRONOUNS, ROLE_NOUNS, SOURCE_MARKERS } from "../lexicon.ts";
import { toWords, type Word } from "../words.ts";
import type { Found, QuoteContext, Resolved } from "./attribution-types.ts";
import {
  findLastIndex,
  hasCueBefore,
  inRestrictiveRelative,
  isNounUse,
  isReportingVerb,
  isTitleLike,
  NEAR_AFTER,
  NEAR_AFTER_COMMA,
  NOT_VERBS,
  nameMention,
  notSpeech,
} from "./cue-words.ts";
import {
  DETERMINERS,
  firstSubject,
  nounPhrases,
  resolvePronoun,
  transientOrganisation,
} from "./noun-phrases.ts";
import {
  findPerson,
  isPossessive,
  isSurnameHe,
  ORGANISATION_NOUNS,
  type PeopleIndex,
  type Person,
  PREPOSITIONS,
  readNamePhrase,
} from "./people.ts";
import {
  CLAUSE_JOINERS,
  RELATIVES,
  STATE_BODIES,
  subjectAfterVerb,
  subjectOfVerb,
} from "./subjects.ts";

/** The rules that read an attribution after a quotation: `“…,” Peskov said`, a transcript label, `— Jane Doe`, `according to`. */

/** Rule 1: a reporting verb soon after the quotation, its subject before or after it. */
export function cueAfter(ctx: QuoteContext): Found | undefined {
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
      hasCueBefore(ctx.masked, ctx.span.open, ctx.tags)
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
export function transcriptLabel(ctx: QuoteContext): Found | undefined {
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
export function unnamedSpeaker(ctx: QuoteContext, definite = false): string | undefined {
  const first = ctx.after[0]?.lower ?? "";
  if (!INDEFINITES.has(first) && !(definite && first === "the")) return undefined;
  // (Subject first: `said a protester` is read by the rules after the verb.)
  const subject = ownCueSubject(ctx);
  if (!subject || subject[0] !== ctx.after[0]) return undefined;
  // (`the Clinton campaign said` names whose voice it is.)
  if (definite && subject.slice(1).some((w) => /^\p{Lu}/u.test(w.text))) return undefined;
  return (ctx.after[subject.length] as Word).text;
}

/**
 * `“…,” the U.S. Embassy in Minsk said`, `“…,” said the U.S. Embassy in Minsk`, `“…,” according
 * to …`: a quotation opening its sentence, then a reporting verb and a subject of a few words,
 * either way round. That is the quotation's own attribution, whether or not a rule could say
 * who its subject is. Returns the subject's words.
 */
export function ownCueSubject(ctx: QuoteContext): Word[] | undefined {
  if (!ctx.invitesAttribution || ctx.before.length > 0) return undefined;
  const words = ctx.after;
  const first = words[0];
  // `“…,” according to a statement from the coordination council`: the source is the one named
  // after `from` or `by`, else the phrase itself.
  if (first?.lower === "according" && words[1]?.lower === "to") {
    const end = words.findIndex((w, i) => i > 1 && w.trail !== "" && !isPossessive(w));
    const source = words.slice(2, end === -1 ? words.length : end + 1);
    const by = source.findIndex((w) => w.lower === "from" || w.lower === "by");
    return by === -1 ? source : source.slice(by + 1);
  }
  if (first && first.trail === "" && isReportingVerb(first) && !notSpeech(words, 0)) {
    const end = words.findIndex(
      (w, i) => i > 0 && ((w.trail !== "" && !isPossessive(w)) || i >= 7),
    );
    const subject = words.slice(1, end === -1 ? words.length : end + 1);
    return subject[0]?.lower === "that" ? undefined : subject;
  }
  for (let i = 1; i < Math.min(words.length, 7); i++) {
    const word = words[i] as Word;
    if (isReportingVerb(word) && !notSpeech(words, i)) return words.slice(0, i);
    if (word.trail !== "") return undefined;
  }
  return undefined;
}

/**
 * Whether the subject of a quotation's own attribution, which no rule could read, is plainly
 * someone other than `person`: its head is a name (`the U.S. Embassy in Minsk`) or a body of
 * state or organisation noun (`police`) that `person`'s name does not hold. A description
 * (`the presumptive Republican presidential nominee`) or a name it holds (`the Post`, for the
 * Washington Post) may be the same voice.
 */
export function namesSomeoneElse(subject: readonly Word[], person: Person): boolean {
  // The head: the last word before a preposition (`the U.S. Embassy in Minsk`).
  const end = subject.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w.lower));
  const head = (end === -1 ? subject : subject.slice(0, end)).at(-1);
  if (!head) return false;
  const named = person.tokens.map((t) => t.toLowerCase().replace(/[’']s$/u, ""));
  if (named.includes(head.lower)) return false;
  return (
    /^\p{Lu}/u.test(head.text) ||
    INSTITUTION_NOUNS.has(head.lower) ||
    ORGANISATION_NOUNS.has(head.lower)
  );
}

const INDEFINITES = new Set(["a", "an", "one", "another"]);

/**
 * `“…,” Bennett shot back`, `“…?” Trump went on`, `“…,” he points out`: a name or he/she right
 * after a quotation that invites attribution, then a verb the lexicon does not list. The slot
 * is an attribution's whatever the verb, so its subject spoke.
 */
export function subjectAfter(ctx: QuoteContext): Found | undefined {
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
export function dashCredit(ctx: QuoteContext): Found | undefined {
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
export function accordingTo(ctx: QuoteContext): Found | undefined {
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
