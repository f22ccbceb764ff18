import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, withTopic } from "../../src/config.ts";
import { issueHeaders } from "../../src/send/send-issue.ts";
import { runCli } from "../helpers/cli.ts";
import { tempProject } from "../helpers/project.ts";
import { startSmtp } from "../helpers/smtp.ts";

function configError(env: Record<string, string>): string {
  const { root } = tempProject();
  try {
    loadConfig(root, env);
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("issue 9: safe defaults before real mail goes out", () => {
  it("accepts NEWSLETTER_FROM as `Name <addr>`; its name overrides the newsletter's", () => {
    const { root } = tempProject();
    const config = loadConfig(root, { NEWSLETTER_FROM: "Digest <digest@news.example.org>" });
    expect(config.from).toBe("digest@news.example.org");
    expect(config.fromName).toBe("Digest");
    expect(issueHeaders(config, "x", new Date()).fromName).toBe("Digest");
    const plain = loadConfig(root, { NEWSLETTER_FROM: "digest@news.example.org" });
    expect(plain.fromName).toBe(plain.newsletter.name);
  });

  it("refuses the placeholder From and a plain-http PUBLIC_URL once SMTP_URL points at a relay", () => {
    const message = configError({
      SMTP_URL: "smtp://user:pw@mail.example.com:587",
      PUBLIC_URL: "http://news.example.com",
    });
    expect(message).toContain("NEWSLETTER_FROM: set a real sender address");
    expect(message).toContain("PUBLIC_URL: must be https://");
    expect(
      configError({
        SMTP_URL: "smtp://mail.example.com:587",
        NEWSLETTER_FROM: "brief@news.example.com",
      }),
    ).toContain("PUBLIC_URL: must be https://");
    // A local test inbox: loopback SMTP with the loopback default is fine.
    expect(
      configError({ SMTP_URL: "smtp://127.0.0.1:2525", NEWSLETTER_FROM: "brief@news.example.com" }),
    ).toBe("");
    expect(
      configError({
        SMTP_URL: "smtp://mail.example.com:587",
        NEWSLETTER_FROM: "brief@news.example.com",
        PUBLIC_URL: "https://news.example.com",
      }),
    ).toBe("");
  });

  it("refuses --terms without --topic rather than keeping the old title", () => {
    const { root } = tempProject();
    const config = loadConfig(root, {});
    expect(() => withTopic(config, undefined, "Minsk")).toThrow(/--terms needs --topic too/u);
    expect(withTopic(config, "Trams", "tram").topic).toEqual({ title: "Trams", terms: ["tram"] });
  });

  it("gives every test send its own Message-ID", async () => {
    const smtp = await startSmtp();
    const { root } = tempProject();
    const env = {
      NEWSLETTER_ROOT: root,
      NEWSLETTER_DATA_DIR: `${root}/data`,
      SMTP_URL: smtp.url,
      NEWSLETTER_FROM: "Brief <brief@news.example.com>",
    };
    for (let i = 0; i < 2; i++)
      expect((await runCli(["send", "--to", "ed@example.com"], { env })).code).toBe(0);
    const ids = smtp.received.map((r) => r.parsed.messageId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    expect(smtp.received[0]?.parsed.from?.text).toBe('"Brief" <brief@news.example.com>');
    await smtp.close();
  });

  it("says an empty list is empty, and warns of a DKIM domain that does not align", async () => {
    const smtp = await startSmtp();
    const { root } = tempProject();
    const { privateKey } = await import("node:crypto").then((c) =>
      c.generateKeyPairSync("rsa", { modulusLength: 1024 }),
    );
    const env = {
      NEWSLETTER_ROOT: root,
      NEWSLETTER_DATA_DIR: `${root}/data`,
      SMTP_URL: smtp.url,
      NEWSLETTER_FROM: "brief@news.example.com",
      DKIM_DOMAIN: "other.example.net",
      DKIM_SELECTOR: "s1",
      DKIM_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    };
    const result = await runCli(["send", "--yes"], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("nothing to send: the list has no active subscriber");
    expect(result.stderr).toContain(
      "warning: DKIM_DOMAIN other.example.net does not align with the From domain news.example.com",
    );
    await smtp.close();
  });

  it("refuses preview --out without --once instead of starting a server", async () => {
    const { root } = tempProject();
    const result = await runCli(["preview", "--out", `${root}/out`], {
      env: { NEWSLETTER_ROOT: root },
      timeoutMs: 10_000,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--out writes files only with --once");
  });
});

describe("send renders in a child process (issue 14)", () => {
  it("a missing article or a broken template is still one line, with the renderer's own words", async () => {
    const { root } = tempProject();
    const env = { NEWSLETTER_ROOT: root, NEWSLETTER_DATA_DIR: path.join(root, "data") };
    const missing = await runCli(["send", "--dry-run", "--article", path.join(root, "nope.txt")], {
      env,
    });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/^error: .*nope\.txt: no such article file\n$/u);
    writeFileSync(path.join(root, "emails", "digest.mjml"), "<mjml><mj-body><mj-nonsense>");
    const broken = await runCli(["send", "--dry-run"], { env });
    expect(broken.code).not.toBe(0);
    expect(broken.stderr.trim().split("\n")).toHaveLength(1);
    expect(broken.stderr).toMatch(/digest\.mjml/u);
  }, 60_000);
});
