/** The people index's types: who a person is, where they are mentioned, a name phrase. */
/**
 * The people an article names, found from capitalisation and titles (no lexicon of names).
 *
 * A name phrase is a run of capitalised words (with particles such as `van`, and initials):
 * - words that only start clauses (`But`, `The`) are dropped from its front;
 * - everything up to its last title is the person's role (`Pentagon Press Secretary Pat Ryder`
 *   is Pat Ryder, role press secretary, context Pentagon), and so are role nouns written just
 *   before it in lower case (`spokesman Dmitry Peskov`) or after it (`Steve Cowan, a spokesman`);
 * - a phrase with a place or organisation word (`Department`, `Sea`) is not a person;
 * - the newswire garble `President Alexander from Belarus Lukashenko` is read as Alexander
 *   Lukashenko from Belarus;
 * - a lone word is a person only after a title (`Mrs Thatcher`) or when it is the surname of
 *   someone already named in full (`Peskov` after `Dmitry Peskov`).
 * Every person keeps the name as the article first gives it in full.
 */
export interface Person {
  /** The fullest form of the name seen, as first written. */
  name: string;
  tokens: string[];
  /** Lower-cased role words: titles and role nouns seen around the name. */
  roles: Set<string>;
  /** Lower-cased words that place the person: demonyms, organisations, `from Belarus`. */
  context: Set<string>;
  gender: "male" | "female" | undefined;
  /** An organisation speaks too (`the Clinton campaign said`), but no pronoun `he`/`she` is it. */
  kind: "person" | "org";
}

export interface Mention {
  person: Person;
  paragraph: number;
  /** Offset of the mention in its paragraph. */
  offset: number;
  /** Running number of the sentence, across paragraphs. */
  sentence: number;
  /** The mention opens its sentence's first clause or is the subject of a reporting verb. */
  subject: boolean;
}

/** A run of capitalised words as it stands in the text, before it is judged a person or not. */
export interface NamePhrase {
  /** Indexes into the word list: [first, last]. */
  first: number;
  last: number;
  nameTokens: string[];
  titleTokens: string[];
}

/** A speaker already decided for an earlier quotation: pronouns prefer to continue it. */
export interface Turn {
  person: Person;
  paragraph: number;
  offset: number;
}
