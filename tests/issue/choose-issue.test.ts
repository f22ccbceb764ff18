import { describe, expect, it } from "vitest";
import { chooseIssue } from "../../src/issue/choose-issue.ts";

describe("issue 21: one rule for which issue an article is", () => {
  const schedule = { kind: "schedule" } as const;
  it("on a schedule: a new article is a new issue; an unfinished one is finished; a finished one is nothing new", () => {
    expect(
      chooseIssue(
        { renderedId: "b", newestOfArticle: { id: "b", created: true, openRows: 0 } },
        schedule,
      ),
    ).toEqual({ kind: "send", issueId: "b" });
    // Edited since issue a began: a is finished as it began, never b to everyone.
    expect(
      chooseIssue(
        { renderedId: "b", newestOfArticle: { id: "a", created: false, openRows: 3 } },
        schedule,
      ),
    ).toEqual({ kind: "finish", issueId: "a" });
    expect(
      chooseIssue(
        { renderedId: "b", newestOfArticle: { id: "a", created: false, openRows: 0 } },
        schedule,
      ),
    ).toEqual({ kind: "nothing-new", issueId: "a" });
  });

  it("by hand: the rendered issue, unless the article already reached someone as another issue", () => {
    const manual = { kind: "manual", newIssue: false } as const;
    expect(chooseIssue({ renderedId: "b", sentEarlier: [] }, manual)).toEqual({
      kind: "send",
      issueId: "b",
    });
    // Its own earlier run (same id) is no reason to refuse: the send finishes it.
    expect(chooseIssue({ renderedId: "b", sentEarlier: ["b"] }, manual)).toEqual({
      kind: "send",
      issueId: "b",
    });
    expect(chooseIssue({ renderedId: "b", sentEarlier: ["a", "a"] }, manual)).toEqual({
      kind: "needs-new-issue",
      earlier: ["a"],
    });
    expect(
      chooseIssue({ renderedId: "b", sentEarlier: ["a"] }, { kind: "manual", newIssue: true }),
    ).toEqual({ kind: "send", issueId: "b" });
  });
});
