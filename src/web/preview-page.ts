import type { Check } from "../email/checks.ts";
import { escapeHtml } from "../email/escape.ts";
import { correctionForm } from "./correction-form.ts";
import type { PanelQuote } from "./quote-marks.ts";

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
  /** The compiled HTML, for the source view. */
  html: string;
  checks: Check[];
  quotes: PanelQuote[];
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
<div class="toolbar" role="group" aria-label="View">
  <button type="button" id="desktop" aria-pressed="true" data-width="800">Desktop 800 px</button>
  <button type="button" id="mobile" aria-pressed="false" data-width="375">Mobile 375 px</button>
  <button type="button" id="dark" aria-pressed="false">Dark</button>
  <span class="hint">Drag the frame's corner for any width.</span>
</div>
<div id="frame" class="frame" style="width:800px"><iframe id="email" title="Email preview" src="/email.html?v=${state.version}"></iframe></div>
<form id="send-test" method="post" action="/send-test">
  <input type="hidden" name="token" value="${e(csrfToken)}">
  <label>Send a test to <input type="email" name="to" required placeholder="you@example.com"></label>
  <button type="submit">Send test</button> <output id="send-result"></output>
</form>
<section aria-labelledby="checks-h"><h2 id="checks-h">Checks</h2>
<ul id="checks">${state.checks.map((c) => `<li class="${c.level}"><span class="badge">${c.level}</span> ${e(c.title)}${c.items.length > 0 ? `<details><summary>${c.items.length} listed</summary><ul>${c.items.map((i) => `<li>${e(i)}</li>`).join("")}</ul></details>` : ""}</li>`).join("")}
<li id="spam" class="info"><span class="badge">spam</span> SpamAssassin: checking…</li></ul></section>
<section aria-labelledby="quotes-h"><h2 id="quotes-h">Quotes</h2>
<table id="quotes"><thead><tr><th>#</th><th>Quotation</th><th>Speaker</th><th>Confidence</th><th>Rule</th><th>Alternatives</th><th>In the email</th><th>Correct</th></tr></thead><tbody>${state.quotes
        .map(
          (q) =>
            `<tr class="${q.marks.includes("below the key-quote threshold") ? "unsure" : ""}"><td>${q.n}</td><td>“${e(q.text.length > 140 ? `${q.text.slice(0, 139)}…` : q.text)}”</td><td>${e(q.speaker ?? "—")}</td><td>${q.confidence.toFixed(2)}</td><td>${e(q.rule)}${q.cue ? ` (“${e(q.cue)}”)` : ""}</td><td>${e(q.alternatives.map((a) => `${a.name} ${a.probability.toFixed(2)}`).join(", "))}</td><td>${e(q.marks.join(", "))}</td><td>${q.kind === "quote" ? correctionForm(q, "/correct", { token: csrfToken }) : ""}</td></tr>`,
        )
        .join(
          "",
        )}</tbody></table><p class="hint">Corrections are stored with the article and apply to digest, send and the schedule (from a shell: <code>npm run newsletter -- correct ARTICLE # --speaker NAME | --no-speaker | --drop | --pin</code>). <output id="correct-result"></output></p></section>
<h2>Plain text</h2><pre id="text">${e(state.text)}</pre>
<details><summary>HTML source</summary><pre id="html-source">${e(state.html)}</pre></details>
<details><summary>MJML</summary><pre id="mjml">${e(state.mjml)}</pre></details>
<h2>mjml warnings</h2>${state.warnings.length === 0 ? '<p id="warnings">None.</p>' : `<ul id="warnings">${state.warnings.map((w) => `<li>${e(w)}</li>`).join("")}</ul>`}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview: ${e(state.subject || "render failed")}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;padding:16px;max-width:1100px;color:#1c1c1c;background:#fafafa}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}.meta dt{font-weight:600}
.toolbar{margin:12px 0}.toolbar button[aria-pressed=true]{font-weight:700}
.frame{resize:horizontal;overflow:auto;max-width:100%;min-width:280px;border:1px solid #ccc;background:#fff}
iframe{display:block;width:100%;height:1400px;border:0}
.hint{color:#555;font-size:13px;margin-left:8px}.sr{position:absolute;left:-10000px}form.fix button{font-size:12px;padding:2px 6px}
#checks{list-style:none;padding:0}#checks li{margin:4px 0}.badge{display:inline-block;min-width:4.5em;font:600 12px system-ui;text-transform:uppercase}
#checks .error .badge{color:#b00020}#checks .warning .badge{color:#8a5a00}#checks .ok .badge{color:#1b6e20}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}tr.unsure{background:#fff6d6}
pre{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:12px;overflow-x:auto}
.error{border:2px solid #b00020;padding:12px;background:#fff0f0}
</style></head>
<body data-version="${state.version}">
<main>
<h1>Preview</h1>
${body}
</main>
<script nonce="${e(nonce)}">
const frame = document.getElementById("frame");
const email = document.getElementById("email");
for (const b of document.querySelectorAll(".toolbar button[data-width]")) b.addEventListener("click", () => {
  frame.style.width = b.dataset.width + "px";
  for (const o of document.querySelectorAll(".toolbar button[data-width]")) o.setAttribute("aria-pressed", String(o === b));
});
const dark = document.getElementById("dark");
if (dark) dark.addEventListener("click", () => {
  const on = dark.getAttribute("aria-pressed") !== "true";
  dark.setAttribute("aria-pressed", String(on));
  email.src = "/email.html?v=${state.version}" + (on ? "&dark=1" : "");
});
// The frame as tall as the email, whatever the width: shrunk first, so the height measured is
// the email's own, then set (only when the width changed, so setting it never loops).
let measuredWidth = -1;
const fit = () => {
  const doc = email.contentDocument;
  if (!doc || !doc.documentElement) return;
  measuredWidth = frame.clientWidth;
  email.style.height = "200px";
  email.style.height = doc.documentElement.scrollHeight + 20 + "px";
};
if (email) email.addEventListener("load", fit);
if (frame) new ResizeObserver(() => { if (frame.clientWidth !== measuredWidth) fit(); }).observe(frame);
const spam = document.getElementById("spam");
if (spam) fetch("/spam.json?v=${state.version}").then((r) => r.json()).then((s) => {
  spam.lastChild.textContent = !s.installed
    ? " SpamAssassin: not installed (install spamassassin to score the email here)"
    : s.error
      ? " SpamAssassin: " + s.error
      : " SpamAssassin score " + s.score + " (spam from " + s.required + ")" + (s.rules.length ? ": " + s.rules.join(", ") : "");
  spam.className = s.installed && !s.error && s.score >= s.required ? "error" : "info";
});
for (const fix of document.querySelectorAll("form.fix")) fix.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new URLSearchParams(new FormData(fix));
  data.set("action", event.submitter ? event.submitter.value : "speaker");
  const res = await fetch("/correct", { method: "POST", body: data });
  document.getElementById("correct-result").textContent = await res.text();
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
