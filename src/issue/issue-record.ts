import type { IssueRecord } from "../store/store.ts";
import type { RenderedIssue } from "./render-issue.ts";

/**
 * What the store records of an issue: its identity and its compiled email. Apart from the
 * renderer, so the senders that use it never load mjml.
 */
export function issueRecord(
  issue: Pick<RenderedIssue, "issueId" | "articleKey" | "articleHash" | "articleFile" | "email">,
): IssueRecord {
  return {
    id: issue.issueId,
    articleKey: issue.articleKey,
    articleHash: issue.articleHash,
    articleFile: issue.articleFile,
    subject: issue.email.subject,
    email: issue.email,
  };
}
