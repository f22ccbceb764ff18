// email/: pure: Digest → one compiled email; slots, personalisation, MIME, signed links.
import mjml2html from "mjml";
import Mustache from "mustache";
import type { Digest } from "../digest/digest.ts";
import { NewsletterError } from "../errors.ts";
import { buildEmailView, type EmailMeta } from "./email-view.ts";
import { escapeHtml } from "./escape.ts";
import { renderPlainText } from "./plain-text.ts";

/**
 * Digest → one compiled email, once per issue. The order, written once here:
 *
 * 1. the templates are validated alone (cached per template fingerprint): every Mustache tag is
 *    replaced by inert text of the same line, so mjml's strict validation reports template
 *    errors at the template's own file and line;
 * 2. the view (plain strings, summarised) fills each template file through an mjml
 *    preprocessor, which runs on the main file and on every `mj-include`d partial; Mustache
 *    HTML-escapes every value, so article text never becomes markup;
 * 3. mjml compiles at strict validation with includes on and confined to the templates folder;
 *    a denied or unreadable include, which mjml 5 only leaves as an HTML comment, is an error;
 * 4. the plain-text part is rendered from the same view.
 *
 * Per-subscriber fields stay as slot tokens, replaced by `personalize` without compiling again.
 */

export interface TemplateSource {
  /** Absolute path of the main template (emails/digest.mjml). */
  mainFile: string;
  /** Its text. */
  main: string;
  /** Folder includes may read from. */
  includeDir: string;
  /** Changes whenever any template file changes (validation is cached on it). */
  fingerprint: string;
}

import { makeSlots, type Slots } from "./slots.ts";

export type { Slots };

export interface CompiledEmail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  /** The filled MJML, includes inlined, for preview and debugging. */
  mjml: string;
  /** mjml's warnings (none at strict validation unless templates change level). */
  warnings: string[];
  slots: Slots;
}

export { makeSlots };

const validated = new Set<string>();

export async function compileEmail(
  digest: Digest,
  template: TemplateSource,
  meta: Omit<EmailMeta, "slots">,
  nonce: string,
): Promise<CompiledEmail> {
  const slots = makeSlots(nonce);
  const view = buildEmailView(digest, { ...meta, slots });
  if (!validated.has(template.fingerprint)) {
    await runMjml(template, neutralizeTags);
    validated.add(template.fingerprint);
  }
  const fill = (xml: string) => Mustache.render(xml, view, undefined, { escape: escapeHtml });
  const result = await runMjml(template, fill);
  return {
    subject: view.headline,
    preheader: view.standfirst,
    html: result.html,
    text: renderPlainText(view),
    mjml: toMjml(result.json),
    warnings: result.errors.map((e) => e.formattedMessage),
    slots,
  };
}

/**
 * Values for tags whose place mjml type-checks (a column width): the rest become their own name.
 * Keep in step with `EmailView` when a template uses a new field in a typed attribute.
 */
const NEUTRAL_VALUES: Record<string, string> = {
  accent: "#174a7c",
  fonts: "Georgia, serif",
  "logo.src": "https://example.com/logo.png",
};

/** Replaces Mustache tags by inert text on the same line, keeping every line number. */
export function neutralizeTags(xml: string): string {
  return xml.replace(
    /\{\{\{?\s*([#^/!>]?)\s*([^}]*?)\s*\}?\}\}/gu,
    (_m, sigil: string, name: string) =>
      sigil === "" ? (NEUTRAL_VALUES[name] ?? (name.replace(/[^\w]/gu, "") || "x")) : "",
  );
}

interface MjmlResult {
  html: string;
  json: MjmlNode;
  errors: Array<{ formattedMessage: string; line?: number; message: string; tagName?: string }>;
}

interface MjmlNode {
  tagName: string;
  attributes?: Record<string, string>;
  children?: MjmlNode[];
  content?: string;
}

async function runMjml(
  template: TemplateSource,
  preprocess: (xml: string) => string,
): Promise<MjmlResult> {
  let result: MjmlResult;
  try {
    result = (await mjml2html(template.main, {
      validationLevel: "strict",
      filePath: template.mainFile,
      actualPath: template.mainFile,
      ignoreIncludes: false,
      includePath: template.includeDir,
      preprocessors: [preprocess],
      keepComments: false,
      fonts: {},
    } as Parameters<typeof mjml2html>[1])) as unknown as MjmlResult;
  } catch (error) {
    throw new NewsletterError("TEMPLATE_INVALID", `template error: ${describeMjmlError(error)}`, {
      cause: error,
    });
  }
  const denied = /<!-- mj-include (denied|fails to read file[^>]*) -->/u.exec(result.html);
  if (denied) {
    throw new NewsletterError(
      "TEMPLATE_INVALID",
      `template error: an mj-include in ${template.mainFile} or its partials was ${denied[1]?.startsWith("denied") ? "denied (outside the templates folder)" : `not readable (${denied[1]})`}`,
    );
  }
  return result;
}

function describeMjmlError(error: unknown): string {
  const details = (error as { errors?: Array<{ formattedMessage?: string; message?: string }> })
    .errors;
  if (Array.isArray(details) && details.length > 0) {
    return details
      .map((d) =>
        (d.formattedMessage ?? d.message ?? "").replace(/^Line (\d+) of (\S+?),? /u, "$2 line $1 "),
      )
      .join("; ");
  }
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
}

/** Serialises mjml's parsed tree back to MJML, escaping attribute values. */
function toMjml(node: MjmlNode, depth = 0): string {
  const pad = "  ".repeat(depth);
  const attributes = Object.entries(node.attributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join("");
  const children = node.children ?? [];
  if (children.length === 0)
    return `${pad}<${node.tagName}${attributes}>${node.content ?? ""}</${node.tagName}>`;
  return `${pad}<${node.tagName}${attributes}>\n${children.map((c) => toMjml(c, depth + 1)).join("\n")}\n${pad}</${node.tagName}>`;
}
