import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliIn } from "../helpers/cli.ts";
import { tempProject } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";

/** Issue 24: an editor corrects a quotation from the shell; digest, explain and send apply it. */

const SEED_NAME = "2022-10-ukraine-usa-russia-belarus.txt";

describe("npm run newsletter -- correct", () => {
  it("sets a speaker the ranker left null; digest, --explain and a real send all carry it", async () => {
    const { root } = tempProject();
    const smtp = await startSmtp();
    try {
      const cli = cliIn(root, { SMTP_URL: smtp.url, PUBLIC_URL: "http://127.0.0.1:3000" });
      const before = JSON.parse((await cli(["digest", "--json"])).stdout);
      expect(before.quotes[0].speaker).toBeNull();
      const set = await cli(["correct", SEED_NAME, "2", "--speaker", "Lloyd Austin"]);
      expect(set.stderr).toBe("");
      expect(set.stdout).toBe(`${SEED_NAME}: quotation 2 (P0) speaker set to Lloyd Austin\n`);
      const pin = await cli(["correct", SEED_NAME, "2", "--pin"]);
      expect(pin.code).toBe(0);
      // One correction per quotation: the pin replaced the speaker, so set it again after.
      const list = JSON.parse((await cli(["correct", SEED_NAME, "--list", "--json"])).stdout);
      expect(list).toEqual([expect.objectContaining({ paragraph: 0, action: "pin" })]);
      await cli(["correct", SEED_NAME, "2", "--speaker", "Lloyd Austin"]);
      const after = JSON.parse((await cli(["digest", "--json"])).stdout);
      expect(after.quotes[0]).toMatchObject({ speaker: "Lloyd Austin", confidence: 1 });
      const explained = (await cli(["digest", "--explain"])).stdout;
      expect(explained).toContain(
        "   speaker: Lloyd Austin\n   rule: editor, cue “speaker Lloyd Austin”",
      );
      // A key quote's speaker, renamed: the mail shows the editor's name, never the ranker's.
      await cli(["correct", SEED_NAME, "3", "--speaker", "Kremlin spokesman Dmitry S. Peskov"]);
      await cli(["subscribers", "add", "reader@example.org"]);
      const sent = await cli(["send", "--yes"]);
      expect(sent.code).toBe(0);
      const mail = smtp.received.find((m) => m.to === "reader@example.org");
      expect(mail?.parsed.text).toContain("Kremlin spokesman Dmitry S. Peskov");
    } finally {
      await smtp.close();
    }
  });

  it("lists, clears, and refuses what it cannot do with one line and a usage exit", async () => {
    const { root } = tempProject();
    const cli = cliIn(root);
    await cli(["correct", SEED_NAME, "3", "--drop"]);
    expect((await cli(["correct", SEED_NAME, "--list"])).stdout).toBe(
      `${SEED_NAME}: P3 “No, it’s not on the agenda,”: dropped from the key quotes\n`,
    );
    const dropped = JSON.parse((await cli(["digest", "--json"])).stdout);
    expect(dropped.keyQuotes.map((q: { paragraph: number }) => q.paragraph)).not.toContain(3);
    expect(dropped.keyQuotes.length).toBeGreaterThan(0);
    expect((await cli(["correct", SEED_NAME, "--clear"])).stdout).toBe(
      `${SEED_NAME}: 1 correction(s) removed\n`,
    );
    const cases: Array<[string[], RegExp]> = [
      [[SEED_NAME, "1", "--pin"], /quotation 1 \("unshakable commitment"\) is a term/u],
      [[SEED_NAME, "99", "--pin"], /no quotation "99" \(numbers 1 to \d+/u],
      [[SEED_NAME, "2", "--pin", "--drop"], /say one of --speaker NAME/u],
      [[SEED_NAME, "2", "--speaker", "<script>"], /--speaker needs a name/u],
      [["missing.txt", "2", "--pin"], /missing\.txt/u],
    ];
    for (const [args, message] of cases) {
      const result = await cli(["correct", ...args]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(() => readdirSync(path.join(root, "data", "outbox"))).toThrow();
    expect(readFileSync(path.join(root, "seeds", SEED_NAME), "utf8").length).toBeGreaterThan(0);
  });

  it("digest still prints, with one warning and no password, when the corrections cannot be read", async () => {
    const { root } = tempProject();
    const cli = cliIn(root, { DATABASE_URL: "postgres://editor:hunter2-secret@127.0.0.1:1/news" });
    const result = await cli(["digest", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).headline).toMatch(/^Ukraine, USA/u);
    expect(result.stderr).toMatch(
      /^warning: editors' corrections not applied \(.*refused the connection.*\)\n$/u,
    );
    expect(result.stderr + result.stdout).not.toContain("hunter2");
  });
});
