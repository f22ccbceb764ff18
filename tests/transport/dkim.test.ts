import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dkimSigner, relaxedBody, relaxedHeader } from "../../src/transport/dkim.ts";

/**
 * Issue 23: DKIM oversigning, verified by an independent implementation (dkimpy, Debian's
 * python3-dkim, which .ci/run installs) with the test's public key standing in for DNS.
 */
const PYTHON = "/usr/bin/python3";
const hasDkimpy =
  existsSync(PYTHON) &&
  (() => {
    try {
      execFileSync(PYTHON, ["-c", "import dkim"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

const VERIFY = `
import sys, dkim, base64
pub = sys.argv[1].encode()
def dns(name, timeout=5):
    return b"v=DKIM1; k=" + sys.argv[2].encode() + b"; p=" + pub
msg = sys.stdin.buffer.read()
print("pass" if dkim.verify(msg, dnsfunc=dns) else "fail")
`;

function verify(message: Buffer, publicKeyDer: string, kind: "rsa" | "ed25519"): string {
  return execFileSync(PYTHON, ["-c", VERIFY, publicKeyDer, kind], { input: message })
    .toString()
    .trim();
}

const MESSAGE = Buffer.from(
  [
    "From: The Brief <brief@news.example.com>",
    "To: reader@example.org",
    "Subject: Today's brief",
    "Date: Sun, 06 Dec 2026 07:00:00 +0000",
    "Message-ID: <1@news.example.com>",
    "MIME-Version: 1.0",
    "List-Unsubscribe: <https://news.example.com/unsubscribe?token=abc>",
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Hello  reader,   ",
    "the brief.",
    "",
    "",
  ].join("\r\n"),
  "latin1",
);

describe("DKIM oversigning", () => {
  it("names every signed header once more than the message has it", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const sign = dkimSigner({
      domainName: "news.example.com",
      keySelector: "s1",
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    });
    const head = sign(MESSAGE).toString("latin1").split("\r\n\r\n")[0] ?? "";
    const h = /h=([^;]+);/u.exec(head.replace(/\r\n[ \t]/gu, " "))?.[1]?.split(":") ?? [];
    const count = (name: string) => h.filter((n) => n === name).length;
    expect(count("from")).toBe(2);
    expect(count("subject")).toBe(2);
    expect(count("list-unsubscribe")).toBe(2);
    expect(count("list-unsubscribe-post")).toBe(2);
    for (const line of head.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
  });

  it("canonicalizes as RFC 6376's relaxed examples say", () => {
    expect(relaxedHeader("SubJect:  A  \r\n\tfolded   subject ")).toBe("subject:A folded subject");
    expect(relaxedBody(" C \r\nD \t E\r\n\r\n\r\n")).toBe(" C\r\nD E\r\n");
    expect(relaxedBody("\r\n\r\n")).toBe("");
  });

  // (Required in CI, where .ci/run installs it; skipped on a machine without it.)
  it.skipIf(!hasDkimpy && process.env.CI !== "true")(
    "verifies with an independent implementation, and fails once a forged List-Unsubscribe is added above",
    () => {
      for (const kind of ["rsa", "ed25519"] as const) {
        const { privateKey, publicKey } =
          kind === "rsa"
            ? generateKeyPairSync("rsa", { modulusLength: 2048 })
            : generateKeyPairSync("ed25519");
        const der = publicKey.export({ type: "spki", format: "der" });
        // dkimpy wants the raw 32-byte key for Ed25519 (RFC 8463), the SPKI for RSA.
        const p = (kind === "ed25519" ? der.subarray(der.length - 32) : der).toString("base64");
        const sign = dkimSigner({
          domainName: "news.example.com",
          keySelector: "s1",
          privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        });
        const signed = sign(MESSAGE);
        expect(verify(signed, p, kind)).toBe("pass");
        const forged = Buffer.concat([
          Buffer.from("List-Unsubscribe: <https://evil.example/unsubscribe>\r\n"),
          signed,
        ]);
        expect(verify(forged, p, kind)).toBe("fail");
        const secondSubject = Buffer.concat([Buffer.from("Subject: Act now\r\n"), signed]);
        expect(verify(secondSubject, p, kind)).toBe("fail");
      }
    },
  );
});
