import { describe, expect, it } from "vitest";
import {
  firstSentence,
  isBoilerplate,
  isTruncatedExcerpt,
  withoutBoilerplate,
} from "../../src/sources/boilerplate.ts";

describe("issue 23: feed boilerplate, from one table", () => {
  it.each([
    "The post Bridge plan approved appeared first on The Riverside Courier.",
    "Continue reading →",
    "Read more",
    "Keep reading the full story at our site",
    "Bridge plan approved was originally published in The Courier on Medium, where people are continuing the conversation.",
    "Originally published at courier.example.com on November 24, 2026.",
    "Thanks for reading The Courier! Subscribe for free to receive new posts.",
    "Subscribe now",
    "Sign up for more like this.",
    "Posted by Maria Lopez at 6:00 PM",
    "Labels: council, bridge",
  ])("removes %j", (text) => {
    expect(isBoilerplate(text)).toBe(true);
  });

  it("keeps the story, even a paragraph that starts like boilerplate", () => {
    const story = [
      "The council voted 5 to 2 for the new bridge.",
      "Read more about the vote in our explainer, which sets out what each member said, why the cost rose twice since spring, and what the towns downstream fear from a second crossing that would bring lorries through the market square every morning. ".repeat(
        2,
      ),
      "Share prices rose after the vote.",
    ];
    expect(withoutBoilerplate(story)).toEqual(story);
  });

  it("tells an excerpt cut from the body from a standfirst", () => {
    expect(
      isTruncatedExcerpt("The council voted for the bridge and [&#8230;]".replace("&#8230;", "…")),
    ).toBe(true);
    expect(isTruncatedExcerpt("The council voted for the bridge [...]")).toBe(true);
    expect(isTruncatedExcerpt("The council voted for the bridge…")).toBe(true);
    expect(isTruncatedExcerpt("The council voted. Continue reading")).toBe(true);
    expect(isTruncatedExcerpt("The council voted 5 to 2 for the new bridge.")).toBe(false);
    expect(firstSentence("He said “Stop. Now.” and left. Then more.")).toBe(
      "He said “Stop. Now.” and left.",
    );
  });
});
