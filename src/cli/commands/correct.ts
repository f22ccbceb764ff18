import path from "node:path";
import { loadConfig } from "../../config.ts";
import { explainQuotes } from "../../digest/attribution/quotes.ts";
import {
  type Correction,
  type CorrectionAction,
  MAX_SPEAKER_NAME,
  speakerName,
} from "../../digest/corrections.ts";
import { echo, NewsletterError } from "../../errors.ts";
import { readArticle } from "../../sources/seeds.ts";
import { openPlainStore } from "../../store/open-store.ts";
import { type Command, parseCommandArgs } from "../command.ts";

export const correctCommand: Command = {
  name: "correct",
  summary:
    "correct an article's quotation: its speaker, none, drop it from or pin it to the key quotes",
  help: `Usage: npm run newsletter -- correct ARTICLE QUOTE (--speaker NAME | --no-speaker | --drop | --pin)
       npm run newsletter -- correct ARTICLE --list | --clear

An editor's correction of one quotation of ARTICLE (a file in seeds/ or its path), by its number
in \`digest ARTICLE --explain\`. Stored with the article's key in the database, so digest, preview,
send and the scheduler apply it, and it holds when the article is read again.

Options:
  --speaker NAME   the quotation is NAME's
  --no-speaker     the article does not say who spoke
  --drop           never a key quote
  --pin            always a key quote (when it has a speaker)
  --list           the article's corrections
  --clear          remove the article's corrections
  --json           print JSON
  -h, --help       this help`,
  async run(argv, { root, stdout }) {
    const { values, positionals } = parseCommandArgs("correct", argv, {
      speaker: { type: "string" },
      "no-speaker": { type: "boolean" },
      drop: { type: "boolean" },
      pin: { type: "boolean" },
      list: { type: "boolean" },
      clear: { type: "boolean" },
      json: { type: "boolean" },
    });
    if (values.help) {
      stdout.write(`${this.help}\n`);
      return 0;
    }
    const config = loadConfig(root);
    const [spec, index] = positionals;
    if (!spec) throw new NewsletterError("USAGE", "correct: which article? (see --help)");
    const file = spec.includes("/") ? path.resolve(spec) : path.join(config.seedsDir, spec);
    const article = readArticle(file);
    const key = path.basename(file);
    const actions = (["speaker", "no-speaker", "drop", "pin", "list", "clear"] as const).filter(
      (a) => values[a] !== undefined && values[a] !== false,
    );
    if (actions.length !== 1)
      throw new NewsletterError(
        "USAGE",
        "correct: say one of --speaker NAME, --no-speaker, --drop, --pin, --list or --clear",
      );
    const action = actions[0] as (typeof actions)[number];
    const store = await openPlainStore(config);
    try {
      if (action === "list" || action === "clear") {
        if (index)
          throw new NewsletterError("USAGE", `correct: --${action} takes no quotation number`);
        const result =
          action === "list"
            ? await store.corrections(key)
            : { cleared: await store.clearCorrections(key) };
        if (values.json) stdout.write(`${JSON.stringify(result)}\n`);
        else if (Array.isArray(result))
          stdout.write(
            result.length === 0
              ? `${key}: no corrections\n`
              : result
                  .map((c) => `${key}: P${c.paragraph} “${c.quote}”: ${describe(c)}\n`)
                  .join(""),
          );
        else stdout.write(`${key}: ${result.cleared} correction(s) removed\n`);
        return 0;
      }
      const quotes = explainQuotes(article.paragraphs);
      const n = Number(index);
      const quote = Number.isInteger(n) && n >= 1 ? quotes[n - 1] : undefined;
      if (!quote)
        throw new NewsletterError(
          "USAGE",
          `correct: ${index === undefined ? "which quotation?" : `no quotation ${echo(index)}`} (numbers 1 to ${quotes.length} as \`digest ${spec} --explain\` shows them)`,
        );
      if (quote.kind === "term")
        throw new NewsletterError(
          "USAGE",
          `correct: quotation ${n} (${echo(quote.text)}) is a term, not speech, and is in no digest`,
        );
      const speaker = speakerName(values.speaker);
      if (action === "speaker" && !speaker)
        throw new NewsletterError(
          "USAGE",
          `correct: --speaker needs a name of 1 to ${MAX_SPEAKER_NAME} characters, without < or >`,
        );
      const correction: Correction = {
        quote: quote.text,
        paragraph: quote.paragraph,
        action: action as CorrectionAction,
        ...(action === "speaker" && { speaker }),
      };
      await store.setCorrection(key, correction, new Date());
      if (values.json)
        stdout.write(`${JSON.stringify({ article: key, number: n, ...correction })}\n`);
      else stdout.write(`${key}: quotation ${n} (P${quote.paragraph}) ${describe(correction)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

function describe(c: Correction): string {
  switch (c.action) {
    case "speaker":
      return `speaker set to ${c.speaker}`;
    case "no-speaker":
      return "no speaker";
    case "drop":
      return "dropped from the key quotes";
    case "pin":
      return "pinned as a key quote";
  }
}
