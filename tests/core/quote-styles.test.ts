import path from "node:path";
import { describe, expect, it } from "vitest";
import { explainQuotes } from "../../src/digest/attribution/quotes.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { findQuoteSpans, outerFamily } from "../../src/digest/quote-spans.ts";
import { readArticle } from "../../src/sources/seeds.ts";
import { rewriteInner, rewriteParagraph } from "../../tools/eval/british-style.ts";

const texts = (paragraph: string, options = {}) =>
  findQuoteSpans(paragraph, options).map((s) => s.text);

describe("issue 20: quotations in every newsroom's style", () => {
  it("reads British straight single marks, the inner quotation in double marks belonging to it", () => {
    expect(
      texts(
        `The event 'was the first time I thought, "He's the ringleader,"' Sexton said. 'I'm starting to wonder.'`,
      ),
    ).toEqual([`was the first time I thought, "He's the ringleader,"`, "I'm starting to wonder."]);
  });

  it("reads British curly single marks with double marks inside", () => {
    expect(texts("‘We said “no” and meant it,’ she said, ‘every time.’")).toEqual([
      "We said “no” and meant it,",
      "every time.",
    ]);
  });

  it("reads American marks with an inner single quotation as one quotation", () => {
    expect(texts(`"He told me, 'Go home,' and I did," she said.`)).toEqual([
      "He told me, 'Go home,' and I did,",
    ]);
  });

  it("tells apostrophes from quotation marks", () => {
    expect(texts("'It's the '90s all over again and rock 'n' roll,' he said.")).toEqual([
      "It's the '90s all over again and rock 'n' roll,",
    ]);
    // A plural possessive inside the quotation is not its end.
    expect(texts("'The parents' rights matter,' Ms Cole said.")).toEqual([
      "The parents' rights matter,",
    ]);
    // ... but one that ends a fragment is.
    expect(texts("She called it 'a betrayal of the workers' and left.")).toEqual([
      "a betrayal of the workers",
    ]);
    expect(texts("Don't tell the Joneses' neighbours, O'Brien said.")).toEqual([]);
  });

  it("reads guillemets and German low-high marks", () => {
    expect(texts("« Nous resterons », a-t-il dit.")).toEqual(["Nous resterons"]);
    expect(texts("„Wir bleiben“, sagte er.")).toEqual(["Wir bleiben"]);
    expect(texts("‹ Oui ›, dit-elle.", { outer: "single" })).toEqual(["Oui"]);
  });

  it("runs a British quotation on into the next paragraph only where the next one opens with a mark", () => {
    const opening = "'We will not stop, and we will not give up. We stand here";
    expect(texts(opening, { outer: "single", nextOpensQuote: true })).toEqual([
      "We will not stop, and we will not give up. We stand here",
    ]);
    // An opening mark mid-paragraph that never closes was an apostrophe: no runaway quotation.
    expect(
      texts("Fans of 'Allo 'Allo filled the hall.", { outer: "single", nextOpensQuote: false }),
    ).toEqual([]);
  });

  it("decides the article's outer style from which quotations stand outside the other's", () => {
    expect(outerFamily([`'He said "no" to me and left,' she said.`])).toBe("single");
    expect(outerFamily([`"He said 'no' to me and left," she said.`])).toBe("double");
    expect(outerFamily(["No quotation at all."])).toBe("double");
  });

  it("gives the British rewrite of the seed the same quotations and speakers", () => {
    const seed = readArticle(
      path.join(import.meta.dirname, "../../seeds/2022-10-ukraine-usa-russia-belarus.txt"),
    );
    const topic = { title: "Belarus", terms: ["Belarus", "Lukashenko"] };
    const american = buildDigest(seed, topic);
    expect(american.keyQuotes.length).toBeGreaterThan(1);
    for (const style of ["british-curly", "british-straight"] as const) {
      const british = buildDigest(
        { ...seed, paragraphs: seed.paragraphs.map((p) => rewriteParagraph(p, style)) },
        topic,
      );
      const fold = (t: string) => t.replace(/[‘’]/gu, "'");
      expect(british.quotes.map((q) => [fold(q.text), q.speaker])).toEqual(
        american.quotes.map((q) => [fold(rewriteInner(q.text, style)), q.speaker]),
      );
      expect(british.keyQuotes.map((q) => q.speaker)).toEqual(
        american.keyQuotes.map((q) => q.speaker),
      );
    }
  });

  it("rewrites in British style with the words unchanged", () => {
    const p = "“He said ‘no’ to me,” she said. “I don’t know why.”";
    expect(rewriteParagraph(p, "british-curly")).toBe(
      "‘He said “no” to me,’ she said. ‘I don’t know why.’",
    );
    expect(rewriteParagraph(p, "british-straight")).toBe(
      `'He said "no" to me,' she said. 'I don't know why.'`,
    );
  });
});

describe("issue 20: nothing carries over from one article to the next", () => {
  // Transcript labels, an unknown organisation and a campaign all make speakers outside the
  // people index; each article must make its own.
  const first = [
    "“HOLT: Secretary Clinton, what do you say?”",
    "“The plan is a disgrace,” the Trump campaign said in a statement.",
    "Donald Trump spoke later. “Clinton’s campaign is lying,” he said.",
  ];
  const second = [
    "“HOLT: Mr. Trump, your answer?”",
    "“We stand by every word,” the Trump campaign said on Monday.",
    "“No comment,” said a spokesman for Acme Holdings.",
  ];
  const digestOf = (paragraphs: string[]) =>
    JSON.stringify(
      buildDigest({ headline: "H", standfirst: "S", paragraphs }, { title: "", terms: [] }),
    );

  it("gives the same two digests whichever article comes first", () => {
    const firstThenSecond = [digestOf(first), digestOf(second)];
    const secondThenFirst = [digestOf(second), digestOf(first)].reverse();
    expect(firstThenSecond[0]).toContain("Trump campaign");
    expect(firstThenSecond).toEqual(secondThenFirst);
  });
});

describe("issue 20: spans that are not speech are terms", () => {
  const paragraphs = [
    "The film “Now Everyone Can Fly” opened on Friday, and fans chanted “Lock Her Up” outside.",
    "Critics called it a “flop” before it opened.",
    "“We have never seen a crowd like this one before,” said Maria Lopez, the director.",
  ];

  it("marks titles, slogans and short scare quotes nobody says as terms, in --explain", () => {
    const explained = explainQuotes(paragraphs);
    expect(explained.map((q) => [q.text, q.kind])).toEqual([
      ["Now Everyone Can Fly", "term"],
      ["Lock Her Up", "term"],
      ["flop", "term"],
      ["We have never seen a crowd like this one before,", "quote"],
    ]);
  });

  it("marks a headline-style title as a term even where a cue names someone (`on “Meet the Press,” he said`)", () => {
    const explained = explainQuotes([
      "Senator Ann Cole spoke on Sunday.",
      "“We will not back down,” Cole told “Meet the Press,” adding that her book “The Art of the Possible” was out.",
      "“Orange is the New Black,” she said, was her favourite show.",
    ]);
    expect(explained.map((q) => [q.text, q.kind])).toEqual([
      ["We will not back down,", "quote"],
      ["Meet the Press,", "term"],
      ["The Art of the Possible", "term"],
      ["Orange is the New Black,", "term"],
    ]);
    expect(explained[0]?.speaker).toBe("Ann Cole");
  });

  it("reads a short quotation with its own attribution as speech, whoever `she` was", () => {
    const explained = explainQuotes([
      "The witness said the defendant had shouted at the crowd before running off.",
      "“It was terrifying,” she added.",
      "It was, one neighbour said, a “nightmare”.",
    ]);
    expect(explained.map((q) => [q.text, q.kind])).toEqual([
      ["It was terrifying,", "quote"],
      ["nightmare", "term"],
    ]);
  });

  it("keeps terms out of the digest's quotes, key quotes and sidebar", () => {
    const digest = buildDigest(
      { headline: "H", standfirst: "S", paragraphs },
      { title: "Film", terms: ["film", "crowd"] },
    );
    expect(digest.quotes.map((q) => q.text)).toEqual([
      "We have never seen a crowd like this one before,",
    ]);
    expect(digest.sidebar?.quotes.map((q) => q.speaker)).toEqual(["Maria Lopez"]);
  });
});
