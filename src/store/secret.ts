import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { NewsletterError } from "../errors.ts";
import type { EventStore } from "./store.ts";

/** A key shorter than this is refused: every token signed with it could be forged. */
export const MIN_SECRET_BYTES = 32;

/**
 * The unsubscribe HMAC key: UNSUBSCRIBE_SECRET when set, else one generated on first use and
 * kept in the data folder (mode 600), so links in mail already sent keep working.
 *
 * The file is written whole or not at all: to a temporary file, synced, then linked into place
 * (a link fails if another process made the key meanwhile, and then theirs is used). A key file
 * that is empty or short (a disk that filled up under an older version) is refused, never used.
 */
/**
 * The key for a store: UNSUBSCRIBE_SECRET when set; else, on PostgreSQL, one generated once and
 * kept in the database (every host's endpoint must check every host's links); else the data
 * folder's file.
 */
export async function secretFor(
  configured: string | undefined,
  dataDir: string,
  store: EventStore,
): Promise<string> {
  if (configured) return unsubscribeSecret(configured, dataDir);
  const shared = await store.sharedSecret(() => randomBytes(32).toString("base64url"));
  return shared ?? unsubscribeSecret(undefined, dataDir);
}

export function unsubscribeSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, "unsubscribe-secret");
  const existing = readKey(file);
  if (existing !== undefined) return existing;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const fd = openSync(temporary, "wx", 0o600);
    try {
      writeSync(fd, `${secret}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(temporary, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readKey(file) ?? secret;
    throw new NewsletterError(
      "STORE_FAILED",
      `cannot write the unsubscribe key ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone.
    }
  }
}

function readKey(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new NewsletterError(
      "STORE_FAILED",
      `cannot read the unsubscribe key ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (Buffer.byteLength(text) < MIN_SECRET_BYTES) {
    throw new NewsletterError(
      "STORE_FAILED",
      `the unsubscribe key ${file} is ${text === "" ? "empty" : "too short"}; tokens signed with it could be forged. Delete the file to make a new key (links in mail already sent stop working) or set UNSUBSCRIBE_SECRET`,
    );
  }
  return text;
}
