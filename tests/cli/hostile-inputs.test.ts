import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { formatAddress } from "../../src/email/mime.ts";
import { readArticle } from "../../src/sources/seeds.ts";
import { SqliteStore, subscriberOf } from "../helpers/delivery.ts";
import { tempProject } from "../helpers/project.ts";

/** The CLI in this process (no child start-up), on a throwaway project. */
async function cli(root: string, args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  err.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await main(args, { root, stdout: out, stderr: err, interactive: false });
  return { code, stdout, stderr };
}

describe("issue 10: bad files are one line each, never a hang or a stack", () => {
  it("passes over a dangling link and a pipe in seeds/, and refuses them as --article", async () => {
    const { root } = tempProject();
    const seeds = path.join(root, "seeds");
    symlinkSync(path.join(root, "nowhere.txt"), path.join(seeds, "zz-dangling.txt"));
    execFileSync("mkfifo", [path.join(seeds, "zzz-pipe.txt")]);
    const digest = await cli(root, ["digest", "--json"]);
    expect(digest.code).toBe(0);
    expect(JSON.parse(digest.stdout).headline).toMatch(/^Ukraine, USA/u);
    expect(() => readArticle(path.join(seeds, "zzz-pipe.txt"))).toThrow(/is not a regular file/u);
    expect(() => readArticle("/dev/zero")).toThrow(/is not a regular file/u);
    expect(() => readArticle(path.join(seeds, "zz-dangling.txt"))).toThrow(/no such article file/u);
  });

  it.each([
    ["missing.csv", null, /missing\.csv: no such file/u],
    ["empty.csv", "", /empty\.csv: is empty/u],
    ["twice.csv", "email,name,email\na@example.com,A,b@example.com\n", /two "email" columns/u],
  ])("refuses %s with one line", async (name, content, message) => {
    const { root } = tempProject();
    const file = path.join(root, name);
    if (content !== null) writeFileSync(file, content);
    const result = await cli(root, ["subscribers", "import", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("reports invalid UTF-8 by line, cuts a huge name, and changes nothing else", async () => {
    const { root, dataDir } = tempProject();
    const file = path.join(root, "list.csv");
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from("email,name\ngood@example.com,Good\nbad@example.com,Ren"),
        Buffer.from([0xe9, 0x0a]),
        Buffer.from(`long@example.com,${"L".repeat(10_000)}\n`),
      ]),
    );
    const result = await cli(root, ["subscribers", "import", file]);
    expect(result.stderr).toContain("line 3: not valid UTF-8");
    expect(result.stderr).toContain("line 4: name cut to 200 characters");
    expect(result.stdout).toContain("added 2");
    const store = SqliteStore.open(dataDir);
    expect(subscriberOf(store, "long@example.com")?.name).toHaveLength(200);
    expect(subscriberOf(store, "bad@example.com")).toBeUndefined();
    // A fresh data folder: the import is the list, with no sample address mixed in (issue 9).
    expect(await store.subscriberCount()).toBe(2);
    store.close();
  });

  it("brings back an unsubscribed address only with --resubscribe or reactivate", async () => {
    const { root, dataDir } = tempProject();
    mkdirSync(dataDir, { recursive: true });
    expect((await cli(root, ["subscribers", "add", "ann@example.com"])).code).toBe(0);
    await cli(root, ["subscribers", "remove", "ann@example.com"]);
    const again = await cli(root, ["subscribers", "add", "ann@example.com"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("is unsubscribed; add --resubscribe");
    const store = SqliteStore.open(dataDir);
    expect(subscriberOf(store, "ann@example.com")?.status).toBe("unsubscribed");
    await store.setSubscriberStatus(
      subscriberOf(store, "ann@example.com")?.id ?? 0,
      "bounced",
      new Date(),
    );
    store.close();
    expect((await cli(root, ["subscribers", "reactivate", "ann@example.com"])).stdout).toContain(
      "was bounced; re-activated",
    );
  });
});

describe("issue 10: a damaged database", () => {
  it("is one line, not a stack trace", async () => {
    const { root, dataDir } = tempProject();
    expect((await cli(root, ["subscribers", "add", "a@example.com"])).code).toBe(0);
    const file = path.join(dataDir, "newsletter.db");
    const store = SqliteStore.open(dataDir);
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    store.close();
    // A zeroed page, as a failing disk leaves it.
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(4096), 0, 4096, 4096);
    closeSync(fd);
    const result = await cli(root, ["subscribers", "list"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "error: the database file is damaged or not a database; restore it from a backup\n",
    );
  });
});

describe("issue 10: a subscriber's name cannot add a recipient or swell a header", () => {
  it.each([
    'Mallory" <evil@evil.org>, x',
    "Smith, Zoë",
    "Seán O'Brien (Sales)",
    '"Quoted" Name',
    "x".repeat(5000),
  ])("a hostile or long name stays one display name of one address (strict parse) #%#", (name) => {
    const header = `To: ${formatAddress(name, "zoe@example.com")}`;
    expect(header.length).toBeLessThan(998);
    const parsed = execFileSync(
      "python3",
      [
        "-c",
        "import sys\nfrom email import policy\nfrom email.parser import BytesParser\nm=BytesParser(policy=policy.strict).parsebytes(sys.stdin.buffer.read())\nprint(len(m['To'].addresses)); print(m['To'].addresses[0].addr_spec); print(m['To'].addresses[0].display_name)",
      ],
      { input: `${header}\r\n\r\nbody\r\n` },
    )
      .toString()
      .split("\n");
    expect(parsed[0]).toBe("1");
    expect(parsed[1]).toBe("zoe@example.com");
    expect(parsed[2]).toBe(name.slice(0, 200));
  });
});

describe("issue 22: one short line, whatever the input", () => {
  it("a folder as DKIM_PRIVATE_KEY is one line, no stack", async () => {
    const { root } = tempProject();
    mkdirSync(path.join(root, "keys"));
    writeFileSync(
      path.join(root, ".env"),
      "DKIM_DOMAIN=news.example.com\nDKIM_SELECTOR=s1\nDKIM_PRIVATE_KEY=keys\n",
    );
    const result = await cli(root, ["status"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DKIM_PRIVATE_KEY:");
    expect(result.stderr).toContain("is not a key file");
    expect(result.stderr).not.toMatch(/\n\s+at /u);
  });

  it("a 5,000-character issue id is echoed cut, with its length", async () => {
    const { root } = tempProject();
    const result = await cli(root, ["status", "x".repeat(5000)]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("(5000 characters)");
    expect(result.stderr.length).toBeLessThan(300);
  });

  it("a CSV of one 4,000-character field gives short lines", async () => {
    const { root } = tempProject();
    const file = path.join(root, "binary.csv");
    // Bytes with no newline, comma or quote: one field of 4,000 characters, not an address.
    const bytes = Buffer.alloc(4000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0x41 + ((i * 7919) % 26);
    writeFileSync(file, Buffer.concat([Buffer.from("email,name\n"), bytes, Buffer.from("\n")]));
    const result = await cli(root, ["subscribers", "import", file]);
    expect(result.code).not.toBe(0);
    for (const line of result.stderr.split("\n")) expect(line.length).toBeLessThan(400);
  });
});
