import { toWords } from "../words.ts";
import {
  compatible,
  countBefore,
  type Mention,
  type PeopleIndex,
  type Person,
  type Turn,
} from "./people.ts";
import { PRONOUN_WEIGHTS, type PronounWeights } from "./pronoun-weights.ts";

/**
 * Who `he` or `she` is: every person the pronoun could stand for, described by the features
 * below, scored by weights learned from PolNeAR train (`npm run train`), with "nobody
 * here" as one more choice. The probability of the chosen person is how sure the answer is, so
 * a pronoun with two likely people in reach abstains rather than guesses.
 *
 * Features are a table: each is named, explained, and computed from one candidate's facts.
 * Adding one means adding a row here and retraining; the weights file names its features, and a
 * test checks that it matches this table.
 */
export interface CandidateFacts {
  /** The speaker of the last quotation (within the paragraph before). */
  lastSpeaker: boolean;
  /** Spoke an earlier quotation within reach, not the last one. */
  earlierSpeaker: boolean;
  /** Someone else was a sentence's subject since this person's last quotation. */
  subjectSinceTurn: boolean;
  /** Rank among the people who were subjects, newest first (0 = the last subject). */
  subjectRank: number;
  /** Rank among the people mentioned, newest first (0 = the last one named). */
  mentionRank: number;
  /** Named in the pronoun's own sentence, before it. */
  sameSentence: boolean;
  /** Named in the pronoun's paragraph. */
  sameParagraph: boolean;
  /** Named in the paragraph before. */
  previousParagraph: boolean;
  /** The person's gender is stated (title, first name, earlier pronouns) and agrees. */
  genderStated: boolean;
  /** Mentions within reach. */
  mentions: number;
  /** Quotations within reach. */
  turns: number;
  /** The last subject, and a `he`/`she` opened a sentence after it (`X said … He added …`). */
  continuedByPronoun: boolean;
  /** Another person who could be `he` was a subject in the sentence of this one's last subject. */
  rivalInSentence: boolean;
  /** The quotation itself names this person (`“I love Larry,” he said` is not Larry's). */
  namedInQuotation: boolean;
}

interface FeatureRow {
  name: string;
  why: string;
  value(facts: CandidateFacts): number;
}

export const CANDIDATE_FEATURES: readonly FeatureRow[] = [
  {
    name: "last-speaker",
    why: "a pronoun after a quotation most often goes on with its speaker",
    value: (f) => +f.lastSpeaker,
  },
  {
    name: "earlier-speaker",
    why: "someone quoted just before is a likely `he` even when not the last",
    value: (f) => +f.earlierSpeaker,
  },
  {
    name: "speaker-interrupted",
    why: "the last speaker, but another person became the subject since",
    value: (f) => +(f.lastSpeaker && f.subjectSinceTurn),
  },
  {
    name: "last-subject",
    why: "a pronoun continues the last sentence subject",
    value: (f) => +(f.subjectRank === 0),
  },
  {
    name: "second-subject",
    why: "the subject before the last one",
    value: (f) => +(f.subjectRank === 1),
  },
  {
    name: "never-subject",
    why: "named only as an object or after a preposition within reach",
    value: (f) => +(f.subjectRank < 0),
  },
  {
    name: "last-named",
    why: "the nearest name",
    value: (f) => +(f.mentionRank === 0),
  },
  {
    name: "named-further-back",
    why: "how many other people were named after this one (capped at 3)",
    value: (f) => Math.min(3, f.mentionRank) / 3,
  },
  {
    name: "same-sentence",
    why: "named earlier in the pronoun's own sentence",
    value: (f) => +f.sameSentence,
  },
  {
    name: "same-paragraph",
    why: "named in the pronoun's paragraph",
    value: (f) => +f.sameParagraph,
  },
  {
    name: "previous-paragraph",
    why: "named in the paragraph before",
    value: (f) => +f.previousParagraph,
  },
  {
    name: "gender-stated",
    why: "the article states the person's gender, and it agrees",
    value: (f) => +f.genderStated,
  },
  {
    name: "mentions",
    why: "how often the person is named within reach (log)",
    value: (f) => Math.log1p(f.mentions),
  },
  {
    name: "continued-by-pronoun",
    why: "the last subject, already taken up by a pronoun opening a sentence since",
    value: (f) => +f.continuedByPronoun,
  },
  {
    name: "named-in-quotation",
    why: "people rarely name themselves in their own words",
    value: (f) => +f.namedInQuotation,
  },
  {
    name: "rival-in-sentence",
    why: "shared its sentence with another subject who could be meant",
    value: (f) => +f.rivalInSentence,
  },
  {
    name: "turns",
    why: "how many quotations the person spoke within reach (log)",
    value: (f) => Math.log1p(f.turns),
  },
];

/** Facts about the choice as a whole, read by the "nobody here" option. */
export interface ChoiceFacts {
  /** People (of the pronoun's gender) who were subjects in this paragraph or the one before. */
  rivals: number;
  /** Nobody in reach was a subject. */
  noSubject: boolean;
  /** The newest candidate was named two paragraphs back or more. */
  far: boolean;
  /** The pronoun stands before the quotation (`He said “…”`) rather than after it. */
  before: boolean;
}

export const NOBODY_FEATURES: readonly {
  name: string;
  why: string;
  value(facts: ChoiceFacts): number;
}[] = [
  { name: "nobody", why: "the base rate of a pronoun nobody in reach is", value: () => 1 },
  {
    name: "nobody-rivals",
    why: "several people who could be `he` were subjects just now",
    value: (f) => Math.max(0, Math.min(3, f.rivals - 1)),
  },
  { name: "nobody-no-subject", why: "nobody in reach was a subject", value: (f) => +f.noSubject },
  { name: "nobody-far", why: "every candidate is named far back", value: (f) => +f.far },
  {
    name: "nobody-before",
    why: "`He said “…”` reaches over a sentence boundary more often",
    value: (f) => +f.before,
  },
];

export interface Candidate {
  person: Person;
  facts: CandidateFacts;
  features: number[];
  probability: number;
}

export interface PronounChoice {
  candidates: Candidate[];
  nobody: { features: number[]; probability: number };
}

/** Paragraphs back that a pronoun may reach for its person. */
export const PRONOUN_REACH = 2;

interface Where {
  paragraph: number;
  offset: number;
  /** Where the pronoun's sentence starts in its paragraph. */
  sentenceStart: number;
  /** The pronoun stands before its quotation. */
  before: boolean;
  /** The quotation's words. */
  quotation: string;
}

/** The people a `he`/`she` at `at` may stand for, each with its facts: pure, no scoring. */
export function pronounCandidates(
  people: PeopleIndex,
  turns: readonly Turn[],
  gender: "male" | "female",
  at: Where,
): { facts: Map<Person, CandidateFacts>; choice: ChoiceFacts } {
  const facts = new Map<Person, CandidateFacts>();
  const quoted = new Set(toWords(at.quotation).map((w) => w.text));
  const factsOf = (person: Person): CandidateFacts => {
    let f = facts.get(person);
    if (!f) {
      f = {
        lastSpeaker: false,
        earlierSpeaker: false,
        subjectSinceTurn: false,
        subjectRank: -1,
        mentionRank: facts.size,
        sameSentence: false,
        sameParagraph: false,
        previousParagraph: false,
        genderStated: person.gender === gender,
        mentions: 0,
        turns: 0,
        continuedByPronoun: false,
        rivalInSentence: false,
        namedInQuotation: namedIn(quoted, person),
      };
      facts.set(person, f);
    }
    return f;
  };
  let subjects = 0;
  const rivals = new Set<Person>();
  let newestParagraph = -1;
  let lastSubject: Mention | undefined;
  const subjectSentences = new Map<number, Set<Person>>();
  const newestSubjectSentence = new Map<Person, number>();
  for (const m of people.mentionsBefore(at.paragraph, at.offset, gender)) {
    if (m.paragraph < at.paragraph - PRONOUN_REACH) break;
    newestParagraph = Math.max(newestParagraph, m.paragraph);
    const f = factsOf(m.person);
    f.mentions++;
    if (m.paragraph === at.paragraph) f.sameParagraph = true;
    if (m.paragraph === at.paragraph - 1) f.previousParagraph = true;
    if (m.paragraph === at.paragraph && m.offset >= at.sentenceStart) f.sameSentence = true;
    if (m.subject && f.subjectRank < 0) {
      f.subjectRank = subjects++;
      lastSubject ??= m;
      newestSubjectSentence.set(m.person, m.sentence);
    }
    if (m.subject) {
      const inSentence = subjectSentences.get(m.sentence) ?? new Set<Person>();
      inSentence.add(m.person);
      subjectSentences.set(m.sentence, inSentence);
    }
    if (m.subject && m.paragraph >= at.paragraph - 1) rivals.add(m.person);
  }
  for (const [person, sentence] of newestSubjectSentence)
    if ((subjectSentences.get(sentence)?.size ?? 0) > 1) factsOf(person).rivalInSentence = true;
  if (lastSubject && continuedByPronoun(people, lastSubject, gender, at))
    factsOf(lastSubject.person).continuedByPronoun = true;
  const lastTurn = turns[turns.length - 1];
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i] as Turn;
    if (turn.paragraph < at.paragraph - PRONOUN_REACH) break;
    if (!compatible(turn.person, gender)) continue;
    const f = factsOf(turn.person);
    f.turns++;
    if (turn === lastTurn && turn.paragraph >= at.paragraph - 1) {
      f.lastSpeaker = true;
      f.subjectSinceTurn = subjectSince(people, turn, at);
    } else if (!f.lastSpeaker) f.earlierSpeaker = true;
  }
  return {
    facts,
    choice: {
      rivals: rivals.size,
      noSubject: subjects === 0,
      far: newestParagraph < at.paragraph - 1,
      before: at.before,
    },
  };
}

/** Whether a `he`/`she` of `gender` opened a sentence between the mention and `at`. */
function continuedByPronoun(
  people: PeopleIndex,
  mention: Mention,
  gender: "male" | "female",
  at: Where,
): boolean {
  const after = (
    p: { paragraph: number; offset: number },
    q: { paragraph: number; offset: number },
  ) => p.paragraph > q.paragraph || (p.paragraph === q.paragraph && p.offset > q.offset);
  const pronouns = people.openingPronouns;
  for (let i = countBefore(pronouns, at.paragraph, at.offset) - 1; i >= 0; i--) {
    const p = pronouns[i] as (typeof pronouns)[number];
    if (!after(p, mention)) return false;
    if (p.gender === gender) return true;
  }
  return false;
}

/** Whether the text names the person by surname or first name, as a whole word. */
export function namedIn(words: ReadonlySet<string>, person: Person): boolean {
  const surname = person.tokens[person.tokens.length - 1];
  const first = person.tokens[0];
  return [surname, first].some((n) => n !== undefined && n.length > 2 && words.has(n));
}

/** Whether anyone other than the turn's speaker was a subject between the turn and `at`. */
function subjectSince(people: PeopleIndex, turn: Turn, at: Where): boolean {
  for (const m of people.mentionsBefore(at.paragraph, at.offset)) {
    if (m.paragraph < turn.paragraph || (m.paragraph === turn.paragraph && m.offset < turn.offset))
      return false;
    if (m.subject && m.person !== turn.person) return true;
  }
  return false;
}

/** Scores the candidates and "nobody" with the weights: a softmax over all of them. */
export function rankPronoun(
  facts: ReadonlyMap<Person, CandidateFacts>,
  choice: ChoiceFacts,
  weights: PronounWeights = PRONOUN_WEIGHTS,
): PronounChoice {
  const candidates = [...facts].map(([person, f]) => ({
    person,
    facts: f,
    features: CANDIDATE_FEATURES.map((row) => row.value(f)),
    probability: 0,
  }));
  const nobodyFeatures = NOBODY_FEATURES.map((row) => row.value(choice));
  const score = (
    features: number[],
    names: readonly { name: string }[],
    w: Record<string, number>,
  ) => features.reduce((sum, x, i) => sum + x * (w[(names[i] as { name: string }).name] ?? 0), 0);
  const scores = [
    ...candidates.map((c) => score(c.features, CANDIDATE_FEATURES, weights.candidate)),
    score(nobodyFeatures, NOBODY_FEATURES, weights.nobody),
  ];
  const probabilities = softmax(scores);
  candidates.forEach((c, i) => {
    c.probability = probabilities[i] as number;
  });
  candidates.sort((a, b) => b.probability - a.probability);
  return {
    candidates,
    nobody: { features: nobodyFeatures, probability: probabilities[scores.length - 1] as number },
  };
}

export function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** The words `--explain` shows for how a candidate was chosen. */
export function describeCandidate(f: CandidateFacts): string {
  if (f.lastSpeaker && f.subjectRank === 0) return "pronoun: last speaker and subject";
  if (f.lastSpeaker) return "pronoun: last speaker";
  if (f.subjectRank === 0) return "pronoun: last subject";
  if (f.mentionRank === 0) return "pronoun: last named";
  return "pronoun: ranked";
}
