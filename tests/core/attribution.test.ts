import { describe, expect, it } from "vitest";
import { SPEAKER_THRESHOLD } from "../../src/digest/attribution/attribution.ts";
import { explainQuotes, extractQuotes } from "../../src/digest/attribution/quotes.ts";

/** Speakers of each quotation of a short body, in order. */
function speakers(...paragraphs: string[]): Array<string | null> {
  return extractQuotes(paragraphs).map((q) => q.speaker);
}

describe("attribution after the quotation", () => {
  it.each([
    ["X said", "“We will win,” Maria Lopez said."],
    ["said X", "“We will win,” said Maria Lopez."],
    ["said X, apposition", "“We will win,” said Maria Lopez, a spokeswoman for the union."],
    ["X told", "“We will win,” Maria Lopez told reporters."],
    ["according to X", "“We will win,” according to Maria Lopez."],
    ["X, apposition, said", "“We will win,” Maria Lopez, head of the union, said on Monday."],
    ["title + name", "“We will win,” Union President Maria Lopez said."],
    ["role noun before name", "“We will win,” union boss Maria Lopez tweeted."],
    ["capitalised Said after a question", "“Can we win?” Said Maria Lopez."],
  ])("%s", (_name, text) => {
    expect(speakers(text)).toEqual(["Maria Lopez"]);
  });

  it.each([
    "clarified",
    "stressed",
    "claimed",
    "asked",
    "added",
    "warned",
    "insisted",
    "explained",
  ])("reporting verb %s", (verb) => {
    expect(speakers(`Officials met Maria Lopez on Monday. “It is over,” Lopez ${verb}.`)).toEqual([
      "Maria Lopez",
    ]);
  });

  it("gives a surname the full name first written", () => {
    expect(speakers("Spokesman Dmitry Peskov spoke on Monday.", "“No,” Peskov said.")).toEqual([
      "Dmitry Peskov",
    ]);
  });

  it("resolves he/she to the last person named, skipping one of the other gender", () => {
    expect(speakers("Tom Fischer spoke first. “Nobody asked,” he said.")).toEqual(["Tom Fischer"]);
    expect(
      speakers("Spokeswoman Hua Chunying met Mr Tom Fischer.", "“We are open,” she said."),
    ).toEqual(["Hua Chunying"]);
  });

  it("resolves a role to the person introduced with it, matching its adjective", () => {
    const text = [
      "Russian President Vladimir Putin spoke to reporters.",
      "President Alexander from Belarus Lukashenko said the country is ready.",
      "“Give me one example,” asked the Belarusian president.",
      "“It is not on the agenda,” the spokesman said.",
    ];
    expect(speakers(...text.slice(0, 3))).toEqual(["Alexander Lukashenko"]);
    expect(
      speakers("Kremlin spokesman Dmitry Peskov was asked about it.", text[3] as string),
    ).toEqual(["Dmitry Peskov"]);
  });

  it("does not take the agency that quoted the speaker for the speaker", () => {
    expect(speakers("Dmitry Peskov spoke.", "“No,” Peskov clarified, quoted by Tass.")).toEqual([
      "Dmitry Peskov",
    ]);
    expect(speakers("“No, it is not,” quoted by Tass.")).toEqual([null]);
  });

  it("does not take the verb's object for its subject", () => {
    expect(
      speakers('Tom Fischer was there. His name was "Perry" told me as he looked around.'),
    ).toEqual([null]);
  });

  it("names an organisation that speaks, and nobody for an unnamed person", () => {
    // Issue 8: organisations speak, named as the article names them; an unnamed spokesman
    // speaks for the organisation (as PolNeAR's gold credits it), an unnamed person for nobody.
    expect(
      speakers("“All contacts are traced,” the Scottish government said in a statement."),
    ).toEqual(["Scottish government"]);
    expect(speakers("“Nothing is wrong,” a spokesman for Google said.")).toEqual(["Google"]);
    expect(speakers("“Nothing is wrong,” a passer-by in Google's car park said.")).toEqual([null]);
  });
});

describe("attribution before the quotation", () => {
  it("takes the subject of the nearest reporting verb", () => {
    expect(speakers("Maria Lopez said: “We will win.”")).toEqual(["Maria Lopez"]);
    expect(
      speakers(
        "President Alexander from Belarus Lukashenko claimed the country was “preparing for war”.",
      ),
    ).toEqual(["Alexander Lukashenko"]);
  });

  it("ranks the clause's subject for an infinitive first, and names nobody when the reporter is nearly as likely", () => {
    const [quote] = explainQuotes([
      "Press Secretary Pat Ryder said Defense Secretary Lloyd Austin spoke to Oleksii Reznikov to reiterate “our support”.",
    ]);
    const ranked = quote?.speakers?.candidates.map((c) => c.person.name);
    expect(ranked?.slice(0, 2)).toEqual(["Lloyd Austin", "Pat Ryder"]);
    // A wrong name costs twice a missing one: shown only at two to one.
    expect(quote?.speaker).toBeNull();
    expect(quote?.confidence).toBeLessThan(SPEAKER_THRESHOLD);
  });

  it("takes the first person of a sentence leading into the quote with a colon", () => {
    expect(
      speakers(
        "Former mayor Rudy Giuliani laid blame on the president: “We had four months of it.”",
      ),
    ).toEqual(["Rudy Giuliani"]);
  });

  it("is null when the article does not say who spoke", () => {
    expect(speakers("The United States promises “unshakable commitment” to Ukraine.")).toEqual([
      null,
    ]);
  });
});

describe("quotations across sentences and paragraphs", () => {
  it("joins a quotation interrupted by its attribution", () => {
    expect(extractQuotes(["“We listened,” Anna Berger said, “and changed the route.”"])).toEqual([
      { text: "We listened, and changed the route.", speaker: "Anna Berger", paragraph: 0 },
    ]);
  });

  it("gives a follow-on quotation the same speaker", () => {
    expect(
      speakers("“My heart bleeds,” Tony Fernandes said. “Nothing is more important to us.”"),
    ).toEqual(["Tony Fernandes", "Tony Fernandes"]);
  });

  it("continues a speaker into a paragraph that opens with a quotation", () => {
    expect(
      speakers("“All contacts are traced,” Health Secretary Alex Neil said.", "“The risk is low.”"),
    ).toEqual(["Alex Neil", "Alex Neil"]);
  });
});

describe("quote marks", () => {
  it("finds curly, straight and single-word scare quotes", () => {
    expect(
      extractQuotes(['He called it "failed" and a “disaster” in one breath.']).map((q) => q.text),
    ).toEqual(["failed", "disaster"]);
  });

  it("runs a quotation that never closes to the end of its paragraph only", () => {
    const quotes = extractQuotes(["Maria Lopez said: “We will win and", "The vote is on Friday."]);
    expect(quotes).toEqual([{ text: "We will win and", speaker: "Maria Lopez", paragraph: 0 }]);
  });

  it("reads an opening mark used to close (after cleaning) and a closing mark glued to a word", () => {
    expect(
      extractQuotes(["“If they don’t want to fight us, there will be no war” he said."]).map(
        (q) => q.text,
      ),
    ).toEqual(["If they don’t want to fight us, there will be no war"]);
  });

  it("reads British single quotes in a paragraph without double ones", () => {
    expect(extractQuotes(["‘It’s over,’ said Maria Lopez. The players’ union disagreed."])).toEqual(
      [{ text: "It’s over,", speaker: "Maria Lopez", paragraph: 0 }],
    );
  });
});
