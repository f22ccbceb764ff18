/**
 * The one error type of the project. Its `code` comes from a closed set so the CLI can print the
 * message of a known failure without a stack, and tests can assert on the code, not the wording.
 */
export const ERROR_CODES = [
  "USAGE",
  "CONFIG_INVALID",
  "ARTICLE_NOT_FOUND",
  "ARTICLE_UNREADABLE",
  "ARTICLE_EMPTY",
  "ARTICLE_NO_BODY",
  "ARTICLE_BINARY",
  "ARTICLE_TOO_LARGE",
  "TEMPLATE_INVALID",
  "SUBSCRIBER_INVALID",
  "SUBSCRIBER_NOT_FOUND",
  "CSV_INVALID",
  "STORE_FAILED",
  "STORE_UNAVAILABLE",
  "SMTP_UNAVAILABLE",
  "SMTP_AUTH",
  "SEND_PAUSED",
  "SEND_FAILED",
  "SCHEDULE_INVALID",
  "INBOUND_INVALID",
  "IMAP_FAILED",
  "FEED_INVALID",
  "FETCH_FAILED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class NewsletterError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NewsletterError";
    this.code = code;
  }
}

/** True for errors whose message is meant for the user as it is (no stack trace needed). */
export function isNewsletterError(error: unknown): error is NewsletterError {
  return error instanceof NewsletterError;
}

/** The most of a user's input an error line repeats. */
export const MAX_ECHO = 80;

/**
 * Input as an error line quotes it: JSON-quoted (control characters visible), cut to
 * `MAX_ECHO` characters with the full length said, so a 5,000-character id or a binary row
 * never floods the terminal.
 */
export function echo(input: string): string {
  if (input.length <= MAX_ECHO) return JSON.stringify(input);
  return `${JSON.stringify(input.slice(0, MAX_ECHO))}… (${input.length} characters)`;
}
