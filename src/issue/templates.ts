import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Mustache from "mustache";
import type { TemplateSource } from "../email/compile-email.ts";
import { unbalancedTag } from "../email/mjml-tags.ts";
import { NewsletterError } from "../errors.ts";

export const MAIN_TEMPLATE = "digest.mjml";

/**
 * Reads the templates folder: the main template's text, and a fingerprint of every `.mjml` file
 * under it. Each file's Mustache syntax is checked here, where its name is known, so an unclosed
 * section is reported with its file and line.
 */
export function loadTemplates(emailsDir: string): TemplateSource {
  const mainFile = path.join(emailsDir, MAIN_TEMPLATE);
  const hash = createHash("sha256");
  let main = "";
  for (const file of listMjml(emailsDir)) {
    const text = readFileSync(file, "utf8");
    checkMustache(text, file);
    checkTags(text, file);
    // Relative names: the same templates give the same fingerprint (and issue id) wherever
    // the project is checked out.
    hash.update(path.relative(emailsDir, file)).update("\0").update(text).update("\0");
    if (file === mainFile) main = text;
  }
  if (main === "") {
    throw new NewsletterError(
      "TEMPLATE_INVALID",
      `template error: ${mainFile} is missing or empty`,
    );
  }
  return { mainFile, main, includeDir: emailsDir, fingerprint: hash.digest("hex") };
}

function listMjml(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch (error) {
    throw new NewsletterError("TEMPLATE_INVALID", `template error: no templates folder at ${dir}`, {
      cause: error,
    });
  }
  return entries
    .filter((name) => name.endsWith(".mjml"))
    .map((name) => path.join(dir, name))
    .sort();
}

function checkTags(text: string, file: string): void {
  const problem = unbalancedTag(text);
  if (problem)
    throw new NewsletterError(
      "TEMPLATE_INVALID",
      `template error: ${file} line ${problem.line}: ${problem.message}`,
    );
}

function checkMustache(text: string, file: string): void {
  try {
    Mustache.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at (\d+)/u.exec(message);
    const line = at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
    throw new NewsletterError(
      "TEMPLATE_INVALID",
      `template error: ${file}${line ? ` line ${line}` : ""}: ${message.replace(/ at \d+$/u, "")}`,
      { cause: error },
    );
  }
}
