import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { preparePersonalizer } from "../../src/email/personalize.ts";
import { firstName } from "../../src/email/slots.ts";
import { renderIssue } from "../../src/issue/render-issue.ts";
import { tempProject, testConfig } from "../helpers/project.ts";

function projectWith(extra: Record<string, unknown>) {
  const { root } = tempProject();
  const file = path.join(root, "newsletter.config.json");
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), ...extra }));
  return root;
}

describe("issue 23: brand and greeting from newsletter.config.json", () => {
  it("shows the logo with its alt text and uses the accent colour and font stack", async () => {
    const root = projectWith({
      brand: {
        logo: "https://news.example.com/logo.png",
        logoAlt: "The Daily Brief",
        accent: "#8a1c2b",
        fonts: "'Iowan Old Style', Georgia, serif",
      },
    });
    const issue = await renderIssue(testConfig(root), undefined, new Date());
    expect(issue.email.html).toMatch(
      /<img[^>]+alt="The Daily Brief"[^>]+src="https:\/\/news\.example\.com\/logo\.png"/u,
    );
    expect(issue.email.html).toContain("#8a1c2b");
    expect(issue.email.html).toContain("Iowan Old Style");
    expect(issue.email.html).not.toContain("#174a7c");
  });

  it("greets by first name, or not at all", async () => {
    expect(firstName("Ada Lovelace")).toBe("Ada");
    expect(firstName("Turing, Alan")).toBe("Alan");
    const greeted = await renderIssue(testConfig(tempProject().root), undefined, new Date());
    const reader = { unsubscribeUrl: "https://x.example/u", name: "Grace Hopper" };
    expect(preparePersonalizer(greeted.email)(reader).text).toContain("Hello Grace,");
    const none = projectWith({ greeting: "none" });
    const plain = await renderIssue(testConfig(none), undefined, new Date());
    const body = preparePersonalizer(plain.email)(reader);
    expect(body.text).not.toContain("Hello");
    expect(body.html).not.toContain("Hello");
  });

  it("refuses a brand that could break out of the design, naming the field", () => {
    const bad = projectWith({
      brand: { logo: "http://news.example.com/logo.png", accent: "red;background:url(x)" },
    });
    expect(() => testConfig(bad)).toThrow(/brand\.logo must be an https:\/\/ image URL/u);
    expect(() => testConfig(bad)).toThrow(/brand\.accent must be a colour like #174a7c/u);
  });
});
