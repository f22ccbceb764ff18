import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { startScheduler } from "../../src/daemon/scheduler.ts";
import { makeUnsubscribeToken } from "../../src/email/unsubscribe-token.ts";
import { unsubscribeSecret } from "../../src/store/secret.ts";
import { runCli } from "../helpers/cli.ts";
import { SqliteStore, subscriberById } from "../helpers/delivery.ts";
import { mailStackUnavailable } from "../helpers/mail-stack.ts";
import { tempProject, testConfig, writeNextArticle } from "../helpers/project.ts";
import { waitFor } from "../helpers/spawn.ts";

/**
 * Issue 11 end to end with a real MTA and a real mailbox: a send through Postfix (our SMTP_URL)
 * to one good and one dead local address; Postfix itself writes the DSN to the VERP address;
 * Dovecot serves that mailbox over IMAP; `inbound --imap` reads it and marks the reader bounced.
 */

const reason = await mailStackUnavailable();
if (reason) console.warn(`Postfix/Dovecot end-to-end test skipped: ${reason}`);

function maildirCount(user: string): number {
  const dir = `/home/${user}/Maildir`;
  return ["new", "cur"].reduce((n, sub) => n + readdirSync(path.join(dir, sub)).length, 0);
}

describe.skipIf(reason !== undefined)("bounces through Postfix and Dovecot", () => {
  it("the dead address is bounced with Postfix's diagnostic within seconds, the good one stays active, and the next issue skips the dead one", async () => {
    const { root, dataDir } = tempProject();
    const dead = `nosuchuser-${randomBytes(4).toString("hex")}@news.example.org`;
    const env = {
      NEWSLETTER_ROOT: root,
      NEWSLETTER_DATA_DIR: dataDir,
      NEWSLETTER_FROM: "brief@news.example.org",
      SMTP_URL: "smtp://127.0.0.1:25",
      PUBLIC_URL: "https://news.example.org",
      NEWSLETTER_BOUNCE_ADDRESS: "nlbounces@news.example.org",
      NEWSLETTER_BOUNCE_AFTER: "1",
      IMAP_URL: "imap://nlbounces:nl-bounces@127.0.0.1:143/INBOX",
    };
    const cli = (args: string[]) => runCli(args, { env, timeoutMs: 60_000 });
    await cli(["subscribers", "add", "nlreader@news.example.org"]);
    await cli(["subscribers", "add", dead]);
    const before = maildirCount("nlreader");
    const sent = await cli(["send", "--yes"]);
    expect(sent.code, sent.stdout + sent.stderr).toBe(0);
    expect(sent.stdout).toContain("sent 2");

    // Postfix accepted both at RCPT; the DSN comes back by mail. Poll the mailbox as the daemon would.
    const started = Date.now();
    let status = "";
    let inbound = "";
    while (Date.now() - started < 60_000) {
      inbound += (await cli(["inbound", "--imap"])).stdout;
      const list = JSON.parse((await cli(["subscribers", "list", "--json"])).stdout) as Array<{
        email: string;
        status: string;
      }>;
      status = list.find((s) => s.email === dead)?.status ?? "";
      if (status === "bounced") break;
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(
      `bounced after ${((Date.now() - started) / 1000).toFixed(1)} s: ${inbound
        .trim()
        .split("\n")
        .filter((l) => l.includes("bounce"))
        .join(" | ")}`,
    );
    expect(status).toBe("bounced");
    expect(inbound).toMatch(/hard-bounce 5\.1\.1 subscriber \d+ issue [0-9a-f]{16}/u);
    const list = JSON.parse((await cli(["subscribers", "list", "--json"])).stdout) as Array<{
      email: string;
      status: string;
      statusReason: string | null;
    }>;
    expect(list.find((s) => s.email === "nlreader@news.example.org")?.status).toBe("active");
    expect(list.find((s) => s.email === dead)?.statusReason).toBe("bounce");
    // The ledger keeps Postfix's own words.
    const issueId = JSON.parse((await cli(["status", "--json"])).stdout)[0].issueId as string;
    const detail = await cli(["status", issueId]);
    expect(detail.stdout).toMatch(
      new RegExp(
        `failed\\s+${dead.replace(/[.+]/gu, "\\$&")} .*bounced: 5\\.1\\.1 unknown user`,
        "u",
      ),
    );
    expect(maildirCount("nlreader")).toBe(before + 1);

    // The same mailbox again: nothing new, nothing changed.
    expect((await cli(["inbound", "--imap"])).stdout).toContain("processed: nothing");

    const next = writeNextArticle(root);
    const second = await cli(["send", "--yes", "--article", next]);
    expect(second.stdout).toMatch(/1 to send/u);
    expect(second.stdout).toContain("sent 1");
  }, 180_000);

  it("the daemon reads the mailbox: a mailed unsubscribe that arrived through Postfix removes its reader", async () => {
    const { root } = tempProject();
    const config = testConfig(root, {
      NEWSLETTER_FROM: "brief@news.example.org",
      NEWSLETTER_BOUNCE_ADDRESS: "nlbounces@news.example.org",
      IMAP_URL: "imap://nlbounces:nl-bounces@127.0.0.1:143/INBOX",
      PORT: "0",
    });
    const store = SqliteStore.open(config.dataDir);
    const id = await store.addSubscriber(
      `leaving-${randomBytes(3).toString("hex")}@example.com`,
      null,
      new Date(),
    );
    const token = makeUnsubscribeToken(id, unsubscribeSecret(undefined, config.dataDir));
    const before = maildirCount("nlbounces");
    const relay = nodemailer.createTransport({
      host: "127.0.0.1",
      port: 25,
      secure: false,
      ignoreTLS: true,
    });
    await relay.sendMail({
      from: "reader@example.com",
      to: "nlbounces+unsubscribe@news.example.org",
      subject: `unsubscribe ${token}`,
      text: "",
    });
    relay.close();
    await waitFor(() => maildirCount("nlbounces") > before, 30_000);
    const logs: string[] = [];
    const scheduler = await startScheduler(config, (line) => logs.push(line));
    try {
      await waitFor(() => subscriberById(store, id)?.status === "unsubscribed", 30_000);
      expect(subscriberById(store, id)?.statusReason).toBe("mail");
      expect(logs.join("\n")).toMatch(/inbound uid \d+: unsubscribe subscriber \d+/u);
    } finally {
      await scheduler.stop();
      await store.close();
    }
  }, 90_000);
});
