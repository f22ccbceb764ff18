import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig, withTopic } from "../../config.ts";
import { preparePersonalizer } from "../../email/personalize.ts";
import { NewsletterError } from "../../errors.ts";
import { renderIssue } from "../../issue/render-issue.ts";
import { correctionsForShowing } from "../../store/open-store.ts";
import { type Command, parseCommandArgs, TOPIC_OPTIONS } from "../command.ts";

export const previewCommand: Command = {
  name: "preview",
  summary: "show the email before anyone gets it (local server, or files with --once)",
  help: `Usage: npm run preview [-- --once --out DIR] [--article FILE] [--topic T --terms A,B]

Without --once: starts a preview server on 127.0.0.1 (PORT, default 3000) showing the email at
desktop and mobile width, its plain text, subject, preheader, MJML and mjml warnings. Editing a
seed, a template or the config reloads the page. A box on the page sends a test.

Options:
  --once            render once and write DIR/digest.html, digest.txt, digest.mjml, then exit
  --out DIR         where --once writes (required with --once)
  --article FILE    the article to show (default: the newest .txt in seeds/)
  --topic, --terms  override the sidebar topic (see digest --help)
  -h, --help        this help`,
  async run(argv, { root, stdout, stderr }) {
    const { values, positionals } = parseCommandArgs("preview", argv, {
      once: { type: "boolean" },
      out: { type: "string" },
      article: { type: "string" },
      ...TOPIC_OPTIONS,
    });
    if (values.help) {
      stdout.write(`${this.help}\n`);
      return 0;
    }
    if (positionals.length > 0)
      throw new NewsletterError(
        "USAGE",
        `preview: unexpected argument "${positionals[0]}" (use --article FILE)`,
      );
    const adjust = (c: ReturnType<typeof loadConfig>) => withTopic(c, values.topic, values.terms);
    if (values.out && !values.once)
      throw new NewsletterError(
        "USAGE",
        "preview: --out writes files only with --once (without it the preview is a server)",
      );
    if (values.once) {
      if (!values.out) throw new NewsletterError("USAGE", "preview: --once needs --out DIR");
      const config = adjust(loadConfig(root));
      const corrections = await correctionsForShowing(config, (l) => stderr.write(`${l}\n`));
      const issue = await renderIssue({ ...config, corrections }, values.article, new Date());
      const body = preparePersonalizer(issue.email)({
        unsubscribeUrl: `${config.publicUrl}/unsubscribe?token=preview`,
        name: null,
      });
      const out = path.resolve(values.out);
      try {
        mkdirSync(out, { recursive: true });
        writeFileSync(path.join(out, "digest.html"), body.html);
        writeFileSync(path.join(out, "digest.txt"), body.text);
        writeFileSync(path.join(out, "digest.mjml"), issue.email.mjml);
      } catch (error) {
        throw new NewsletterError(
          "USAGE",
          `preview: cannot write to ${out} (${(error as NodeJS.ErrnoException).code ?? error})`,
          { cause: error },
        );
      }
      stdout.write(
        `wrote ${path.join(out, "digest.html")} (${(body.html.length / 1024).toFixed(1)} KB), digest.txt, digest.mjml\n`,
      );
      return 0;
    }
    const config = adjust(loadConfig(root));
    // (Loaded here: `--once` needs neither the server nor the sending code.)
    const { startPreviewServer } = await import("../../web/preview-server.ts");
    const { sendTestMessage } = await import("./send.ts");
    const preview = await startPreviewServer({
      root,
      articleFile: values.article,
      adjustConfig: adjust,
      port: config.port,
      log: (line) => stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
      sendTest: sendTestMessage,
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        throw new NewsletterError(
          "USAGE",
          `preview: port ${config.port} is in use; set PORT to another one`,
        );
      throw error;
    });
    stdout.write(`preview at ${preview.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        void preview.close().then(resolve);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};
