/**
 * A small, bounded MIME reader for mail that comes back (bounces, complaints, unsubscribes):
 * headers unfolded, multipart split by boundary, base64 and quoted-printable undone. General
 * parsers (mailparser) fold report parts such as message/delivery-status into the text body,
 * which loses exactly what a bounce says; this keeps every part with its type. Untrusted input:
 * depth, part count and size are bounded.
 */

export interface MimePart {
  /** Header names lower-cased; values unfolded; a repeated header keeps every value. */
  headers: Map<string, string[]>;
  /** Lower-cased media type, e.g. `message/delivery-status`. */
  type: string;
  params: Record<string, string>;
  /** The decoded body as text (latin1 for bytes that are not UTF-8 text). */
  body: string;
  parts: MimePart[];
}

const MAX_DEPTH = 6;
const MAX_PARTS = 64;

export function parseMime(raw: Buffer | string): MimePart {
  const text = typeof raw === "string" ? raw : raw.toString("latin1");
  const counter = { parts: 0 };
  return parsePart(text.replace(/\r\n/gu, "\n"), 0, counter);
}

function parsePart(text: string, depth: number, counter: { parts: number }): MimePart {
  counter.parts++;
  const split = text.search(/\n\n/u);
  const headText = split < 0 ? text : text.slice(0, split);
  const bodyText = split < 0 ? "" : text.slice(split + 2);
  const headers = parseHeaders(headText);
  const [type, params] = parseContentType(first(headers, "content-type") ?? "text/plain");
  const part: MimePart = { headers, type, params, body: "", parts: [] };
  const boundary = params.boundary;
  if (type.startsWith("multipart/") && boundary && depth < MAX_DEPTH) {
    for (const chunk of splitMultipart(bodyText, boundary)) {
      if (counter.parts >= MAX_PARTS) break;
      part.parts.push(parsePart(chunk, depth + 1, counter));
    }
    return part;
  }
  part.body = decodeBody(bodyText, first(headers, "content-transfer-encoding") ?? "");
  // An attached message (message/rfc822) is a part too: its headers name the original.
  if (type === "message/rfc822" && depth < MAX_DEPTH && counter.parts < MAX_PARTS)
    part.parts.push(parsePart(part.body, depth + 1, counter));
  return part;
}

export function parseHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of text.replace(/\n[ \t]+/gu, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  return headers;
}

export function first(headers: Map<string, string[]>, name: string): string | undefined {
  return headers.get(name)?.[0];
}

function parseContentType(value: string): [string, Record<string, string>] {
  const [type = "", ...rest] = value.split(";");
  const params: Record<string, string> = {};
  for (const m of rest.join(";").matchAll(/([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]+)/gu)) {
    const raw = m[2] as string;
    params[(m[1] as string).toLowerCase()] = raw.startsWith('"')
      ? raw.slice(1, -1).replace(/\\(.)/gu, "$1")
      : raw;
  }
  return [type.trim().toLowerCase(), params];
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const chunks: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split("\n")) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) chunks.push(current.join("\n"));
      if (trimmed.endsWith("--") && trimmed !== delimiter) return chunks;
      current = [];
    } else current?.push(line);
  }
  if (current && current.length > 0) chunks.push(current.join("\n"));
  return chunks;
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.trim().toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/gu, ""), "base64").toString("latin1");
    case "quoted-printable":
      return body
        .replace(/=\n/gu, "")
        .replace(/=([0-9A-Fa-f]{2})/gu, (_, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        );
    default:
      return body;
  }
}

/** Every part, depth first (the root first). */
export function* walk(part: MimePart): Generator<MimePart> {
  yield part;
  for (const child of part.parts) yield* walk(child);
}

/**
 * Field blocks of a report body (message/delivery-status, message/feedback-report): header-style
 * fields in blocks separated by blank lines; the first block is per message, the rest per
 * recipient.
 */
export function reportBlocks(body: string): Array<Map<string, string[]>> {
  return body
    .replace(/\r\n/gu, "\n")
    .split(/\n\s*\n/u)
    .map((block) => parseHeaders(block))
    .filter((block) => block.size > 0);
}
