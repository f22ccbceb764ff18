import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPORTING_VERBS } from "../../src/digest/lexicon.ts";
import { tagParagraphs } from "../../src/digest/nlp/tagger.ts";
import { tagParagraphsSoon, warmTagger } from "../../src/issue/tag-apart.ts";
import { ROOT } from "../helpers/cli.ts";

const PARAGRAPHS = [
  "Belarus",
  "“We will not give up,” said Maria Kolesnikova, who heads the coordination council.",
  "",
  "The New York Times reports that the Belarusian foreign ministry can't accept the claims.",
];

/** A tag table as plain rows, for comparing. */
const rows = (tables: ReadonlyArray<ReadonlyMap<number, unknown>>) => tables.map((t) => [...t]);

describe("issue 20: the tagger's model loads beside the command", () => {
  it("tags on the warm thread exactly as in this thread, budget included", async () => {
    const here = tagParagraphs(PARAGRAPHS, REPORTING_VERBS, 20);
    expect(here[1]?.size).toBeGreaterThan(0);
    expect(here[3]?.size).toBe(0);
    warmTagger();
    expect(rows(await tagParagraphsSoon(PARAGRAPHS, 20))).toEqual(rows(here));
    // The thread answers once; the next article is tagged here, the same way.
    const all = tagParagraphs(PARAGRAPHS, REPORTING_VERBS);
    expect(all[3]?.size).toBeGreaterThan(0);
    expect(rows(await tagParagraphsSoon(PARAGRAPHS))).toEqual(rows(all));
  });

  it("never keeps a process alive that did not ask it for tags", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        'const m = await import("./src/issue/tag-apart.ts"); m.warmTagger(); console.log("done");',
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe("done\n");
  });
});
