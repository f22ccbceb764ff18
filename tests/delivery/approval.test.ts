import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startScheduler } from "../../src/daemon/scheduler.ts";
import { PgStore } from "../../src/store/postgres.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import { runCli } from "../helpers/cli.ts";
import { logRecorder } from "../helpers/log.ts";
import { freshDatabase, postgresUnavailable } from "../helpers/postgres.ts";
import { tempProject, testConfig } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";

/** Issue 24: an editor approves or holds a scheduled issue before anyone gets it. */

const PUBLIC = "https://news.example.com";
const EDITORS = "ed@example.org,chief@example.org";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A daemon's settings here: mail to a local receiver, two editors, a watch every 250 ms. */
function settings(smtpUrl: string, env: Record<string, string>): Record<string, string> {
  return {
    PORT: "0",
    NEWSLETTER_SCHEDULE: "0 0 1 1 *",
    SMTP_URL: smtpUrl,
    PUBLIC_URL: PUBLIC,
    UNSUBSCRIBE_SECRET: "approval-test-secret-0123456789abcdef",
    NEWSLETTER_EDITORS: EDITORS,
    NEWSLETTER_STALE_AFTER_S: "1",
    ...env,
  };
}

async function daemon(env: Record<string, string>) {
  const smtp = await startSmtp();
  const { root } = tempProject();
  const all = settings(smtp.url, env);
  const config = testConfig(root, all);
  const store = SqliteStore.open(config.dataDir);
  await store.addSubscriber("reader@example.org", null, new Date());
  const { log, logged, lines } = logRecorder();
  const scheduler = await startScheduler(config, log);
  cleanups.push(async () => {
    await scheduler.stop();
    await store.close();
    await smtp.close();
  });
  const cli = (args: string[]) =>
    runCli(args, {
      env: {
        NEWSLETTER_ROOT: root,
        NEWSLETTER_DATA_DIR: config.dataDir,
        NEWSLETTER_FROM: "brief@news.example.com",
        ...Object.fromEntries(Object.entries(all).filter(([k]) => k !== "PORT")),
      },
    });
  const toReader = () => smtp.received.filter((m) => m.to === "reader@example.org");
  return { smtp, config, store, scheduler, logged, cli, toReader, lines };
}

const KEY = "2022-10-ukraine-usa-russia-belarus.txt";

function linkIn(text: string, route: "review" | "approve"): string {
  const link = new RegExp(`https://news\\.example\\.com/${route}\\?token=[\\w.-]+`, "u").exec(
    text,
  )?.[0];
  expect(link).toBeDefined();
  return (link as string).replace(PUBLIC, "");
}

/** A form page as a browser opens it: its status and HTML, the session cookie, the form's token. */
async function openPage(url: string) {
  const page = await fetch(url);
  const html = await page.text();
  return {
    status: page.status,
    html,
    cookie: (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: /name="csrf" value="([^"]+)"/u.exec(html)?.[1] ?? "",
  };
}

describe("NEWSLETTER_APPROVAL=required", () => {
  it("sends nothing but one proof per editor, then sends once an editor approves from the proof's link", async () => {
    const { smtp, scheduler, store, logged, toReader } = await daemon({
      NEWSLETTER_APPROVAL: "required",
    });
    await scheduler.task.execute();
    await scheduler.task.execute();
    expect(toReader()).toHaveLength(0);
    expect(await store.issuesOfArticleKey(KEY)).toEqual([]);
    const proofs = smtp.received.filter((m) => m.parsed.subject?.startsWith("[PROOF] "));
    expect(proofs.map((m) => m.to).sort()).toEqual(["chief@example.org", "ed@example.org"]);
    expect(smtp.received).toHaveLength(2);
    const proof = proofs.find((m) => m.to === "ed@example.org");
    expect(proof?.parsed.text).toContain("Quotations shown under a name:");
    // The review page: the quotations with their speakers and how sure.
    const review = await fetch(`${scheduler.url}${linkIn(proof?.parsed.text ?? "", "review")}`);
    const reviewHtml = await review.text();
    expect(review.status).toBe(200);
    expect(reviewHtml).toContain("awaiting approval");
    expect(reviewHtml).toMatch(
      /— Dmitry Peskov <span class="label">\(0\.\d\d, cue-after; key quote/u,
    );
    // A GET of the approve link (a mail scanner) changes nothing.
    const approvePath = linkIn(proof?.parsed.text ?? "", "approve");
    const { status, cookie, csrf } = await openPage(`${scheduler.url}${approvePath}`);
    expect(status).toBe(200);
    expect((await store.approval(KEY))?.state).toBe("awaiting");
    // A cross-site POST carries no cookie: refused, nothing changes.
    const forged = await fetch(`${scheduler.url}${approvePath}`, {
      method: "POST",
      body: "csrf=x",
    });
    expect(forged.status).toBe(403);
    expect((await store.approval(KEY))?.state).toBe("awaiting");
    const approved = await fetch(`${scheduler.url}${approvePath}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: `csrf=${csrf}`,
    });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("approved by ed@example.org");
    await logged(/^tick: issue \S+ from .*: sent 1/u);
    expect(toReader()).toHaveLength(1);
    await scheduler.task.execute();
    expect(toReader()).toHaveLength(1);
  });

  it("corrects a speaker from the review page; the approved issue carries it", async () => {
    const { smtp, scheduler, store, logged, toReader } = await daemon({
      NEWSLETTER_APPROVAL: "required",
    });
    await scheduler.task.execute();
    const proof = smtp.received.find((m) => m.to === "chief@example.org");
    const reviewPath = linkIn(proof?.parsed.text ?? "", "review");
    const { html, cookie } = await openPage(`${scheduler.url}${reviewPath}`);
    const form =
      /<li[^>]*>“No, it’s not on the agenda,” — Dmitry Peskov.*?<form class="fix" method="post" action="([^"]+)"><input type="hidden" name="csrf" value="([^"]+)"><input type="hidden" name="n" value="(\d+)">/su.exec(
        html,
      );
    expect(form).not.toBeNull();
    const [, action = "", csrf = "", n = ""] = form ?? [];
    const corrected = await fetch(`${scheduler.url}${action.replace(/&amp;/gu, "&")}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        csrf,
        n,
        action: "speaker",
        speaker: "Kremlin spokesman Dmitry S. Peskov",
      }).toString(),
    });
    expect(corrected.status).toBe(303);
    expect(await store.corrections(KEY)).toEqual([
      expect.objectContaining({ action: "speaker", speaker: "Kremlin spokesman Dmitry S. Peskov" }),
    ]);
    const again = await (
      await fetch(`${scheduler.url}${reviewPath}`, { headers: { cookie } })
    ).text();
    expect(again).toContain("— Kremlin spokesman Dmitry S. Peskov");
    await store.decideApproval(KEY, "approved", "chief@example.org", new Date(), ["awaiting"]);
    await logged(/: sent 1/u);
    expect(toReader()[0]?.parsed.text).toContain("Kremlin spokesman Dmitry S. Peskov");
  });

  it("asks the editor to retry, recording nothing, while another process holds the database", async () => {
    const { smtp, scheduler, store } = await daemon({ NEWSLETTER_APPROVAL: "required" });
    await scheduler.task.execute();
    const proof = smtp.received.find((m) => m.to === "ed@example.org");
    const approvePath = linkIn(proof?.parsed.text ?? "", "approve");
    const { cookie, csrf } = await openPage(`${scheduler.url}${approvePath}`);
    const post = () =>
      fetch(`${scheduler.url}${approvePath}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: `csrf=${csrf}`,
      });
    store.db.exec("BEGIN IMMEDIATE");
    let busy: Response;
    try {
      busy = await post();
    } finally {
      store.db.exec("ROLLBACK");
    }
    expect(busy.status).toBe(503);
    expect((await store.approval(KEY))?.state).toBe("awaiting");
    expect((await post()).status).toBe(200);
    expect((await store.approval(KEY))?.state).toBe("approved");
  });

  it("holds and approves from a shell; status says where it stands", async () => {
    const { scheduler, cli, logged, toReader } = await daemon({ NEWSLETTER_APPROVAL: "required" });
    await scheduler.task.execute();
    expect((await cli(["status"])).stdout).toContain(`${KEY}  awaiting approval`);
    expect((await cli(["hold", KEY])).stdout).toBe(`${KEY}: held by shell\n`);
    await scheduler.task.execute();
    expect(toReader()).toHaveLength(0);
    expect((await cli(["approve", KEY])).stdout).toBe(`${KEY}: approved by shell\n`);
    await logged(/: sent 1/u);
    expect(toReader()).toHaveLength(1);
    const unknown = await cli(["approve", "nothing.txt"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nothing waits for approval under "nothing.txt"');
  });

  it("skips an issue not approved by NEWSLETTER_APPROVAL_DEADLINE, and never sends it unreviewed", async () => {
    const { scheduler, cli, logged, toReader } = await daemon({
      NEWSLETTER_APPROVAL: "required",
      NEWSLETTER_APPROVAL_DEADLINE: "1s",
    });
    await scheduler.task.execute();
    await logged(/not approved by the deadline; skipped, never sent unreviewed/u);
    await scheduler.task.execute();
    expect(toReader()).toHaveLength(0);
    expect((await cli(["status"])).stdout).toContain(`${KEY}  skipped: deadline`);
  });

  it("refuses to start with nobody to ask", () => {
    const { root } = tempProject();
    expect(() =>
      testConfig(root, {
        NEWSLETTER_APPROVAL: "required",
        NEWSLETTER_DATA_DIR: path.join(root, "d"),
      }),
    ).toThrow(
      /NEWSLETTER_EDITORS: NEWSLETTER_APPROVAL=required needs at least one editor's address/u,
    );
  });
});

describe("NEWSLETTER_APPROVAL=when-unsure", () => {
  it("waits when the checks find an error (an image without alt text), however sure the quotes", async () => {
    const { smtp, config, toReader, scheduler } = await daemon({
      NEWSLETTER_APPROVAL: "when-unsure",
      NEWSLETTER_APPROVAL_CONFIDENCE: "0.5",
    });
    const footer = path.join(config.emailsDir, "partials", "footer.mjml");
    writeFileSync(
      footer,
      readFileSync(footer, "utf8").replace(
        "<mj-column>",
        '<mj-column><mj-raw><img src="https://news.example.com/pixel.png"></mj-raw>',
      ),
    );
    await scheduler.task.execute();
    expect(toReader()).toHaveLength(0);
    expect(smtp.received.map((m) => m.to).sort()).toEqual(["chief@example.org", "ed@example.org"]);
  });

  it("waits when a shown quotation is below the confidence asked for, and not otherwise", async () => {
    const unsure = await daemon({
      NEWSLETTER_APPROVAL: "when-unsure",
      NEWSLETTER_APPROVAL_CONFIDENCE: "0.999",
    });
    await unsure.scheduler.task.execute();
    expect(unsure.toReader()).toHaveLength(0);
    expect(unsure.smtp.received.map((m) => m.to).sort()).toEqual([
      "chief@example.org",
      "ed@example.org",
    ]);
    const sure = await daemon({
      NEWSLETTER_APPROVAL: "when-unsure",
      NEWSLETTER_APPROVAL_CONFIDENCE: "0.5",
    });
    await sure.scheduler.task.execute();
    expect(sure.toReader()).toHaveLength(1);
    expect(sure.smtp.received).toHaveLength(1);
  });
});

const pgReason = await postgresUnavailable();

describe("approval with several daemons on one PostgreSQL", () => {
  it.skipIf(pgReason !== undefined)(
    "mails exactly one proof per editor and sends the approved issue once",
    async () => {
      const db = await freshDatabase();
      cleanups.push(db.drop);
      const smtp = await startSmtp();
      cleanups.push(() => smtp.close());
      const recorder = logRecorder();
      const start = async () => {
        const { root } = tempProject();
        const config = testConfig(
          root,
          settings(smtp.url, { NEWSLETTER_APPROVAL: "required", DATABASE_URL: db.url }),
        );
        const scheduler = await startScheduler(config, recorder.log);
        cleanups.push(() => scheduler.stop());
        return scheduler;
      };
      const [a, b] = [await start(), await start()];
      const store = await PgStore.open(db.url);
      cleanups.push(() => store.close());
      await store.addSubscriber("reader@example.org", null, new Date());
      await Promise.all([a.task.execute(), b.task.execute()]);
      await Promise.all([a.task.execute(), b.task.execute()]);
      expect(smtp.received.map((m) => m.to).sort()).toEqual([
        "chief@example.org",
        "ed@example.org",
      ]);
      const sent = recorder.logged(/: sent 1/u);
      await store.decideApproval(KEY, "approved", "ed@example.org", new Date(), ["awaiting"]);
      await sent;
      await Promise.all([a.task.execute(), b.task.execute()]);
      expect(smtp.received.filter((m) => m.to === "reader@example.org")).toHaveLength(1);
    },
    60_000,
  );
});
