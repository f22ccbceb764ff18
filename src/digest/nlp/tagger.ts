import { createRequire } from "node:module";

/**
 * Part of speech and lemma for the words of an article, from wink-nlp's English model (an npm
 * package: nothing is downloaded). The attribution rules read these where a tag decides better
 * than a word list: `said` and `says` are the verb `say`; `the report` is a noun and reports
 * nothing.
 *
 * Loaded on first use, so commands that digest nothing (`status`) never pay its ~0.1 s.
 */

/** Universal part-of-speech tags, as the model gives them. */
export type Pos =
  | "ADJ"
  | "ADP"
  | "ADV"
  | "AUX"
  | "CCONJ"
  | "DET"
  | "INTJ"
  | "NOUN"
  | "NUM"
  | "PART"
  | "PRON"
  | "PROPN"
  | "PUNCT"
  | "SCONJ"
  | "SYM"
  | "VERB"
  | "X"
  | "SPACE";

export interface Tag {
  pos: Pos;
  /** Lower-case base form (`said` → `say`, `protests` → `protest`). */
  lemma: string;
}

/** The tags of one paragraph, by the offset where each token starts. */
export type TagTable = ReadonlyMap<number, Tag>;

export const NO_TAGS: TagTable = new Map();

/**
 * How many words of one article are tagged. Every news article fits many times over; past it
 * (a pathological 5 MB paste) paragraphs go untagged and the rules fall back on their lexicon,
 * which keeps such an article to seconds.
 */
export const TAGGED_WORDS_PER_ARTICLE = 150_000;

interface WinkDoc {
  tokens(): { out(what: unknown): string[] };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: { value: unknown; pos: unknown; lemma: unknown; precedingSpaces: unknown };
}

const require = createRequire(import.meta.url);
let wink: Wink | undefined;

function nlp(): Wink {
  if (!wink) {
    const winkNLP = require("wink-nlp") as (model: unknown, pipe: string[]) => Wink;
    wink = winkNLP(require("wink-eng-lite-web-model"), ["pos"]);
  }
  return wink;
}

/** The model's reading of one text: each token as written, its tag, lemma and the spaces before it. */
export interface RawTokens {
  values: string[];
  pos: string[];
  lemmas: string[];
  spaces: string[];
}

/** Reads one text with the model, in this thread. */
export function readTokens(text: string): RawTokens {
  const { its } = nlp();
  const tokens = nlp().readDoc(text).tokens();
  return {
    values: tokens.out(its.value),
    pos: tokens.out(its.pos),
    lemmas: tokens.out(its.lemma),
    spaces: tokens.out(its.precedingSpaces),
  };
}

/**
 * The tag table of one text from the model's reading. `verbs` are lemmas the caller reads as
 * verbs: the small model takes their `-s` form after a name or noun for a plural (`Obama notes
 * that`, `the company states`, `The New York Times reports:`), which after a subject it is not.
 */
export function tableOf(
  text: string,
  { values, pos, lemmas, spaces }: RawTokens,
  verbs: ReadonlySet<string>,
): TagTable {
  const tags = new Map<number, Tag>();
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    offset += (spaces[i] ?? "").length;
    const lemma = (lemmas[i] ?? "").toLowerCase();
    const presentAfterSubject =
      pos[i] === "NOUN" &&
      (pos[i - 1] === "PROPN" || pos[i - 1] === "NOUN") &&
      /s$/u.test(values[i] ?? "") &&
      verbs.has(lemma);
    tags.set(offset, { pos: presentAfterSubject ? "VERB" : (pos[i] as Pos), lemma });
    offset += (values[i] ?? "").length;
  }
  // The model keeps every character, so offsets add up; if they ever did not, a wrong tag
  // would be worse than none.
  return offset === text.length ? tags : NO_TAGS;
}

/** Tags one text; offsets are the text's own. */
export function tagText(text: string, verbs: ReadonlySet<string> = new Set()): TagTable {
  return text.trim() === "" ? NO_TAGS : tableOf(text, readTokens(readable(text)), verbs);
}

/**
 * The text with every run of more than LONGEST_TOKEN characters without a space blanked out
 * (to dashes among spaces), offsets kept. The model's tokenizer takes time in the square of a
 * token's length (a 50,000-character one, 1.4 s; a 2 MB pasted blob, forever); no word is that
 * long, and what it blanks (a blob, a long link) is nobody's name or verb.
 */
export function readable(text: string): string {
  // (A dash every so often, not spaces alone: the model counts the spaces before a token in
  // 16 bits, and past 65,534 the offsets would no longer add up.)
  return text.replace(LONG_RUN, (run) =>
    "-"
      .padEnd(LONGEST_TOKEN, " ")
      .repeat(Math.ceil(run.length / LONGEST_TOKEN))
      .slice(0, run.length),
  );
}

const LONGEST_TOKEN = 64;
const LONG_RUN = new RegExp(`\\S{${LONGEST_TOKEN + 1},}`, "gu");

/** The paragraphs to tag: those within the article's word budget that have words at all. */
export function toTag(paragraphs: readonly string[], budget: number): boolean[] {
  let words = 0;
  return paragraphs.map((text) => {
    words += text.split(/\s+/u).length;
    return words <= budget && text.trim() !== "";
  });
}

/** Tags each paragraph of an article, up to the article's word budget. */
export function tagParagraphs(
  paragraphs: readonly string[],
  verbs: ReadonlySet<string> = new Set(),
  budget = TAGGED_WORDS_PER_ARTICLE,
): TagTable[] {
  const wanted = toTag(paragraphs, budget);
  return paragraphs.map((text, i) => (wanted[i] ? tagText(text, verbs) : NO_TAGS));
}
