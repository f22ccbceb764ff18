import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/digest/article.ts";
import { cleanText } from "../../src/digest/clean.ts";
import { topicParagraphs } from "../../src/digest/topic.ts";
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
  ])("%s", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
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
