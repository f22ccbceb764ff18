import { escapeHtml } from "../email/escape.ts";
import type { QuoteNote } from "../issue/render-issue.ts";

/**
 * One quotation's correction controls (issue 24), for the preview's quotes panel and the
 * editor's review page: a name (the speaker ranker's candidates offered, any name typed), or
 * none, drop, pin. A plain form: it works without script; `hidden` carries the page's token.
 */
export function correctionForm(
  q: QuoteNote,
  action: string,
  hidden: Record<string, string>,
): string {
  const e = escapeHtml;
  const names = q.alternatives.filter((a) => a.name !== "nobody").map((a) => a.name);
  const fields = Object.entries({ ...hidden, n: String(q.n) })
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join("");
  return `<form class="fix" method="post" action="${e(action)}">${fields}<label><span class="sr">Speaker of quotation ${q.n}</span><input name="speaker" list="names-${q.n}" maxlength="100" size="14" value="${e(q.speaker ?? "")}"></label><datalist id="names-${q.n}">${names.map((n) => `<option value="${e(n)}">`).join("")}</datalist> <button name="action" value="speaker">Set</button> <button name="action" value="no-speaker">None</button> <button name="action" value="drop">Drop</button> <button name="action" value="pin">Pin</button></form>`;
}
