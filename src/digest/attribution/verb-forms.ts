import { REPORTING_VERBS } from "../lexicon.ts";
import type { Word } from "../words.ts";

/**
 * Whether a word is a reporting verb used as a verb. A tagged word is read by its tag and lemma:
 * every finite form of a listed verb counts (`concedes`, `stressed`), and a noun of the same form
 * (`the report`, `his remarks`, `state media`) does not. An untagged word is read by its form.
 */
export function reportsSpeech(word: Word): boolean {
  if (word.pos === undefined || word.lemma === undefined) return REPORTING_VERBS.has(word.lower);
  if (word.pos !== "VERB") return false;
  // A participle is a cue only in the forms listed (`, saying “…”`): `complaining about his
  // use of “…”` reports someone else's words.
  return word.lower.endsWith("ing")
    ? REPORTING_VERBS.has(word.lower)
    : REPORTING_VERBS.has(word.lemma);
}
