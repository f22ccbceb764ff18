import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Config, loadConfig } from "../../src/config.ts";
import { ROOT } from "./cli.ts";

export const SEED = path.join(ROOT, "seeds/2022-10-ukraine-usa-russia-belarus.txt");

/**
 * A throwaway copy of the project's seeds, templates, config and sample list, with its own data
 * folder, so a test can edit files and send mail without touching the repository.
 */
export function tempProject(): { root: string; dataDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), "newsletter-project-"));
  for (const entry of ["seeds", "emails", "newsletter.config.json", "subscribers.sample.csv"]) {
    cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
  }
  return { root, dataDir: path.join(root, "data") };
}

/** Config for a project root, with settings given as environment variables. */
export function testConfig(root: string, env: Record<string, string> = {}): Config {
  return loadConfig(root, {
    NEWSLETTER_DATA_DIR: path.join(root, "data"),
    NEWSLETTER_RETRY_BASE_MS: "10",
    // A real-looking sender: the placeholder is refused once SMTP_URL is set.
    NEWSLETTER_FROM: "brief@news.example.com",
    ...env,
  });
}

/** Writes an article file in the seeds format and returns its path. */
export function writeArticle(
  dir: string,
  name: string,
  headline: string,
  standfirst: string,
  paragraphs: string[],
): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${headline}\n\n${standfirst}\n\n${paragraphs.join("\n\n")}\n`);
  return file;
}

/** A second, short article in the project's seeds (the next issue after the seed). */
export function writeNextArticle(root: string): string {
  return writeArticle(path.join(root, "seeds"), "zz-next.txt", "Next story", "Standfirst.", [
    "A paragraph of the next story, long enough to be a paragraph.",
  ]);
}
