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
