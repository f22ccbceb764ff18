import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { formatAddress, prepareMessageBuilder } from "../../src/email/mime.ts";
import { preparePersonalizer } from "../../src/email/personalize.ts";
import { type RenderedIssue, renderIssue } from "../../src/issue/render-issue.ts";
import { issueHeaders } from "../../src/send/send-issue.ts";
import { ROOT } from "../helpers/cli.ts";

/** Python's email package with policy.strict: the fields a strict reader sees. */
const PARSE = `
import json, sys
from email import policy
from email.parser import BytesParser
out = []
for name in sys.argv[1:]:
    m = BytesParser(policy=policy.strict).parsebytes(open(name, 'rb').read())
    to = m['To'].addresses
    fr = m['From'].addresses
    out.append({
        'from': [[a.display_name, a.addr_spec] for a in fr],
        'to': [[a.display_name, a.addr_spec] for a in to],
        'subject': str(m['Subject']),
        'text': m.get_body(('plain',)).get_content().replace('\\r\\n', '\\n').strip(),
        'html': m.get_body(('html',)).get_content().replace('\\r\\n', '\\n').strip(),
    })
print(json.dumps(out))
`;

const NAMES = [
  "Smith, Zoë",
  "Dr. Zoë Smith",
  "Seán O'Brien (Sales)",
  '"Quoted" Name',
  'Mallory" <evil@evil.org>, x',
  "Ærøskøbing Østergård Ålborg-Ødegaard Jørgensen Kristiansen",
  "李小龙",
];
const SUBJECTS = ["Le Brief, édition Genève: “Quotes” & <tags>", "Plain ASCII subject"];

describe("issue 9: our message against nodemailer's MailComposer, both parsed strictly", () => {
  let issue: RenderedIssue;
  const dir = mkdtempSync(path.join(tmpdir(), "mime-diff-"));
  const config = loadConfig(ROOT, {
    NEWSLETTER_FROM: "Le Brief, édition Genève <brief@news.example.org>",
    PUBLIC_URL: `https://news.example.org/${"long-path-".repeat(6)}`,
  });
  beforeAll(async () => {
    issue = await renderIssue(config, undefined, new Date("2026-11-25T07:00:00Z"));
  });

  it.each(NAMES.flatMap((name) => SUBJECTS.map((subject) => [name, subject] as const)))(
    "the same From, To, Subject, text and HTML for %s / %s",
    async (name, subject) => {
      const email = { ...issue.email, subject };
      const unsubscribeUrl = `${config.publicUrl}/unsubscribe?token=abc.def`;
      const ours = prepareMessageBuilder(
        email,
        issueHeaders(config, issue.issueId, new Date()),
      )({
        subscriberId: 7,
        email: "zoe@example.com",
        name,
        unsubscribeUrl,
        unsubscribeMailto: undefined,
      });
      const body = preparePersonalizer(email)({ unsubscribeUrl, name });
      const theirs = await new MailComposer({
        from: { name: config.fromName, address: config.from },
        to: { name: name.slice(0, 200), address: "zoe@example.com" },
        subject,
        text: body.text,
        html: body.html,
      })
        .compile()
        .build();
      const a = path.join(dir, "ours.eml");
      const b = path.join(dir, "theirs.eml");
      writeFileSync(a, ours.raw);
      writeFileSync(b, theirs);
      const [x, y] = JSON.parse(execFileSync("python3", ["-c", PARSE, a, b]).toString());
      expect(x).toEqual(y);
      // One address, with the name. (A name too long for one encoded-word is split in two;
      // CPython's parser puts a space where the split is, as it does for MailComposer's.)
      expect(x.to).toHaveLength(1);
      expect(x.to[0][1]).toBe("zoe@example.com");
      expect(x.to[0][0].replace(/\s+/gu, "")).toBe(name.replace(/\s+/gu, ""));
      expect(x.from).toEqual([["Le Brief, édition Genève", "brief@news.example.org"]]);
      const [head, ...rest] = ours.raw.toString("latin1").split("\r\n\r\n");
      for (const line of (head ?? "").split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
      for (const line of rest.join("\r\n\r\n").split("\r\n"))
        expect(line.length).toBeLessThanOrEqual(76);
    },
  );

  it("never writes a quoted-printable line over 76 where a slot value joins the body", () => {
    const build = prepareMessageBuilder(
      issue.email,
      issueHeaders(config, issue.issueId, new Date()),
    );
    let longest = 0;
    // Every alignment of the slot values against the 76-column grid.
    for (let pad = 0; pad < 80; pad++) {
      const message = build({
        subscriberId: 1,
        email: "a@example.com",
        name: "x".repeat(pad),
        unsubscribeUrl: `${config.publicUrl}/unsubscribe?token=${"t".repeat(pad)}`,
        unsubscribeMailto: undefined,
      });
      const body = message.raw.toString("latin1").split("\r\n\r\n").slice(1).join("\r\n\r\n");
      for (const line of body.split("\r\n")) longest = Math.max(longest, line.length);
    }
    expect(longest).toBeLessThanOrEqual(76);
  });

  it("keeps every display name one address", () => {
    for (const name of NAMES)
      expect(formatAddress(name, "a@b.example")).toMatch(/ <a@b\.example>$/u);
  });
});
