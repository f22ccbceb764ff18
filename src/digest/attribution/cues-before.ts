import { FRAGMENT_CUES, ROLE_NOUNS, SOURCE_MARKERS } from "../lexicon.ts";
import { NO_TAGS } from "../nlp/tagger.ts";
import { isCapitalised, sentenceStart, type Word } from "../words.ts";
import type {
  Found,
  NamePhraseRef,
  Position,
  QuoteContext,
  Resolved,
} from "./attribution-types.ts";
import {
  findLastIndex,
  isAuxiliary,
  isPassive,
  isReportingVerb,
  isTitleLike,
  lastCue,
  NOT_VERBS,
  nameMention,
  passiveAfter,
  wordsAt,
} from "./cue-words.ts";
import {
  DETERMINERS,
  firstSubject,
  nounPhrases,
  resolvePronoun,
  transientOrganisation,
} from "./noun-phrases.ts";
import { findPerson, isPossessive, type Mention, type Person, readNamePhrase } from "./people.ts";
import { appositionStart, subjectAfterVerb, subjectOfVerb } from "./subjects.ts";

/** The rules that read an attribution before a quotation or around a fragment: `X said: “…”`, `called it “…”`, `as X put it`. */

/** Rule 3: the reporting verb nearest before the opening mark, and its subject. */
export function cueBefore(ctx: QuoteContext): Found | undefined {
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
export function fragmentCue(ctx: QuoteContext): Found | undefined {
  const words = ctx.before;
  const verbAt = findLastIndex(words, (w) => FRAGMENT_CUES.has(w.lower));
  if (verbAt <= 0 || words.length - verbAt > 8) return undefined;
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  const mention =
    participleSubject(ctx, words, verbAt, at) ?? subjectOfVerb(ctx, words, 0, verbAt, at);
  return mention ? { mention, cue: (words[verbAt] as Word).text } : undefined;
}

/** Rule 5: a sentence that leads into the quotation with a colon gives its first person. */
export function colonLeadIn(ctx: QuoteContext): Found | undefined {
  if (!/:\s*$/u.test(ctx.beforeText)) return undefined;
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  const mention = firstSubject(ctx, nounPhrases(ctx, ctx.before, 0, ctx.before.length), at);
  return mention ? { mention, cue: ":" } : undefined;
}

/**
 * A quotation opening its paragraph after a paragraph that ends with a colon (`The New York
 * Times reports:`, `Sanders made the following comment:`): that sentence's first subject.
 */
export function colonParagraph(ctx: QuoteContext): Found | undefined {
  if (ctx.span.open > 0 || !/:\s*$/u.test(ctx.previousParagraph)) return undefined;
  const text = ctx.previousParagraph;
  const end = text.trimEnd().length;
  // (The paragraph before is read by its forms: its tags are not at hand here.)
  const words = wordsAt(text, sentenceStart(text, end - 1), end, NO_TAGS);
  const at = { paragraph: ctx.paragraph - 1, offset: end };
  const mention = firstSubject(ctx, nounPhrases(ctx, words, 0, words.length), at);
  return mention ? { mention, cue: ":" } : undefined;
}

/** `as The New Yorker put it, “…”` / `“…,” as Smith put it`: the idiom names the speaker. */
export function asPutIt(ctx: QuoteContext): Found | undefined {
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
export function characterisedAs(ctx: QuoteContext): Found | undefined {
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
export function previousSentence(ctx: QuoteContext): Found | undefined {
  if (ctx.before.length > 0 || isTitleLike(ctx.span.text)) return undefined;
  const words = sentenceBefore(ctx);
  if (!words) return undefined;
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

/** `quoted him as saying`: the object pronoun of the one quoted. */
const OBJECT_PRONOUNS = new Map<string, "male" | "female">([
  ["him", "male"],
  ["her", "female"],
]);

/** The verbs after `as` in `quoted X as saying`. */
const AS_VERBS = new Set(["saying", "telling", "writing", "stating", "adding"]);

/**
 * `Belta quoted him as saying “…”`, `“…,” RIA quoted Peskov as saying`: the one quoted speaks,
 * not the outlet that quotes.
 */
export function quotedAsSaying(ctx: QuoteContext): Found | undefined {
  const at = { paragraph: ctx.paragraph, offset: ctx.span.open };
  const read = (words: readonly Word[]): Found | undefined => {
    for (let i = 0; i + 3 < words.length; i++) {
      const marker = words[i] as Word;
      if (!SOURCE_MARKERS.has(marker.lower) || marker.trail !== "") continue;
      const as = words.findIndex(
        (w, j) =>
          j > i + 1 && j <= i + 8 && w.lower === "as" && AS_VERBS.has(words[j + 1]?.lower ?? ""),
      );
      if (as === -1) continue;
      const cue = `${marker.text} … as ${(words[as + 1] as Word).text}`;
      const gender = as === i + 2 ? OBJECT_PRONOUNS.get((words[i + 1] as Word).lower) : undefined;
      const mention = gender
        ? resolvePronoun(ctx, gender, at)
        : firstSubject(ctx, nounPhrases(ctx, words, i + 1, as), at, true);
      return mention ? { mention, cue } : undefined;
    }
    return undefined;
  };
  return read(ctx.before) ?? (ctx.invitesAttribution ? read(ctx.after) : undefined);
}

/**
 * Rule 6: a quoted fragment inside a sentence whose subject is a named person, with a verb
 * between (`Trump blamed the problem on “sickos”`). The quoted words are that person's; unsure
 * enough that they never become a key quote on this rule alone.
 */
export function sentenceSubject(ctx: QuoteContext): Found | undefined {
  if (isTitleLike(ctx.span.text)) return undefined;
  const words = ctx.before;
  if (words.length < 2 || ctx.span.close >= ctx.masked.length) return undefined;
  return namedSubject(ctx, words);
}

/**
 * A quotation that is a sentence by itself, with no cue, right after a sentence of the same
 * paragraph whose subject is a named person and whatever its verb (`Maria Kolesnikova scoffed at
 * the charges. “This is absurd.”`): that person's words, as a reader takes them.
 */
export function previousSubject(ctx: QuoteContext): Found | undefined {
  if (ctx.before.length > 0 || ctx.after.length > 0 || isTitleLike(ctx.span.text)) return undefined;
  const words = sentenceBefore(ctx);
  return words && namedSubject(ctx, words);
}

/**
 * The words of the sentence before the quotation's, in its paragraph; none when the quotation
 * opens the paragraph, or when that sentence holds a quotation of its own (it has handed its
 * speaker on already, by `follow-on`).
 */
function sentenceBefore(ctx: QuoteContext): Word[] | undefined {
  const end = sentenceStart(ctx.masked, ctx.span.open);
  if (end <= 0) return undefined;
  const start = sentenceStart(ctx.masked, end - 1);
  if (ctx.lastClose >= start) return undefined;
  return wordsAt(ctx.masked, start, end, ctx.tags);
}

/**
 * `Trump blamed …`, `Aaron Kall, the director of debate at …, compared …`: the named person a
 * sentence opens with, when a verb follows the name (or its aside), not a passive.
 */
function namedSubject(ctx: QuoteContext, words: readonly Word[]): Found | undefined {
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

/**
 * Rule 7: a quoted fragment inside a sentence with no cue at all: the person who is the
 * sentence's subject before it, wherever the subject stands (after an opening phrase, after a
 * title). The least sure rule: never a key quote.
 */
export function clauseSubject(ctx: QuoteContext): Found | undefined {
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
export function namingMarker(ctx: QuoteContext): string | undefined {
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
