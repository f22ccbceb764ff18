// issue/: article + templates → a recorded issue.
import { createHash, randomBytes } from "node:crypto";
import type { Config } from "../config.ts";
import { applyCorrections, type Correction } from "../digest/corrections.ts";
import { buildDigest, type Digest } from "../digest/digest.ts";
import { type CompiledEmail, compileEmail } from "../email/compile-email.ts";
import { formatIssueDate } from "../email/email-view.ts";
import { loadArticleSource } from "../sources/article-source.ts";
import { loadTemplates } from "./templates.ts";

/** One article made into one email: what preview shows and send delivers. */
export interface RenderedIssue {
  /** Stable for the same article bytes and templates: a re-send reaches only those not yet sent. */
  issueId: string;
  /** Stable for the same article bytes, whatever the templates. */
  articleHash: string;
  /** The article's identity, stable across edits (its file name): "was this article sent?" */
  articleKey: string;
  articleFile: string;
  digest: Digest;
  email: CompiledEmail;
}

/**
 * Reads the article (default: newest seed) and templates, builds the digest, compiles the email.
 * `now` dates the issue; I/O is here so the core stays pure.
 */
/** The settings a render reads (all of them plain data, so a child process can be given them). */
export type RenderSettings = Pick<
  Config,
  "seedsDir" | "emailsDir" | "topic" | "newsletter" | "timeZone" | "feed" | "dataDir" | "publicUrl"
> & {
  /** Editors' corrections by article key (issue 24): the render applies its article's. */
  corrections?: Readonly<Record<string, readonly Correction[]>>;
};

export async function renderIssue(
  config: RenderSettings,
  articleFile: string | undefined,
  now: Date,
): Promise<RenderedIssue> {
  const { article, bytes, key, file } = await loadArticleSource(config, articleFile);
  const templates = loadTemplates(config.emailsDir);
  const corrections = config.corrections?.[key] ?? [];
  const digest = applyCorrections(buildDigest(article, config.topic), corrections);
  const articleHash = sha256(bytes).slice(0, 16);
  // The id comes from the article, templates, topic and an editor's corrections, so the email
  // can link to its own page, and a corrected issue is a new one.
  const issueId = sha256(
    `${articleHash}\0${templates.fingerprint}\0${JSON.stringify(config.topic)}${
      corrections.length > 0 ? `\0${JSON.stringify(corrections)}` : ""
    }`,
  ).slice(0, 16);
  const email = await compileEmail(
    digest,
    templates,
    {
      newsletterName: config.newsletter.name,
      why: config.newsletter.why,
      postalAddress: config.newsletter.postalAddress,
      ...(config.newsletter.utm ? { utm: config.newsletter.utm } : {}),
      greeting: config.newsletter.greeting,
      ...(config.newsletter.brand ? { brand: config.newsletter.brand } : {}),
      issueDate: formatIssueDate(now, config.timeZone),
      ...(digest.published
        ? { articleDate: formatIssueDate(new Date(digest.published), config.timeZone) }
        : {}),
      // Only an https PUBLIC_URL is linked: every link in a mail is https (a local http one
      // would reach no reader).
      ...(config.publicUrl.startsWith("https://")
        ? { webUrl: `${config.publicUrl}/issues/${issueId}` }
        : {}),
    },
    randomBytes(9).toString("hex"),
  );
  return {
    issueId,
    articleHash,
    articleKey: key,
    articleFile: file,
    digest,
    email,
  };
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
