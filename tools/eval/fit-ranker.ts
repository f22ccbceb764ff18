/**
 * Fits the pronoun ranker's weights: a conditional logit (softmax over each pronoun's candidates
 * plus "nobody"), by full-batch gradient descent from zero with an L2 penalty. Pure and
 * deterministic: the same examples give the same weights, to the last digit.
 */
import { softmax } from "../../src/digest/attribution/pronoun-ranker.ts";

export interface RankingExample {
  /** Feature vectors of the candidates, then of "nobody" last. */
  options: number[][];
  /** Indexes of the right options (the gold speaker; "nobody" when no candidate is). */
  right: number[];
}

export interface FitOptions {
  iterations: number;
  learningRate: number;
  l2: number;
}

export const DEFAULT_FIT: FitOptions = { iterations: 3000, learningRate: 0.5, l2: 0.002 };

/**
 * Weights over a joint feature space: the caller lays candidate and "nobody" features out so
 * they do not overlap (a candidate's "nobody" features are zero and the other way round).
 */
export function fitRanker(
  examples: readonly RankingExample[],
  dimensions: number,
  options: FitOptions = DEFAULT_FIT,
): number[] {
  const w = new Array<number>(dimensions).fill(0);
  if (examples.length === 0) return w;
  // Each option's non-zero features, once: the sums below skip only terms that add zero, so
  // the weights are the same to the last digit as summing every term.
  const sparse = examples.map((e) => ({
    options: e.options.map((features) => {
      const at: number[] = [];
      const x: number[] = [];
      features.forEach((v, d) => {
        if (v !== 0) {
          at.push(d);
          x.push(v);
        }
      });
      return { at, x };
    }),
    right: new Set(e.right),
  }));
  const gradient = new Array<number>(dimensions).fill(0);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    for (let d = 0; d < dimensions; d++) gradient[d] = options.l2 * (w[d] as number);
    for (const example of sparse) {
      const scores = example.options.map(({ at, x }) => {
        let sum = 0;
        for (let k = 0; k < at.length; k++)
          sum += (x[k] as number) * (w[at[k] as number] as number);
        return sum;
      });
      const p = softmax(scores);
      let rightMass = 0;
      for (const i of example.right) rightMass += p[i] ?? 0;
      example.options.forEach(({ at, x }, i) => {
        // d(-log Σ_right p)/d score_i = p_i − (i right ? p_i / Σ_right p : 0)
        const target = example.right.has(i) ? (p[i] as number) / rightMass : 0;
        const delta = ((p[i] as number) - target) / examples.length;
        for (let k = 0; k < at.length; k++) {
          const d = at[k] as number;
          gradient[d] = (gradient[d] as number) + delta * (x[k] as number);
        }
      });
    }
    for (let d = 0; d < dimensions; d++)
      w[d] = (w[d] as number) - options.learningRate * (gradient[d] as number);
  }
  return w;
}

export function probabilities(options: readonly number[][], w: readonly number[]): number[] {
  return softmax(options.map((f) => f.reduce((sum, x, d) => sum + x * (w[d] as number), 0)));
}

/** Mean log-likelihood of the right options: how well the weights explain the examples. */
export function logLikelihood(examples: readonly RankingExample[], w: readonly number[]): number {
  let sum = 0;
  for (const e of examples) {
    const p = probabilities(e.options, w);
    sum += Math.log(
      Math.max(
        1e-12,
        e.right.reduce((s, i) => s + (p[i] ?? 0), 0),
      ),
    );
  }
  return sum / Math.max(1, examples.length);
}
