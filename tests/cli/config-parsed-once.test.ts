import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { smtpDescription } from "../../src/transport/smtp.ts";
import { tempProject, testConfig } from "../helpers/project.ts";

describe("issue 21: settings parsed once", () => {
  it("carries SMTP_URL as a parsed server whose shown form hides the password", () => {
    const { root } = tempProject();
    const config = testConfig(root, {
      SMTP_URL: "smtps://mailer:p%40ss@mail.example.com",
      PUBLIC_URL: "https://news.example.com",
    });
    expect(config.smtp).toEqual({
      host: "mail.example.com",
      port: 465,
      secure: true,
      auth: { user: "mailer", pass: "p@ss" },
      shown: "smtps://mailer:***@mail.example.com",
    });
    const described = smtpDescription(config.smtp as NonNullable<typeof config.smtp>, 2);
    expect(described).toBe("SMTP smtps://mailer:***@mail.example.com (2 connections)");
    expect(JSON.stringify(Object.keys(config))).not.toContain("smtpUrl");
  });

  it("says a DKIM domain that does not align with From among the settings' warnings", () => {
    const { root } = tempProject();
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const dkim = { DKIM_SELECTOR: "s1", DKIM_PRIVATE_KEY: pem };
    const aligned = testConfig(root, { ...dkim, DKIM_DOMAIN: "example.com" });
    expect(aligned.warnings).toEqual([]);
    const misaligned = testConfig(root, { ...dkim, DKIM_DOMAIN: "other.org" });
    expect(misaligned.warnings).toEqual([
      "DKIM_DOMAIN other.org does not align with the From domain news.example.com; DMARC will not pass on DKIM",
    ]);
  });
});
