import type { TagTable } from "../nlp/tagger.ts";
import type { QuoteSpan } from "../quote-spans.ts";
import type { Word } from "../words.ts";
import type { PeopleIndex, Person, Turn } from "./people.ts";
import type { PronounChoice } from "./pronoun-ranker.ts";

/** The attribution rules' shared types: what a rule reads, finds and returns. */

/** Everything a rule may read about one quotation. */
export interface QuoteContext {
  people: PeopleIndex;
  paragraph: number;
  /**
   * The paragraph with every quotation blanked out, a full stop or comma that ended a sentence
   * inside one left in place of its closing mark (`markSentenceEnds` in quotes.ts).
   */
  masked: string;
  /** The paragraph's parts of speech and lemmas, by offset. */
  tags: TagTable;
  span: QuoteSpan;
  /** Words from the closing mark to the end of the sentence or the next quotation. */
  after: Word[];
  /** Words from the sentence start (or the previous quotation) to the opening mark. */
  before: Word[];
  /** The text `before` was read from, for its punctuation (a colon before the mark). */
  beforeText: string;
  /** Whether the quotation ends with `,` `?` `!` or a dash: an attribution may follow. */
  invitesAttribution: boolean;
  /** Speakers of the quotations before this one, in order. */
  turns: readonly Turn[];
  /** Where the quotation just before this one in the paragraph closed (-1 when none). */
  lastClose: number;
  /** The paragraph before, quotations blanked out ("" for the first). */
  previousParagraph: string;
}

export type RuleName =
  | "a-name"
  | "unnamed"
  | "transcript-label"
  | "cue-after"
  | "according-to"
  | "cue-before"
  | "quoted-as"
  | "fragment-cue"
  | "colon"
  | "previous-sentence"
  | "colon-paragraph"
  | "put-it"
  | "characterised-as"
  | "sentence-subject"
  | "clause-subject"
  | "previous-subject"
  | "dash-credit"
  | "subject-after"
  | "none";

export interface Found {
  mention: Resolved;
  cue: string;
}

export interface Rule {
  name: RuleName;
  /** How sure the rule is when its pattern holds, before the mention's own certainty. */
  confidence: number;
  /** What it reads, for a newcomer. */
  pattern: string;
  find(ctx: QuoteContext): Found | undefined;
}

/** Where a quotation stands among the others, as `explainQuotes` tracks it. */
export interface Surroundings {
  /** Where the next quotation long enough to end this one's attribution opens. */
  nextOpen: number;
  /** Where the last such quotation before it closed (-1): the window before starts after it. */
  windowClose: number;
  /** Where the quotation just before closed, however short (-1 when none). */
  lastClose: number;
  turns: readonly Turn[];
  /** The paragraph before, quotations blanked out ("" for the first). */
  previousParagraph: string;
}

/** A resolved mention and how sure the resolution is (1 for a name). */
export interface Resolved {
  person: Person;
  certainty: number;
  /** How the mention was resolved, for --explain: `name`, `pronoun: last speaker`, … */
  via: string;
  /** For a pronoun: every candidate it was chosen from, with its probability. */
  choice?: PronounChoice;
}

export interface Position {
  paragraph: number;
  offset: number;
}

export interface PhraseBase {
  /** Index of the phrase's first word, and one past its last. */
  start: number;
  end: number;
  /** Offset in the paragraph, for resolving pronouns before it. */
  offset: number;
}

export type NamePhraseRef = PhraseBase & {
  kind: "name";
  person: Person;
  afterPreposition: boolean;
  possessive: boolean;
};

export type NounPhrase = PhraseBase &
  (
    | { kind: "pronoun"; gender: "male" | "female" }
    | {
        kind: "role";
        definite: boolean;
        afterComma: boolean;
        afterPreposition: boolean;
        role: RolePhrase;
        /** `a spokesman for Google`: the organisation the role speaks for, when named. */
        speaksFor: Person | undefined;
      }
    | {
        kind: "name";
        person: Person | undefined;
        afterPreposition: boolean;
        possessive: boolean;
      }
    | { kind: "thing"; afterPreposition: boolean }
    | { kind: "org-ref"; certainty: number }
  );

export interface RolePhrase {
  noun: string;
  qualifiers: string[];
}
