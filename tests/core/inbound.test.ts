import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeUnsubscribeToken } from "../../src/email/unsubscribe-token.ts";
import { makeVerpToken, parseVerp, verpAddress } from "../../src/email/verp.ts";
import { classifyInbound } from "../../src/inbound/classify.ts";
import { parseMime, walk } from "../../src/inbound/mime-parts.ts";

/**
 * Issue 11: what came back, classified from the message alone. The fixtures follow the shapes
 * Postfix, Exim, Gmail and Microsoft write (RFC 3464 DSNs, Exim's plain bounce) and an ARF
 * report (RFC 5965), with the VERP and unsubscribe tokens filled in per test.
 */

const SECRET = "inbound-test-secret-0123456789abcdef";
const ISSUE = "0123456789abcdef";
const SID = 42;
const RCPT = "dead@example.com";

function fixture(name: string, secret = SECRET): string {
  return readFileSync(path.join(import.meta.dirname, "../fixtures/inbound", name), "utf8")
    .replaceAll("{{VERP}}", makeVerpToken({ issueId: ISSUE, subscriberId: SID }, secret))
    .replaceAll("{{UNSUB}}", makeUnsubscribeToken(SID, secret))
    .replaceAll("{{ISSUE}}", ISSUE)
    .replaceAll("{{SID}}", String(SID))
    .replaceAll("{{RCPT}}", RCPT);
}

describe("VERP addresses", () => {
  it("name the issue and subscriber, survive case folding, and refuse a wrong MAC", () => {
    const address = verpAddress(
      "bounces@news.example.org",
      { issueId: ISSUE, subscriberId: SID },
      SECRET,
    );
    expect(address).toMatch(/^bounces\+[0-9a-z]+-[0-9a-f]{16}-[0-9a-f]{20}@news\.example\.org$/u);
    expect(address.split("@")[0]?.length).toBeLessThanOrEqual(64);
    expect(parseVerp(address, SECRET)).toEqual({ issueId: ISSUE, subscriberId: SID });
    expect(parseVerp(address.toUpperCase(), SECRET)).toEqual({ issueId: ISSUE, subscriberId: SID });
    expect(parseVerp(address, "another-secret-another-secret-00")).toBeUndefined();
    expect(
      parseVerp(address.replace(/-[0-9a-f]{20}@/u, "-00000000000000000000@"), SECRET),
    ).toBeUndefined();
    expect(parseVerp("bounces@news.example.org", SECRET)).toBeUndefined();
  });
});

describe("issue 22: an auto-reply is not a bounce", () => {
  it("takes X-Failed-Recipients with no status code for an auto-reply, not a hard bounce", () => {
    const verdict = classifyInbound(fixture("auto-reply-failed-recipients.eml"), {
      secret: SECRET,
    });
    expect(verdict.kind).toBe("ignored");
    expect(verdict.why).toMatch(/without a status code/u);
  });

  it("still reads a plain bounce that gives only a status code, and never a phone number", () => {
    const withStatus = fixture("auto-reply-failed-recipients.eml").replace(
      "I am away until Monday",
      "Delivery failed: 5.2.2 mailbox full. I am away until Monday",
    );
    expect(classifyInbound(withStatus, { secret: SECRET })).toMatchObject({
      kind: "hard-bounce",
      statusCode: "5.2.2",
    });
    const phone = fixture("auto-reply-failed-recipients.eml").replace(
      "please call the office.",
      "please call the office on 555-1234.",
    );
    expect(classifyInbound(phone, { secret: SECRET }).kind).toBe("ignored");
  });
});

describe("classifying what came back", () => {
  it.each([
    ["postfix-dsn.eml", "hard-bounce", "5.1.1", /unknown user/u],
    ["gmail-dsn.eml", "hard-bounce", "5.1.1", /account that you tried to reach does not exist/u],
    ["microsoft-ndr.eml", "hard-bounce", "5.1.10", /RecipientNotFound/u],
    ["exim-bounce.eml", "hard-bounce", "5.1.1", /User unknown/u],
    ["postfix-delayed.eml", "soft-bounce", "4.4.1", /Connection timed out/u],
  ])(
    "%s → %s %s, with the server's diagnostic, naming the reader",
    (name, kind, status, diagnostic) => {
      const verdict = classifyInbound(fixture(name), { secret: SECRET });
      expect(verdict).toMatchObject({
        kind,
        statusCode: status,
        subscriberId: SID,
        issueId: ISSUE,
      });
      expect(verdict.diagnostic).toMatch(diagnostic);
    },
  );

  it("a bounce whose VERP address was stripped (Microsoft's To: bounces@) is still placed, by the original's headers", () => {
    const text = fixture("microsoft-ndr.eml");
    expect(text).toContain("To: <bounces@news.example.org>");
    expect(classifyInbound(text, { secret: SECRET })).toMatchObject({
      subscriberId: SID,
      issueId: ISSUE,
    });
  });

  it("an ARF abuse report is a complaint, placed by the original's unsubscribe token and Message-ID", () => {
    expect(classifyInbound(fixture("arf-abuse.eml"), { secret: SECRET })).toMatchObject({
      kind: "complaint",
      subscriberId: SID,
      issueId: ISSUE,
    });
  });

  it("a mailed unsubscribe with a valid token unsubscribes; one with a bad token is ignored", () => {
    expect(classifyInbound(fixture("unsubscribe.eml"), { secret: SECRET })).toMatchObject({
      kind: "unsubscribe",
      subscriberId: SID,
    });
    expect(
      classifyInbound(fixture("unsubscribe.eml", "another-secret-another-secret-00"), {
        secret: SECRET,
      }),
    ).toMatchObject({
      kind: "ignored",
    });
  });

  it.each([
    ["auto-reply.eml", /not a bounce/u],
    ["arf-not-spam.eml", /feedback report of type "not-spam"/u],
    ["forged-dsn.eml", /names no reader of ours/u],
  ])("%s is ignored (%s), never acted on", (name, why) => {
    const verdict = classifyInbound(fixture(name), { secret: SECRET });
    expect(verdict.kind).toBe("ignored");
    expect(verdict.why).toMatch(why);
    expect(verdict.subscriberId).toBeUndefined();
  });

  it("a bounce under another key (another installation's VERP) names no reader", () => {
    const verdict = classifyInbound(
      fixture("postfix-dsn.eml", "another-secret-another-secret-00"),
      { secret: SECRET },
    );
    expect(verdict.kind).toBe("ignored");
  });

  it("the key is the Message-ID, or a hash when there is none; the envelope recipient is used first", () => {
    const text = fixture("postfix-dsn.eml");
    expect(classifyInbound(text, { secret: SECRET }).key).toBe(
      "message-id:<20261125070003.4F2A81C0123@mail.news.example.org>",
    );
    const noHeaders = text.replace(/^(Message-Id|To|Delivered-To):.*\n/gimu, "");
    const other = verpAddress(
      "bounces@news.example.org",
      { issueId: "fedcba9876543210", subscriberId: 7 },
      SECRET,
    );
    const verdict = classifyInbound(noHeaders, { secret: SECRET, envelopeTo: [other] });
    expect(verdict.key).toMatch(/^sha256:[0-9a-f]{64}$/u);
    expect(verdict).toMatchObject({ subscriberId: 7, issueId: "fedcba9876543210" });
  });

  it("reads hostile structure within bounds: deep nesting and thousands of parts", () => {
    let nested = "Content-Type: text/plain\n\nleaf";
    for (let i = 0; i < 50; i++)
      nested = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${nested}\n--b${i}--\n`;
    expect([...walk(parseMime(nested))].length).toBeLessThanOrEqual(64);
    const many = `Content-Type: multipart/mixed; boundary="x"\n\n${"--x\nContent-Type: text/plain\n\nhi\n".repeat(5000)}--x--\n`;
    expect([...walk(parseMime(many))].length).toBeLessThanOrEqual(64);
    expect(classifyInbound(many, { secret: SECRET }).kind).toBe("ignored");
  });
});
