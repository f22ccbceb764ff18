import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/digest/article.ts";
import { extractQuotes } from "../../src/digest/attribution/quotes.ts";
import { cleanText } from "../../src/digest/clean.ts";
import { topicParagraphs } from "../../src/digest/topic.ts";
import { headerSafe } from "../../src/email/escape.ts";
import { NewsletterError } from "../../src/errors.ts";

describe("cleanText", () => {
  it.each([
    ["war”he said", "war” he said"],
    ["aggression. Russian “.", "aggression. Russian”."],
    ["Violent Year, ”out on Dec. 31", "Violent Year,” out on Dec. 31"],
    ["ally Putin.On the", "ally Putin. On the"],
    ["two  spaces\tand\u00a0tabs", "two spaces and tabs"],
    ["word , next", "word, next"],
    ["the U.S. and GreatFire.org stay", "the U.S. and GreatFire.org stay"],
    [
      "\u202a”Sorry Sarah, you said it,” posted Sharon Geyer.",
      "“Sorry Sarah, you said it,” posted Sharon Geyer.",
    ],
    ["right\u200f to\u202e left\u2066 and\ufeff back", "right to left and back"],
    ["FranÃ§ois, PeÃ±a and SarukhÃÂ¡n", "François, Peña and Sarukhán"],
    [
      "â€œWe won,â€\u009d he said. Itâ€™s done â€” really.",
      "“We won,” he said. It’s done — really.",
    ],
    ["São Paulo, “OLÉ”, café and 100Â°C", "São Paulo, “OLÉ”, café and 100°C"],
  ])("%s", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it("issue 20: a pasted comment opened with a direction control and a closing mark is still a quotation, and its poster speaks", () => {
    const quotes = extractQuotes([
      cleanText(
        "\u202a”Sorry Sarah, you should have said ‘over their dead bodies‘, because I know you can handle a gun very well!!” posted Sharon Powers Geyer.",
      ),
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.text).toMatch(/^Sorry Sarah, you should have said/u);
    expect(quotes[0]?.speaker).toBe("Sharon Powers Geyer");
  });
});

describe("issue 20: a feed whose UTF-8 was read as Windows-1252", () => {
  it("still has its quotations, and prints the speaker's name as written", () => {
    const quotes = extractQuotes([
      cleanText(
        "â€œWe will keep our promises to the people of this country,â€\u009d said FranÃ§ois Hollande.",
      ),
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.text).toBe("We will keep our promises to the people of this country,");
    expect(quotes[0]?.speaker).toBe("François Hollande");
  });
});

describe("headerSafe", () => {
  it("issue 20: drops the direction controls that could make a subject read backwards", () => {
    expect(headerSafe("Vote\u202e tsniaga\u202c today\r\nBcc: x@example.com")).toBe(
      "Vote tsniaga today Bcc: x@example.com",
    );
  });
});

describe("parseArticle", () => {
  it("reads headline, standfirst and blank-line paragraphs", () => {
    expect(parseArticle("Head\nStand\n\nOne\nstill one\n\nTwo\n", "a.txt")).toEqual({
      headline: "Head",
      standfirst: "Stand",
      paragraphs: ["One still one", "Two"],
    });
  });

  it("reads one paragraph a line when the body has no blank line", () => {
    expect(parseArticle("Head\r\nStand\r\nOne\r\nTwo", "a.txt").paragraphs).toEqual(["One", "Two"]);
  });

  it.each([
    ["", "ARTICLE_EMPTY"],
    ["  \n\n ", "ARTICLE_EMPTY"],
    ["Only a headline\n", "ARTICLE_NO_BODY"],
    ["Headline\nStandfirst\n\n", "ARTICLE_NO_BODY"],
  ])("refuses %j with %s", (text, code) => {
    expect(() => parseArticle(text, "a.txt")).toThrowError(NewsletterError);
    try {
      parseArticle(text, "a.txt");
    } catch (error) {
      expect((error as NewsletterError).code).toBe(code);
      expect((error as NewsletterError).message).toMatch(/^a\.txt: /u);
    }
  });
});

describe("topicParagraphs", () => {
  const topic = { title: "Belarus", terms: ["Belarus", "Minsk"] };
  it("matches whole words in any case with inflections", () => {
    expect(
      topicParagraphs(
        ["BELARUSIAN forces", "talks in Minsk's centre", "Belarusfest", "nothing"],
        topic,
      ),
    ).toEqual([0, 1]);
  });
  it("matches nothing without terms", () => {
    expect(topicParagraphs(["Belarus"], { title: "x", terms: [] })).toEqual([]);
  });
});
