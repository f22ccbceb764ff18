import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { tempProject } from "../helpers/project.ts";

/**
 * Issue 23: a normal WordPress item (an excerpt description ending in `[…]`, the "appeared
 * first on" footer, a one-word quotation) goes through `send` and reads like an edition.
 */
const FEED = path.join(import.meta.dirname, "../fixtures/web/wordpress-excerpt.xml");

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?][”"]?)\s+/u)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/u).length >= 5);
}

describe("a WordPress feed item as an edition", () => {
  it("has no cut excerpt, no footer, no sentence or quotation twice, no one-word quote", async () => {
    const { root } = tempProject();
    const result = await runCli(
      ["send", "--yes", "--topic", "Belarus", "--terms", "Belarus,Lukashenko,Minsk"],
      {
        env: {
          NEWSLETTER_ROOT: root,
          NEWSLETTER_DATA_DIR: path.join(root, "data"),
          NEWSLETTER_FEED: FEED,
        },
      },
    );
    expect(result.code).toBe(0);
    const outbox = path.join(root, "data", "outbox");
    const issue = readdirSync(outbox)[0] as string;
    const file = readdirSync(path.join(outbox, issue))[0] as string;
    const mail = await simpleParser(readFileSync(path.join(outbox, issue, file)));
    const text = mail.text ?? "";
    expect(text).toContain("Belarus moved two brigades to its western border on Saturday");
    expect(text).not.toMatch(/\[…\]|\[&#8230;\]/u);
    expect(text).not.toContain("appeared first on");
    // "provocations" is read in its paragraph, never shown as a quotation of its own.
    expect(text).toContain("answering “provocations”");
    expect(text).not.toMatch(/^\s*“provocations\.?”\s*$/mu);
    const all = sentences(text.replace(/\n+/gu, " "));
    const twice = all.filter((s, i) => all.indexOf(s) !== i);
    expect(twice).toEqual([]);
    // Lukashenko's statement is shown once, whichever part shows it.
    const statement = "We will not let anyone threaten our borders";
    expect(text.split(statement).length - 1).toBe(1);
    const html = mail.html || "";
    expect(html.split(statement).length - 1).toBe(1);
    expect(html).not.toContain("appeared first on");
  });
});
