import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyUnsubscribeToken } from "../../src/email/unsubscribe-token.ts";
import { NewsletterError } from "../../src/errors.ts";
import { IN_FLIGHT_PER_CONNECTION } from "../../src/send/send-issue.ts";
import { unsubscribeSecret } from "../../src/store/secret.ts";
import {
  addSubscribers,
  deliverySetup,
  ledger,
  sendOnce,
  subscriberOf,
} from "../helpers/delivery.ts";
import { testConfig } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";

const setup = deliverySetup;

describe("sending an issue over SMTP", () => {
  it("gives every active subscriber exactly one message with both parts and the list headers", async () => {
    const smtp = await startSmtp();
    const { config, store } = setup({ SMTP_URL: smtp.url });
    const emails = addSubscribers(store, 6);
    await store.setSubscriberStatus(
      subscriberOf(store, "s6@example.com")?.id ?? 0,
      "unsubscribed",
      new Date(),
    );
    const { issue, summary } = await sendOnce(config, store);
    expect(summary).toMatchObject({ sent: 5, failed: 0, unknown: 0, alreadySent: 0 });
    expect(smtp.received.map((r) => r.to).sort()).toEqual(emails.slice(0, 5).sort());

    const mail = smtp.received.find((r) => r.to === "s1@example.com");
    if (!mail) throw new Error("s1 got nothing");
    const { parsed, raw } = mail;
    expect(parsed.subject).toBe(issue.email.subject);
    expect(parsed.from?.text).toBe('"The Daily Brief" <brief@news.example.com>');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : "").toBe(
      '"Reader 1" <s1@example.com>',
    );
    expect(parsed.date).toBeInstanceOf(Date);
    expect(parsed.messageId).toMatch(
      new RegExp(`^<${issue.issueId}\\.\\d+@news\\.example\\.com>$`, "u"),
    );
    expect(parsed.text).toContain("KEY QUOTES");
    // Greeted by first name (the subscriber is "Reader 1").
    expect(parsed.text).toContain("Hello Reader,");
    expect(parsed.html).toContain("<h1>Ukraine, USA:");
    expect(raw.toString()).toMatch(/Content-Type: multipart\/alternative/u);

    const headerLines = parsed.headerLines.map((h) => h.key);
    expect(headerLines.filter((k) => k === "list-unsubscribe")).toHaveLength(1);
    const unsubscribe = parsed.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    expect(unsubscribe).toMatch(
      // No mailto: nothing processes mail sent to the From mailbox (issue 9).
      /^List-Unsubscribe: <https:\/\/news\.example\.com\/unsubscribe\?token=[^>]+>$/u,
    );
    expect(
      parsed.headerLines.filter((h) => h.key === "list-unsubscribe-post").map((h) => h.line),
    ).toEqual(["List-Unsubscribe-Post: List-Unsubscribe=One-Click"]);
    expect(parsed.headerLines.find((h) => h.key === "list-id")?.line).toBe(
      "List-Id: The Daily Brief <the-daily-brief.news.example.com>",
    );

    // The link in the body and the header carry the same valid token for this subscriber.
    const token = /token=([^>\s"]+)/u.exec(unsubscribe)?.[1] ?? "";
    const check = verifyUnsubscribeToken(token, unsubscribeSecret(undefined, config.dataDir));
    expect(check).toEqual({ ok: true, subscriberId: subscriberOf(store, "s1@example.com")?.id });
    expect(parsed.html).toContain(`https://news.example.com/unsubscribe?token=${token}`);

    expect(ledger(store, issue.issueId)).toEqual({ sent: 5 });
    const row = store.db
      .prepare("SELECT message_id, last_error, attempts FROM deliveries WHERE subscriber_id = 1")
      .get() as Record<string, unknown>;
    expect(row).toMatchObject({ message_id: parsed.messageId, attempts: 1 });
    expect(row.last_error).toMatch(/^250 /u);
    await smtp.close();
  });

  it("sends nothing the second time", async () => {
    const smtp = await startSmtp();
    const { config, store } = setup({ SMTP_URL: smtp.url });
    addSubscribers(store, 4);
    await sendOnce(config, store);
    const { summary } = await sendOnce(config, store);
    expect(summary).toMatchObject({ sent: 0, alreadySent: 4 });
    expect(smtp.received).toHaveLength(4);
    await smtp.close();
  });

  it("delivers recipients answered 451 on a retry", async () => {
    const smtp = await startSmtp({
      onRcpt: (address, attempt) =>
        address.startsWith("s2@") && attempt < 3 ? "451 4.7.1 greylisted, try later" : undefined,
    });
    const { config, store } = setup({ SMTP_URL: smtp.url });
    addSubscribers(store, 3);
    const { issue, summary } = await sendOnce(config, store);
    expect(summary).toMatchObject({ sent: 3, failed: 0 });
    expect(smtp.attempts.filter((a) => a === "s2@example.com")).toHaveLength(3);
    expect(smtp.received.filter((r) => r.to === "s2@example.com")).toHaveLength(1);
    expect(
      store.db
        .prepare("SELECT attempts FROM deliveries WHERE issue_id = ? AND subscriber_id = 2")
        .get(issue.issueId),
    ).toEqual({ attempts: 3 });
    await smtp.close();
  });

  it("fails only the recipient answered 550, with the server's words", async () => {
    const smtp = await startSmtp({
      onRcpt: (address) =>
        address === "s2@example.com" ? "550 5.1.1 mailbox unavailable" : undefined,
    });
    const { config, store } = setup({ SMTP_URL: smtp.url });
    addSubscribers(store, 3);
    const { issue, summary } = await sendOnce(config, store);
    expect(summary).toMatchObject({ sent: 2, failed: 1 });
    expect(smtp.attempts.filter((a) => a === "s2@example.com")).toHaveLength(1);
    expect(await store.problems(issue.issueId, 10)).toEqual([
      {
        email: "s2@example.com",
        status: "failed",
        attempts: 1,
        lastError: "550 5.1.1 mailbox unavailable",
      },
    ]);
    await smtp.close();
  });

  it("marks an address bounced after repeated hard failures, and skips it next issue", async () => {
    const smtp = await startSmtp({
      onRcpt: (address) => (address === "s1@example.com" ? "550 5.1.1 no such user" : undefined),
    });
    const { config, store } = setup({ SMTP_URL: smtp.url, NEWSLETTER_BOUNCE_AFTER: "1" });
    addSubscribers(store, 2);
    const { summary } = await sendOnce(config, store);
    expect(summary.bounced).toBe(1);
    expect(subscriberOf(store, "s1@example.com")?.status).toBe("bounced");
    await smtp.close();
  });

  it("stops with a clear error and marks nobody sent when the server is down", async () => {
    const smtp = await startSmtp();
    const { config, store } = setup({ SMTP_URL: smtp.url });
    await smtp.close();
    addSubscribers(store, 3);
    const error = await sendOnce(config, store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsletterError);
    expect((error as NewsletterError).code).toBe("SMTP_UNAVAILABLE");
    expect((error as Error).message).toMatch(
      /^cannot use the SMTP server smtp:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/u,
    );
    expect(
      store.db.prepare("SELECT count(*) AS n FROM deliveries WHERE status != 'pending'").get(),
    ).toEqual({ n: 0 });
  });

  it("stops with a clear error when the login is refused, and hides the password", async () => {
    const smtp = await startSmtp({ auth: { user: "user", pass: "right" } });
    const { config, store } = setup({ SMTP_URL: smtp.url.replace(":right@", ":wrong@") });
    addSubscribers(store, 2);
    const error = await sendOnce(config, store).catch((e: unknown) => e);
    expect((error as NewsletterError).code).toBe("SMTP_AUTH");
    expect((error as Error).message).toMatch(/refused the login: .*535/u);
    expect((error as Error).message).toContain("user:***@");
    expect((error as Error).message).not.toContain("wrong");
    expect(smtp.received).toHaveLength(0);
    await smtp.close();
  });

  it("records a connection lost after the whole message went out as unknown, not retried", async () => {
    const smtp = await startSmtp({ dropAfterData: (address) => address === "s2@example.com" });
    const { config, store } = setup({ SMTP_URL: smtp.url });
    addSubscribers(store, 3);
    const { issue, summary } = await sendOnce(config, store);
    expect(summary).toMatchObject({ sent: 2, unknown: 1 });
    expect(smtp.attempts.filter((a) => a === "s2@example.com")).toHaveLength(1);
    expect((await store.problems(issue.issueId, 10))[0]).toMatchObject({
      email: "s2@example.com",
      status: "unknown",
    });
    await smtp.close();
  });

  it("pauses after too many errors in a row instead of burning through the list", async () => {
    const smtp = await startSmtp({ onRcpt: () => "554 5.7.1 rejected" });
    const { config, store } = setup({
      SMTP_URL: smtp.url,
      NEWSLETTER_PAUSE_AFTER: "3",
      NEWSLETTER_SMTP_CONNECTIONS: "1",
    });
    addSubscribers(store, 20);
    const { summary } = await sendOnce(config, store);
    expect(summary.paused).toMatch(/^3 errors in a row, the last: 554 5\.7\.1 rejected/u);
    // The messages already in flight when the third error came back still finish.
    expect(summary.failed).toBeLessThanOrEqual(3 + IN_FLIGHT_PER_CONNECTION - 1);
    expect(summary.left).toBe(20 - summary.failed);
    await smtp.close();
  });

  it("skips a subscriber who unsubscribes while the run is going", async () => {
    const { config, store } = setup({ SMTP_URL: "" });
    const smtp = await startSmtp({
      delayMs: 30,
      onRcpt: (address) => {
        if (address === "s1@example.com")
          void store.setSubscriberStatus(
            subscriberOf(store, "s9@example.com")?.id ?? 0,
            "unsubscribed",
            new Date(),
          );
        return undefined;
      },
    });
    const live = testConfig(config.root, { SMTP_URL: smtp.url, NEWSLETTER_SMTP_CONNECTIONS: "1" });
    addSubscribers(store, 9);
    const { summary } = await sendOnce(live, store);
    expect(summary.sent).toBe(8);
    expect(smtp.received.map((r) => r.to)).not.toContain("s9@example.com");
    await smtp.close();
  });

  it("sends a row handed back behind its claims (a gone sender's, requeued) once, before finishing", async () => {
    const { config, store } = setup({ SMTP_URL: "" });
    const rowOf = (email: string) =>
      `subscriber_id = ${subscriberOf(store, email)?.id ?? 0} AND issue_id = (SELECT max(issue_id) FROM deliveries)`;
    const smtp = await startSmtp({
      onRcpt: (address) => {
        // Another sender takes s40 while this one is busy with the first rows…
        if (address === "s1@example.com")
          store.db
            .prepare(
              `UPDATE deliveries SET status = 'sending', lease_owner = 'gone:1:x' WHERE ${rowOf("s40@example.com")}`,
            )
            .run();
        // …and once this one's claims are past it, s40 is handed back (as a takeover requeues).
        if (address === "s50@example.com")
          store.db
            .prepare(
              `UPDATE deliveries SET status = 'pending', lease_owner = NULL WHERE ${rowOf("s40@example.com")}`,
            )
            .run();
        return undefined;
      },
      parse: false,
    });
    const live = testConfig(config.root, { SMTP_URL: smtp.url, NEWSLETTER_SMTP_CONNECTIONS: "1" });
    addSubscribers(store, 60);
    const { issue, summary } = await sendOnce(live, store);
    expect(summary.sent).toBe(60);
    const to = smtp.received.map((r) => r.to);
    expect(to.filter((t) => t === "s40@example.com")).toHaveLength(1);
    // It went after s50: claims had moved past it when it came back.
    expect(to.indexOf("s40@example.com")).toBeGreaterThan(to.indexOf("s50@example.com"));
    expect(new Set(to).size).toBe(60);
    expect(ledger(store, issue.issueId)).toEqual({ sent: 60 });
    await smtp.close();
  });

  it("signs with DKIM over both List headers when a key is configured", async () => {
    const smtp = await startSmtp();
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const { config, store } = setup({
      SMTP_URL: smtp.url,
      DKIM_DOMAIN: "news.example.com",
      DKIM_SELECTOR: "s1",
      DKIM_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    });
    addSubscribers(store, 1);
    await sendOnce(config, store);
    const signature =
      smtp.received[0]?.parsed.headerLines.find((h) => h.key === "dkim-signature")?.line ?? "";
    expect(signature).toMatch(/d=news\.example\.com/u);
    const signed =
      /;h=([^;]+);/u.exec(signature.replace(/\s+/gu, ""))?.[1]?.toLowerCase().split(":") ?? [];
    expect(signed).toContain("list-unsubscribe");
    expect(signed).toContain("list-unsubscribe-post");
    await smtp.close();
  });
});

describe("sending without SMTP", () => {
  it("stops with a clear error and loses nothing when the outbox cannot be written", async () => {
    const { config, store } = setup({});
    addSubscribers(store, 3);
    const { mkdirSync, writeFileSync } = await import("node:fs");
    const { renderIssue } = await import("../../src/issue/render-issue.ts");
    const issue = await renderIssue(
      config,
      (await import("../helpers/project.ts")).SEED,
      new Date(),
    );
    mkdirSync(`${config.dataDir}/outbox`, { recursive: true });
    writeFileSync(
      `${config.dataDir}/outbox/${issue.issueId}`,
      "a file where the issue's folder should be",
    );
    const error = await sendOnce(config, store).catch((e: unknown) => e);
    expect((error as NewsletterError).code).toBe("SEND_FAILED");
    expect((error as Error).message).toMatch(/^the send stopped: cannot write .*outbox/u);
    expect(ledger(store, issue.issueId)).toEqual({ pending: 3 });
  });

  it("writes one .eml file per subscriber to the outbox", async () => {
    const { config, store } = setup({});
    addSubscribers(store, 3);
    const { issue, summary } = await sendOnce(config, store);
    expect(summary.sent).toBe(3);
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(`${config.dataDir}/outbox/${issue.issueId}`).sort()).toEqual([
      "s1@example.com.eml",
      "s2@example.com.eml",
      "s3@example.com.eml",
    ]);
  });
});
