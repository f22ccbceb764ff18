import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite.ts";
import { cliIn as cliInProject } from "../helpers/cli.ts";
import { SEED, tempProject } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";

/** The CLI in a temp project, with short retry waits. */
function cliIn(root: string, extra: Record<string, string> = {}) {
  return cliInProject(root, { NEWSLETTER_RETRY_BASE_MS: "10", ...extra });
}

describe("subscribers", () => {
  it("imports a CSV, reporting invalid and duplicate rows with line numbers", async () => {
    const { root } = tempProject();
    const cli = cliIn(root, { SMTP_URL: "smtp://127.0.0.1:1" });
    const csv = path.join(root, "list.csv");
    writeFileSync(
      csv,
      'email,name\nann@example.com,Ann\n"bob@example.com","Bob, Jr."\nnot-an-address,X\nANN@example.com,Ann again\nzoë@example.com,Zoë\n\nchloé@example.com,"Chloé Dupont"\n',
    );
    const result = await cli(["subscribers", "import", csv]);
    expect(result.stderr).toContain('line 4: invalid address "not-an-address"');
    expect(result.stderr).toContain("line 5: ANN@example.com duplicates line 2");
    expect(result.stderr).toContain('line 6: invalid address "zoë@example.com"');
    expect(result.stdout).toContain("added 2");
    expect(result.stderr).not.toContain("\r");
    expect(result.code).toBe(1);
    const list = JSON.parse((await cli(["subscribers", "list", "--json"])).stdout) as Array<{
      email: string;
      name: string;
    }>;
    expect(list.map((s) => [s.email, s.name])).toEqual([
      ["ann@example.com", "Ann"],
      ["bob@example.com", "Bob, Jr."],
    ]);
  });

  it("never re-activates an unsubscribed address by import, and changes nothing on a broken file", async () => {
    const { root } = tempProject();
    const cli = cliIn(root, { SMTP_URL: "smtp://127.0.0.1:1" });
    expect((await cli(["subscribers", "add", "ann@example.com", "--name", "Ann"])).code).toBe(0);
    expect((await cli(["subscribers", "remove", "Ann@Example.com"])).stdout).toBe(
      "unsubscribed ann@example.com\n",
    );
    const csv = path.join(root, "again.csv");
    writeFileSync(csv, "email,name\nann@example.com,Ann\n");
    expect((await cli(["subscribers", "import", csv])).stderr).toContain(
      "line 2: ann@example.com is unsubscribed; not re-activated",
    );
    const broken = path.join(root, "broken.csv");
    writeFileSync(broken, 'email,name\nnew@example.com,New\n"unterminated@example.com,Oops\n');
    const result = await cli(["subscribers", "import", broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*broken\.csv line \d+: not valid CSV/mu);
    expect((await cli(["subscribers", "list"])).stdout).toBe(
      "unsubscribed ann@example.com (Ann)\n",
    );
  });

  it("refuses an invalid address and a file without an email column", async () => {
    const { root } = tempProject();
    const cli = cliIn(root, { SMTP_URL: "smtp://127.0.0.1:1" });
    const add = await cli(["subscribers", "add", "nope"]);
    expect(add.code).toBe(1);
    expect(add.stderr).toBe('error: subscribers add: "nope" is not a valid address\n');
    const csv = path.join(root, "wrong.csv");
    writeFileSync(csv, "mail,name\na@example.com,A\n");
    expect((await cli(["subscribers", "import", csv])).stderr).toMatch(
      /the header must have an "email" column/u,
    );
  });
});

describe("send", () => {
  it("on a fresh data folder without SMTP imports the sample list and writes the outbox", async () => {
    const { root, dataDir } = tempProject();
    const cli = cliIn(root);
    const result = await cli(["send", "--yes"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/uses the 5 sample subscribers/u);
    expect(result.stdout).toMatch(
      /via the outbox folder .* \(no SMTP_URL set: nothing leaves this machine\)/u,
    );
    expect(result.stdout).toMatch(
      /^sent 5, failed 0, unknown 0, skipped \(already sent\) 0 in \d+\.\ds$/mu,
    );
    const issue = readdirSync(path.join(dataDir, "outbox"))[0] ?? "";
    expect(readdirSync(path.join(dataDir, "outbox", issue))).toHaveLength(5);
    const again = await cli(["send", "--yes"]);
    expect(again.stdout).toContain("nothing to send: every active subscriber has this issue");
  });

  it("refuses to send without --yes when not on a terminal, and --dry-run only counts", async () => {
    const { root, dataDir } = tempProject();
    const cli = cliIn(root);
    const refused = await cli(["send"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("add --yes to send");
    const dry = await cli(["send", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/5 to send, 0 already sent/u);
    expect(dry.stdout).toContain("dry run: nothing sent");
    expect(() => readdirSync(path.join(dataDir, "outbox"))).toThrow();
    // A dry run writes nothing to the ledger either (issue 10).
    const store = SqliteStore.open(dataDir);
    expect(store.db.prepare("SELECT count(*) AS n FROM issues").get()).toEqual({ n: 0 });
    expect(store.db.prepare("SELECT count(*) AS n FROM deliveries").get()).toEqual({ n: 0 });
    store.close();
    const test = await cli(["send", "--to", "ed@example.com", "--dry-run"]);
    expect(test.stdout).toContain("nothing sent");
    expect(() => readdirSync(path.join(dataDir, "outbox"))).toThrow();
  });

  it("sends a test with --to and records nothing against the list", async () => {
    const smtp = await startSmtp();
    const { root, dataDir } = tempProject();
    const cli = cliIn(root, { SMTP_URL: smtp.url });
    const result = await cli(["send", "--to", "editor@example.com", "--article", SEED]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^test sent to editor@example\.com via SMTP/u);
    expect(smtp.received.map((r) => r.to)).toEqual(["editor@example.com"]);
    expect(smtp.received[0]?.parsed.subject).toMatch(/^\[TEST\] Ukraine, USA:/u);
    const store = SqliteStore.open(dataDir);
    expect(store.db.prepare("SELECT count(*) AS n FROM deliveries").get()).toEqual({ n: 0 });
    store.close();
    await smtp.close();
  });

  it("shows failures in status with the server's words, and retries them with --retry-failed", async () => {
    let refuse = true;
    const smtp = await startSmtp({
      onRcpt: (a) => (refuse && a === "ann@example.com" ? "550 5.2.2 mailbox full" : undefined),
    });
    const { root } = tempProject();
    const cli = cliIn(root, { SMTP_URL: smtp.url });
    await cli(["subscribers", "add", "ann@example.com"]);
    await cli(["subscribers", "add", "bob@example.com"]);
    const first = await cli(["send", "--yes"]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/sent 1, failed 1/u);
    const id = /issue (\w+):/u.exec(first.stdout)?.[1] ?? "";
    const status = await cli(["status", id]);
    expect(status.stdout).toContain("sent 1, failed 1, unknown 0, pending 0");
    expect(status.stdout).toContain(
      "failed  ann@example.com (1 attempt(s)): 550 5.2.2 mailbox full",
    );
    const json = JSON.parse((await cli(["status", "--json"])).stdout);
    expect(json[0]).toMatchObject({ issueId: id, sent: 1, failed: 1 });
    refuse = false;
    const retry = await cli(["send", "--yes", "--retry-failed"]);
    expect(retry.stdout).toContain("made 1 failed row(s) pending again");
    expect(retry.stdout).toMatch(/sent 1, failed 0/u);
    expect(smtp.received.map((r) => r.to).sort()).toEqual(["ann@example.com", "bob@example.com"]);
    await smtp.close();
  });

  it("refuses to send an article again as a new issue unless asked", async () => {
    const { root } = tempProject();
    const cli = cliIn(root);
    expect((await cli(["send", "--yes"])).code).toBe(0);
    const footer = path.join(root, "emails/partials/footer.mjml");
    writeFileSync(
      footer,
      (await import("node:fs"))
        .readFileSync(footer, "utf8")
        .replace("Unsubscribe with one click", "Leave with one click"),
    );
    const again = await cli(["send", "--yes"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already sent as issue \w+.*add --new-issue/u);
    expect((await cli(["send", "--yes", "--new-issue"])).stdout).toMatch(/sent 5/u);
  });

  it("reports a wrong setting with the variable's name, before doing anything", async () => {
    const { root } = tempProject();
    const result = await cliIn(root, {
      SMTP_URL: "http://mail.example.com",
      NEWSLETTER_SMTP_CONNECTIONS: "0",
    })(["send", "--yes"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "SMTP_URL: SMTP_URL must start with smtp:// or smtps://; write it as smtp://user:pass@host:587",
    );
    expect(result.stderr).toContain(
      "NEWSLETTER_SMTP_CONNECTIONS: NEWSLETTER_SMTP_CONNECTIONS must be greater than 0",
    );
  });
});

describe("issue 22: the sample list never becomes the real list", () => {
  it("after the outbox demo, a send over SMTP mails only the real list and says the samples were left out, once", async () => {
    const { root } = tempProject();
    const demo = await cliIn(root)(["send", "--yes"]);
    expect(demo.code).toBe(0);
    expect(demo.stderr).toContain("uses the 5 sample subscribers");
    const smtp = await startSmtp({ parse: false });
    const real = cliIn(root, { SMTP_URL: smtp.url, PUBLIC_URL: "http://127.0.0.1:3000" });
    expect((await real(["subscribers", "add", "reader@news.example.com"])).code).toBe(0);
    // The next edition, over SMTP.
    writeFileSync(
      path.join(root, "seeds", "2099-01-01-next.txt"),
      "Next edition\nA standfirst\n\n“We are ready,” said Maria Lopez.\n",
    );
    const sent = await real(["send", "--yes"]);
    expect(sent.code).toBe(0);
    expect(smtp.received.map((r) => r.to)).toEqual(["reader@news.example.com"]);
    expect(`${sent.stdout}${sent.stderr}`).not.toContain("left out");
    // (The add above, the first command with SMTP_URL, already said so; nothing to say again.)
    const again = await real(["subscribers", "list", "--json"]);
    const active = (JSON.parse(again.stdout) as Array<{ email: string; status: string }>)
      .filter((s) => s.status === "active")
      .map((s) => s.email);
    expect(active).toEqual(["reader@news.example.com"]);
    await smtp.close();
  });

  it("says once which sample addresses it left out", async () => {
    const { root } = tempProject();
    expect((await cliIn(root)(["send", "--yes"])).code).toBe(0);
    const withSmtp = cliIn(root, { SMTP_URL: "smtp://127.0.0.1:1" });
    const first = await withSmtp(["subscribers", "list"]);
    expect(first.stderr).toMatch(/left out 5 sample address\(es\) of subscribers\.sample\.csv/u);
    expect(first.stderr).toContain("ada@example.com");
    const second = await withSmtp(["subscribers", "list"]);
    expect(second.stderr).not.toContain("left out");
  });
});

describe("issue 22: the exit status speaks for this run", () => {
  it("a clean run after a killed one exits 0 and names the rows left unknown with the retry command", async () => {
    const { root } = tempProject();
    const cli = cliIn(root);
    expect((await cli(["send", "--yes"])).code).toBe(0);
    // A run on another host died with one message on the wire (no heartbeat row: gone).
    const store = SqliteStore.open(path.join(root, "data"));
    store.db
      .prepare(
        "UPDATE deliveries SET status = 'sending', lease_owner = 'elsewhere:1:dead', lease_until = ?, on_wire = 1 WHERE subscriber_id = (SELECT min(subscriber_id) FROM deliveries)",
      )
      .run(Date.now() + 60_000);
    store.db
      .prepare(
        "INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at) VALUES ('new@example.org', 'new@example.org', NULL, 'active', ?, ?)",
      )
      .run(new Date().toISOString(), new Date().toISOString());
    store.close();
    const run = await cli(["send", "--yes"]);
    expect(run.stdout).toContain("1 row(s) a stopped run left on the wire are now unknown");
    expect(run.stdout).toMatch(/sent 1, failed 0, unknown 0/u);
    expect(run.stdout).toContain(
      "1 row(s) of this issue are unknown from an earlier run (they may have arrived); to send them again: npm run send -- --yes --retry-unknown",
    );
    expect(run.code).toBe(0);
    // Nothing left to send: said so, with the unknown row and how to retry it.
    const again = await cli(["send", "--yes"]);
    expect(again.stdout).toContain("nothing to send: every active subscriber has this issue");
    expect(again.stdout).toContain("1 row(s) of this issue are unknown from an earlier run");
    expect(again.code).toBe(0);
  });
});
