// web/: HTTP: preview, unsubscribe, archive.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { type FSWatcher, watch } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { CONFIG_FILE, type Config, loadConfig } from "../config.ts";
import { KEY_QUOTE_THRESHOLD } from "../digest/attribution/attribution.ts";
import { correctionFrom } from "../digest/corrections.ts";
import { checkEmail } from "../email/checks.ts";
import { formatAddress } from "../email/mime.ts";
import { preparePersonalizer } from "../email/personalize.ts";
import { isNewsletterError } from "../errors.ts";
import { type RenderedIssue, renderIssue } from "../issue/render-issue.ts";
import { correctionsForShowing, openPlainStore } from "../store/open-store.ts";
import { type PreviewState, renderPreviewPage } from "./preview-page.ts";
import { markQuotes, type PanelQuote } from "./quote-marks.ts";
import { type SpamScore, spamScore } from "./spam-score.ts";

/**
 * The preview server: plain node:http bound to 127.0.0.1. It renders the issue at start and
 * again whenever a seed, a template or the config changes, and tells open pages to reload over
 * server-sent events. A render error is shown on the page and logged; the server keeps running.
 * Only its own routes answer: there is no file serving, so no path can reach outside the project.
 */
export interface PreviewOptions {
  root: string;
  /** A fixed article; default: the newest seed at each render. */
  articleFile: string | undefined;
  /** Applies --topic/--terms on each (re)loaded config. */
  adjustConfig: (config: Config) => Config;
  port: number;
  log: (line: string) => void;
  /** Sends the current issue to one address as a test; absent: the page says it is unavailable. */
  sendTest?: (issue: RenderedIssue, config: Config, to: string) => Promise<string>;
}

export interface PreviewServer {
  url: string;
  server: Server;
  /** Renders now (also called by the file watchers); resolves when the page state is updated. */
  rerender(): Promise<void>;
  close(): Promise<void>;
}

const RELOAD_DEBOUNCE_MS = 60;

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  let config: Config | undefined;
  let issue: RenderedIssue | undefined;
  let state: PreviewState = emptyState();
  const listeners = new Set<ServerResponse>();

  // SpamAssassin takes seconds: scored once per render, when the page asks.
  let spam: { version: number; score: Promise<SpamScore> } | undefined;
  function spamOf(issue: RenderedIssue, config: Config): Promise<SpamScore> {
    if (spam?.version !== state.version)
      spam = {
        version: state.version,
        score: previewMessage(issue, config, state).then(spamScore),
      };
    return spam.score;
  }

  async function rerender(): Promise<void> {
    try {
      config = options.adjustConfig(loadConfig(options.root));
      const corrections = await correctionsForShowing(config, options.log);
      issue = await renderIssue({ ...config, corrections }, options.articleFile, new Date());
      const body = previewBody(issue, config);
      state = {
        html: body.html,
        checks: checkEmail(body.html, { realSmtp: config.smtp !== undefined }),
        quotes: panelQuotes(issue),
        subject: issue.email.subject,
        preheader: issue.email.preheader,
        text: body.text,
        mjml: issue.email.mjml,
        warnings: issue.email.warnings,
        articleFile: /^https?:/u.test(issue.articleFile)
          ? issue.articleFile
          : path.relative(options.root, issue.articleFile),
        source: [issue.digest.url, issue.digest.byline, issue.digest.published, issue.digest.source]
          .filter(Boolean)
          .join(" · "),
        issueId: issue.issueId,
        error: undefined,
        version: state.version + 1,
      };
      options.log(
        `rendered ${state.articleFile} (${(issue.email.html.length / 1024).toFixed(1)} KB)`,
      );
    } catch (error) {
      const message = isNewsletterError(error)
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
      issue = undefined;
      state = { ...emptyState(), error: message, version: state.version + 1 };
      options.log(`error: ${message}`);
    }
    for (const res of listeners) res.write(`event: reload\ndata: ${state.version}\n\n`);
  }

  await rerender();

  const csrfToken = randomBytes(18).toString("base64url");
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log(`error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, "text/plain", "internal error");
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding guard: a page from another site may reach 127.0.0.1, but not with our host.
    const host = (req.headers.host ?? "").replace(/:\d+$/u, "");
    if (!["127.0.0.1", "localhost", "[::1]"].includes(host))
      return send(res, 403, "text/plain", "forbidden host");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /": {
        const nonce = randomBytes(16).toString("base64");
        return send(
          res,
          200,
          "text/html; charset=utf-8",
          renderPreviewPage(state, csrfToken, nonce),
          PAGE_POLICY(nonce),
        );
      }
      case "GET /email.html":
        // `dark=1`: the email's dark styles forced on (a frame follows the browser's scheme).
        return issue && config
          ? send(
              res,
              200,
              "text/html; charset=utf-8",
              url.searchParams.get("dark") === "1" ? forceDark(state.html) : state.html,
              EMAIL_POLICY,
            )
          : send(res, 503, "text/plain", state.error ?? "");
      case "GET /spam.json":
        return send(
          res,
          200,
          "application/json",
          JSON.stringify(issue && config ? await spamOf(issue, config) : { installed: false }),
        );
      case "GET /email.txt":
        return send(res, issue ? 200 : 503, "text/plain; charset=utf-8", state.error ?? state.text);
      case "GET /email.mjml":
        return send(res, issue ? 200 : 503, "text/plain; charset=utf-8", state.error ?? state.mjml);
      case "GET /events":
        res.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-store",
          connection: "keep-alive",
        });
        res.write(`retry: 500\ndata: ${state.version}\n\n`);
        listeners.add(res);
        req.on("close", () => listeners.delete(res));
        return;
      case "POST /send-test":
        return sendTestRoute(req, res);
      case "POST /correct":
        return correctRoute(req, res);
      default:
        return send(res, 404, "text/plain", "not found");
    }
  }

  /**
   * An editor's correction from the quotes panel (issue 24): stored like `correct` stores it,
   * then the issue is rendered again with it. Same guards as the test send.
   */
  async function correctRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/u.test(origin))
      return send(res, 403, "text/plain", "forbidden origin");
    const form = new URLSearchParams(await readBody(req, 4096));
    if (!timingSafeEqualText(form.get("token") ?? "", csrfToken))
      return send(res, 403, "text/plain", "the page is out of date; reload the preview");
    if (!issue || !config)
      return send(res, 409, "text/plain", "the preview has a render error; fix it first");
    const quote = issue.quotes.find((q) => String(q.n) === form.get("n"));
    const correction = correctionFrom(
      quote,
      form.get("action") ?? "",
      form.get("speaker") ?? undefined,
    );
    if (typeof correction === "string") return send(res, 400, "text/plain", correction);
    const store = await openPlainStore(config);
    try {
      await store.setCorrection(issue.articleKey, correction, new Date());
    } finally {
      await store.close();
    }
    options.log(`corrected a quotation of ${issue.articleKey}: ${correction.action}`);
    await rerender();
    return send(res, 200, "text/plain; charset=utf-8", `${correction.action}: saved`);
  }

  async function sendTestRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A cross-site form POST reaches 127.0.0.1 with our Host: refuse a foreign Origin, and
    // require the token only our own page carries.
    const origin = req.headers.origin;
    if (origin !== undefined && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/u.test(origin))
      return send(res, 403, "text/plain", "forbidden origin");
    const body = await readBody(req, 4096);
    const form = new URLSearchParams(body);
    if (!timingSafeEqualText(form.get("token") ?? "", csrfToken))
      return send(res, 403, "text/plain", "the test-send form is out of date; reload the preview");
    const to = form.get("to")?.trim() ?? "";
    if (!options.sendTest) return send(res, 501, "text/plain", "test sends are not available");
    if (!issue || !config)
      return send(res, 409, "text/plain", "the preview has a render error; fix it first");
    try {
      return send(res, 200, "text/plain; charset=utf-8", await options.sendTest(issue, config, to));
    } catch (error) {
      return send(
        res,
        400,
        "text/plain; charset=utf-8",
        isNewsletterError(error) ? error.message : "the test send failed",
      );
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void rerender(), RELOAD_DEBOUNCE_MS);
  };
  const watchers: FSWatcher[] = [];
  for (const [target, recursive] of [
    [path.join(options.root, "seeds"), false],
    [path.join(options.root, "emails"), true],
    [options.root, false],
  ] as const) {
    try {
      const watcher = watch(target, { recursive }, (_event, name) => {
        if (target !== options.root || name === CONFIG_FILE || name === ".env") schedule();
      });
      watchers.push(watcher);
    } catch (error) {
      options.log(
        `not watching ${target}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    rerender,
    async close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const res of listeners) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The email as a subscriber sees it, with a sample unsubscribe link that does nothing. */
/** The issue as one whole message (what a spam filter reads). */
function previewMessage(
  issue: RenderedIssue,
  config: Config,
  state: PreviewState,
): Promise<Buffer> {
  return new MailComposer({
    from: formatAddress(config.fromName, config.from),
    to: "reader@example.com",
    subject: issue.email.subject,
    text: state.text,
    html: state.html,
    headers: { "List-Unsubscribe": `<${config.publicUrl}/unsubscribe?token=preview>` },
  })
    .compile()
    .build();
}

/** The email's dark styles applied whatever the scheme: its dark media query made unconditional. */
function forceDark(html: string): string {
  return html.replace(/@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)/giu, "@media all");
}

function previewBody(issue: RenderedIssue, config: Config) {
  return preparePersonalizer(issue.email)({
    unsubscribeUrl: `${config.publicUrl}/unsubscribe?token=preview`,
    name: null,
  });
}

/** The quotes panel's rows: each quotation with where the email shows it. */
function panelQuotes(issue: RenderedIssue): PanelQuote[] {
  return markQuotes(issue, {
    label: "below the key-quote threshold",
    test: (q) => q.kind === "quote" && q.speaker !== null && q.confidence < KEY_QUOTE_THRESHOLD,
  });
}

function emptyState(): PreviewState {
  return {
    html: "",
    checks: [],
    quotes: [],
    subject: "",
    preheader: "",
    text: "",
    mjml: "",
    warnings: [],
    articleFile: "",
    source: "",
    issueId: "",
    error: undefined,
    version: 0,
  };
}

/**
 * The preview page runs only its own script (by nonce), talks only to this server, and is
 * never framed by another page.
 */
const PAGE_POLICY = (nonce: string) => ({
  "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'; form-action 'self'; img-src https: data:; frame-ancestors 'none'`,
  "x-frame-options": "DENY",
});

/** The email, as the archive serves it: inline styles and remote images, never a script. */
const EMAIL_POLICY = {
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'",
  "x-frame-options": "SAMEORIGIN",
};

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  policy: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...policy,
  });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > limit) {
        reject(new Error("request body too large"));
        req.destroy();
      }
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function timingSafeEqualText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
