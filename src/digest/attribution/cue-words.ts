import { FRAGMENT_CUES, REPORTING_VERBS } from "../lexicon.ts";
import type { TagTable } from "../nlp/tagger.ts";
import { isCapitalised, sentenceStart, toWords, type Word, withTags } from "../words.ts";
import type { Resolved } from "./attribution-types.ts";
import { isPossessive, isStateNoun, type Person, type Turn } from "./people.ts";
import { reportsSpeech } from "./verb-forms.ts";

export type { Turn };

/** Words of attribution that every rule reads: reporting verbs and their noun uses, passives, cues, titles. */

/** How far after the closing mark a reporting verb may stand (words). */
export const NEAR_AFTER_COMMA = 25;

export const NEAR_AFTER = 4;

export function hasCueBefore(masked: string, open: number, tags: TagTable): boolean {
  const before = wordsAt(masked, sentenceStart(masked, open), open, tags);
  return before.some((w) => isReportingVerb(w) || FRAGMENT_CUES.has(w.lower));
}

/** The words of text[from, to), their offsets in the whole paragraph, tagged from its tags. */
export function wordsAt(text: string, from: number, to: number, tags: TagTable): Word[] {
  const words = toWords(text.slice(from, to)).map((w) => ({
    ...w,
    start: w.start + from,
    end: w.end + from,
  }));
  return withTags(words, tags);
}

/**
 * A reporting verb, in lower case: `State Department spokesman` is not the verb `state`. Only
 * right after a quotation may it be capitalised (`“…?” Said Lukashenko`).
 */
export function isReportingVerb(word: Word | undefined, capitalAllowed = false): boolean {
  if (word === undefined) return false;
  // (A capitalised `Said` is read by its form: the tagger takes it for a name.)
  if (/^\p{Lu}/u.test(word.text)) return capitalAllowed && REPORTING_VERBS.has(word.lower);
  return reportsSpeech(word);
}

/** Reporting verbs whose bare form is also a noun (`a note`, `the claim`, `his tweet`). */
const NOUN_FORMS = new Set(
  "note comment remark claim report answer reply question tweet post text email promise pledge vow charge demand quip mention retort boast plea reason sigh cry state".split(
    " ",
  ),
);

/** Words that make the next noun-like word a noun (`his briefing note`, `a comment`). */
export const NOUN_MARKERS = new Set(
  "a an the his her their its our my your this that these those another each every".split(" "),
);

/**
 * `his three-page briefing note with …`: a reporting verb's bare form after a determiner or a
 * possessive, with only modifiers between, is a noun.
 */
export function isNounUse(words: readonly Word[], i: number): boolean {
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
export function isPassive(words: readonly Word[], i: number): boolean {
  const before = words[i - 1];
  if (!before) return false;
  if (BE_FORMS.has(before.lower)) return true;
  return /ly$/u.test(before.lower) && BE_FORMS.has(words[i - 2]?.lower ?? "");
}

/** Whether the words after a subject start a passive (`was advised`, `had been told`). */
export function passiveAfter(words: readonly Word[], at: number): boolean {
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

export function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

/**
 * The last reporting verb of the words, skipping nouns of the same form (`McCaskill said voters
 * in her state would …`: `state` is no cue), or -1.
 */
export function lastCue(words: readonly Word[]): number {
  let at = words.length - 1;
  while (at >= 0 && (!isReportingVerb(words[at]) || notSpeech(words, at))) at--;
  return at;
}

/**
 * A reporting verb's form that reports nothing here: a noun (`his remarks`), a verb inside a
 * description (`women who complained about …`), `continue to be`, `state` before a noun.
 */
export function notSpeech(words: readonly Word[], i: number): boolean {
  const word = words[i] as Word;
  const next = words[i + 1];
  return (
    isNounUse(words, i) ||
    inRestrictiveRelative(words, i) ||
    (/^continu/u.test(word.lower) && next?.lower === "to" && word.trail === "") ||
    isStateNoun(words, i)
  );
}

/** Words that never follow a subject as its verb. */
// (Not prepositions: `Paul Ryan on Tuesday called it “racist”`.)
export const NOT_VERBS = new Set([...NOUN_MARKERS, "and", "or"]);

/**
 * `“Now Everyone Can Fly”`, `“Jokowi”`: every word capitalised, a title, slogan or nickname.
 * Nobody's words, so the rules that guess from the sentence leave it alone.
 */
export function isTitleLike(text: string): boolean {
  const words = text.split(/\s+/u).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0 || words.length > TITLE_WORDS) return false;
  const capitalised = (w: string) => /^["“‘(]?\p{Lu}/u.test(w);
  // `“Meet the Press”`, `“Orange is the New Black”`: a headline-style title leaves its small
  // words in lower case, but never its first or last.
  return (
    capitalised(words[0] as string) &&
    capitalised(words[words.length - 1] as string) &&
    words.every((w) => capitalised(w) || TITLE_SMALL_WORDS.has(w.toLowerCase()))
  );
}

const TITLE_WORDS = 8;
const TITLE_SMALL_WORDS = new Set(
  "a an the and or nor but of for with in on at to by from as is vs. vs".split(" "),
);

export function nameMention(person: Person): Resolved {
  return person.kind === "org"
    ? { person, certainty: 0.9, via: "organisation name" }
    : { person, certainty: 1, via: "name" };
}

const MODALS = new Set("would could will can may might should did does do".split(" "));

/** Whether the verb at `verbAt` follows `who` (aux. between) with no comma: part of a description. */
export function inRestrictiveRelative(words: readonly Word[], verbAt: number): boolean {
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

/** Words that may stand between a subject and its reporting verb. */
export const AUXILIARIES = new Set(
  "also has have had later then again once previously recently further simply repeatedly frequently often just now still even never always".split(
    " ",
  ),
);

/** `also`, `has`, `famously`: words between a subject and its verb. */
export function isAuxiliary(word: Word): boolean {
  return (
    word.trail === "" &&
    (AUXILIARIES.has(word.lower) || (word.lower.length > 4 && /^\p{Ll}+ly$/u.test(word.text)))
  );
}
