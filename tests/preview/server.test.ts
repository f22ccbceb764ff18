import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { startPreviewServer } from "../../src/web/preview-server.ts";
import { runCli } from "../helpers/cli.ts";
import { SEED, tempProject } from "../helpers/project.ts";

describe("preview --once", () => {
  it("writes digest.html, digest.txt and digest.mjml and exits 0", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "once-")), "out");
    const result = await runCli(["preview", "--once", "--out", out, "--article", SEED]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wrote .*digest\.html/u);
    expect(readFileSync(path.join(out, "digest.html"), "utf8")).toContain("<h1>Ukraine, USA:");
    expect(readFileSync(path.join(out, "digest.txt"), "utf8")).toContain("KEY QUOTES");
    expect(readFileSync(path.join(out, "digest.mjml"), "utf8")).toMatch(/^<mjml lang="en">/u);
  });

  it("fails with one line when --out is missing or the article is bad", async () => {
    const noOut = await runCli(["preview", "--once"]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toBe("error: preview: --once needs --out DIR\n");
    const out = mkdtempSync(path.join(tmpdir(), "once-"));
    const bad = await runCli([
      "preview",
      "--once",
      "--out",
      out,
      "--article",
      path.join(out, "missing.txt"),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*missing\.txt: no such article file\n$/u);
    expect(existsSync(path.join(out, "digest.html"))).toBe(false);
  });
});

describe("the preview server", async () => {
  const project = tempProject();
  const logs: string[] = [];
  const preview = await startPreviewServer({
    root: project.root,
    articleFile: undefined,
    adjustConfig: (c) => c,
    port: 0,
    log: (line) => logs.push(line),
  });
  afterAll(() => preview.close());

  it("issue 22: serves the page and the email with a strict CSP and no framing by others", async () => {
    const page = await fetch(preview.url);
    const policy = page.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([^']+)'/u.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(await page.text()).toContain(`<script nonce="${nonce}">`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    // A fresh nonce each time.
    const again = (await fetch(preview.url)).headers.get("content-security-policy");
    expect(again).not.toBe(policy);
    const email = await fetch(`${preview.url}email.html`);
    expect(email.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'",
    );
    expect(email.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("answers on 127.0.0.1 with the page, the email, its text and MJML", async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/u);
    const page = await (await fetch(preview.url)).text();
    expect(page).toContain('id="subject">Ukraine, USA:');
    expect(page).toContain('id="preheader">Phone call between Austin');
    expect(page).toContain('<p id="warnings">None.</p>');
    expect(await (await fetch(`${preview.url}email.html`)).text()).toContain("<h1>Ukraine, USA:");
    expect(await (await fetch(`${preview.url}email.txt`)).text()).toContain("KEY QUOTES");
    expect(await (await fetch(`${preview.url}email.mjml`)).text()).toContain("<mj-column");
  });

  it("refuses paths outside its routes, traversal included", async () => {
    for (const p of [
      "/../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/seeds/2022-10-ukraine-usa-russia-belarus.txt",
      "/newsletter.config.json",
    ]) {
      const status = await rawGet(preview.url, p);
      expect(status.code, p).toBe(404);
      expect(status.body).not.toContain("root:");
    }
  });

  it("refuses a request for another host name (DNS rebinding)", async () => {
    const status = await rawGet(preview.url, "/", "evil.example.com");
    expect(status.code).toBe(403);
  });

  it("shows a template error on the page, keeps running, and recovers", async () => {
    const footer = path.join(project.root, "emails/partials/footer.mjml");
    const good = readFileSync(footer, "utf8");
    writeFileSync(footer, good.replace("<mj-text", "<mj-txt").replace("</mj-text>", "</mj-txt>"));
    await preview.rerender();
    const broken = await (await fetch(preview.url)).text();
    expect(broken).toContain("Render failed");
    expect(broken).toMatch(/footer\.mjml line \d+/u);
    expect(logs.some((l) => l.startsWith("error: template error:"))).toBe(true);
    writeFileSync(footer, good);
    await preview.rerender();
    expect(await (await fetch(preview.url)).text()).toContain('id="subject"');
  });

  it("refuses a test send from another site: a foreign Origin, or no page token", async () => {
    const page = await (await fetch(preview.url)).text();
    const token = /name="token" value="([^"]+)"/u.exec(page)?.[1] ?? "";
    expect(token.length).toBeGreaterThan(16);
    const foreign = await fetch(`${preview.url}send-test`, {
      method: "POST",
      headers: { origin: "https://evil.example" },
      body: new URLSearchParams({ to: "a@example.com", token }),
    });
    expect(foreign.status).toBe(403);
    const tokenless = await fetch(`${preview.url}send-test`, {
      method: "POST",
      body: new URLSearchParams({ to: "a@example.com" }),
    });
    expect(tokenless.status).toBe(403);
    // With the page's token it reaches the sender (none here: 501).
    const own = await fetch(`${preview.url}send-test`, {
      method: "POST",
      body: new URLSearchParams({ to: "a@example.com", token }),
    });
    expect(own.status).toBe(501);
  });

  it("loads the config from the project, so its settings are the ones previewed", () => {
    expect(loadConfig(project.root).topic.title).toBe("Belarus");
  });
});

/** A GET with the path and Host header exactly as given (fetch would normalise both). */
function rawGet(
  base: string,
  pathname: string,
  host?: string,
): Promise<{ code: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: pathname, headers: host ? { host } : {} },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => {
          body += d.toString();
        });
        res.on("end", () => resolve({ code: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}
