import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.ts";
import { tempProject } from "../helpers/project.ts";
import { startCli, waitFor } from "../helpers/spawn.ts";

/** The module URLs a CLI run resolves, recorded by a loader hook. */
function modulesLoadedBy(args: string[], root: string): string[] {
  const log = path.join(mkdtempSync(path.join(tmpdir(), "modules-")), "log");
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      path.join(ROOT, "tests/helpers/module-log.mjs"),
      "--import",
      "tsx",
      path.join(ROOT, "src/cli/main.ts"),
      ...args,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NO_COLOR: "1",
        MODULE_LOG: log,
        NEWSLETTER_ROOT: root,
        NEWSLETTER_DATA_DIR: path.join(root, "data"),
      },
      encoding: "utf8",
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

describe("issue 14: a command loads what it uses", () => {
  it("renders a seed with `preview --once` without the feed, page or fetch readers, nor the preview server", () => {
    const { root } = tempProject();
    const out = mkdtempSync(path.join(tmpdir(), "once-"));
    const loaded = modulesLoadedBy(["preview", "--once", "--out", out], root);
    // (It did load the renderer: the test would pass vacuously on a run that rendered nothing.)
    expect(loaded.some((url) => url.includes("/src/issue/render-issue.ts"))).toBe(true);
    for (const unused of [
      "/src/sources/feed.ts",
      "/src/sources/html-article.ts",
      "/src/sources/fetch-bounded.ts",
      "/src/web/preview-server.ts",
      "/node_modules/feedsmith/",
      "/node_modules/linkedom/",
    ])
      expect(loaded.filter((url) => url.includes(unused))).toEqual([]);
  });
});

describe("issue 14: the preview server, loaded only when asked for", () => {
  it("still starts from the CLI, serves the page, and stops on Ctrl-C", async () => {
    const { root } = tempProject();
    const run = startCli(["preview"], {
      NEWSLETTER_ROOT: root,
      NEWSLETTER_DATA_DIR: path.join(root, "data"),
      PORT: "0",
    });
    await waitFor(() => /preview at (http:\/\/\S+)/u.test(run.output()));
    const url = /preview at (http:\/\/\S+)/u.exec(run.output())?.[1] as string;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Preview:");
    run.child.kill("SIGINT");
    expect((await run.done).code).toBe(0);
  });
});
