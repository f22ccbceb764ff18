import { escapeHtml } from "../email/escape.ts";

/**
 * A page of the daemon's site (unsubscribe, archive), styled like the email: the paper
 * background, a white card, serif headings, a sans label, an accent button a thumb can hit, and
 * a dark scheme. One `main` landmark holds everything (axe-core's landmark rules).
 */
const STYLE = `
:root{color-scheme:light dark}
body{margin:0;background:#f2f0eb;color:#1c1c1c;font:17px/1.55 Georgia,'Times New Roman',serif}
main{max-width:36rem;margin:2.5rem auto;padding:1.5rem 1.5rem 2rem;background:#fff;border-top:3px solid #174a7c}
.label{font:12px/1.5 Helvetica,Arial,sans-serif;letter-spacing:1px;text-transform:uppercase;color:#4a4a4a;margin:0 0 1rem}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .75rem}
a{color:#174a7c}
button{font:600 16px Helvetica,Arial,sans-serif;min-height:44px;padding:10px 22px;border:0;border-radius:4px;background:#174a7c;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #e8a33d;outline-offset:2px}
ul{padding-left:1.2rem}
.sr{position:absolute;left:-10000px}form.fix{margin:4px 0 10px}form.fix button{min-height:32px;padding:4px 10px;font-size:13px;margin:2px 4px 2px 0}
@media (prefers-color-scheme:dark){body{background:#121212;color:#e8e6e3}main{background:#1e1e1e;border-top-color:#9cc3f5}.label{color:#b8b8b8}a{color:#9cc3f5}button{background:#9cc3f5;color:#121212}}
`;

export function webPage(options: { title: string; site: string; body: string }): string {
  const e = escapeHtml;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(options.title)}</title><style>${STYLE}</style></head><body><main><p class="label">${e(options.site)}</p>${options.body}</main></body></html>`;
}
