import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../config.ts";
import { correctionFrom } from "../digest/corrections.ts";
import { type ApprovalCheck, verifyApprovalToken } from "../email/approval-token.ts";
import { escapeHtml } from "../email/escape.ts";
import { unsureQuotes } from "../issue/approval.ts";
import type { RenderedIssue } from "../issue/render-issue.ts";
import type { ApprovalStore, CorrectionStore } from "../store/store.ts";
import { correctionForm } from "./correction-form.ts";
import { formSession, readForm, sendFormPage } from "./forms.ts";
import { markQuotes, quoteAt } from "./quote-marks.ts";

/**
 * The links of a proof (issue 24), on the daemon's server:
 * - `GET /review?token=…`: the waiting issue's quotations, each with its speaker and how sure,
 *   key and sidebar quotes marked, those under NEWSLETTER_APPROVAL_CONFIDENCE flagged, and the
 *   approve and hold buttons;
 * - `GET /approve?token=…` shows the confirm button and changes nothing (mail scanners follow
 *   links); `POST /approve` and `POST /hold` decide, with the form token of this browser.
 * The token names the editor and the article, and expires in 48 hours.
 */
export interface ReviewDeps {
  store: ApprovalStore & CorrectionStore;
  secret: string;
  config: Pick<Config, "publicUrl" | "newsletter" | "approval">;
  now: () => Date;
  /** The article's issue as it would go out now (its corrections applied). */
  render(articleKey: string): Promise<RenderedIssue | undefined>;
  log(line: string): void;
}

interface Answer {
  status: number;
  title: string;
  body: string;
}

const ROUTES = new Set(["/review", "/review/correct", "/approve", "/hold"]);

export function createReviewHandler(deps: ReviewDeps) {
  const secure = deps.config.publicUrl.startsWith("https:");
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!ROUTES.has(url.pathname)) return false;
    const allowed = ["/hold", "/review/correct"].includes(url.pathname)
      ? ["POST"]
      : ["GET", "POST"];
    if (url.pathname === "/review") allowed.pop();
    if (!allowed.includes(req.method ?? "")) {
      res.writeHead(405, { allow: allowed.join(", ") }).end("method not allowed");
      return true;
    }
    const session = formSession(req, deps.secret, "/", secure);
    const reply = (a: Answer) =>
      sendFormPage(res, a, deps.config.newsletter.name, session.setCookie);
    const token = url.searchParams.get("token") ?? "";
    const check = verifyApprovalToken(token, deps.secret, deps.now());
    if (!check.ok) {
      reply(invalid(check));
      return true;
    }
    const row = await deps.store.approval(check.articleKey);
    if (!row) {
      reply({ status: 404, title: "No such issue", body: "<h1>No issue waits for this link</h1>" });
      return true;
    }
    const q = `?token=${encodeURIComponent(token)}`;
    const button = (action: "approve" | "hold", label: string) =>
      `<form method="post" action="/${action}${escapeHtml(q)}" style="display:inline-block;margin-right:12px"><input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}"><button type="submit">${label}</button></form>`;
    const state = `<p class="label">${escapeHtml(describeState(row.state, row.decidedBy))}</p>`;
    if (req.method === "GET" && url.pathname === "/approve") {
      reply({
        status: 200,
        title: "Approve this issue?",
        body: `<h1>Approve this issue?</h1>${state}<p>${escapeHtml(check.articleKey)} goes to the list within a minute of your approval.</p>${button("approve", "Approve and send")}`,
      });
      return true;
    }
    if (req.method === "GET") {
      const issue = await deps.render(check.articleKey);
      reply({
        status: 200,
        title: "Review this issue",
        body: `<h1>Review: ${escapeHtml(issue?.email.subject ?? check.articleKey)}</h1>${state}${issue ? quotesPanel(issue, deps.config.approval.confidence, `/review/correct${q}`, session.csrf) : "<p>This article is no longer the one the schedule would send.</p>"}${button("approve", "Approve and send")}${button("hold", "Hold")}`,
      });
      return true;
    }
    const fields = await readForm(req, 4096);
    if (fields === "too-large" || !session.fromOwnForm(fields, deps.config.publicUrl)) {
      reply({
        status: 403,
        title: "Nothing changed",
        body: `<h1>Nothing changed</h1><p>Open the link from the proof and press the button there.</p>`,
      });
      return true;
    }
    if (url.pathname === "/review/correct") {
      const issue = await deps.render(check.articleKey);
      const quote = issue?.quotes.find((x) => String(x.n) === fields.get("n"));
      const correction = correctionFrom(
        quote,
        fields.get("action") ?? "",
        fields.get("speaker") ?? undefined,
      );
      if (!issue || typeof correction === "string") {
        reply({
          status: 400,
          title: "Not corrected",
          body: `<h1>Not corrected</h1><p>${escapeHtml(issue ? (correction as string) : "This article is no longer the one the schedule would send.")}</p>`,
        });
        return true;
      }
      await deps.store.setCorrection(check.articleKey, correction, deps.now());
      deps.log(
        `${check.articleKey}: a quotation corrected by ${check.editor} (${correction.action})`,
      );
      // Back to the review, which shows the issue as it now goes out.
      res.writeHead(303, { location: `/review${q}`, "set-cookie": session.setCookie }).end();
      return true;
    }
    const approving = url.pathname === "/approve";
    // A database another process holds: nothing recorded, and the editor is asked to retry.
    const moved = await deps.store
      .decideApproval(
        check.articleKey,
        approving ? "approved" : "held",
        check.editor,
        deps.now(),
        approving ? ["awaiting", "held"] : ["awaiting"],
      )
      .catch((error: unknown) => {
        deps.log(`${check.articleKey}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
    if (moved === undefined) {
      reply({
        status: 503,
        title: "Please try again",
        body: "<h1>Please try again</h1><p>Your decision could not be recorded just now. Press the button again in a minute.</p>",
      });
      return true;
    }
    if (moved)
      deps.log(`${check.articleKey}: ${approving ? "approved" : "held"} by ${check.editor}`);
    const now = await deps.store.approval(check.articleKey);
    reply({
      status: moved ? 200 : 409,
      title: moved ? (approving ? "Approved" : "Held") : "Already decided",
      body: `<h1>${moved ? (approving ? "Approved: it goes out within a minute" : "Held: it will not be sent") : "Already decided"}</h1><p class="label">${escapeHtml(describeState(now?.state ?? row.state, now?.decidedBy ?? null))}</p>`,
    });
    return true;
  };
}

/** `awaiting approval`, `approved by …`, `held by …`, `skipped: deadline`. */
export function describeState(state: string, by: string | null): string {
  if (state === "awaiting") return "awaiting approval";
  if (state === "skipped") return `skipped: ${by ?? "deadline"}`;
  return `${state}${by ? ` by ${by}` : ""}`;
}

function quotesPanel(
  issue: RenderedIssue,
  confidence: number,
  action: string,
  csrf: string,
): string {
  const e = escapeHtml;
  const unsure = new Set(unsureQuotes(issue.digest, confidence).map(quoteAt));
  const label = "below the confidence asked for";
  const rows = markQuotes(issue, { label, test: (q) => unsure.has(quoteAt(q)) })
    .filter((q) => q.kind === "quote")
    .map((q) => {
      const marks = q.marks.join(", ");
      return `<li${q.marks.includes(label) ? ' style="background:#fff6d6"' : ""}>“${e(q.text)}” — ${e(q.speaker ?? "nobody")} <span class="label">(${q.confidence.toFixed(2)}, ${e(q.rule)}${marks ? `; ${e(marks)}` : ""})</span>${correctionForm(q, action, { csrf })}</li>`;
    });
  return `<h2 class="label">Quotations</h2><ul>${rows.join("")}</ul><p class="label">A correction is stored with the article: this page, the proof's issue and the send all carry it.</p>`;
}

function invalid(check: Extract<ApprovalCheck, { ok: false }>): Answer {
  if (check.reason === "expired")
    return {
      status: 410,
      title: "This link has expired",
      body: "<h1>This link has expired</h1><p>Proof links work for 48 hours. Approve from a shell: <code>npm run newsletter -- approve ARTICLE</code>.</p>",
    };
  return {
    status: check.reason === "malformed" ? 400 : 403,
    title: "This link is not valid",
    body: "<h1>This link is not valid</h1><p>Use the link from the proof itself.</p>",
  };
}
