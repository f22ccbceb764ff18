import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkEmail, GMAIL_CLIP_BYTES } from "../../src/email/checks.ts";
import { parseStatus, spamScore } from "../../src/web/spam-score.ts";

/** Issue 24: the preview's checks of a compiled email. */

const page = (body: string) =>
  `<!doctype html><html><head><style>@media (max-width:480px){.a{width:100%}}</style></head><body>${body}<a href="https://news.example.com/unsubscribe?token=x">Unsubscribe</a></body></html>`;
const titles = (html: string, realSmtp = true) =>
  checkEmail(html, { realSmtp }).map((c) => `${c.level}: ${c.title}`);

describe("the checks panel", () => {
  it("says the size against Gmail's clip, and errs over it", () => {
    expect(titles(page("<p>hi</p>"))[0]).toMatch(
      /^ok: HTML size 0\.\d KB of Gmail's 102\.0 KB clip$/u,
    );
    expect(titles(page(`<p>${"x".repeat(GMAIL_CLIP_BYTES)}</p>`))[0]).toMatch(
      /^error: HTML size 102\.\d KB/u,
    );
  });

  it("lists every link and flags http, loopback hosts with real SMTP, scripts and a missing unsubscribe", () => {
    const html = page(
      '<a href="http://example.org/a?x=1&amp;y=2">a</a><a href="https://127.0.0.1:3000/b">b</a><a href="javascript:alert(1)">c</a>',
    );
    const checks = checkEmail(html, { realSmtp: true });
    expect(checks.find((c) => c.title === "4 link(s)")?.items).toContain(
      "http://example.org/a?x=1&y=2",
    );
    expect(titles(html)).toEqual(
      expect.arrayContaining([
        "warning: http://example.org/a?x=1&y=2: plain http",
        "error: https://127.0.0.1:3000/b: points at this machine, which no reader can reach",
        "error: javascript:alert(1): a script link, which mail clients block",
      ]),
    );
    // A local test inbox may link to this machine.
    expect(titles(html, false).some((t) => t.includes("points at this machine"))).toBe(false);
    expect(titles("<p>no links</p>")).toContain("error: no unsubscribe link in the body");
  });

  it("names images without alt text", () => {
    const checks = checkEmail(page('<img src="https://x.example/a.png"><img src="b.png" alt="">'), {
      realSmtp: false,
    });
    const images = checks.find((c) => c.title.includes("image"));
    expect(images).toMatchObject({
      level: "error",
      title: "1 image(s) without alt text",
      items: ["https://x.example/a.png"],
    });
  });

  it("groups the features some clients lack by feature, with the clients by family", () => {
    const checks = checkEmail(page('<div style="display:flex">x</div>'), { realSmtp: false });
    const none = checks.find((c) => c.title.endsWith("some clients do not support"));
    const flex = none?.items.find((i) => i.startsWith("display:flex: "));
    expect(flex).toBeDefined();
    expect(flex).toMatch(/outlook \([a-z-, ]*windows[a-z-, ]*\)/u);
  });
});

describe("the spam score", () => {
  it("reads SpamAssassin's status header, folded or not", () => {
    expect(
      parseStatus(
        "X-Spam-Status: No, score=0.4 required=5.0 tests=HTML_MESSAGE,\n\tMIME_HTML_ONLY autolearn=no\n",
      ),
    ).toEqual({
      installed: true,
      score: 0.4,
      required: 5,
      rules: ["HTML_MESSAGE", "MIME_HTML_ONLY"],
    });
    expect(parseStatus("nothing")).toEqual({
      installed: true,
      error: "no X-Spam-Status in SpamAssassin's answer",
    });
  });

  it("says not installed without the program, and runs the program it finds", async () => {
    expect(await spamScore(Buffer.from("x"), null)).toEqual({ installed: false });
    const dir = mkdtempSync(path.join(tmpdir(), "nl-spam-"));
    const program = path.join(dir, "spamassassin");
    writeFileSync(
      program,
      "#!/bin/sh\ncat >/dev/null\necho 'X-Spam-Status: Yes, score=7.1 required=5.0 tests=BAD'\n",
    );
    chmodSync(program, 0o755);
    expect(await spamScore(Buffer.from("Subject: x\r\n\r\nbody"), program)).toEqual({
      installed: true,
      score: 7.1,
      required: 5,
      rules: ["BAD"],
    });
  });
});
