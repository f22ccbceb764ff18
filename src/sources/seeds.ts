import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { type Article, parseArticle } from "../digest/article.ts";
import { NewsletterError } from "../errors.ts";

/** Articles larger than this are refused: no newswire story comes close. */
export const MAX_ARTICLE_BYTES = 20 * 1024 * 1024;

/** Reads and parses one article file, refusing what is not a UTF-8 text article. */
export function readArticle(file: string): Article {
  return loadArticle(file).article;
}

/** The article and the exact bytes it was parsed from (what an issue id is computed over). */
export function loadArticle(file: string): { article: Article; bytes: Buffer } {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (stat.isDirectory())
      throw new NewsletterError("ARTICLE_UNREADABLE", `${file}: is a folder, not an article file`);
    // A FIFO would block for ever and /dev/zero never ends: only regular files are read.
    if (!stat.isFile())
      throw new NewsletterError(
        "ARTICLE_UNREADABLE",
        `${file}: is not a regular file (a device, pipe or socket), so it is not read`,
      );
    if (stat.size > MAX_ARTICLE_BYTES) {
      throw new NewsletterError(
        "ARTICLE_TOO_LARGE",
        `${file}: ${(stat.size / 1048576).toFixed(1)} MB is larger than the 20 MB an article may be`,
      );
    }
    bytes = readBounded(file, MAX_ARTICLE_BYTES);
  } catch (error) {
    if (error instanceof NewsletterError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new NewsletterError("ARTICLE_NOT_FOUND", `${file}: no such article file`, {
        cause: error,
      });
    throw new NewsletterError(
      "ARTICLE_UNREADABLE",
      `${file}: cannot be read (${code ?? String(error)})`,
      { cause: error },
    );
  }
  return { article: parseArticle(decodeText(bytes, file), file), bytes };
}

/** Reads a file to its end, refusing one that turns out longer than `limit` bytes. */
function readBounded(file: string, limit: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > limit)
        throw new NewsletterError(
          "ARTICLE_TOO_LARGE",
          `${file}: is larger than the 20 MB an article may be`,
        );
    }
    return Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}

/** Decodes UTF-8, refusing binary content (NUL bytes, invalid sequences) with a clear message. */
export function decodeText(bytes: Buffer, source: string): string {
  if (bytes.includes(0)) {
    throw new NewsletterError("ARTICLE_BINARY", `${source}: is a binary file, not a text article`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new NewsletterError("ARTICLE_BINARY", `${source}: is not UTF-8 text`, { cause: error });
  }
}

/** The `.txt` files of the seeds folder, newest first by name then modification time. */
export function listSeeds(seedsDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(seedsDir).filter((n) => n.endsWith(".txt"));
  } catch (error) {
    throw new NewsletterError("ARTICLE_NOT_FOUND", `${seedsDir}: no seeds folder`, {
      cause: error,
    });
  }
  // Only regular files count: a dangling link or a pipe named `.txt` is passed over, never
  // read (a pipe would block the scheduler).
  return names
    .flatMap((name) => {
      const file = path.join(seedsDir, name);
      try {
        const stat = statSync(file);
        return stat.isFile() ? [{ file, mtime: stat.mtimeMs }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.mtime - a.mtime || b.file.localeCompare(a.file))
    .map((s) => s.file);
}

/** The newest article of the seeds folder (by modification time). */
export function newestSeed(seedsDir: string): string {
  const [newest] = listSeeds(seedsDir);
  if (!newest)
    throw new NewsletterError(
      "ARTICLE_NOT_FOUND",
      `${seedsDir}: no .txt article in the seeds folder`,
    );
  return newest;
}
