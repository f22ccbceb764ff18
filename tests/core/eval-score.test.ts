import { describe, expect, it } from "vitest";
import { scoreArticle } from "../../tools/eval/score.ts";

const gold = {
  quotes: [
    { paragraph: 1, text: "We will not give in,", speaker: "Vladimir Makei" },
    { paragraph: 2, text: "The door remains open for dialogue.", speaker: "Josep Borrell" },
  ],
  unannotated: [{ paragraph: 4, text: "a span the annotators left alone" }],
};

describe("the eval's failure list", () => {
  it("names the gold quotations the finder missed and the finds the gold does not hold", () => {
    const predicted = [
      { paragraph: 1, text: "We will not give in,", speaker: "Vladimir Makei" },
      { paragraph: 3, text: "Patience has limits.", speaker: null },
      { paragraph: 4, text: "a span the annotators left alone", speaker: null },
    ];
    const score = scoreArticle("a.txt", gold, predicted, []);
    expect(score.failures.map((f) => [f.kind, f.paragraph, f.text])).toEqual([
      ["unfound", 2, "The door remains open for dialogue."],
      ["extra", 3, "Patience has limits."],
    ]);
    expect(score.matchedGold).toBe(1);
  });
});
