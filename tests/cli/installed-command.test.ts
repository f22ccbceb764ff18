import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createUnsubscribeHandler, TEST_SEND_TOKEN } from "../../src/web/unsubscribe.ts";
import { ROOT, runCli } from "../helpers/cli.ts";
import { tempProject } from "../helpers/project.ts";

describe("issue 26: a command of its own", () => {
  it("says its version", async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`newsletter ${pkg.version}\n`);
  });

  it("is installed as `newsletter`, an executable script, and works in the project folder it runs in", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const bin = path.join(ROOT, pkg.bin.newsletter);
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    accessSync(bin, constants.X_OK);
    // Run as an installed command would be: from a project folder, no NEWSLETTER_ROOT.
    const { root } = tempProject();
    const env = { ...process.env };
    delete env.NEWSLETTER_ROOT;
    delete env.NEWSLETTER_DATA_DIR;
    const result = spawnSync(bin, ["subscribers", "add", "ada@example.org"], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    expect(existsSync(path.join(root, "data"))).toBe(true);
    expect(execFileSync(bin, ["subscribers", "list"], { cwd: root, env }).toString()).toContain(
      "ada@example.org",
    );
  });
});

describe("issue 26: a test send's unsubscribe link", () => {
  it("leads to a page that says it was a test, and unsubscribes nobody", async () => {
    const handle = createUnsubscribeHandler({
      store: undefined as never, // never reached for the test token
      secret: "s".repeat(32),
      newsletterName: "The Daily Brief",
      now: () => new Date(),
    });
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetch(`${base}/unsubscribe?token=${TEST_SEND_TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("This was a test send");
    await new Promise((r) => server.close(r));
  });
});
