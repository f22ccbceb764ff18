/**
 * Scores digests against PolNeAR-style gold (`gold.json`): pure, no I/O.
 *
 * - A predicted quotation matches a gold one when their texts, whitespace and surrounding
 *   punctuation folded, are equal, or one contains the other, or the prediction covers at least
 *   80 % of the gold text's words.
 * - A speaker is right when its last name equals the gold speaker's (or one of `speaker_alts`);
 *   `wrong` is a different person named, `missing` is null where the gold names someone.
 * - Key-quote precision: key quotes whose text matches a gold quotation with a speaker and whose
 *   speaker is right, over the key quotes that can be judged (matched to a gold quotation with a
 *   speaker, or to a trap, or to nothing at all); those matched to gold-null or unannotated
 *   quotations are counted apart, since the gold does not say who spoke.
 */

export interface GoldQuote {
  paragraph: number;
  text: string;
  speaker: string | null;
  kind?: string;
  speaker_alts?: string[];
  speaker_not?: string[];
  speaker_resolved?: string;
  speaker_type?: string;
}

export interface GoldArticle {
  quotes: GoldQuote[];
  traps?: Array<{ paragraph: number; text: string }>;
  unannotated?: Array<{ paragraph: number; text: string }>;
}

export interface PredictedQuote {
  paragraph: number;
  text: string;
  speaker: string | null;
  /** The attribution rule that decided, when known (for --verbose). */
  rule?: string;
}

export interface ArticleScore {
  name: string;
  predicted: number;
  gold: number;
  matchedPredicted: number;
  matchedGold: number;
  unannotatedHits: number;
  trapHits: number;
  /** Quotations the gold credits to nobody: how many, and how many we gave a speaker. */
  goldNobody: number;
  creditedNobodys: number;
  scored: number;
  scoredNamed: number;
  correct: number;
  correctNamed: number;
  wrong: number;
  wrongNamed: number;
  missing: number;
  keyJudged: number;
  keyCorrect: number;
  keyUnjudged: number;
  failures: Failure[];
  /** Per deciding rule: scored quotations it got right, wrong, or left null. */
  byRule: Record<string, { correct: number; wrong: number; missing: number }>;
}

export interface Failure {
  article: string;
  kind: "wrong" | "missing" | "key-wrong" | "nobodys" | "unfound" | "extra";
  paragraph: number;
  text: string;
  predicted: string | null;
  gold: string | null;
  resolved: string | undefined;
  rule?: string | undefined;
}

export function foldText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[’‘]/gu, "'")
    .replace(/\s+/gu, " ")
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "")
    .toLowerCase();
}

function words(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w !== "");
}

/** Whether a predicted quotation's text stands for the gold one. */
export function textsMatch(predicted: string, gold: string): boolean {
  const p = foldText(predicted);
  const g = foldText(gold);
  if (p === "" || g === "") return false;
  if (p === g || p.includes(g) || g.includes(p)) return true;
  const goldWords = words(gold);
  const have = new Map<string, number>();
  for (const w of words(predicted)) have.set(w, (have.get(w) ?? 0) + 1);
  let covered = 0;
  for (const w of goldWords) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      covered++;
      have.set(w, n - 1);
    }
  }
  return goldWords.length > 0 && covered / goldWords.length >= 0.8;
}

function lastName(name: string): string {
  const tokens = name
    .replace(/,?\s+(jr|sr|ii|iii|iv)\.?$/iu, "")
    .split(/\s+/u)
    .filter((t) => t !== "");
  return (tokens[tokens.length - 1] ?? "").toLowerCase().replace(/[’']s$/u, "");
}

/** Whether the predicted speaker is the gold speaker: same last name, or one of the alternatives. */
export function speakersMatch(predicted: string, gold: GoldQuote): boolean {
  if (gold.speaker === null) return false;
  if (gold.speaker_not?.some((n) => n.toLowerCase() === predicted.toLowerCase())) return false;
  const forms = [gold.speaker, ...(gold.speaker_alts ?? [])];
  const p = predicted.toLowerCase();
  return forms.some((f) => f.toLowerCase() === p || lastName(f) === lastName(predicted));
}

/** Pairs each gold quotation with at most one prediction in the same paragraph. */
function pair(
  predicted: readonly PredictedQuote[],
  gold: readonly { paragraph: number; text: string }[],
): Map<number, number> {
  const used = new Set<number>();
  const byGold = new Map<number, number>();
  gold.forEach((g, gi) => {
    const pi = predicted.findIndex(
      (p, i) => !used.has(i) && p.paragraph === g.paragraph && textsMatch(p.text, g.text),
    );
    const any =
      pi !== -1
        ? pi
        : predicted.findIndex((p) => p.paragraph === g.paragraph && textsMatch(p.text, g.text));
    if (any !== -1) {
      used.add(any);
      byGold.set(gi, any);
    }
  });
  return byGold;
}

export function scoreArticle(
  name: string,
  gold: GoldArticle,
  quotes: readonly PredictedQuote[],
  keyQuotes: readonly PredictedQuote[],
): ArticleScore {
  const byGold = pair(quotes, gold.quotes);
  const matchedPredicted = new Set(byGold.values());
  const others = [...(gold.unannotated ?? []), ...(gold.traps ?? [])];
  const unannotatedHits = quotes.filter(
    (p, i) =>
      !matchedPredicted.has(i) &&
      (gold.unannotated ?? []).some(
        (u) => u.paragraph === p.paragraph && textsMatch(p.text, u.text),
      ),
  ).length;
  const trapHits = quotes.filter(
    (p, i) =>
      !matchedPredicted.has(i) &&
      (gold.traps ?? []).some((u) => u.paragraph === p.paragraph && textsMatch(p.text, u.text)),
  ).length;
  const score: ArticleScore = {
    name,
    predicted: quotes.length,
    gold: gold.quotes.length,
    matchedPredicted: matchedPredicted.size,
    matchedGold: byGold.size,
    unannotatedHits,
    trapHits,
    scored: 0,
    scoredNamed: 0,
    goldNobody: 0,
    creditedNobodys: 0,
    correct: 0,
    correctNamed: 0,
    wrong: 0,
    wrongNamed: 0,
    missing: 0,
    keyJudged: 0,
    keyCorrect: 0,
    keyUnjudged: 0,
    failures: [],
    byRule: {},
  };
  // What the finder missed, and what it found that the gold does not hold: the recall and
  // precision figures, item by item.
  gold.quotes.forEach((g, gi) => {
    if (!byGold.has(gi))
      score.failures.push({
        article: name,
        kind: "unfound",
        paragraph: g.paragraph,
        text: g.text,
        predicted: null,
        gold: g.speaker,
        resolved: g.speaker_resolved,
      });
  });
  quotes.forEach((p, pi) => {
    const elsewhere = others.some((u) => u.paragraph === p.paragraph && textsMatch(p.text, u.text));
    if (!matchedPredicted.has(pi) && !elsewhere)
      score.failures.push({
        article: name,
        kind: "extra",
        paragraph: p.paragraph,
        text: p.text,
        predicted: p.speaker,
        gold: null,
        resolved: undefined,
        rule: p.rule,
      });
  });
  for (const [gi, pi] of byGold) {
    const g = gold.quotes[gi] as GoldQuote;
    const p = quotes[pi] as PredictedQuote;
    // Words the gold credits to nobody, given to someone: a wrong name the accuracy figures
    // cannot see, counted apart. PolNeAR's null also covers sources left unannotated (many of
    // these are plainly attributed in the text), so the count guards a change, not a rate.
    if (g.speaker === null) {
      score.goldNobody++;
      if (p.speaker !== null) {
        score.creditedNobodys++;
        score.failures.push({
          article: name,
          kind: "nobodys",
          paragraph: g.paragraph,
          text: g.text,
          predicted: p.speaker,
          gold: null,
          resolved: g.speaker_resolved,
          rule: p.rule,
        });
      }
      continue;
    }
    const named = g.speaker_resolved !== "coref";
    score.scored++;
    if (named) score.scoredNamed++;
    const failure = (kind: Failure["kind"]) =>
      score.failures.push({
        article: name,
        kind,
        paragraph: g.paragraph,
        text: g.text,
        predicted: p.speaker,
        gold: g.speaker,
        resolved: g.speaker_resolved,
        rule: p.rule,
      });
    const key = p.rule ?? "-";
    const tally = score.byRule[key] ?? { correct: 0, wrong: 0, missing: 0 };
    score.byRule[key] = tally;
    if (p.speaker === null) tally.missing++;
    else if (speakersMatch(p.speaker, g)) tally.correct++;
    else tally.wrong++;
    if (p.speaker === null) {
      score.missing++;
      failure("missing");
    } else if (speakersMatch(p.speaker, g)) {
      score.correct++;
      if (named) score.correctNamed++;
    } else {
      score.wrong++;
      if (named) score.wrongNamed++;
      failure("wrong");
    }
  }
  const keyWrong = (k: PredictedQuote, gold: string | null, resolved: string | undefined) =>
    score.failures.push({
      article: name,
      kind: "key-wrong",
      paragraph: k.paragraph,
      text: k.text,
      predicted: k.speaker,
      gold,
      resolved,
    });
  for (const k of keyQuotes) {
    const gi = gold.quotes.findIndex(
      (g) => g.paragraph === k.paragraph && textsMatch(k.text, g.text),
    );
    const g = gold.quotes[gi];
    if (g) {
      if (g.speaker === null) {
        score.keyUnjudged++;
        continue;
      }
      score.keyJudged++;
      if (k.speaker !== null && speakersMatch(k.speaker, g)) score.keyCorrect++;
      else keyWrong(k, g.speaker, g.speaker_resolved);
      continue;
    }
    const isUnannotated = (gold.unannotated ?? []).some(
      (u) => u.paragraph === k.paragraph && textsMatch(k.text, u.text),
    );
    if (isUnannotated) score.keyUnjudged++;
    else {
      score.keyJudged++;
      keyWrong(k, null, others.length > 0 ? "trap-or-none" : "none");
    }
  }
  return score;
}

export interface Totals {
  articles: number;
  precision: number;
  recall: number;
  f1: number;
  scored: number;
  speakerAccuracy: number;
  scoredNamed: number;
  namedAccuracy: number;
  scoredCoref: number;
  corefAccuracy: number;
  wrong: number;
  wrongShare: number;
  missing: number;
  keyQuotes: number;
  keyPrecision: number;
  keyUnjudged: number;
  unannotatedHits: number;
  trapHits: number;
  goldNobody: number;
  creditedNobodys: number;
}

export function totals(scores: readonly ArticleScore[]): Totals {
  const sum = (f: (s: ArticleScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const predicted = sum((s) => s.predicted);
  const matchedP = sum((s) => s.matchedPredicted);
  // Predictions that hit an unannotated span are neither right nor wrong: left out of precision.
  const unannotated = sum((s) => s.unannotatedHits);
  const precision = ratio(matchedP, predicted - unannotated);
  const recall = ratio(
    sum((s) => s.matchedGold),
    sum((s) => s.gold),
  );
  const scored = sum((s) => s.scored);
  const scoredNamed = sum((s) => s.scoredNamed);
  const correctNamed = sum((s) => s.correctNamed);
  return {
    articles: scores.length,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    scored,
    speakerAccuracy: ratio(
      sum((s) => s.correct),
      scored,
    ),
    scoredNamed,
    namedAccuracy: ratio(correctNamed, scoredNamed),
    scoredCoref: scored - scoredNamed,
    corefAccuracy: ratio(sum((s) => s.correct) - correctNamed, scored - scoredNamed),
    wrong: sum((s) => s.wrong),
    wrongShare: ratio(
      sum((s) => s.wrong),
      scored,
    ),
    missing: sum((s) => s.missing),
    keyQuotes: sum((s) => s.keyJudged),
    keyPrecision: ratio(
      sum((s) => s.keyCorrect),
      sum((s) => s.keyJudged),
    ),
    keyUnjudged: sum((s) => s.keyUnjudged),
    unannotatedHits: unannotated,
    trapHits: sum((s) => s.trapHits),
    goldNobody: sum((s) => s.goldNobody),
    creditedNobodys: sum((s) => s.creditedNobodys),
  };
}
