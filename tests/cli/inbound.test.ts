import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseVerp } from "../../src/email/verp.ts";
import { unsubscribeSecret } from "../../src/store/secret.ts";
import { runCli } from "../helpers/cli.ts";
import { tempProject, writeNextArticle } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";

/**
 * Issue 11 through the CLI: a send with VERP envelope senders, then what comes back processed
 * by `inbound` (files and stdin), reflected in status, the list, and the next issue.
 */

const FIXTURES = path.join(import.meta.dirname, "../fixtures/inbound");

function fill(name: string, values: Record<string, string>): string {
  let text = readFileSync(path.join(FIXTURES, name), "utf8");
  for (const [k, v] of Object.entries(values)) text = text.replaceAll(`{{${k}}}`, v);
  return text;
}

/** Settings of a project that sends for real (a real From, https links) to `smtpUrl`. */
function sendingEnv(
  root: string,
  dataDir: string,
  smtpUrl: string,
  extra: Record<string, string> = {},
) {
  return {
    NEWSLETTER_ROOT: root,
    NEWSLETTER_DATA_DIR: dataDir,
    NEWSLETTER_FROM: "brief@news.example.com",
    SMTP_URL: smtpUrl,
    PUBLIC_URL: "https://news.example.com",
    ...extra,
  };
}

describe("bounces, complaints and mailed unsubscribes", () => {
  it("a send uses VERP; a DSN bounces its reader, an ARF report and a mailed unsubscribe remove theirs; twice changes nothing; the next issue skips them", async () => {
    const { root, dataDir } = tempProject();
    const smtp = await startSmtp();
    const env = sendingEnv(root, dataDir, smtp.url, {
      NEWSLETTER_BOUNCE_ADDRESS: "bounces@news.example.com",
      NEWSLETTER_BOUNCE_AFTER: "1",
    });
    const cli = (args: string[], input?: string) =>
      runCli(args, { env, ...(input !== undefined ? { input } : {}) });
    for (const who of ["dead", "angry", "leaving", "happy"])
      expect((await cli(["subscribers", "add", `${who}@example.com`])).code).toBe(0);
    const sent = await cli(["send", "--yes"]);
    expect(sent.code, sent.stderr).toBe(0);
    const secret = unsubscribeSecret(undefined, dataDir);
    const byTo = new Map(smtp.received.map((r) => [r.to, r]));
    for (const r of smtp.received) {
      // The envelope names the message; the From header does not change.
      expect(r.from).toMatch(/^bounces\+[0-9a-z]+-[0-9a-f]{16}-[0-9a-f]{20}@news\.example\.com$/u);
      expect(r.parsed.from?.text).toContain("brief@news.example.com");
      expect(String(r.raw)).toMatch(
        /mailto:bounces\+unsubscribe@news\.example\.com\?subject=unsubscribe%20/u,
      );
    }
    const target = (to: string) => parseVerp(byTo.get(to)?.from ?? "", secret);
    const dead = target("dead@example.com");
    expect(dead).toBeDefined();
    const tokenOf = (to: string) =>
      /unsubscribe\?token=([0-9a-z]+\.[A-Za-z0-9_-]{22})/u.exec(String(byTo.get(to)?.raw))?.[1] ??
      "";

    const dsn = path.join(root, "dsn.eml");
    writeFileSync(
      dsn,
      fill("postfix-dsn.eml", {
        VERP: (byTo.get("dead@example.com")?.from ?? "").split("+")[1]?.split("@")[0] ?? "",
        RCPT: "dead@example.com",
        ISSUE: dead?.issueId ?? "",
        SID: String(dead?.subscriberId),
      }),
    );
    const arf = path.join(root, "arf.eml");
    writeFileSync(
      arf,
      fill("arf-abuse.eml", {
        UNSUB: tokenOf("angry@example.com"),
        ISSUE: dead?.issueId ?? "",
        SID: "0",
      }),
    );
    const other = path.join(root, "ooo.eml");
    writeFileSync(
      other,
      "From: x@example.com\nSubject: Out of office\nMessage-ID: <ooo@x>\n\nAway.\n",
    );

    const first = await cli(["inbound", dsn, arf, other]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /dsn\.eml: hard-bounce 5\.1\.1 subscriber \d+ issue [0-9a-f]{16}/u,
    );
    expect(first.stdout).toMatch(/arf\.eml: complaint/u);
    expect(first.stdout).toContain("processed: hard-bounce 1, complaint 1, ignored 1");
    // A mailed unsubscribe through standard input, as an MTA's pipe hands it over.
    const mailed = await cli(
      ["inbound"],
      fill("unsubscribe.eml", {
        UNSUB: tokenOf("leaving@example.com"),
        RCPT: "leaving@example.com",
      }),
    );
    expect(mailed.stdout).toMatch(/stdin: unsubscribe subscriber \d+/u);

    const again = await cli(["inbound", dsn, arf]);
    expect(again.stdout.match(/already processed; nothing changed/gu)).toHaveLength(2);

    const list = JSON.parse((await cli(["subscribers", "list", "--json"])).stdout) as Array<{
      email: string;
      status: string;
      statusReason: string | null;
    }>;
    expect(list.map((s) => [s.email, s.status, s.statusReason])).toEqual([
      ["dead@example.com", "bounced", "bounce"],
      ["angry@example.com", "unsubscribed", "complaint"],
      ["leaving@example.com", "unsubscribed", "mail"],
      ["happy@example.com", "active", null],
    ]);
    const status = JSON.parse((await cli(["status", "--json"])).stdout);
    expect(status[0]).toMatchObject({
      bounced: { hard: 1, soft: 0 },
      complaints: 1,
      unsubscribes: 1,
    });
    expect((await cli(["status", status[0].issueId])).stdout).toMatch(
      /bounced 1 hard\/0 soft, complaints 1, unsubscribes 1[\s\S]*failed\s+dead@example\.com .*bounced: 5\.1\.1 unknown user/u,
    );

    const next = writeNextArticle(root);
    smtp.received.length = 0;
    expect((await cli(["send", "--yes", "--article", next])).code).toBe(0);
    expect(smtp.received.map((r) => r.to)).toEqual(["happy@example.com"]);
    await smtp.close();
  }, 90_000);

  it("without a bounce mailbox there is no mailto and MAIL FROM is the From address; a bad setting is one line", async () => {
    const { root, dataDir } = tempProject();
    const smtp = await startSmtp();
    const env = sendingEnv(root, dataDir, smtp.url);
    await runCli(["subscribers", "add", "a@example.com"], { env });
    expect((await runCli(["send", "--yes"], { env })).code).toBe(0);
    expect(smtp.received[0]?.from).toBe("brief@news.example.com");
    expect(String(smtp.received[0]?.raw)).not.toContain("mailto:");
    const bad = await runCli(["inbound", "x.eml"], {
      env: { ...env, NEWSLETTER_BOUNCE_ADDRESS: "bounces+x@news" },
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("NEWSLETTER_BOUNCE_ADDRESS must be a plain address");
    const imapPass = await runCli(["inbound", "--imap"], {
      env: { ...env, IMAP_URL: "imaps://u:hunter2@127.0.0.1:1/INBOX" },
    });
    expect(imapPass.code).not.toBe(0);
    expect(imapPass.stderr.trim().split("\n")).toHaveLength(1);
    expect(imapPass.stderr).toMatch(/cannot read imaps:\/\/u@127\.0\.0\.1:1\/INBOX/u);
    expect(imapPass.stderr).not.toContain("hunter2");
    await smtp.close();
  }, 60_000);
});
