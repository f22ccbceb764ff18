// issue/: article + templates → a recorded issue.
import { createHash, randomBytes } from "node:crypto";
import type { Config } from "../config.ts";
import { type ExplainedQuote, explainQuotes } from "../digest/attribution/quotes.ts";
import { applyCorrections, type Correction, correctExplained } from "../digest/corrections.ts";
import { buildDigest, type Digest } from "../digest/digest.ts";
import { type CompiledEmail, compileEmail } from "../email/compile-email.ts";
import { formatIssueDate } from "../email/email-view.ts";
import { loadArticleSource } from "../sources/article-source.ts";
import { tagParagraphsSoon } from "./tag-apart.ts";
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
  /** Every quotation with how its speaker was decided, for the preview's quotes panel. */
  quotes: QuoteNote[];
}

/** One quotation as the preview's quotes panel shows it (JSON-safe, small). */
export interface QuoteNote {
  /** Its number in `digest --explain` (and for `correct`). */
  n: number;
  text: string;
  paragraph: number;
  kind: "quote" | "term";
  speaker: string | null;
  confidence: number;
  rule: string;
  cue: string | null;
  /** The speaker ranker's candidates and "nobody", with their probabilities. */
  alternatives: Array<{ name: string; probability: number }>;
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
  // Read once: the digest and the preview's quotes panel share the same attribution.
  const explained = explainQuotes(article.paragraphs, await tagParagraphsSoon(article.paragraphs));
  const digest = applyCorrections(buildDigest(article, config.topic, explained), corrections);
  const quotes = quoteNotes(correctExplained(explained, corrections));
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
    quotes,
  };
}

function quoteNotes(explained: readonly ExplainedQuote[]): QuoteNote[] {
  const round = (p: number) => Math.round(p * 100) / 100;
  return explained.map((q, i) => ({
    n: i + 1,
    text: q.text,
    paragraph: q.paragraph,
    kind: q.kind,
    speaker: q.speaker,
    confidence: q.confidence,
    rule: q.rule,
    cue: q.cue,
    alternatives: q.speakers
      ? [
          ...q.speakers.candidates
            .slice(0, 4)
            .map((c) => ({ name: c.person.name, probability: round(c.probability) })),
          { name: "nobody", probability: round(q.speakers.nobody.probability) },
        ]
      : [],
  }));
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
