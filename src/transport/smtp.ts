import { NewsletterError } from "../errors.ts";
import { type SmtpFailure, SmtpPool } from "./smtp-pool.ts";
import type { SmtpServer } from "./smtp-url.ts";
import type { OutgoingMessage, SendOutcome, Transport } from "./transport.ts";

export interface SmtpSettings {
  server: SmtpServer;
  connections: number;
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
}

/** What the output says of this transport: the server without its password. */
export function smtpDescription(server: SmtpServer, connections: number): string {
  return `SMTP ${server.shown} (${connections} connection${connections === 1 ? "" : "s"})`;
}

/**
 * SMTP through our own small pool (`smtp-pool.ts`), so the outcome of every message is decided
 * from how far its SMTP dialogue got: before DATA was accepted nothing was handed over and the
 * message can be sent again; after, a lost connection means it may have been delivered.
 */
export function smtpTransport(settings: SmtpSettings): Transport {
  const { server } = settings;
  const where = server.shown;
  const pool = new SmtpPool({
    host: server.host,
    port: server.port,
    secure: server.secure,
    auth: server.auth,
    connections: settings.connections,
    dkim: settings.dkim,
    timeouts: { connect: 15_000, greeting: 15_000, socket: 60_000 },
  });

  return {
    description: smtpDescription(server, settings.connections),
    async verify() {
      try {
        await pool.verify();
      } catch (error) {
        const e = error as SmtpFailure;
        if (e.code === "EAUTH" || e.code === "ENOAUTH") {
          throw new NewsletterError(
            "SMTP_AUTH",
            `the SMTP server ${where} refused the login: ${oneLine(e.response ?? e.message)}`,
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
      const result = await pool.send({
        from: message.from,
        to: message.to,
        raw: message.raw,
        ...(message.onHandover ? { onHandover: message.onHandover } : {}),
      });
      if (result.ok) return { kind: "sent", reply: oneLine(result.response) };
      return classify(result.error, result.handedOver);
    },
    async close() {
      await pool.close();
    },
  };
}

/** Error codes meaning the connection ended (or never started), not that a reply refused. */
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
 * What the ledger does with a failed message, decided by where in the dialogue it failed. Only
 * a refusal of the recipient (RCPT TO 5xx) is the recipient's; a refusal of the login, of the
 * sender (MAIL FROM) or of the message (DATA) is the sender's, and stops the run with nobody
 * marked.
 *
 * | where                           | reply / error      | outcome                               |
 * |---------------------------------|--------------------|---------------------------------------|
 * | login, or 530 anywhere          | any                | fatal: the run stops, rows stay       |
 * | MAIL FROM, DATA (before or after) | 5xx              | fatal: the sender or message refused  |
 * | RCPT TO                         | 5xx                | failed: counts towards a bounce       |
 * | anywhere                        | 4xx                | retry                                 |
 * | before DATA was accepted        | connection lost    | retry (nothing handed over)           |
 * | after DATA was accepted         | connection lost    | unknown: may have been delivered      |
 * | anything else                   | (no reply)         | retry, never a bounce                 |
 */
export function classify(error: SmtpFailure, handedOver: boolean): SendOutcome {
  const text = oneLine(error.response ?? error.message);
  const reply = error.responseCode;
  if (error.code === "EAUTH" || error.code === "ENOAUTH" || reply === 530)
    return { kind: "fatal", error: `the server refused the login: ${text}` };
  if (reply !== undefined && reply >= 500) {
    if (!handedOver && error.command === "RCPT TO") return { kind: "failed", error: text };
    const what = handedOver || error.command === "DATA" ? "the message" : "the sender";
    return { kind: "fatal", error: `the server refused ${what}: ${text}` };
  }
  if (reply !== undefined && reply >= 400)
    return { kind: "retry", error: text, serverUnreachable: false };
  const lost = error.code !== undefined && CONNECTION_CODES.has(error.code);
  if (lost && handedOver)
    return {
      kind: "unknown",
      error: `connection lost after the message was handed over, before the server's reply (${text})`,
    };
  return { kind: "retry", error: text, serverUnreachable: lost };
}

function oneLine(text: string | undefined): string {
  return (text ?? "").replace(/\s+/gu, " ").trim();
}
