import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.ts";

const dir = mkdtempSync(path.join(tmpdir(), "digest-cli-"));
function article(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe("newsletter digest", () => {
  it("prints the Digest JSON of the newest seed by default", async () => {
    const result = await runCli(["digest", "--json"]);
    expect(result.code).toBe(0);
    const digest = JSON.parse(result.stdout);
    expect(Object.keys(digest)).toEqual([
      "headline",
      "standfirst",
      "lead",
      "paragraphs",
      "quotes",
      "keyQuotes",
      "sidebar",
    ]);
    expect(digest.sidebar).toEqual({
      title: "Belarus",
      paragraphs: [4],
      // (`“unshakable commitment”`, a scare quote, is a term and not among the quotes.)
      quotes: digest.quotes.slice(2),
    });
  });

  it("overrides the topic with --topic and --terms", async () => {
    const seed = path.join(ROOT, "seeds/2022-10-ukraine-usa-russia-belarus.txt");
    const result = await runCli([
      "digest",
      seed,
      "--json",
      "--topic",
      "Kremlin",
      "--terms",
      "Kremlin,Peskov",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).sidebar).toMatchObject({ title: "Kremlin", paragraphs: [3] });
  });

  it("prints a readable summary without --json", async () => {
    const result = await runCli(["digest"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("“No, it’s not on the agenda,” — Dmitry Peskov");
    expect(result.stdout).toContain("Sidebar “Belarus”: paragraph 4");
  });

  it("has --help on the CLI and on the command", async () => {
    const top = await runCli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/digest\s+print the digest/u);
    const help = await runCli(["digest", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--terms A,B,C");
  });

  it.each([
    ["a missing file", () => path.join(dir, "missing.txt"), /no such article file/u],
    ["an empty file", () => article("empty.txt", ""), /the article is empty/u],
    ["a headline only", () => article("headline.txt", "Just a headline\n"), /has only a headline/u],
    [
      "a binary file",
      () => article("binary.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])),
      /binary file/u,
    ],
    [
      "invalid UTF-8",
      () => article("latin1.txt", Buffer.from([0x48, 0xe9, 0x0a, 0x53, 0x0a, 0x0a, 0x50])),
      /not UTF-8/u,
    ],
    ["a folder", () => dir, /is a folder/u],
  ])("refuses %s with a one-line error", async (_name, file, message) => {
    const result = await runCli(["digest", file()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/u);
    // With --json (issue 26) the same error is the one JSON document on stdout.
    const json = await runCli(["digest", file(), "--json"]);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe("");
    const { error } = JSON.parse(json.stdout) as { error: { code: string; message: string } };
    expect(error.code).toMatch(/^ARTICLE_/u);
    expect(error.message).toMatch(message);
  });

  it("refuses an unknown option as a usage error", async () => {
    const result = await runCli(["digest", "--jsno"]);
    expect(result.code).toBe(2);
    // One line, with no advice about `--` that would mislead under `npm run` (issue 9).
    expect(result.stderr).toBe(
      "error: digest: unknown option --jsno (see npm run newsletter -- digest --help)\n",
    );
  });

  it("explains each quotation: rule, cue, confidence, a pronoun's candidates and the speaker ranker's", async () => {
    const file = article(
      "pronoun.txt",
      'Talks\nStandfirst here.\n\nLou Jiwei said there was nothing wrong with the talks. But he suggested that Jacob Lew had his eyes on critics at home.\n\n"They are under pressure domestically," he said.\n\n"We will talk again," said Jacob Lew.\n',
    );
    const result = await runCli(["digest", file, "--explain"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1. [P1] “They are under pressure domestically,”");
    expect(result.stdout).toMatch(
      /rule: cue-after, cue “said”, pronoun: [a-z ]+, confidence 0\.\d\d/u,
    );
    expect(result.stdout).toMatch(
      /pronoun candidates: Lou Jiwei 0\.\d\d, Jacob Lew 0\.\d\d, nobody 0\.\d\d/u,
    );
    expect(result.stdout).toMatch(
      / {3}speaker: Jacob Lew\n {3}rule: cue-after, cue “said”, name, confidence 0\.9\d\n {3}speaker candidates:\n {5}0\.9\d Jacob Lew \(cue-after, [^)]*first-in-order[^)]*\)\n {5}0\.0\d nobody \(nobody[^)]*\)/u,
    );
  });

  it("digests a 5 MB article", async () => {
    const seed = readFileSync(
      path.join(ROOT, "seeds/2022-10-ukraine-usa-russia-belarus.txt"),
      "utf8",
    );
    const body = seed.split("\n").slice(4).join("\n");
    const big = article(
      "big.txt",
      `${seed}\n\n${`${body}\n\n`.repeat(Math.ceil(5e6 / body.length))}`,
    );
    const result = await runCli(["digest", big, "--json"]);
    expect(result.code).toBe(0);
    const digest = JSON.parse(result.stdout);
    expect(digest.paragraphs.length).toBeGreaterThan(9000);
    expect(digest.keyQuotes.length).toBeLessThanOrEqual(5);
    expect(digest.quotes[2]).toMatchObject({
      text: "preparing for war",
      speaker: "Alexander Lukashenko",
      paragraph: 4,
    });
    expect(digest.quotes[2].confidence).toBeGreaterThanOrEqual(0.9);
  });

  it("reports a broken config file with the file and the problem", async () => {
    const result = await runCli(["digest"], {
      env: { NEWSLETTER_FROM: "not-an-address", PORT: "99999" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "NEWSLETTER_FROM: NEWSLETTER_FROM must be an address or Name <address>",
    );
    expect(result.stderr).toContain("PORT: PORT must be at most 65535");
  });
});

describe("the entry point npm runs (bin/newsletter.mjs)", () => {
  it("runs a command, compiled or through tsx, with the same output as the TypeScript", async () => {
    const { spawnSync } = await import("node:child_process");
    const viaBin = spawnSync(
      process.execPath,
      ["--max-semi-space-size=1", path.join(ROOT, "bin/newsletter.mjs"), "digest", "--json"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(viaBin.status, viaBin.stderr).toBe(0);
    const direct = await runCli(["digest", "--json"]);
    expect(JSON.parse(viaBin.stdout)).toEqual(JSON.parse(direct.stdout));
  }, 30_000);
});
