import { describe, expect, it } from "vitest";
import { isNewsletterError, NewsletterError } from "../../src/errors.ts";
import { errorAnswer, errorFromChild } from "../../src/issue/render-apart.ts";

/** What the parent gets back after the answer crossed the pipe as JSON. */
const acrossTheBoundary = (error: unknown) =>
  errorFromChild(JSON.parse(JSON.stringify(errorAnswer(error))).error);

describe("issue 21: errors crossing the render child's boundary", () => {
  it("keep a known error's code and message", () => {
    const back = acrossTheBoundary(new NewsletterError("ARTICLE_EMPTY", "seeds/a.txt is empty"));
    expect(isNewsletterError(back)).toBe(true);
    expect((back as NewsletterError).code).toBe("ARTICLE_EMPTY");
    expect(back.message).toBe("seeds/a.txt is empty");
  });

  it("keep an unexpected error unexpected, with the child's stack, not as a template problem", () => {
    const bug = new TypeError("cannot read properties of undefined (reading 'x')");
    const back = acrossTheBoundary(bug);
    expect(isNewsletterError(back)).toBe(false);
    expect(back.message).toContain("cannot read properties of undefined");
    expect(back.stack).toContain("(in the render child)");
    expect(back.stack).toContain("render-child-errors.test.ts");
  });

  it("never trusts a code outside the closed set", () => {
    const back = errorFromChild({ code: "NOT_A_CODE" as "USAGE", message: "forged" });
    expect(isNewsletterError(back)).toBe(false);
  });
});
