import { readFileSync, statSync } from "node:fs";
import { type ErrorCode, NewsletterError } from "../errors.ts";

/**
 * Reads a file that must be a regular one (a FIFO would block for ever, /dev/zero never ends)
 * and no larger than `limit`: every refusal is one line, with the caller's error codes.
 */
export function readRegularFile(
  file: string,
  limit: number,
  codes: { missing: ErrorCode; unreadable: ErrorCode; tooLarge: ErrorCode },
): Buffer {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile())
      throw new NewsletterError(codes.unreadable, `${file}: is not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof NewsletterError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new NewsletterError(
      code === "ENOENT" ? codes.missing : codes.unreadable,
      code === "ENOENT" ? `${file}: no such file` : `${file}: cannot be read (${code})`,
      { cause: error },
    );
  }
  if (size > limit)
    throw new NewsletterError(
      codes.tooLarge,
      `${file}: larger than ${Math.round(limit / 1048576)} MB; not read`,
    );
  return readFileSync(file);
}
