import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Scheduler, startScheduler } from "../../src/daemon/scheduler.ts";
import { makeConfirmToken } from "../../src/email/signup-token.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import { mailConfirmation } from "../../src/web/confirmation-mail.ts";
import { runCli } from "../helpers/cli.ts";
import { sendOnce } from "../helpers/delivery.ts";
import { logRecorder } from "../helpers/log.ts";
import { tempProject, testConfig } from "../helpers/project.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";

/** Issue 25: readers sign themselves up, with double opt-in, on the daemon's server. */

const SECRET = "subscribe-test-secret-0123456789abcdef";
const PUBLIC = "https://news.example.com";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(env: Record<string, string> = {}) {
  const smtp = await startSmtp();
  const { root } = tempProject();
  const config = testConfig(root, {
    PORT: "0",
    NEWSLETTER_SCHEDULE: "0 0 1 1 *",
    SMTP_URL: smtp.url,
    PUBLIC_URL: PUBLIC,
    UNSUBSCRIBE_SECRET: SECRET,
    ...env,
  });
  const recorder = logRecorder();
  const scheduler = await startScheduler(config, recorder.log);
  const store = SqliteStore.open(config.dataDir);
  cleanups.push(async () => {
    await scheduler.stop();
    await store.close();
    await smtp.close();
  });
  return { smtp, config, scheduler, store, logged: recorder.logged };
}

/** A browser's visit: keeps the form cookie, reads the form token from the page. */
class Visitor {
  cookie = "";
  constructor(
    private readonly scheduler: Scheduler,
    readonly ip = "198.51.100.7",
  ) {}

  async get(path: string): Promise<{ status: number; html: string; csrf: string }> {
    const res = await fetch(`${this.scheduler.url}${path}`, { headers: this.headers() });
    this.keepCookie(res);
    const html = await res.text();
    return { status: res.status, html, csrf: /name="csrf" value="([^"]+)"/u.exec(html)?.[1] ?? "" };
  }

  async post(
    path: string,
    fields: Record<string, string>,
  ): Promise<{ status: number; html: string }> {
    const res = await fetch(`${this.scheduler.url}${path}`, {
      method: "POST",
      headers: { ...this.headers(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    this.keepCookie(res);
    return { status: res.status, html: await res.text() };
  }

  /** Fills the form and sends it, as a person would. */
  async subscribe(
    email: string,
    name = "",
    website = "",
  ): Promise<{ status: number; html: string }> {
    const form = await this.get("/subscribe");
    return this.post("/subscribe", { email, name, website, csrf: form.csrf });
  }

  /** Opens the emailed link and presses the button. */
  async confirm(link: string): Promise<{ status: number; html: string }> {
    const path = link.replace(PUBLIC, "");
    const page = await this.get(path);
    expect(page.status).toBe(200);
    return this.post(path, { csrf: page.csrf });
  }

  private headers(): Record<string, string> {
    return {
      "x-forwarded-for": this.ip,
      "user-agent": "TestBrowser/1.0",
      ...(this.cookie && { cookie: this.cookie }),
    };
  }

  private keepCookie(res: Response): void {
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0] ?? "";
  }
}

function confirmLinkIn(smtp: TestSmtp, to: string): string {
  const mail = smtp.received.filter((m) => m.to === to).at(-1);
  expect(mail).toBeDefined();
  const link = /https:\/\/news\.example\.com\/subscribe\/confirm\?token=[A-Za-z0-9._-]+/u.exec(
    mail?.parsed.text ?? "",
  )?.[0];
  expect(link).toBeDefined();
  return link as string;
}

/** The page's words with the address it echoes taken out. */
const answer = (html: string, email: string) => html.split(email).join("ADDRESS");

describe("issue 25: a reader signs up with double opt-in", () => {
  it("serves a styled, labelled form with its token and a SameSite cookie", async () => {
    const { scheduler } = await setup();
    const res = await fetch(`${scheduler.url}/subscribe`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(
      /^nl_form=[\w-]+; Path=\/subscribe; HttpOnly; SameSite=Strict; .*Secure/u,
    );
    expect(html).toContain('<label for="email">Email address</label>');
    expect(html).toMatch(/<input type="hidden" name="csrf" value="[\w-]{22}">/u);
    expect(html).toContain("<main>");
  });

  it("mails a confirmation, confirms with consent recorded, and the next send reaches the reader once", async () => {
    const { smtp, config, store, scheduler } = await setup();
    const reader = new Visitor(scheduler);
    const asked = await reader.subscribe("ada@example.org", "Ada Lovelace");
    expect(asked.status).toBe(200);
    expect(asked.html).toContain("Check your inbox");
    const mail = smtp.received.find((m) => m.to === "ada@example.org");
    expect(mail?.parsed.subject).toBe(`Confirm your subscription to ${config.newsletter.name}`);
    expect(mail?.parsed.html).toContain("Yes, subscribe me");
    expect(mail?.parsed.headers.get("list-unsubscribe")).toBeUndefined();
    // Pending: not on the list, so no issue reaches it.
    expect(await store.findSubscriber("ada@example.org")).toBeUndefined();
    expect(await store.pendingSignups()).toBe(1);
    const done = await reader.confirm(confirmLinkIn(smtp, "ada@example.org"));
    expect(done.status).toBe(200);
    expect(done.html).toContain("You are subscribed");
    const subscriber = await store.findSubscriber("ada@example.org");
    expect(subscriber).toMatchObject({
      name: "Ada Lovelace",
      status: "active",
      statusReason: "signup",
    });
    expect(await store.latestConsent(subscriber?.id ?? -1)).toMatchObject({
      ip: "198.51.100.7",
      userAgent: "TestBrowser/1.0",
      source: "web",
    });
    expect(await store.pendingSignups()).toBe(0);
    const first = await sendOnce(config, store);
    expect(first.summary.sent).toBe(1);
    expect((await sendOnce(config, store)).summary.sent).toBe(0);
    expect(smtp.received.filter((m) => m.to === "ada@example.org")).toHaveLength(2);
  });

  it("answers the same for a new, pending, active, unsubscribed and bounced address; mails all but the active one", async () => {
    const { smtp, scheduler, store } = await setup();
    const now = new Date();
    await store.noteSignupRequest(
      "pending@example.org",
      null,
      new Date(now.getTime() - 7_200_000),
      new Date(0),
    );
    await store.addSubscriber("active@example.org", null, now);
    const gone = await store.addSubscriber("gone@example.org", null, now);
    await store.setSubscriberStatus(gone, "unsubscribed", now, "link");
    const bounced = await store.addSubscriber("bounced@example.org", null, now);
    await store.setSubscriberStatus(bounced, "bounced", now, "bounce");
    const addresses = [
      "new@example.org",
      "pending@example.org",
      "active@example.org",
      "gone@example.org",
      "bounced@example.org",
    ];
    const answers = [];
    for (const [i, email] of addresses.entries()) {
      const res = await new Visitor(scheduler, `198.51.100.${20 + i}`).subscribe(email);
      answers.push({ status: res.status, page: answer(res.html, email) });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.status).toBe(200);
    expect(smtp.received.map((m) => m.to).sort()).toEqual([
      "bounced@example.org",
      "gone@example.org",
      "new@example.org",
      "pending@example.org",
    ]);
    // Confirming brings an unsubscribed address back: that is consent.
    await new Visitor(scheduler, "198.51.100.40").confirm(confirmLinkIn(smtp, "gone@example.org"));
    expect((await store.subscriber(gone))?.status).toBe("active");
  });

  it("keeps to one confirmation per address an hour and five requests per IP a minute (429)", async () => {
    const { smtp, scheduler } = await setup();
    const first = await new Visitor(scheduler, "203.0.113.1").subscribe("once@example.org");
    expect(first.status).toBe(200);
    const again = await new Visitor(scheduler, "203.0.113.2").subscribe("once@example.org");
    expect(again.status).toBe(429);
    expect(smtp.received.filter((m) => m.to === "once@example.org")).toHaveLength(1);
    const busy = new Visitor(scheduler, "203.0.113.9");
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await busy.subscribe(`n${i}@example.org`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("does nothing for a bot that fills the hidden field, and says what it says to people", async () => {
    const { smtp, scheduler, store } = await setup();
    const bot = await new Visitor(scheduler).subscribe(
      "bot@example.org",
      "",
      "https://spam.example",
    );
    const person = await new Visitor(scheduler, "198.51.100.99").subscribe("person@example.org");
    expect(bot.status).toBe(200);
    expect(answer(bot.html, "bot@example.org")).toBe(answer(person.html, "person@example.org"));
    expect(smtp.received.map((m) => m.to)).toEqual(["person@example.org"]);
    expect(await store.pendingSignups()).toBe(1);
  });

  it("refuses a forged, altered or expired link, and a confirm without the form's token changes nothing", async () => {
    const { scheduler, store } = await setup();
    const visitor = new Visitor(scheduler);
    const good = makeConfirmToken("x@example.org", new Date(Date.now() + 60_000), SECRET);
    const forged = makeConfirmToken(
      "x@example.org",
      new Date(Date.now() + 60_000),
      "another-secret-0123456789abcdef",
    );
    const expired = makeConfirmToken("x@example.org", new Date(Date.now() - 1000), SECRET);
    expect((await visitor.get(`/subscribe/confirm?token=${forged}`)).status).toBe(403);
    expect((await visitor.get(`/subscribe/confirm?token=${good.slice(0, -1)}`)).status).toBe(400);
    expect((await visitor.get(`/subscribe/confirm?token=${expired}`)).status).toBe(410);
    expect((await visitor.post(`/subscribe/confirm?token=${forged}`, { csrf: "x" })).status).toBe(
      403,
    );
    // A cross-site POST carries no cookie: the page asks again, nobody is added.
    const crossSite = await fetch(`${scheduler.url}/subscribe/confirm?token=${good}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.example",
      },
      body: "csrf=anything",
    });
    expect(crossSite.status).toBe(200);
    expect(await crossSite.text()).toContain("Yes, subscribe me");
    expect(await store.findSubscriber("x@example.org")).toBeUndefined();
  });

  it("shows its own form, filled in, for a POST from elsewhere (the embeddable snippet), mailing nothing", async () => {
    const { smtp, scheduler, store } = await setup();
    const res = await fetch(`${scheduler.url}/subscribe`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=embed%40example.org&name=%3Cb%3EEm%3C%2Fb%3E",
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('value="embed@example.org"');
    expect(html).toContain('value="&lt;b&gt;Em&lt;/b&gt;"');
    expect(html).not.toContain("<b>Em</b>");
    expect(smtp.received).toHaveLength(0);
    expect(await store.pendingSignups()).toBe(0);
  });

  it("refuses a 1 MB POST (413) and an invalid address (400) with the form again", async () => {
    const { scheduler, smtp } = await setup();
    const big = await fetch(`${scheduler.url}/subscribe`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=${"a".repeat(1_000_000)}`,
    });
    expect(big.status).toBe(413);
    const bad = await new Visitor(scheduler).subscribe("not an address");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("does not look like an email address");
    expect(bad.html).toContain('name="csrf"');
    expect(smtp.received).toHaveLength(0);
  });

  it("answers 503 while another process holds the database, records nothing, and works on a retry", async () => {
    const { smtp, scheduler, store } = await setup();
    const reader = new Visitor(scheduler);
    const form = await reader.get("/subscribe");
    store.db.exec("BEGIN IMMEDIATE");
    let busy: { status: number; html: string };
    try {
      busy = await reader.post("/subscribe", { email: "later@example.org", csrf: form.csrf });
    } finally {
      store.db.exec("ROLLBACK");
    }
    expect(busy.status).toBe(503);
    expect(busy.html).toContain("Please try again");
    expect(smtp.received).toHaveLength(0);
    const retry = await reader.post("/subscribe", { email: "later@example.org", csrf: form.csrf });
    expect(retry.status).toBe(200);
    expect(smtp.received.map((m) => m.to)).toEqual(["later@example.org"]);
  });

  it("serves no form with NEWSLETTER_SUBSCRIBE=off", async () => {
    const { scheduler } = await setup({ NEWSLETTER_SUBSCRIBE: "off" });
    expect((await fetch(`${scheduler.url}/subscribe`)).status).toBe(404);
  });

  it("with NEWSLETTER_WELCOME=latest sends the latest issue once on confirming, never twice", async () => {
    const { smtp, config, store, scheduler, logged } = await setup({
      NEWSLETTER_WELCOME: "latest",
    });
    await store.addSubscriber("early@example.org", null, new Date());
    const sent = await sendOnce(config, store);
    expect(sent.summary.sent).toBe(1);
    const reader = new Visitor(scheduler);
    await reader.subscribe("late@example.org");
    const link = confirmLinkIn(smtp, "late@example.org");
    await reader.confirm(link);
    await logged(/welcome: issue \S+ done \(1 sent\)/u);
    await reader.confirm(link);
    const issues = smtp.received.filter(
      (m) => m.to === "late@example.org" && m.parsed.subject === sent.issue.email.subject,
    );
    expect(issues).toHaveLength(1);
    expect(smtp.received.filter((m) => m.to === "early@example.org")).toHaveLength(1);
  });
});

describe("issue 25: what the operator sees", () => {
  it("subscribers list --json carries the consent; list and status count sign-ups waiting", async () => {
    const { root, dataDir } = tempProject();
    const store = SqliteStore.open(dataDir);
    const now = new Date("2026-12-01T10:00:00Z");
    await store.noteSignupRequest("waiting@example.org", null, now, new Date(0));
    await store.noteSignupRequest("said-yes@example.org", "Yes", now, new Date(0));
    await store.confirmSignup(
      "said-yes@example.org",
      { at: now.toISOString(), ip: "192.0.2.4", userAgent: "Firefox/140", source: "web" },
      now,
    );
    await store.close();
    const env = { NEWSLETTER_ROOT: root, NEWSLETTER_DATA_DIR: dataDir };
    const json = await runCli(["subscribers", "list", "--json"], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        email: "said-yes@example.org",
        status: "active",
        consent: {
          at: now.toISOString(),
          ip: "192.0.2.4",
          userAgent: "Firefox/140",
          source: "web",
        },
      }),
    ]);
    const text = await runCli(["subscribers", "list"], { env });
    expect(text.stdout).toContain("(1 sign-up(s) waiting for confirmation, not on the list yet)");
    const status = await runCli(["status"], { env });
    expect(status.stdout).toContain(
      "1 sign-up(s) from the subscribe form waiting for confirmation",
    );
  });
});

describe("issue 25: the confirmation email", () => {
  it("escapes the newsletter's name everywhere and parses under Python's strict policy", async () => {
    const { root } = tempProject();
    const file = path.join(root, "newsletter.config.json");
    const settings = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...settings, name: "Le Brief <b>&</b> “Genève”" }));
    const config = testConfig(root);
    await mailConfirmation(
      config,
      "zoe.reader@example.org",
      "https://news.example.com/subscribe/confirm?token=abc.def",
      new Date("2026-12-13T10:00:00Z"),
    );
    const dir = path.join(config.dataDir, "outbox", "confirmations");
    const [eml] = readdirSync(dir);
    expect(eml).toBeDefined();
    const parsed = JSON.parse(
      execFileSync("/usr/bin/python3", [
        "-c",
        `import json, sys
from email import policy
from email.parser import BytesParser
m = BytesParser(policy=policy.strict).parsebytes(open(sys.argv[1], 'rb').read())
print(json.dumps({'subject': str(m['Subject']), 'to': m['To'].addresses[0].addr_spec,
  'auto': m['Auto-Submitted'], 'unsub': m['List-Unsubscribe'],
  'text': m.get_body(('plain',)).get_content(), 'html': m.get_body(('html',)).get_content()}))`,
        path.join(dir, eml as string),
      ]).toString(),
    );
    expect(parsed.subject).toBe("Confirm your subscription to Le Brief <b>&</b> “Genève”");
    expect(parsed.to).toBe("zoe.reader@example.org");
    expect(parsed.auto).toBe("auto-generated");
    expect(parsed.unsub).toBeNull();
    expect(parsed.html).toContain("Le Brief &lt;b&gt;&amp;&lt;/b&gt;");
    expect(parsed.html).not.toContain("<b>&</b>");
    expect(parsed.text).toContain("https://news.example.com/subscribe/confirm?token=abc.def");
  });
});
