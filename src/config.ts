import { createPrivateKey, sign } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Topic } from "./digest/topic.ts";
import { NewsletterError } from "./errors.ts";
import { parseSmtpUrl, type SmtpServer } from "./transport/smtp-url.ts";

/**
 * All settings, read once at an entry point and passed down. The only module that reads
 * `process.env`. Environment variables (and a `.env` file) hold what differs per machine;
 * `newsletter.config.json` holds what describes the newsletter (its name, topic, footer).
 */

const fileSchema = z.object({
  /** Name of the newsletter, shown in the header and as the sender's display name. */
  name: z.string().min(1),
  /** The sidebar's topic: a title and the words that mark a paragraph as being about it. */
  topic: z.object({ title: z.string().min(1), terms: z.array(z.string().min(1)).min(1) }),
  /** Postal or contact line required in the footer of bulk mail. */
  postalAddress: z.string().min(1),
  /** Why the reader gets this email, shown in the footer. */
  why: z.string().min(1),
  /**
   * UTM parameters added to the links to the story (off unless given): the publisher sees the
   * visits the newsletter brought. Nothing identifies a reader; there is no tracking pixel.
   */
  utm: z
    .object({
      source: z.string().min(1).max(100).optional(),
      medium: z.string().min(1).max(100).optional(),
      campaign: z.string().min(1).max(100).optional(),
    })
    .optional(),
  /** How the email greets a reader: by first name (`Hello Ada,`), or not at all. */
  greeting: z.enum(["first-name", "none"]).default("first-name"),
  /** The newsletter's look: a logo (https, with its alt text), an accent colour, a font stack. */
  brand: z
    .object({
      logo: z
        .url({ protocol: /^https$/u, error: "brand.logo must be an https:// image URL" })
        .max(500)
        .optional(),
      logoAlt: z.string().min(1).max(200).optional(),
      accent: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/u, "brand.accent must be a colour like #174a7c")
        .optional(),
      fonts: z
        .string()
        .regex(
          /^[\w\s,'-]{1,200}$/u,
          "brand.fonts must be a font stack (names, quotes and commas only)",
        )
        .optional(),
    })
    .refine((b) => !b.logo || b.logoAlt, "brand.logoAlt is needed with brand.logo")
    .optional(),
});

const positiveInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be greater than 0`);

/** The From of a fresh checkout: refused once real mail would go out (SMTP_URL set). */
export const PLACEHOLDER_FROM = "newsletter@example.invalid";

/** `addr` or `Name <addr>`, as every mail tool writes a sender. */
export function parseFrom(
  value: string,
): { name: string | undefined; address: string } | undefined {
  const trimmed = value.trim();
  const named = /^(.*?)\s*<([^<>\s]+)>$/u.exec(trimmed);
  const address = named ? (named[2] as string) : trimmed;
  if (!z.email().safeParse(address).success) return undefined;
  const name = named?.[1]?.replace(/^"(.*)"$/u, "$1").trim();
  return { name: name || undefined, address };
}

const envSchema = z.object({
  /** `smtp://user:pass@host:587` or `smtps://…`; unset writes `.eml` files to the outbox. */
  SMTP_URL: z
    .string()
    .transform((value, ctx): SmtpServer => {
      // The reason only: the value holds the password and is never repeated in an error.
      const parts = parseSmtpUrl(value);
      if (!parts.ok) {
        ctx.addIssue({
          code: "custom",
          message: `SMTP_URL ${parts.reason}; write it as smtp://user:pass@host:587 or smtps://host:465`,
        });
        return z.NEVER;
      }
      if (!Number.isInteger(parts.port) || parts.port < 1 || parts.port > 65535) {
        ctx.addIssue({ code: "custom", message: "SMTP_URL has a port that is not 1-65535" });
        return z.NEVER;
      }
      const { ok: _, ...server } = parts;
      return server;
    })
    .optional(),
  /** PostgreSQL for subscribers, issues and the ledger; unset: SQLite in the data folder. */
  DATABASE_URL: z
    .string()
    .refine(
      (url) => /^postgres(ql)?:\/\//u.test(url),
      "DATABASE_URL must be a postgres:// URL (postgres://user:pass@host:5432/db)",
    )
    .optional(),
  /** A feed (RSS, Atom, JSON Feed) by URL or file: each tick takes its newest item. */
  NEWSLETTER_FEED: z.string().min(1).optional(),
  /** Envelope sender base for VERP: each message's MAIL FROM is `base+TOKEN@domain`. */
  NEWSLETTER_BOUNCE_ADDRESS: z
    .string()
    .refine(
      (value) => /^[A-Za-z0-9._-]{1,30}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/u.test(value),
      "NEWSLETTER_BOUNCE_ADDRESS must be a plain address without + (e.g. bounces@news.example.org)",
    )
    .optional(),
  /** The mailbox of bounces, complaints and mailed unsubscribes, read over IMAP. */
  IMAP_URL: z
    .string()
    .refine((url) => {
      try {
        const u = new URL(url);
        return (u.protocol === "imap:" || u.protocol === "imaps:") && u.hostname !== "";
      } catch {
        return false;
      }
    }, "IMAP_URL must be imaps://user:pass@host/INBOX (or imap:// on a loopback test server)")
    .optional(),
  /** Seconds without a heartbeat after which a sender is taken for gone and its rows resolved. */
  NEWSLETTER_STALE_AFTER_S: positiveInt("NEWSLETTER_STALE_AFTER_S").default(60),
  /** The daemon's log: `text` lines, or `json`, one object per line. */
  NEWSLETTER_LOG: z
    .enum(["text", "json"], { error: "NEWSLETTER_LOG must be text or json" })
    .default("text"),
  /** How long a sender waits for a lost database before giving up, in seconds. */
  NEWSLETTER_DB_RETRY_S: positiveInt("NEWSLETTER_DB_RETRY_S").default(300),
  /** The subscribe form on the daemon's server (issue 25). */
  NEWSLETTER_SUBSCRIBE: z
    .enum(["on", "off"], { error: "NEWSLETTER_SUBSCRIBE must be on or off" })
    .default("on"),
  /** Whether a scheduled issue waits for an editor (issue 24). */
  NEWSLETTER_APPROVAL: z
    .enum(["auto", "required", "when-unsure"], {
      error: "NEWSLETTER_APPROVAL must be auto, required or when-unsure",
    })
    .default("auto"),
  NEWSLETTER_APPROVAL_CONFIDENCE: z.coerce
    .number({ error: "NEWSLETTER_APPROVAL_CONFIDENCE must be a number" })
    .min(0, "NEWSLETTER_APPROVAL_CONFIDENCE must be between 0 and 1")
    .max(1, "NEWSLETTER_APPROVAL_CONFIDENCE must be between 0 and 1")
    .default(0.9),
  NEWSLETTER_EDITORS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((a) => a.trim())
        .filter((a) => a !== ""),
    )
    .refine(
      (list) => list.every((a) => /^[^\s@<>,]+@[^\s@<>,]+\.[A-Za-z]{2,}$/u.test(a)),
      "NEWSLETTER_EDITORS must be addresses separated by commas",
    ),
  NEWSLETTER_APPROVAL_DEADLINE: z
    .string()
    .regex(/^\d+(s|m|h|d)$/u, "NEWSLETTER_APPROVAL_DEADLINE must be a duration like 90m, 3h or 2d")
    .optional(),
  /** What a reader gets on confirming: nothing until the next issue, or the latest one at once. */
  NEWSLETTER_WELCOME: z
    .enum(["none", "latest"], { error: "NEWSLETTER_WELCOME must be none or latest" })
    .default("none"),
  /** Where the SQLite database and the outbox live. */
  NEWSLETTER_DATA_DIR: z.string().min(1).default("./data"),
  /** The From address. */
  NEWSLETTER_FROM: z
    .string()
    .refine(
      (value) => parseFrom(value) !== undefined,
      "NEWSLETTER_FROM must be an address or Name <address>",
    )
    .default(PLACEHOLDER_FROM),
  /** Base of unsubscribe links; must be absolute. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/u, error: "PUBLIC_URL must be an absolute http(s) URL" })
    .refine(
      (url) => !url.includes("?") && !url.includes("#"),
      "PUBLIC_URL must not have a ?query or #fragment: the unsubscribe path and token are added to it",
    )
    .default("http://127.0.0.1:3000"),
  /** HMAC key for unsubscribe tokens; generated once into the data folder when unset. */
  UNSUBSCRIBE_SECRET: z
    .string()
    .min(16, "UNSUBSCRIBE_SECRET must have at least 16 characters")
    .optional(),
  /** Cron expression of the scheduled send. */
  NEWSLETTER_SCHEDULE: z.string().min(1).default("0 7 * * *"),
  /** Time zone of the schedule. */
  NEWSLETTER_TZ: z.string().min(1).default("UTC"),
  /** Port of the preview server and the unsubscribe endpoint. */
  PORT: z.coerce
    .number({ error: "PORT must be a number" })
    .int()
    .min(0)
    .max(65535, "PORT must be at most 65535")
    .default(3000),
  /** Pooled SMTP connections (a mail server refuses far fewer than 100 from one client). */
  NEWSLETTER_SMTP_CONNECTIONS: positiveInt("NEWSLETTER_SMTP_CONNECTIONS")
    .max(100, "NEWSLETTER_SMTP_CONNECTIONS must be at most 100")
    .default(5),
  /** Messages per second at most; unset is unlimited. */
  NEWSLETTER_RATE: positiveInt("NEWSLETTER_RATE").optional(),
  /** Tries per message for a 4xx reply or a lost connection. */
  NEWSLETTER_RETRY_ATTEMPTS: positiveInt("NEWSLETTER_RETRY_ATTEMPTS").default(3),
  /** First backoff in milliseconds, doubling each try. */
  NEWSLETTER_RETRY_BASE_MS: z.coerce
    .number({ error: "NEWSLETTER_RETRY_BASE_MS must be a number" })
    .int()
    .min(0)
    .default(1000),
  /** Failures in a row that pause a run instead of burning through the list. */
  NEWSLETTER_PAUSE_AFTER: positiveInt("NEWSLETTER_PAUSE_AFTER").default(20),
  /** Hard failures of one address before it is marked bounced. */
  NEWSLETTER_BOUNCE_AFTER: positiveInt("NEWSLETTER_BOUNCE_AFTER").default(2),
  /** DKIM: signing domain, selector and private key (PEM text or a path to it). */
  DKIM_DOMAIN: z.string().optional(),
  DKIM_SELECTOR: z.string().optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
});

export interface Config {
  /** The project folder: seeds/, emails/ and the config file are found under it. */
  root: string;
  seedsDir: string;
  emailsDir: string;
  dataDir: string;
  newsletter: z.infer<typeof fileSchema>;
  topic: Topic;
  /** SMTP_URL, parsed: the server mail goes through; unset writes `.eml` files to the outbox. */
  smtp: SmtpServer | undefined;
  /** The feed whose newest item is the article (unset: the newest file in seeds/). */
  feed: string | undefined;
  /** VERP base (`bounces@domain`): MAIL FROM per message, and the unsubscribe mailbox. */
  bounceAddress: string | undefined;
  imapUrl: string | undefined;
  /** PostgreSQL when set; else SQLite in dataDir. */
  databaseUrl: string | undefined;
  /** A sender whose heartbeat is older than this (ms) is gone; its rows are resolved. */
  staleAfterMs: number;
  /** How long a sender rides out a lost database (ms) before it gives up. */
  dbRetryMs: number;
  /** Whether the daemon serves the subscribe form. */
  subscribe: boolean;
  /** On confirming, the latest issue is sent at once (`latest`) or not (`none`). */
  welcome: "none" | "latest";
  /** An editor in the loop (issue 24): who approves, when an issue waits, and for how long. */
  approval: {
    mode: "auto" | "required" | "when-unsure";
    confidence: number;
    editors: string[];
    /** Unset: an issue waits until approved or held. */
    deadlineMs: number | undefined;
  };
  /** The daemon's and the worker's log lines: text, or one JSON object per line. */
  logFormat: "text" | "json";
  /** The From address (without a name). */
  from: string;
  /** The From display name: NEWSLETTER_FROM's name when given, else the newsletter's name. */
  fromName: string;
  publicUrl: string;
  unsubscribeSecret: string | undefined;
  schedule: string;
  timeZone: string;
  port: number;
  smtpConnections: number;
  rate: number | undefined;
  retryAttempts: number;
  retryBaseMs: number;
  pauseAfterErrors: number;
  bounceAfter: number;
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
  /** Settings that work but a user should hear about before a send (one line each). */
  warnings: string[];
}

export const CONFIG_FILE = "newsletter.config.json";

/**
 * The project folder (seeds/, emails/, the config file): NEWSLETTER_ROOT when set, which lets
 * tests and deployments run the CLI on another copy; else the current folder when it holds a
 * newsletter.config.json (an installed command run in a project); else the program's own.
 */
export function projectRoot(defaultRoot: string): string {
  if (process.env.NEWSLETTER_ROOT) return process.env.NEWSLETTER_ROOT;
  // An installed `newsletter` command works on the project folder it is run in.
  return existsSync(path.join(process.cwd(), CONFIG_FILE)) ? process.cwd() : defaultRoot;
}

/**
 * Reads the configuration. Every problem is reported at once, one per line, in words a user can
 * act on. `env` defaults to the process environment plus `.env` in `root`.
 */
export function loadConfig(
  root: string,
  env: Record<string, string | undefined> = readEnv(root),
): Config {
  const problems: string[] = [];
  const file = readConfigFile(root, problems);
  // An empty value (`SMTP_URL=` in .env) means unset, as in most tools.
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  if (problems.length > 0 || !parsed.success || !file) {
    throw new NewsletterError(
      "CONFIG_INVALID",
      `invalid configuration:\n  ${problems.join("\n  ")}`,
    );
  }
  const e = parsed.data;
  const from = parseFrom(e.NEWSLETTER_FROM) as { name: string | undefined; address: string };
  const safety = realMailProblems(e.SMTP_URL, from.address, e.PUBLIC_URL);
  // An issue that waits for approval with nobody to ask would wait for ever.
  if (e.NEWSLETTER_APPROVAL !== "auto" && e.NEWSLETTER_EDITORS.length === 0)
    safety.push(
      `NEWSLETTER_EDITORS: NEWSLETTER_APPROVAL=${e.NEWSLETTER_APPROVAL} needs at least one editor's address`,
    );
  if (safety.length > 0)
    throw new NewsletterError("CONFIG_INVALID", `invalid configuration:\n  ${safety.join("\n  ")}`);
  const dkimParts = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY];
  if (dkimParts.some(Boolean) && !dkimParts.every(Boolean)) {
    throw new NewsletterError(
      "CONFIG_INVALID",
      "invalid configuration:\n  DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY must be set together",
    );
  }
  const dkimDomain = e.DKIM_DOMAIN?.toLowerCase();
  const warnings = dkimDomain ? dkimAlignmentWarnings(dkimDomain, from.address) : [];
  return {
    root,
    warnings,
    seedsDir: path.join(root, "seeds"),
    emailsDir: path.join(root, "emails"),
    dataDir: path.resolve(root, e.NEWSLETTER_DATA_DIR),
    newsletter: file,
    topic: file.topic,
    smtp: e.SMTP_URL,
    databaseUrl: e.DATABASE_URL,
    bounceAddress: e.NEWSLETTER_BOUNCE_ADDRESS,
    feed: e.NEWSLETTER_FEED,
    imapUrl: e.IMAP_URL,
    staleAfterMs: e.NEWSLETTER_STALE_AFTER_S * 1000,
    dbRetryMs: e.NEWSLETTER_DB_RETRY_S * 1000,
    subscribe: e.NEWSLETTER_SUBSCRIBE === "on",
    welcome: e.NEWSLETTER_WELCOME,
    approval: {
      mode: e.NEWSLETTER_APPROVAL,
      confidence: e.NEWSLETTER_APPROVAL_CONFIDENCE,
      editors: e.NEWSLETTER_EDITORS,
      deadlineMs: e.NEWSLETTER_APPROVAL_DEADLINE
        ? durationMs(e.NEWSLETTER_APPROVAL_DEADLINE)
        : undefined,
    },
    logFormat: e.NEWSLETTER_LOG,
    from: from.address,
    fromName: from.name ?? file.name,
    publicUrl: e.PUBLIC_URL.replace(/\/+$/u, ""),
    unsubscribeSecret: e.UNSUBSCRIBE_SECRET,
    schedule: e.NEWSLETTER_SCHEDULE,
    timeZone: e.NEWSLETTER_TZ,
    port: e.PORT,
    smtpConnections: e.NEWSLETTER_SMTP_CONNECTIONS,
    rate: e.NEWSLETTER_RATE,
    retryAttempts: e.NEWSLETTER_RETRY_ATTEMPTS,
    retryBaseMs: e.NEWSLETTER_RETRY_BASE_MS,
    pauseAfterErrors: e.NEWSLETTER_PAUSE_AFTER,
    bounceAfter: e.NEWSLETTER_BOUNCE_AFTER,
    dkim:
      e.DKIM_DOMAIN && e.DKIM_SELECTOR && e.DKIM_PRIVATE_KEY
        ? {
            domainName: e.DKIM_DOMAIN,
            keySelector: e.DKIM_SELECTOR,
            privateKey: readKey(root, e.DKIM_PRIVATE_KEY),
          }
        : undefined,
  };
}

/**
 * Settings that are fine for a local try but wrong once real mail goes out (SMTP_URL set): the
 * placeholder From, and a plain-http PUBLIC_URL (RFC 8058 one-click needs https). A loopback
 * PUBLIC_URL is accepted only while the SMTP server is on loopback too (a local test inbox).
 */
function realMailProblems(smtp: SmtpServer | undefined, from: string, publicUrl: string): string[] {
  if (!smtp) return [];
  const problems: string[] = [];
  if (from.toLowerCase().endsWith(".invalid"))
    problems.push(
      "NEWSLETTER_FROM: set a real sender address before sending with SMTP_URL (the default is a placeholder)",
    );
  const smtpLocal = isLoopback(smtp.host);
  let publicHost = "";
  let https = false;
  try {
    const url = new URL(publicUrl);
    publicHost = url.hostname.replace(/^\[|\]$/gu, "");
    https = url.protocol === "https:";
  } catch {
    return problems;
  }
  if (!https && !(smtpLocal && isLoopback(publicHost)))
    problems.push(
      "PUBLIC_URL: must be https:// when mail goes out through SMTP_URL (one-click unsubscribe needs https)",
    );
  else if (isLoopback(publicHost) && !smtpLocal)
    problems.push(
      "PUBLIC_URL: points at this machine, so readers' unsubscribe links would not work; set the public https address",
    );
  return problems;
}

/** DMARC passes on DKIM only when the signing domain is the From domain or a parent of it. */
function dkimAlignmentWarnings(dkimDomain: string, from: string): string[] {
  const fromDomain = from.split("@")[1]?.toLowerCase() ?? "";
  if (fromDomain === dkimDomain || fromDomain.endsWith(`.${dkimDomain}`)) return [];
  return [
    `DKIM_DOMAIN ${dkimDomain} does not align with the From domain ${fromDomain}; DMARC will not pass on DKIM`,
  ];
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./u.test(host);
}

/** A PEM private key is a few kilobytes; anything far larger is not one. */
const MAX_KEY_BYTES = 64 * 1024;

function readKey(root: string, value: string): string {
  let key = value;
  if (!value.includes("-----BEGIN")) {
    const file = path.resolve(root, value);
    if (!existsSync(file)) {
      throw new NewsletterError(
        "CONFIG_INVALID",
        `invalid configuration:\n  DKIM_PRIVATE_KEY: no key file at ${file}`,
      );
    }
    if (!statSync(file).isFile() || statSync(file).size > MAX_KEY_BYTES)
      throw new NewsletterError(
        "CONFIG_INVALID",
        `invalid configuration:\n  DKIM_PRIVATE_KEY: ${file} is not a key file (a folder, or larger than a key)`,
      );
    key = readFileSync(file, "utf8");
  }
  // A key that cannot sign would send the whole issue unsigned: sign a test string now.
  try {
    const privateKey = createPrivateKey(key);
    const algorithm = privateKey.asymmetricKeyType === "ed25519" ? null : "sha256";
    sign(algorithm, Buffer.from("dkim key check"), privateKey);
  } catch {
    throw new NewsletterError(
      "CONFIG_INVALID",
      "invalid configuration:\n  DKIM_PRIVATE_KEY: not a private key that can sign (expected PEM, RSA or Ed25519)",
    );
  }
  return key;
}

function readConfigFile(root: string, problems: string[]): z.infer<typeof fileSchema> | undefined {
  const file = path.join(root, CONFIG_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(
      `${CONFIG_FILE}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : "cannot be read"}`,
    );
    return undefined;
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${CONFIG_FILE} ${issue.path.join(".")}: ${issue.message}`);
    return undefined;
  }
  return parsed.data;
}

/** The process environment, with `.env` in `root` filling what it does not set. */
export function readEnv(root: string): Record<string, string | undefined> {
  const fromFile: Record<string, string> = {};
  const file = path.join(root, ".env");
  if (existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split(/\r?\n/u)) {
      const match = /^\s*(?:export\s+)?([A-Z0-9_]+)\s*=\s*(.*?)\s*$/u.exec(line);
      if (match?.[1]) fromFile[match[1]] = (match[2] ?? "").replace(/^(['"])(.*)\1$/u, "$2");
    }
  }
  const env: Record<string, string | undefined> = { ...fromFile };
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && value !== "") env[key] = value;
  return env;
}

/** Overrides the configured sidebar topic from `--topic` and `--terms`. */
export function withTopic(
  config: Config,
  title: string | undefined,
  terms: string | undefined,
): Config {
  if (title === undefined && terms === undefined) return config;
  if (title === undefined)
    throw new NewsletterError(
      "USAGE",
      `--terms needs --topic too: the sidebar would keep the title "${config.topic.title}" over other words`,
    );
  const termList =
    terms === undefined
      ? [title ?? config.topic.title]
      : terms
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean);
  if (termList.length === 0)
    throw new NewsletterError(
      "USAGE",
      "--terms needs at least one word, e.g. --terms Belarus,Minsk",
    );
  return { ...config, topic: { title: title ?? config.topic.title, terms: termList } };
}

/** `90m`, `3h`, `2d` in milliseconds. */
export function durationMs(text: string): number {
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[text.slice(-1)] ?? 0;
  return Number.parseInt(text, 10) * unit;
}
