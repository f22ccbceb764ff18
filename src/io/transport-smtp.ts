import { Readable } from "node:stream";
import nodemailer from "nodemailer";
import { NewsletterError } from "../core/errors.ts";
import type { OutgoingMessage, SendOutcome, Transport } from "./transport.ts";

export interface SmtpSettings {
  url: string;
  connections: number;
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
}

/** What the output says of this transport: the server without its password. */
export function smtpDescription(url: string, connections: number): string {
  return `SMTP ${redact(url)} (${connections} connection${connections === 1 ? "" : "s"})`;
}

/** Error codes meaning the connection ended (or never started), not that the message was refused. */
const CONNECTION_CODES = new Set([
  "ECONNECTION",
  "ESOCKET",
  "ETIMEDOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EDNS",
  "ETLS",
  "EPROTOCOL",
]);

/**
 * Pooled SMTP through nodemailer. Each message goes as a raw stream, so the transport knows
 * whether the whole message was handed over before a connection was lost: before, a retry is
 * safe; after, the server may have delivered it, and the outcome is `unknown`.
 */
export function smtpTransport(settings: SmtpSettings): Transport {
  const where = redact(settings.url);
  const transporter = nodemailer.createTransport({
    url: settings.url,
    pool: true,
    maxConnections: settings.connections,
    maxMessages: Number.POSITIVE_INFINITY,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    ...(settings.dkim ? { dkim: settings.dkim } : {}),
  } as Parameters<typeof nodemailer.createTransport>[0]);

  return {
    description: smtpDescription(settings.url, settings.connections),
    async verify() {
      try {
        await transporter.verify();
      } catch (error) {
        const e = error as { code?: string; message?: string };
        if (e.code === "EAUTH" || e.code === "ENOAUTH") {
          throw new NewsletterError(
            "SMTP_AUTH",
            `the SMTP server ${where} refused the login: ${oneLine(e.message)}`,
            { cause: error },
          );
        }
        throw new NewsletterError(
          "SMTP_UNAVAILABLE",
          `cannot use the SMTP server ${where}: ${oneLine(e.message)}`,
          { cause: error },
        );
      }
    },
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      let handedOver = false;
      const raw = Readable.from([message.raw]);
      raw.once("end", () => {
        handedOver = true;
      });
      try {
        const info = await transporter.sendMail({
          envelope: { from: message.from, to: [message.to] },
          raw,
        });
        return { kind: "sent", reply: oneLine(info.response) };
      } catch (error) {
        return classify(error as SmtpError, handedOver);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Maps a nodemailer error to what the ledger should do with the row. */
export function classify(error: SmtpError, handedOver: boolean): SendOutcome {
  const text = oneLine(error.response ?? error.message);
  if (error.code === "EAUTH" || error.code === "ENOAUTH")
    return { kind: "fatal", error: `login refused: ${text}` };
  const reply = error.responseCode;
  if (reply !== undefined && reply >= 500 && reply !== 503) return { kind: "failed", error: text };
  if (reply !== undefined && reply >= 400)
    return { kind: "retry", error: text, serverUnreachable: false };
  if (error.code && CONNECTION_CODES.has(error.code)) {
    return handedOver
      ? {
          kind: "unknown",
          error: `connection lost after the message was sent, before the server's reply (${text})`,
        }
      : { kind: "retry", error: text, serverUnreachable: true };
  }
  if (reply === 503) return { kind: "retry", error: text, serverUnreachable: false };
  return { kind: "failed", error: text };
}

function oneLine(text: string | undefined): string {
  return (text ?? "").replace(/\s+/gu, " ").trim();
}

/** The SMTP URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/u, "//$1:***@");
}
