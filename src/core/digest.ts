import type { Article } from "./article.ts";
import { KEY_QUOTE_THRESHOLD } from "./attribution.ts";
import { selectKeyQuotes } from "./key-quotes.ts";
import { buildLead } from "./lead.ts";
import { explainQuotes, type Quote } from "./quotes.ts";
import { type Topic, topicParagraphs } from "./topic.ts";

export interface Sidebar {
  title: string;
  /** Indexes of the paragraphs about the topic. */
  paragraphs: number[];
  /** The quotations standing in those paragraphs whose speaker is sure (shown under a name). */
  quotes: Quote[];
}

/** The Digest JSON of DESIGN.md, plus `lead` (an addition the email needs). */
export interface Digest {
  headline: string;
  standfirst: string;
  lead: string;
  paragraphs: string[];
  quotes: Quote[];
  keyQuotes: Quote[];
  sidebar: Sidebar | null;
}

/** Article → Digest: pure and deterministic, the same article and topic give the same digest. */
export function buildDigest(article: Article, topic: Topic): Digest {
  const explained = explainQuotes(article.paragraphs);
  const quotes: Quote[] = explained.map(({ text, speaker, paragraph }) => ({
    text,
    speaker,
    paragraph,
  }));
  const confidence = new Map(quotes.map((q, i) => [q, explained[i]?.confidence ?? 0]));
  const sidebarParagraphs = topicParagraphs(article.paragraphs, topic);
  const lead = buildLead(article.paragraphs);
  const sidebar =
    sidebarParagraphs.length === 0
      ? null
      : {
          title: topic.title,
          paragraphs: sidebarParagraphs,
          quotes: quotes.filter(
            (q) =>
              sidebarParagraphs.includes(q.paragraph) &&
              q.speaker !== null &&
              (confidence.get(q) ?? 0) >= KEY_QUOTE_THRESHOLD,
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
      confident: (q) => (confidence.get(q) ?? 0) >= KEY_QUOTE_THRESHOLD,
    }),
    sidebar,
  };
}
