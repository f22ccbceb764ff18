/**
 * The one rule for "which issue is this article?", for a manual send and a scheduled tick
 * (pure: the facts come from the store).
 *
 * - Scheduled: the newest issue of the article's identity (its file name or feed guid) is the
 *   one; unfinished, it is finished under its own id (even if the article was edited since);
 *   finished, there is nothing new. Only an article never sent makes a new issue. An edit never
 *   re-sends to everyone on a schedule.
 * - Manual (`send`): the rendered issue is sent (or finished) under its id, unless the same
 *   article already reached someone as another issue (its text, the templates or the topic
 *   changed since): that takes an explicit `--new-issue`.
 */
export type IssueTrigger = { kind: "schedule" } | { kind: "manual"; newIssue: boolean };

export interface IssueFacts {
  /** The issue this run rendered. */
  renderedId: string;
  /** Scheduled: the newest issue of the article's identity, with the rows it has still to do. */
  newestOfArticle?: { id: string; created: boolean; openRows: number };
  /** Manual: other issues of this article (same identity or same bytes) that reached someone. */
  sentEarlier?: readonly string[];
}

export type IssueChoice =
  | { kind: "send"; issueId: string }
  | { kind: "finish"; issueId: string }
  | { kind: "nothing-new"; issueId: string }
  | { kind: "needs-new-issue"; earlier: string[] };

export function chooseIssue(facts: IssueFacts, trigger: IssueTrigger): IssueChoice {
  if (trigger.kind === "schedule") {
    const newest = facts.newestOfArticle;
    if (!newest || newest.created) return { kind: "send", issueId: facts.renderedId };
    if (newest.openRows === 0) return { kind: "nothing-new", issueId: newest.id };
    return { kind: "finish", issueId: newest.id };
  }
  const earlier = [...new Set(facts.sentEarlier ?? [])].filter((id) => id !== facts.renderedId);
  if (earlier.length > 0 && !trigger.newIssue) return { kind: "needs-new-issue", earlier };
  return { kind: "send", issueId: facts.renderedId };
}
