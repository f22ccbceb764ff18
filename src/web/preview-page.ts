import { escapeHtml } from "../email/escape.ts";

export interface PreviewState {
  subject: string;
  preheader: string;
  text: string;
  mjml: string;
  warnings: string[];
  articleFile: string;
  /** Where the article comes from, as its source says: url · byline · date · site (or empty). */
  source: string;
  issueId: string;
  /** Set when the last render failed: the page shows it instead of the email. */
  error: string | undefined;
  /** Bumps on every render, so the page can tell it is current. */
  version: number;
}

/**
 * The preview page: the email in a frame at desktop or mobile width, the subject and preheader,
 * the plain-text part, the filled MJML and mjml's warnings, a test-send box, and a live-reload
 * listener. Every value is escaped: it comes from articles and templates.
 */
/**
 * @param csrfToken the server's per-run token: the test-send form carries it, so a page on
 *   another site cannot make this server send mail (a cross-site form POST carries our Host).
 */
export function renderPreviewPage(state: PreviewState, csrfToken = "", nonce = ""): string {
  const e = escapeHtml;
  const body = state.error
    ? `<section class="error" role="alert"><h2>Render failed</h2><pre id="error">${e(state.error)}</pre><p>Fix the file and save: this page reloads by itself.</p></section>`
    : `<dl class="meta">
  <dt>Subject</dt><dd id="subject">${e(state.subject)}</dd>
  <dt>Preheader</dt><dd id="preheader">${e(state.preheader)}</dd>
  <dt>Article</dt><dd>${e(state.articleFile)} · issue ${e(state.issueId)}</dd>${
    state.source
      ? `
  <dt>Source</dt><dd id="source">${e(state.source)}</dd>`
      : ""
  }
</dl>
<div class="toolbar" role="group" aria-label="Width">
  <button type="button" id="desktop" aria-pressed="true" data-width="800">Desktop 800 px</button>
  <button type="button" id="mobile" aria-pressed="false" data-width="375">Mobile 375 px</button>
</div>
<iframe id="email" title="Email preview" src="/email.html?v=${state.version}" style="width:800px"></iframe>
<form id="send-test" method="post" action="/send-test">
  <input type="hidden" name="token" value="${e(csrfToken)}">
  <label>Send a test to <input type="email" name="to" required placeholder="you@example.com"></label>
  <button type="submit">Send test</button> <output id="send-result"></output>
</form>
<h2>Plain text</h2><pre id="text">${e(state.text)}</pre>
<details><summary>MJML</summary><pre id="mjml">${e(state.mjml)}</pre></details>
<h2>mjml warnings</h2>${state.warnings.length === 0 ? '<p id="warnings">None.</p>' : `<ul id="warnings">${state.warnings.map((w) => `<li>${e(w)}</li>`).join("")}</ul>`}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview: ${e(state.subject || "render failed")}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;padding:16px;max-width:1100px;color:#1c1c1c;background:#fafafa}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}.meta dt{font-weight:600}
.toolbar{margin:12px 0}.toolbar button[aria-pressed=true]{font-weight:700}
iframe{display:block;height:1400px;border:1px solid #ccc;background:#fff;max-width:100%}
pre{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:12px;overflow-x:auto}
.error{border:2px solid #b00020;padding:12px;background:#fff0f0}
</style></head>
<body data-version="${state.version}">
<main>
<h1>Preview</h1>
${body}
</main>
<script nonce="${e(nonce)}">
for (const b of document.querySelectorAll(".toolbar button")) b.addEventListener("click", () => {
  document.getElementById("email").style.width = b.dataset.width + "px";
  for (const o of document.querySelectorAll(".toolbar button")) o.setAttribute("aria-pressed", String(o === b));
});
const form = document.getElementById("send-test");
if (form) form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const out = document.getElementById("send-result");
  out.textContent = "Sending…";
  const res = await fetch("/send-test", { method: "POST", body: new URLSearchParams(new FormData(form)) });
  out.textContent = await res.text();
});
new EventSource("/events").addEventListener("reload", () => location.reload());
</script>
</body></html>
`;
}
