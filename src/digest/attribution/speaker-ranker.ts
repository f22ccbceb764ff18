import { toWords } from "../words.ts";
import type { RuleName } from "./attribution-types.ts";
import { isTitleLike } from "./cue-words.ts";
import type { Person } from "./people.ts";
import { namedIn, type PronounChoice, softmax } from "./pronoun-ranker.ts";
import { SPEAKER_WEIGHTS, type SpeakerWeights } from "./speaker-weights.ts";

/**
 * Who said a quotation, as a learned choice. Every attribution rule that finds someone, and the
 * speaker a quotation would inherit from the one before it, proposes a person; the proposals are
 * grouped by person into candidates, each described by the features below, and scored against
 * "nobody said it here" with weights learned from PolNeAR train (`npm run train:speakers`). The
 * answer's probability is calibrated: the eval's reliability table shows how often a quotation
 * given probability p is right, and the key-quote threshold is read off it.
 *
 * The rules' old order survives as one feature (`first-in-order`), so the weights start from
 * what the table decided and learn where it was wrong.
 */

/** What decided a proposal: an attribution rule, or a speaker carried over from a quotation. */
export type ProposalSource = RuleName | "follow-on" | "next-paragraph";

/** One rule's answer for a quotation. */
export interface Proposal {
  source: ProposalSource;
  person: Person;
  /** How sure the mention's resolution is (1 for a name, the pronoun ranker's p for `he`). */
  certainty: number;
  cue: string | null;
  via: string | null;
  choice?: PronounChoice;
  /** For a `he`/`she`: this person's probability and rank in the pronoun ranker, and nobody's. */
  pronoun?: { probability: number; rank: number; nobody: number };
}

/** Facts about the quotation as a whole, read by the "nobody" option. */
export interface QuotationFacts {
  text: string;
  /** `“…,” a protester said`: someone the article does not name spoke. */
  unnamed: boolean;
}

/** Sources that make a feature each, in the rules' table order (the order is a feature too). */
export const SOURCES: readonly ProposalSource[] = [
  "transcript-label",
  "cue-after",
  "subject-after",
  "dash-credit",
  "according-to",
  "quoted-as",
  "cue-before",
  "fragment-cue",
  "colon",
  "previous-sentence",
  "colon-paragraph",
  "put-it",
  "characterised-as",
  "sentence-subject",
  "clause-subject",
  "previous-subject",
  "follow-on",
  "next-paragraph",
];

const INHERITED = new Set<ProposalSource>(["follow-on", "next-paragraph"]);

interface CandidateFacts {
  person: Person;
  proposals: Proposal[];
  /** This candidate is what the first rule in table order found. */
  firstInOrder: boolean;
  /** The quotation names the person (people rarely name themselves). */
  namedInQuotation: boolean;
  /** A rule of this quotation's own found someone else. */
  rivalFound: boolean;
}

interface FeatureRow<F> {
  name: string;
  why: string;
  value(facts: F): number;
}

const certaintyOf = (f: CandidateFacts, source: ProposalSource) =>
  Math.max(0, ...f.proposals.filter((p) => p.source === source).map((p) => p.certainty));
const viaStarts = (f: CandidateFacts, prefix: string) =>
  +f.proposals.some((p) => p.via?.startsWith(prefix) ?? false);

export const SPEAKER_FEATURES: readonly FeatureRow<CandidateFacts>[] = [
  ...SOURCES.map((source) => ({
    name: source,
    why: `the ${source} rule found this person (its certainty)`,
    value: (f: CandidateFacts) => certaintyOf(f, source),
  })),
  {
    name: "first-in-order",
    why: "what the ordered rule table decided before any learning",
    value: (f) => +f.firstInOrder,
  },
  {
    name: "inherited-against-rule",
    why: "only carried over, while a rule of this quotation's own names someone else",
    value: (f) => +(f.rivalFound && f.proposals.every((p) => INHERITED.has(p.source))),
  },
  {
    name: "certainty-logit",
    why: "log-odds of the surest of this quotation's own rules: rule confidence times mention certainty",
    value: (f) => {
      const own = f.proposals.filter((p) => !INHERITED.has(p.source)).map((p) => p.certainty);
      if (own.length === 0) return 0;
      const p = Math.min(0.98, Math.max(0.02, ...own));
      return Math.log(p / (1 - p));
    },
  },
  {
    name: "pronoun-probability",
    why: "how likely the pronoun ranker found this person for the `he`/`she` that names them",
    value: (f) => Math.max(0, ...f.proposals.map((p) => p.pronoun?.probability ?? 0)),
  },
  {
    name: "pronoun-runner-up",
    why: "named only as a pronoun's second or third choice",
    value: (f) => +f.proposals.every((p) => (p.pronoun?.rank ?? 0) > 0),
  },
  {
    name: "rules-agreeing",
    why: "several independent rules naming the same person (capped at 3)",
    value: (f) => Math.min(3, new Set(f.proposals.map((p) => p.source)).size - 1) / 2,
  },
  {
    name: "via-pronoun",
    why: "the mention was `he`/`she`, resolved by the pronoun ranker",
    value: (f) => viaStarts(f, "pronoun"),
  },
  {
    name: "via-role",
    why: "the mention was a role (`the spokesman`) resolved to a person",
    value: (f) => viaStarts(f, "role") || viaStarts(f, "age"),
  },
  {
    name: "via-organisation",
    why: "the mention stood for an organisation (`the ministry`, `its spokesman`)",
    value: (f) => viaStarts(f, "organisation"),
  },
  {
    name: "organisation",
    why: "the candidate is an organisation, not a person",
    value: (f) => +(f.person.kind === "org"),
  },
  {
    name: "named-in-quotation",
    why: "people rarely name themselves in their own words",
    value: (f) => +f.namedInQuotation,
  },
];

export const NOBODY_FEATURES: readonly FeatureRow<{
  quotation: QuotationFacts;
  candidates: number;
  pronounNobody: number;
}>[] = [
  { name: "nobody", why: "the base rate of a quotation nobody here said", value: () => 1 },
  {
    name: "nobody-rivals",
    why: "rules disagree: more than one person proposed (capped at 3)",
    value: (f) => Math.min(3, f.candidates - 1),
  },
  {
    name: "nobody-short",
    why: "four words or fewer: often a phrase held up, not a statement",
    value: (f) => +(toWords(f.quotation.text).length <= 4),
  },
  {
    name: "nobody-title-like",
    why: "every word capitalised: a title, slogan or name",
    value: (f) => +isTitleLike(f.quotation.text),
  },
  {
    name: "nobody-pronoun",
    why: "how likely the pronoun ranker found that nobody in reach was meant",
    value: (f) => f.pronounNobody,
  },
  {
    name: "nobody-unnamed",
    why: "`a protester said`: the article says someone unnamed spoke",
    value: (f) => +f.quotation.unnamed,
  },
];

export interface SpeakerCandidate {
  person: Person;
  /** The proposal that explains the choice best: the first, in table order, with this person. */
  lead: Proposal;
  sources: ProposalSource[];
  features: number[];
  probability: number;
}

export interface SpeakerChoice {
  candidates: SpeakerCandidate[];
  nobody: { features: number[]; probability: number };
}

/** Scores every proposed person and "nobody": a softmax over them, best first. */
export function rankSpeakers(
  proposals: readonly Proposal[],
  quotation: QuotationFacts,
  weights: SpeakerWeights = SPEAKER_WEIGHTS,
): SpeakerChoice {
  const byPerson = new Map<Person, Proposal[]>();
  for (const p of proposals) byPerson.set(p.person, [...(byPerson.get(p.person) ?? []), p]);
  const first = proposals.find((p) => !INHERITED.has(p.source));
  const quoted = new Set(toWords(quotation.text).map((w) => w.text));
  const candidates = [...byPerson].map(([person, mine]) => {
    const facts: CandidateFacts = {
      person,
      proposals: mine,
      firstInOrder: first?.person === person,
      namedInQuotation: namedIn(quoted, person),
      rivalFound: proposals.some((p) => p.person !== person && !INHERITED.has(p.source)),
    };
    return {
      person,
      lead: mine[0] as Proposal,
      sources: mine.map((p) => p.source),
      features: SPEAKER_FEATURES.map((row) => row.value(facts)),
      probability: 0,
    };
  });
  const nobodyFeatures = NOBODY_FEATURES.map((row) =>
    row.value({
      quotation,
      candidates: candidates.length,
      pronounNobody: Math.max(0, ...proposals.map((p) => p.pronoun?.nobody ?? 0)),
    }),
  );
  const probabilities = softmax([
    ...candidates.map((c) => dot(c.features, SPEAKER_FEATURES, weights.candidate)),
    dot(nobodyFeatures, NOBODY_FEATURES, weights.nobody),
  ]);
  candidates.forEach((c, i) => {
    c.probability = probabilities[i] as number;
  });
  candidates.sort((a, b) => b.probability - a.probability);
  return {
    candidates,
    nobody: { features: nobodyFeatures, probability: probabilities[candidates.length] as number },
  };
}

function dot(
  features: readonly number[],
  rows: readonly { name: string }[],
  w: Readonly<Record<string, number>>,
): number {
  return features.reduce((sum, x, i) => sum + x * (w[(rows[i] as { name: string }).name] ?? 0), 0);
}
