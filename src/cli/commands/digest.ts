import path from "node:path";
import { loadConfig, withTopic } from "../../config.ts";
import type { PronounChoice } from "../../digest/attribution/pronoun-ranker.ts";
import { type ExplainedQuote, explainQuotes } from "../../digest/attribution/quotes.ts";
import {
  NOBODY_FEATURES,
  SPEAKER_FEATURES,
  type SpeakerChoice,
} from "../../digest/attribution/speaker-ranker.ts";
import { applyCorrections, correctExplained } from "../../digest/corrections.ts";
import { buildDigest, type Digest } from "../../digest/digest.ts";
import { tagParagraphsSoon } from "../../issue/tag-apart.ts";
import { newestSeed, readArticle } from "../../sources/seeds.ts";
import { correctionsForShowing } from "../../store/open-store.ts";
import { type Command, parseCommandArgs, TOPIC_OPTIONS } from "../command.ts";

export const digestCommand: Command = {
  name: "digest",
  summary: "print the digest of an article (headline, lead, quotes, sidebar)",
  help: `Usage: npm run newsletter -- digest [ARTICLE] [--json] [--topic TITLE --terms A,B,C]

Reads ARTICLE (default: the newest .txt in seeds/) and prints its digest: a readable summary,
or with --json the Digest JSON (its fields are described in the README, "The Digest JSON").

Options:
  --json            print the Digest as JSON
  --explain         each quotation with its speaker, the cue, the deciding rule and a confidence
  --topic TITLE     sidebar title instead of the configured one
  --terms A,B,C     words that mark a paragraph as about the topic (whole words, any case)
  -h, --help        this help`,
  async run(argv, { root, stdout, stderr }) {
    const { values, positionals } = parseCommandArgs("digest", argv, {
      json: { type: "boolean" },
      explain: { type: "boolean" },
      ...TOPIC_OPTIONS,
    });
    if (values.help) {
      stdout.write(`${this.help}\n`);
      return 0;
    }
    const config = withTopic(loadConfig(root), values.topic, values.terms);
    const spec = positionals[0];
    // A page (URL or .html) or the feed's newest item loads the HTML readers, only then: a
    // plain .txt digest starts as fast as before.
    const fromWeb = spec ? /^https?:\/\/|\.x?html?$/iu.test(spec) : Boolean(config.feed);
    const file = spec ?? (fromWeb ? undefined : newestSeed(config.seedsDir));
    const { article, key } = fromWeb
      ? await (await import("../../sources/article-source.ts")).loadArticleSource(config, spec)
      : { article: readArticle(file as string), key: path.basename(file as string) };
    // An editor's corrections of this article (issue 24), as send and the scheduler apply them.
    const corrections =
      (await correctionsForShowing(config, (l) => stderr.write(`${l}\n`)))[key] ?? [];
    const explained = explainQuotes(
      article.paragraphs,
      await tagParagraphsSoon(article.paragraphs),
    );
    if (values.explain) {
      stdout.write(formatExplanation(correctExplained(explained, corrections)));
      return 0;
    }
    const digest = applyCorrections(buildDigest(article, config.topic, explained), corrections);
    stdout.write(values.json ? `${JSON.stringify(digest, null, 2)}\n` : formatDigest(digest));
    return 0;
  },
};

/** The readable summary `digest` prints without --json. */
export function formatDigest(digest: Digest): string {
  const quote = (q: Digest["quotes"][number]) =>
    `  [P${q.paragraph}] “${q.text}” — ${q.speaker ?? "(speaker not given)"}`;
  const lines = [
    digest.headline,
    digest.standfirst,
    "",
    `Lead: ${digest.lead}`,
    "",
    `Key quotes (${digest.keyQuotes.length}):`,
    ...digest.keyQuotes.map(quote),
    "",
    digest.sidebar
      ? `Sidebar “${digest.sidebar.title}”: paragraph${digest.sidebar.paragraphs.length > 1 ? "s" : ""} ${digest.sidebar.paragraphs.join(", ")}, ${digest.sidebar.quotes.length} quote(s)`
      : "Sidebar: none (no paragraph is about the topic)",
    "",
    `All quotes (${digest.quotes.length}) in ${digest.paragraphs.length} paragraphs:`,
    ...digest.quotes.map(quote),
  ];
  return `${lines.join("\n")}\n`;
}

/** `Lou Jiwei 0.60, Jacob Lew 0.25, nobody 0.15`: whom a pronoun was chosen among. */
function describeChoice(choice: PronounChoice): string {
  return [
    ...choice.candidates.slice(0, 4).map((c) => `${c.person.name} ${c.probability.toFixed(2)}`),
    `nobody ${choice.nobody.probability.toFixed(2)}`,
  ].join(", ");
}

/**
 * Every person the rules proposed for a quotation, with the ranker's probability, the rules
 * that named them and the features that weighed most, then "nobody".
 */
function describeSpeakers(choice: SpeakerChoice): string[] {
  const strongest = (features: readonly number[], rows: readonly { name: string }[]) =>
    features
      .map((x, i) => ({ name: (rows[i] as { name: string }).name, x }))
      .filter((f) => f.x !== 0)
      .map((f) => (f.x === 1 ? f.name : `${f.name} ${f.x.toFixed(2)}`))
      .join(", ");
  return [
    "   speaker candidates:",
    ...choice.candidates
      .slice(0, 5)
      .map(
        (c) =>
          `     ${c.probability.toFixed(2)} ${c.person.name} (${strongest(c.features, SPEAKER_FEATURES)})`,
      ),
    `     ${choice.nobody.probability.toFixed(2)} nobody (${strongest(choice.nobody.features, NOBODY_FEATURES)})`,
  ];
}

/** `digest --explain`: one block per quotation, saying who, by which rule, on which cue, how sure. */
export function formatExplanation(quotes: readonly ExplainedQuote[]): string {
  if (quotes.length === 0) return "No quotations in this article.\n";
  return `${quotes
    .map((q, i) =>
      [
        `${i + 1}. [P${q.paragraph}] “${q.text.length > 120 ? `${q.text.slice(0, 119)}…` : q.text}”`,
        ...(q.kind === "term" ? ["   kind: term (not speech: left out of the digest)"] : []),
        `   speaker: ${q.speaker ?? "null (not said, or not sure enough)"}`,
        `   rule: ${q.rule}${q.cue ? `, cue “${q.cue}”` : ""}${q.via ? `, ${q.via}` : ""}, confidence ${q.confidence.toFixed(2)}`,
        ...(q.choice ? [`   pronoun candidates: ${describeChoice(q.choice)}`] : []),
        ...(q.speakers ? describeSpeakers(q.speakers) : []),
      ].join("\n"),
    )
    .join("\n")}\n`;
}
