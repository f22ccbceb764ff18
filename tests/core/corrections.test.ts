import { describe, expect, it } from "vitest";
import { explainQuotes } from "../../src/digest/attribution/quotes.ts";
import {
  applyCorrections,
  type Correction,
  correctExplained,
} from "../../src/digest/corrections.ts";
import { buildDigest } from "../../src/digest/digest.ts";

const NO_TOPIC = { title: "", terms: [] };
const ARTICLE = {
  headline: "Council votes on the tram",
  standfirst: "A long debate ends.",
  paragraphs: [
    "The city council met on Tuesday for four long hours and, after a debate of six years, voted seven to two to build a tram line through the old town.",
    '"We listened to every shopkeeper on the route before we voted," Anna Berger said.',
    '"Nobody asked the people who live here at all," said Tom Fischer.',
    'Critics called the plan "a very expensive mistake for all of us".',
  ],
};

describe("issue 24: an editor's corrections, applied to the digest", () => {
  const digest = buildDigest(ARTICLE, NO_TOPIC);
  const fix = (c: Omit<Correction, "quote" | "paragraph">, i: number): Correction => ({
    quote: digest.quotes[i]?.text ?? "",
    paragraph: digest.quotes[i]?.paragraph ?? -1,
    ...c,
  });

  it("starts from a digest with two key quotes and one unattributed quotation", () => {
    expect(digest.quotes.map((q) => q.speaker)).toEqual(["Anna Berger", "Tom Fischer", null]);
    expect(digest.keyQuotes.map((q) => q.paragraph)).toEqual([1, 2]);
  });

  it("gives a quotation the speaker the editor names, certain, and makes it eligible as a key quote", () => {
    const corrected = applyCorrections(digest, [
      fix({ action: "speaker", speaker: "Mia Krause" }, 2),
    ]);
    expect(corrected.quotes[2]).toMatchObject({ speaker: "Mia Krause", confidence: 1 });
    expect(corrected.keyQuotes.map((q) => q.speaker)).toEqual([
      "Anna Berger",
      "Tom Fischer",
      "Mia Krause",
    ]);
  });

  it("takes a speaker away, drops a key quote, and pins one", () => {
    const none = applyCorrections(digest, [fix({ action: "no-speaker" }, 0)]);
    expect(none.quotes[0]?.speaker).toBeNull();
    expect(none.keyQuotes.map((q) => q.paragraph)).toEqual([2]);
    const dropped = applyCorrections(digest, [fix({ action: "drop" }, 1)]);
    expect(dropped.keyQuotes.map((q) => q.paragraph)).toEqual([1]);
    expect(dropped.quotes[1]?.speaker).toBe("Tom Fischer");
    const short = buildDigest(
      { ...ARTICLE, paragraphs: [...ARTICLE.paragraphs, '"Not now," Anna Berger said.'] },
      NO_TOPIC,
    );
    expect(short.keyQuotes.map((q) => q.paragraph)).toEqual([1, 2]);
    const pinned = applyCorrections(short, [{ quote: "Not now,", paragraph: 4, action: "pin" }]);
    expect(pinned.keyQuotes.map((q) => q.paragraph)).toEqual([1, 2, 4]);
  });

  it("still applies when the article is read again with a paragraph added before the quotation", () => {
    const edited = buildDigest(
      { ...ARTICLE, paragraphs: ["A new first paragraph.", ...ARTICLE.paragraphs] },
      NO_TOPIC,
    );
    const corrected = applyCorrections(edited, [
      fix({ action: "speaker", speaker: "Mia Krause" }, 2),
    ]);
    expect(corrected.quotes.find((q) => q.paragraph === 4)?.speaker).toBe("Mia Krause");
  });

  it("shows a corrected quotation in --explain with rule `editor`", () => {
    const explained = correctExplained(explainQuotes(ARTICLE.paragraphs), [
      fix({ action: "speaker", speaker: "Mia Krause" }, 2),
      fix({ action: "pin" }, 0),
    ]);
    const critics = explained.find((q) => q.paragraph === 3);
    expect(critics).toMatchObject({ speaker: "Mia Krause", rule: "editor", confidence: 1 });
    expect(explained.find((q) => q.paragraph === 1)?.rule).toMatch(/\(editor: pin\)$/u);
  });
});
