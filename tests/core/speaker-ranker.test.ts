import { describe, expect, it } from "vitest";
import {
  KEY_QUOTE_THRESHOLD,
  SPEAKER_THRESHOLD,
} from "../../src/digest/attribution/attribution.ts";
import { explainQuotes } from "../../src/digest/attribution/quotes.ts";
import { NOBODY_FEATURES, SPEAKER_FEATURES } from "../../src/digest/attribution/speaker-ranker.ts";
import { SPEAKER_WEIGHTS } from "../../src/digest/attribution/speaker-weights.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { reliabilityTable, thresholdFor } from "../../tools/eval/reliability.ts";

const NO_TOPIC = { title: "", terms: [] };

describe("issue 20: one learned speaker ranker for every quotation", () => {
  it("has a weight for exactly the features of the tables (retrain after changing them)", () => {
    expect(Object.keys(SPEAKER_WEIGHTS.candidate).sort()).toEqual(
      SPEAKER_FEATURES.map((f) => f.name).sort(),
    );
    expect(Object.keys(SPEAKER_WEIGHTS.nobody).sort()).toEqual(
      NOBODY_FEATURES.map((f) => f.name).sort(),
    );
  });

  it("shows a name only at two to one, and takes key quotes from a stricter threshold", () => {
    expect(SPEAKER_THRESHOLD).toBeCloseTo(2 / 3);
    expect(KEY_QUOTE_THRESHOLD).toBe(SPEAKER_WEIGHTS.keyQuoteThreshold);
    expect(KEY_QUOTE_THRESHOLD).toBeGreaterThan(SPEAKER_THRESHOLD);
  });

  it("weighs every person the rules propose and nobody, probabilities summing to one", () => {
    const [quote] = explainQuotes([
      "Press Secretary Pat Ryder said Defense Secretary Lloyd Austin spoke to Oleksii Reznikov to reiterate “our support”.",
    ]);
    const choice = quote?.speakers;
    expect(choice?.candidates.length).toBe(2);
    const total =
      (choice?.candidates ?? []).reduce((s, c) => s + c.probability, 0) +
      (choice?.nobody.probability ?? 0);
    expect(total).toBeCloseTo(1, 10);
    expect(quote?.confidence).toBeCloseTo(choice?.candidates[0]?.probability ?? -1, 2);
  });

  it("lets a quotation's own cue outweigh a voice carried over from the quotation before", () => {
    const quotes = explainQuotes([
      'Mayor Anna Keller said the vote was "a turning point". Opposition leader Tom Brandt called the plan "an expensive gamble with other people\'s livelihoods".',
    ]);
    expect(quotes[1]?.speakers?.candidates[0]?.person.name).toBe("Tom Brandt");
    expect(quotes[1]?.speakers?.candidates[1]?.sources).toEqual(["follow-on"]);
  });

  it("carries no voice into a quotation the article gives to someone unnamed", () => {
    const quotes = explainQuotes([
      "“France will always be France,” said François Hollande.",
      "“This is strictly a business decision,” a Carrier executive tells employees.",
    ]);
    expect(quotes[0]?.speaker).toBe("François Hollande");
    expect(quotes[1]).toMatchObject({ speaker: null, rule: "unnamed" });
    expect(quotes[1]?.speakers).toBeUndefined();
  });

  it("keeps no state from one article to the next: two digests in either order are the same", () => {
    const a = {
      headline: "A",
      standfirst: "S",
      paragraphs: [
        "The foreign ministry said the talks were over.",
        '"We have nothing more to discuss," the ministry said in a statement.',
      ],
    };
    const b = {
      headline: "B",
      standfirst: "S",
      paragraphs: [
        "Mayor Anna Keller spoke on Tuesday.",
        '"The ministry has nothing more to discuss with us, it says," she said.',
      ],
    };
    const first = [buildDigest(a, NO_TOPIC), buildDigest(b, NO_TOPIC)];
    const second = [buildDigest(b, NO_TOPIC), buildDigest(a, NO_TOPIC)].reverse();
    expect(first[0]?.quotes.length).toBe(1);
    expect(second).toEqual(first);
  });
});

describe("issue 20: the reliability table the thresholds are read from", () => {
  const judged = [
    ...Array.from({ length: 50 }, (_, i) => ({ probability: 0.99, right: i !== 0 })),
    ...Array.from({ length: 50 }, (_, i) => ({ probability: 0.85, right: i < 40 })),
    ...Array.from({ length: 10 }, (_, i) => ({ probability: 0.55, right: i < 5 })),
  ];

  it("bins confidences against the share right", () => {
    const bins = reliabilityTable(judged);
    expect(bins.map((b) => [b.from, b.count, b.right])).toEqual([
      [0.5, 10, 0.5],
      [0.8, 50, 0.8],
      [0.98, 50, 0.98],
    ]);
  });

  it("picks the lowest threshold above which answers are right often enough", () => {
    expect(thresholdFor(judged, 0.98)).toBe(0.86);
    expect(thresholdFor(judged, 0.88)).toBe(0.56);
    expect(thresholdFor(judged, 0.85)).toBe(0.5);
    expect(thresholdFor(judged, 0.999)).toBe(1);
  });
});
