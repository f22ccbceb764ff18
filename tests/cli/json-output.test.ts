import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { tempProject } from "../helpers/project.ts";

/** Issue 26: every command that reports takes --json: one JSON document on stdout. */

function cliIn(root: string) {
  const env = { NEWSLETTER_ROOT: root, NEWSLETTER_DATA_DIR: path.join(root, "data") };
  return async (args: string[]) => {
    const result = await runCli(args, { env });
    // Exactly one JSON document, whatever happened.
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    return { ...result, doc };
  };
}

describe("--json", () => {
  it("subscribers add, remove, import and a refused address", async () => {
    const { root } = tempProject();
    const cli = cliIn(root);
    expect((await cli(["subscribers", "add", "ada@example.org", "--json"])).doc).toEqual({
      email: "ada@example.org",
      result: "added",
    });
    expect((await cli(["subscribers", "remove", "ada@example.org", "--json"])).doc).toEqual({
      email: "ada@example.org",
      result: "unsubscribed",
    });
    const imported = await cli([
      "subscribers",
      "import",
      path.join(root, "subscribers.sample.csv"),
      "--json",
    ]);
    expect(imported.doc).toMatchObject({ added: 5, skipped: 0, problems: [] });
    const refused = await cli(["subscribers", "add", "not-an-address", "--json"]);
    expect(refused.code).toBe(1);
    expect(refused.doc).toEqual({
      error: {
        code: "SUBSCRIBER_INVALID",
        message: 'subscribers add: "not-an-address" is not a valid address',
      },
    });
  });

  it("send: the run's figures, a dry run, and nothing to send", async () => {
    const { root } = tempProject();
    const cli = cliIn(root);
    const dry = await cli(["send", "--dry-run", "--json"]);
    expect(dry.doc).toMatchObject({ dryRun: true, toSend: 5, exitCode: 0 });
    const sent = await cli(["send", "--yes", "--json"]);
    expect(sent.doc).toMatchObject({ sent: 5, failed: 0, unknown: 0, exitCode: 0 });
    expect(String(sent.doc.issueId)).toMatch(/^[0-9a-f]{16}$/u);
    // What a person reads went to stderr.
    expect(dry.stderr).toContain("sample subscribers");
    expect(sent.stderr).toMatch(/sent 5, failed 0/u);
    const again = await cli(["send", "--yes", "--json"]);
    expect(again.doc).toMatchObject({ nothingToSend: true, alreadySent: 5, exitCode: 0 });
  });

  it("inbound and worker --once", async () => {
    const { root } = tempProject();
    const cli = cliIn(root);
    const fixture = path.join(import.meta.dirname, "../fixtures/inbound/arf-abuse.eml");
    const inbound = await cli(["inbound", fixture, "--json"]);
    expect(inbound.doc).toMatchObject({ processed: expect.any(Object) });
    expect((inbound.doc.messages as unknown[]).length).toBe(1);
    expect((await cli(["worker", "--once", "--json"])).doc).toEqual({ helped: [] });
  });
});
