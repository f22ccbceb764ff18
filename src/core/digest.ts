import type { Article } from "./article.ts";
import { selectKeyQuotes } from "./key-quotes.ts";
import { buildLead } from "./lead.ts";
import { extractQuotes, type Quote } from "./quotes.ts";
import { type Topic, topicParagraphs } from "./topic.ts";

export interface Sidebar {
  title: string;
  /** Indexes of the paragraphs about the topic. */
  paragraphs: number[];
  /** The quotations standing in those paragraphs. */
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
  const quotes = extractQuotes(article.paragraphs);
  const sidebarParagraphs = topicParagraphs(article.paragraphs, topic);
  const sidebar =
    sidebarParagraphs.length === 0
      ? null
      : {
          title: topic.title,
          paragraphs: sidebarParagraphs,
          quotes: quotes.filter((q) => sidebarParagraphs.includes(q.paragraph)),
        };
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    lead: buildLead(article.paragraphs),
    paragraphs: article.paragraphs,
    quotes,
    keyQuotes: selectKeyQuotes(quotes, sidebarParagraphs),
    sidebar,
  };
}
