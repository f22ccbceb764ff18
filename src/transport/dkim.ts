import { createHash, createPrivateKey, type KeyObject, sign } from "node:crypto";

/**
 * DKIM signing (RFC 6376, relaxed/relaxed; RSA-SHA256 or Ed25519-SHA256, RFC 8463) with
 * oversigning: every signed header is named in `h=` once more than the message has it, so a
 * copy added in transit (a forged List-Unsubscribe above ours) breaks the signature instead of
 * riding on it. nodemailer's signer names each header once, which is why this one exists.
 */
export interface DkimSettings {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** The headers signed, each oversigned; a header the message lacks is signed as absent. */
export const SIGNED_HEADERS = [
  "from",
  "to",
  "subject",
  "date",
  "message-id",
  "reply-to",
  "mime-version",
  "content-type",
  "list-id",
  "list-unsubscribe",
  "list-unsubscribe-post",
  "feedback-id",
] as const;

interface HeaderField {
  name: string;
  /** The whole field as it stands, folded lines and all, without the final CRLF. */
  raw: string;
}

export function dkimSigner(settings: DkimSettings): (message: Buffer) => Buffer {
  const key = createPrivateKey(settings.privateKey);
  const ed25519 = key.asymmetricKeyType === "ed25519";
  return (message) => signMessage(message, settings, key, ed25519, new Date());
}

function signMessage(
  message: Buffer,
  settings: DkimSettings,
  key: KeyObject,
  ed25519: boolean,
  now: Date,
): Buffer {
  const text = message.toString("latin1");
  const split = text.indexOf("\r\n\r\n");
  const head = split === -1 ? text : text.slice(0, split);
  const body = split === -1 ? "" : text.slice(split + 4);
  const fields = parseHeader(head);
  const names: string[] = [];
  for (const name of SIGNED_HEADERS) {
    const present = fields.filter((f) => f.name === name).length;
    if (present > 0 || name === "from") for (let i = 0; i <= present; i++) names.push(name);
  }
  const tags = [
    "v=1",
    `a=${ed25519 ? "ed25519" : "rsa"}-sha256`,
    "c=relaxed/relaxed",
    `d=${settings.domainName}`,
    `s=${settings.keySelector}`,
    `t=${Math.floor(now.getTime() / 1000)}`,
    `h=${names.join(":")}`,
    `bh=${createHash("sha256").update(relaxedBody(body), "latin1").digest("base64")}`,
    "b=",
  ];
  const unsigned = `DKIM-Signature: ${tags.join("; ")}`;
  const data = `${signedHeaders(fields, names)}${relaxedHeader(unsigned)}`;
  const signature = ed25519
    ? sign(null, createHash("sha256").update(data, "latin1").digest(), key)
    : sign("sha256", Buffer.from(data, "latin1"), key);
  const header = fold(`${unsigned}${signature.toString("base64")}`);
  return Buffer.concat([Buffer.from(`${header}\r\n`, "latin1"), message]);
}

/** The header's fields, continuation lines joined to the field they continue. */
function parseHeader(head: string): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of head.split("\r\n")) {
    const last = fields[fields.length - 1];
    if (/^[ \t]/u.test(line) && last) last.raw += `\r\n${line}`;
    else if (line.includes(":"))
      fields.push({ name: line.slice(0, line.indexOf(":")).trim().toLowerCase(), raw: line });
  }
  return fields;
}

/**
 * The signed fields in `h=` order: each name takes the next instance from the bottom, and a
 * name listed more often than the message has it adds nothing (RFC 6376 5.4.2).
 */
function signedHeaders(fields: HeaderField[], names: string[]): string {
  const used = new Map<string, number>();
  let out = "";
  for (const name of names) {
    const instances = fields.filter((f) => f.name === name);
    const taken = used.get(name) ?? 0;
    used.set(name, taken + 1);
    const field = instances[instances.length - 1 - taken];
    if (field) out += `${relaxedHeader(field.raw)}\r\n`;
  }
  return out;
}

/** Relaxed header canonicalization: lower-case name, unfolded, white space runs as one space. */
export function relaxedHeader(raw: string): string {
  const colon = raw.indexOf(":");
  const name = raw.slice(0, colon).trim().toLowerCase();
  const value = raw
    .slice(colon + 1)
    .replace(/\r\n(?=[ \t])/gu, "")
    .replace(/[ \t]+/gu, " ")
    .trim();
  return `${name}:${value}`;
}

/** Relaxed body canonicalization: runs of white space as one space, none at line ends or the end. */
export function relaxedBody(body: string): string {
  const lines = body.split("\r\n").map((l) => l.replace(/[ \t]+/gu, " ").replace(/ $/u, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.length === 0 ? "" : `${lines.join("\r\n")}\r\n`;
}

/**
 * Folds the signature header between tags, and inside the `b=` value (base64, where folding
 * white space is allowed), under 78 characters a line; other values are never split.
 */
function fold(header: string): string {
  const lines: string[] = [];
  let line = "";
  for (const part of header.split(/(?<=;) /u)) {
    if (line && line.length + part.length + 1 > 76) {
      lines.push(line);
      line = ` ${part}`;
    } else line = line ? `${line} ${part}` : part;
    if (part.startsWith("b="))
      while (line.length > 76) {
        lines.push(line.slice(0, 76));
        line = ` ${line.slice(76)}`;
      }
  }
  lines.push(line);
  return lines.join("\r\n");
}
