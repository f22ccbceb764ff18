// digest/: pure: Article → Digest (cleaning, quotation spans, key quotes, lead, topic).
import type { Article } from "./article.ts";
import { KEY_QUOTE_THRESHOLD } from "./attribution/attribution.ts";
import { type ExplainedQuote, explainQuotes, type Quote, speechOf } from "./attribution/quotes.ts";
import { selectKeyQuotes } from "./key-quotes.ts";
import { buildLead } from "./lead.ts";
import { type Topic, topicParagraphs } from "./topic.ts";

/**
 * A quotation of the digest: the Digest JSON's `{text, speaker, paragraph}` plus how sure the
 * speaker is (0 to 1; additive). Below `SPEAKER_THRESHOLD` the speaker is already null; the
 * email shows a quotation under a name only at `KEY_QUOTE_THRESHOLD` or more.
 */
export interface DigestQuote extends Quote {
  confidence: number;
}

export interface Sidebar {
  title: string;
  /** Indexes of the paragraphs about the topic. */
  paragraphs: number[];
  /** The attributed quotations standing in those paragraphs. */
  quotes: DigestQuote[];
}

/** The Digest JSON (README, "The Digest JSON"): the design's fields plus `lead` and each quote's `confidence`. */
export interface Digest {
  headline: string;
  standfirst: string;
  lead: string;
  paragraphs: string[];
  quotes: DigestQuote[];
  keyQuotes: DigestQuote[];
  sidebar: Sidebar | null;
  /** From the article's source, when it gives them (a feed, a page, front matter). */
  url?: string;
  byline?: string;
  published?: string;
  source?: string;
}

/** Article → Digest: pure and deterministic, the same article and topic give the same digest. */
export function buildDigest(
  article: Article,
  topic: Topic,
  /** The article's quotations as `explainQuotes` read them, when the caller has them already. */
  allQuotes: readonly ExplainedQuote[] = explainQuotes(article.paragraphs),
): Digest {
  const explained = speechOf(allQuotes);
  const quotes: DigestQuote[] = explained.map(({ text, speaker, paragraph, confidence }) => ({
    text,
    speaker,
    paragraph,
    confidence,
  }));
  const sidebarParagraphs = topicParagraphs(article.paragraphs, topic);
  const lead = buildLead(article.paragraphs);
  const sidebar =
    sidebarParagraphs.length === 0
      ? null
      : {
          title: topic.title,
          paragraphs: sidebarParagraphs,
          quotes: quotes.filter(
            (q) => sidebarParagraphs.includes(q.paragraph) && q.speaker !== null,
          ),
        };
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    lead,
    paragraphs: article.paragraphs,
    quotes,
    keyQuotes: selectKeyQuotes(quotes, {
      sidebarParagraphs,
      lead,
      confident: isConfident,
    }),
    sidebar,
    ...(article.meta ?? {}),
  };
}

/** Sure enough to print under the speaker's name in an email (a key or sidebar quote). */
export function isConfident(quote: DigestQuote): boolean {
  return quote.speaker !== null && quote.confidence >= KEY_QUOTE_THRESHOLD;
}
