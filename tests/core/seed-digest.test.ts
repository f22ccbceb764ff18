import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import { readArticle } from "../../src/sources/seeds.ts";

const SEED = path.join(import.meta.dirname, "../../seeds/2022-10-ukraine-usa-russia-belarus.txt");
const BELARUS = { title: "Belarus", terms: ["Belarus", "Belarusian", "Lukashenko", "Minsk"] };

describe("the seed article", () => {
  const digest = buildDigest(readArticle(SEED), BELARUS);

  it("has every body quotation with its speaker and paragraph", () => {
    expect(
      digest.quotes.map(({ text, speaker, paragraph }) => ({ text, speaker, paragraph })),
    ).toEqual([
      // (Pat Ryder reported what Lloyd Austin reiterated: the ranker finds both and, with
      // neither twice as likely as the other, names nobody. See attribution.test.ts.)
      {
        paragraph: 0,
        speaker: null,
        text: "the United States’ unwavering commitment to support Ukraine’s ability to counter aggression. Russian",
      },
      { paragraph: 3, speaker: "Dmitry Peskov", text: "No, it’s not on the agenda," },
      { paragraph: 4, speaker: "Alexander Lukashenko", text: "preparing for war" },
      {
        paragraph: 4,
        speaker: "Alexander Lukashenko",
        text: "If they don’t want to fight us, there will be no war",
      },
      { paragraph: 4, speaker: "Alexander Lukashenko", text: "What else could we do?" },
      {
        paragraph: 4,
        speaker: "Alexander Lukashenko",
        text: "Give me an example of a single person who was summoned to an enlistment office, she received a rifle and was sent to an army department,",
      },
    ]);
  });

  it("puts paragraph 4 and Lukashenko's quotes in the Belarus sidebar", () => {
    expect(digest.sidebar?.title).toBe("Belarus");
    expect(digest.sidebar?.paragraphs).toEqual([4]);
    expect(digest.sidebar?.quotes.map((q) => q.speaker)).toEqual(
      Array(4).fill("Alexander Lukashenko"),
    );
  });

  it("picks key quotes the lead does not already show, outside the sidebar first", () => {
    // Austin's words end the lead, so they are not repeated; with one quote left outside the
    // sidebar, the sidebar's statements are admitted.
    expect(digest.lead).toContain("unwavering commitment");
    // Lukashenko's `he said` quotations are shown, not pulled out: a pronoun is not sure enough.
    expect(digest.keyQuotes.map((q) => q.speaker)).toEqual([
      "Dmitry Peskov",
      "Alexander Lukashenko",
    ]);
    expect(digest.keyQuotes.every((q) => q.confidence >= 0.75)).toBe(true);
  });

  it("keeps headline and standfirst out of the paragraphs and repairs spacing", () => {
    expect(digest.headline).toMatch(/^Ukraine, USA:/u);
    expect(digest.standfirst).toMatch(/^Phone call between Austin and Shoigu/u);
    expect(digest.paragraphs).toHaveLength(5);
    expect(digest.paragraphs[4]).toContain("no war” he said");
    expect(digest.paragraphs[4]).toContain("ally Putin.");
    expect(digest.paragraphs[0]).toContain("aggression. Russian”.");
    // Words are never rewritten: the garbled `yearseven` stays as the wire sent it.
    expect(digest.paragraphs[4]).toContain("25 yearseven");
  });

  it("opens with a lead of the article's own first sentences", () => {
    expect(
      digest.lead.startsWith("The United States promises “unshakable commitment” to Ukraine"),
    ).toBe(true);
    expect(digest.lead.split(/\s+/u).length).toBeLessThanOrEqual(50);
    expect(digest.paragraphs.join(" ")).toContain(digest.lead.split(". ")[0] as string);
  });

  it("is deterministic", () => {
    expect(buildDigest(readArticle(SEED), BELARUS)).toEqual(digest);
  });
});

describe("a second article in another style", () => {
  const digest = buildDigest(
    readArticle(path.join(import.meta.dirname, "../fixtures/straight-quotes.txt")),
    BELARUS,
  );

  it("reads straight quotes, a split quotation, a pronoun and a quote with no speaker", () => {
    expect(
      digest.quotes.map(({ text, speaker, paragraph }) => ({ text, speaker, paragraph })),
    ).toEqual([
      {
        paragraph: 0,
        speaker: "Anna Berger",
        text: "This is the biggest investment in a generation,",
      },
      {
        paragraph: 1,
        speaker: "Anna Berger",
        text: "We listened, and we changed the route twice to spare the market square.",
      },
      { paragraph: 2, speaker: "Tom Fischer", text: "double before the first tram runs" },
      { paragraph: 3, speaker: "Tom Fischer", text: "Nobody asked the shopkeepers," },
      { paragraph: 4, speaker: null, text: "Trams yes, chaos no." },
    ]);
  });

  it("has no sidebar when no paragraph is about the topic", () => {
    expect(digest.sidebar).toBeNull();
  });

  it("shows whole statements only, and nothing the lead already shows", () => {
    expect(digest.lead).toContain("This is the biggest investment in a generation");
    expect(digest.keyQuotes.map((q) => q.text)).toEqual([
      "We listened, and we changed the route twice to spare the market square.",
      "double before the first tram runs",
    ]);
  });
});
