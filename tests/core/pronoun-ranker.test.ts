import { describe, expect, it } from "vitest";
import {
  CANDIDATE_FEATURES,
  NOBODY_FEATURES,
  rankPronoun,
} from "../../src/digest/attribution/pronoun-ranker.ts";
import { PRONOUN_WEIGHTS } from "../../src/digest/attribution/pronoun-weights.ts";
import {
  fitRanker,
  logLikelihood,
  probabilities,
  type RankingExample,
} from "../../tools/eval/fit-ranker.ts";

describe("issue 8: the pronoun ranker's weights", () => {
  it("names exactly the features of the tables (retrain after changing them)", () => {
    expect(Object.keys(PRONOUN_WEIGHTS.candidate).sort()).toEqual(
      CANDIDATE_FEATURES.map((f) => f.name).sort(),
    );
    expect(Object.keys(PRONOUN_WEIGHTS.nobody).sort()).toEqual(
      NOBODY_FEATURES.map((f) => f.name).sort(),
    );
  });

  it("learns that a signal picks the right candidate, and the same data gives the same weights", () => {
    // Two features: [is-the-one, noise]; the right option always has is-the-one = 1.
    const examples: RankingExample[] = [];
    for (let i = 0; i < 40; i++) {
      const options = [
        [1, i % 2],
        [0, (i + 1) % 2],
        [0, i % 3 === 0 ? 1 : 0],
      ];
      examples.push({ options, right: [0] });
    }
    const options = { iterations: 400, learningRate: 0.5, l2: 0.001 };
    const w = fitRanker(examples, 2, options);
    expect(w[0]).toBeGreaterThan(2);
    expect(Math.abs(w[1] as number)).toBeLessThan(1);
    expect(fitRanker(examples, 2, options)).toEqual(w);
    expect(logLikelihood(examples, w)).toBeGreaterThan(logLikelihood(examples, [0, 0]));
    const p = probabilities(examples[0]?.options ?? [], w);
    expect(p[0]).toBeGreaterThan(0.8);
  });

  it("gives 'nobody' the mass when no candidate has anything for it", () => {
    const facts = new Map();
    const choice = rankPronoun(facts, { rivals: 0, noSubject: true, far: true, before: false });
    expect(choice.candidates).toEqual([]);
    expect(choice.nobody.probability).toBeCloseTo(1, 9);
  });
});
