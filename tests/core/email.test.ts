import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { preparePersonalizer } from "../../src/email/personalize.ts";
import { TEXT_WIDTH } from "../../src/email/plain-text.ts";
import { NewsletterError } from "../../src/errors.ts";
import { renderIssue } from "../../src/issue/render-issue.ts";
import { SEED, tempProject, testConfig, writeArticle } from "../helpers/project.ts";

const NOW = new Date("2026-11-25T07:00:00Z");
const project = tempProject();
const config = testConfig(project.root);

async function render(file = SEED, root = project.root) {
  const issue = await renderIssue(root === project.root ? config : testConfig(root), file, NOW);
  const body = preparePersonalizer(issue.email)({
    unsubscribeUrl: "https://news.example.com/unsubscribe?token=a.b&x=1",
    name: "<Ada> Lovelace",
  });
  return { issue, ...body };
}

/** The text a reader sees in the HTML: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gu, "")
    .replace(/<[^>]+>/gu, " ")
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&amp;/gu, "&")
    .replace(/\s+/gu, " ");
}

describe("the seed email", async () => {
  const { issue, html, text } = await render();

  it("shows the headline, standfirst, key quotes with speakers and the sidebar", () => {
    const visible = visibleText(html);
    expect(visible).toContain(
      "Ukraine, USA: “Unwavering commitment against aggression” but channel with Russia remains open",
    );
    expect(visible).toContain("Phone call between Austin and Shoigu");
    for (const q of issue.digest.keyQuotes) {
      expect(visible).toContain(q.text.replace(/,$/u, ""));
      expect(visible).toContain(`— ${q.speaker}`);
    }
    expect(html).toMatch(/class="[^"]*sidebar-column[^"]*"/u);
    // The sidebar shows its paragraph; a quotation whose speaker came from `he said` is not
    // pulled out under a name (issue 8: never under a name the pipeline is unsure of).
    expect(visible).toContain("If they don’t want to fight us, there will be no war");
    expect(visible).not.toContain("there will be no war” — Alexander Lukashenko");
    expect(visible).toContain("Give me an example of a single person");
  });

  it("has lang, title, preheader, the color-scheme meta, and absolute links only", () => {
    expect(html).toMatch(/<html lang="en"/u);
    expect(html).toContain("<title>Ukraine, USA:");
    expect(html).toMatch(/display:none[^>]*>Phone call between Austin and Shoigu/u);
    expect(html).toContain('<meta name="color-scheme" content="light dark"');
    const hrefs = [...html.matchAll(/href="([^"]*)"/gu)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(https:|mailto:)/u);
  });

  it("puts the unsubscribe link early, escaped, and again in the footer", () => {
    const link = 'href="https://news.example.com/unsubscribe?token=a.b&amp;x=1"';
    const first = html.indexOf(link);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(html.indexOf("<h1>"));
    expect(html.lastIndexOf(link)).toBeGreaterThan(html.indexOf("Give me an example"));
  });

  it("fills the (first) name escaped, without compiling again", () => {
    expect(html).toContain("Hello &lt;Ada&gt;,");
    expect(html).not.toContain(issue.email.slots.greeting);
    expect(text).toContain("Hello <Ada>,");
  });

  it("is well under Gmail's clipping size", () => {
    expect(Buffer.byteLength(html)).toBeLessThan(90 * 1024);
  });

  it("has a plain-text part built from the digest, wrapped at 78 columns", () => {
    expect(text).toContain("UKRAINE, USA:");
    expect(text).toContain("KEY QUOTES");
    expect(text).toContain("— Dmitry Peskov");
    expect(text).toContain("BELARUS");
    expect(text).toContain("https://news.example.com/unsubscribe?token=a.b&x=1");
    expect(text).not.toMatch(/<\/?(p|br|span|div|table|mj-)\b/u);
    for (const line of text.split("\n"))
      if (!line.startsWith("https://")) expect(line.length).toBeLessThanOrEqual(TEXT_WIDTH);
  });

  it("keeps the same bytes for every subscriber but the filled fields", () => {
    const other = preparePersonalizer(issue.email)({
      unsubscribeUrl: "https://news.example.com/unsubscribe?token=z.y",
      name: null,
    });
    const strip = (s: string) =>
      s
        .replace(/https:\/\/news\.example\.com\/unsubscribe\?token=[^"\s]*/gu, "URL")
        .replace(/Hello [^,]*,/u, "");
    expect(strip(other.html)).toBe(strip(html));
  });
});

describe("the issue id", () => {
  it("is the same for the same article and templates wherever the project is checked out", async () => {
    const a = await renderIssue(testConfig(tempProject().root), SEED, NOW);
    const b = await renderIssue(
      testConfig(tempProject().root),
      SEED,
      new Date("2026-12-01T07:00:00Z"),
    );
    expect(a.issueId).toBe(b.issueId);
  });

  it("changes when a template changes", async () => {
    const other = tempProject();
    const footer = path.join(other.root, "emails/partials/footer.mjml");
    writeFileSync(footer, readFileSync(footer, "utf8").replace("one click", "a click"));
    const a = await renderIssue(config, SEED, NOW);
    const b = await renderIssue(testConfig(other.root), SEED, NOW);
    expect(a.issueId).not.toBe(b.issueId);
    expect(a.articleHash).toBe(b.articleHash);
  });
});

describe("escaping article text", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "</mj-column>",
    "<mj-raw><b>raw</b></mj-raw>",
    "&amp;",
    "{{headline}}",
    "</mj-text><mj-raw><script>x()</script>",
  ];
  it.each(hostile)("shows %s as characters, never as markup", async (evil) => {
    const dir = mkdtempSync(path.join(tmpdir(), "evil-"));
    const file = writeArticle(dir, "evil.txt", `Headline ${evil}`, `Standfirst ${evil}`, [
      `Maria Lopez said: “We will fight ${evil} to the end of this debate today.”`,
      `“Nobody can stop us now ${evil} or ever again in this city,” Tom Fischer said.`,
    ]);
    const { html, text } = await render(file);
    expect(html).not.toMatch(/<script/iu);
    expect(html).not.toContain("<mj-");
    expect(html).not.toContain("<b>raw</b>");
    expect(visibleText(html)).toContain(`Headline ${evil}`);
    expect(visibleText(html)).toContain(`We will fight ${evil}`);
    expect(text).toContain(`Headline ${evil}`.toUpperCase());
  });
});

describe("long articles", () => {
  it("are summarised: ten times the seed stays under 90 KB", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "long-"));
    const seed = readFileSync(SEED, "utf8");
    const body = seed.split("\n").slice(4).join("\n");
    const file = path.join(dir, "long.txt");
    writeFileSync(file, `${seed}\n\n${`${body}\n\n`.repeat(10)}`);
    const { html, text } = await render(file);
    expect(readFileSync(file).length).toBeGreaterThan(10 * 2000);
    expect(Buffer.byteLength(html)).toBeLessThan(90 * 1024);
    expect(text.length).toBeLessThan(8000);
  });

  it("has one column and no sidebar when no paragraph is about the topic", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nosidebar-"));
    const file = writeArticle(dir, "a.txt", "Tram line approved", "Council votes", [
      "“We will build it now, without delay,” said Mayor Anna Berger.",
    ]);
    const { html } = await render(file);
    expect(html).not.toContain("sidebar-column");
    expect(html).toMatch(/mj-column-per-100[^"]*main-column/u);
  });
});

describe("template errors", () => {
  async function renderWith(edit: (emails: string) => void) {
    const p = tempProject();
    edit(path.join(p.root, "emails"));
    return renderIssue(testConfig(p.root), SEED, NOW);
  }

  it("stop the render with mjml's message, the file and the line", async () => {
    const error = await renderWith((emails) => {
      const file = path.join(emails, "partials/footer.mjml");
      writeFileSync(
        file,
        readFileSync(file, "utf8")
          .replace("<mj-column>", "<mj-colum>")
          .replace("</mj-column>", "</mj-colum>"),
      );
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsletterError);
    expect((error as NewsletterError).code).toBe("TEMPLATE_INVALID");
    expect((error as Error).message).toMatch(/partials\/footer\.mjml line 2 .*mj-colum/u);
  });

  it("stop at a mistyped closing tag (`</mj-textt>`), which mjml renders without a warning (issue 24)", async () => {
    const error = await renderWith((emails) => {
      const file = path.join(emails, "partials/footer.mjml");
      writeFileSync(file, readFileSync(file, "utf8").replace("</mj-text>", "</mj-textt>"));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsletterError);
    expect((error as Error).message).toMatch(
      /partials\/footer\.mjml line 3: <\/mj-textt> does not close <mj-text> \(line 3\)/u,
    );
  });

  it("refuse an mj-include outside the templates folder, which mjml only comments out", async () => {
    const error = await renderWith((emails) => {
      const file = path.join(emails, "digest.mjml");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace("./partials/footer.mjml", "../newsletter.config.json"),
      );
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/mj-include .* denied/u);
  });

  it("refuse an mj-include of a missing file", async () => {
    const error = await renderWith((emails) => {
      const file = path.join(emails, "digest.mjml");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace("./partials/footer.mjml", "./partials/nope.mjml"),
      );
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/template error: an mj-include/u);
  });

  it("include partials at all (mjml 5 drops them unless told not to)", async () => {
    const { html } = await render();
    expect(html).toContain("Unsubscribe with one click");
    expect(html).not.toContain("mj-include");
  });

  it("report a broken Mustache tag with file and line", async () => {
    const error = await renderWith((emails) => {
      const file = path.join(emails, "partials/story.mjml");
      writeFileSync(file, readFileSync(file, "utf8").replace("{{/keyQuotes}}", ""));
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /partials\/story\.mjml line \d+: Unclosed section "keyQuotes"/u,
    );
  });
});
