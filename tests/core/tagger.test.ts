import { describe, expect, it } from "vitest";
import { NO_TAGS, tagParagraphs, tagText } from "../../src/digest/nlp/tagger.ts";
import { toWords, withTags } from "../../src/digest/words.ts";

/** The tag of the token that starts at the first occurrence of `word` in `text`. */
function tagOf(text: string, word: string, verbs?: ReadonlySet<string>) {
  return tagText(text, verbs).get(text.indexOf(word));
}

describe("issue 20: parts of speech and lemmas from wink-nlp", () => {
  it("tags each token at its own offset, with its lemma", () => {
    const text = "“We will not give up,” said Maria Kolesnikova, who heads the council.";
    expect(tagOf(text, "said")).toEqual({ pos: "VERB", lemma: "say" });
    expect(tagOf(text, "Kolesnikova")).toEqual({ pos: "PROPN", lemma: "kolesnikova" });
    expect(tagOf(text, "heads")).toEqual({ pos: "VERB", lemma: "head" });
    expect(tagOf(text, "who")?.pos).toBe("PRON");
  });

  it("tells a noun from a verb of the same form", () => {
    expect(tagOf("His remarks were clear.", "remarks")?.pos).toBe("NOUN");
    expect(tagOf("Peskov remarks that it is over.", "remarks", new Set(["remark"]))?.pos).toBe(
      "VERB",
    );
  });

  it("reads a listed verb's -s form after a name as the verb the small model took for a plural", () => {
    const text = "Obama notes that nobody should be denied care.";
    expect(tagOf(text, "notes")?.pos).toBe("NOUN");
    expect(tagOf(text, "notes", new Set(["note"]))).toEqual({ pos: "VERB", lemma: "note" });
    // After a determiner it stays a noun.
    expect(tagOf("The notes were lost.", "notes", new Set(["note"]))?.pos).toBe("NOUN");
  });

  it("gives the words the tags of the tokens starting where they start", () => {
    const text = "Lukashenko’s spokeswoman, Natalia Eismont, told Belta it can't last.";
    const words = withTags(toWords(text), tagText(text));
    const byText = new Map(words.map((w) => [w.text, w]));
    expect(byText.get("Lukashenko")?.pos).toBe("PROPN");
    expect(byText.get("told")).toMatchObject({ pos: "VERB", lemma: "tell" });
    // `can't` is `ca` + `n't` to the model: the word takes its first token's tag.
    expect(byText.get("can't")).toMatchObject({ pos: "AUX", lemma: "can" });
  });

  it("tags an article up to its word budget and leaves the rest to the lexicon", () => {
    const paragraph = "The minister said the border was closed on Monday.";
    const tags = tagParagraphs([paragraph, paragraph, paragraph], new Set(), 20);
    expect(tags[0]?.size).toBeGreaterThan(0);
    expect(tags[1]?.size).toBeGreaterThan(0);
    expect(tags[2]).toBe(NO_TAGS);
  });

  it("reads a paragraph holding a 1 MB run without spaces (the model's tokenizer is quadratic in it)", () => {
    // Before the fix this did not finish: a pasted 2 MB blob hung `digest`.
    const text = `“${"a".repeat(1_000_000)},” he said.`;
    const tags = tagText(text);
    expect(tags.get(text.indexOf("said"))).toEqual({ pos: "VERB", lemma: "say" });
    expect(tags.get(text.indexOf("he"))?.pos).toBe("PRON");
    expect(tags.get(1)?.pos).not.toBe("VERB");
  });

  it("tags nothing in an empty paragraph", () => {
    expect(tagText("   ").size).toBe(0);
  });
});
