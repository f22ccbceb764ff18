import { INSTITUTION_NOUNS, PORTFOLIOS } from "../lexicon.ts";
import { isCapitalised, type Word } from "../words.ts";
import { isPossessive } from "./speakers.ts";

/** A body of state named by its portfolio or its country: words[first..last], and its name. */
export interface InstitutionPhrase {
  first: number;
  last: number;
  /** The name as written, without `the`, capitalised: `Foreign ministry`, `China's foreign ministry`. */
  tokens: string[];
}

/** At most this many words between `the` (or the owner) and the noun. */
const MAX_QUALIFIERS = 4;

/**
 * `the foreign ministry`, `the Belarusian interior ministry`, `China's foreign ministry`, `the
 * prosecutor's office`, `the UN's human rights office`: a body of state that speaks as one,
 * read from `the` or a capitalised owner, through capitalised words and portfolios, to a
 * lower-case institution noun. Something must say which body: a bare `the ministry` refers
 * back instead (an organisation noun), and `the new government` names none.
 */
export function readInstitution(words: readonly Word[], at: number): InstitutionPhrase | undefined {
  const opener = words[at];
  if (!opener) return undefined;
  const owner = isCapitalised(opener) && isPossessive(opener);
  if (!owner && (opener.lower !== "the" || opener.trail !== "")) return undefined;
  const tokens = owner ? [asWritten(opener)] : [];
  for (let i = at + 1; i <= at + 1 + MAX_QUALIFIERS; i++) {
    const word = words[i];
    if (word?.lead !== "") return undefined;
    if (tokens.length > 0 && INSTITUTION_NOUNS.has(word.text)) {
      // (Printed as a name: `Foreign ministry`, not `foreign ministry`.)
      const [head = "", ...rest] = [...tokens, word.text];
      return {
        first: at,
        last: i,
        tokens: [head.charAt(0).toUpperCase() + head.slice(1), ...rest],
      };
    }
    if (!qualifies(word)) return undefined;
    tokens.push(asWritten(word));
  }
  return undefined;
}

/** `foreign`, `prosecutor's`, `Belarusian`, `UN's`: a word that says which body. */
function qualifies(word: Word): boolean {
  if (!PORTFOLIOS.has(word.text) && !isCapitalised(word)) return false;
  return word.trail === "" || isPossessive(word);
}

function asWritten(word: Word): string {
  return isPossessive(word) ? `${word.text}${word.trail}` : word.text;
}
