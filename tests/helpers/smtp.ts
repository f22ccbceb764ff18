import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from "smtp-server";

export interface Received {
  to: string;
  /** The envelope sender (MAIL FROM). */
  from: string;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: Received[];
  /** Every RCPT TO seen, accepted or not. */
  attempts: string[];
  close(): Promise<void>;
}

export interface SmtpBehaviour {
  /** Return an SMTP reply to refuse a recipient (e.g. `451 try later`), or nothing to accept. */
  onRcpt?: (address: string, attempt: number) => string | undefined;
  /** Milliseconds to wait before accepting each message. */
  delayMs?: number;
  /** Drop the connection after reading the message, before replying (for this recipient). */
  dropAfterData?: (address: string) => boolean;
  /** Require this user and password. */
  auth?: { user: string; pass: string };
  /** Parse messages with mailparser (off for load tests). */
  parse?: boolean;
  /** Return an SMTP reply to refuse the sender at MAIL FROM (e.g. `553 not allowed`). */
  onMailFrom?: (address: string) => string | undefined;
  /** Close the connection, with no reply, at RCPT TO for this recipient and attempt. */
  closeAtRcpt?: (address: string, attempt: number) => boolean;
}

/** A real SMTP receiver on 127.0.0.1, port 0: the peer nodemailer talks to in tests. */
export async function startSmtp(behaviour: SmtpBehaviour = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const attempts: string[] = [];
  const counts = new Map<string, number>();
  const options: SMTPServerOptions = {
    disabledCommands: behaviour.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !behaviour.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (
        behaviour.auth &&
        auth.username === behaviour.auth.user &&
        auth.password === behaviour.auth.pass
      )
        return callback(null, { user: auth.username });
      const error = new Error("Authentication credentials invalid") as Error & {
        responseCode: number;
      };
      error.responseCode = 535;
      return callback(error);
    },
    onMailFrom(address, _session, callback) {
      const reply = behaviour.onMailFrom?.(address.address);
      if (reply) {
        const error = new Error(reply.slice(4)) as Error & { responseCode: number };
        error.responseCode = Number(reply.slice(0, 3));
        return callback(error);
      }
      return callback();
    },
    onRcptTo(address, session, callback) {
      const n = (counts.get(address.address) ?? 0) + 1;
      counts.set(address.address, n);
      attempts.push(address.address);
      if (behaviour.closeAtRcpt?.(address.address, n)) {
        for (const connection of (
          server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }
        ).connections) {
          if (connection.id === session.id) connection._socket.destroy();
        }
        return;
      }
      const reply = behaviour.onRcpt?.(address.address, n);
      if (reply) {
        const error = new Error(reply.slice(4)) as Error & { responseCode: number };
        error.responseCode = Number(reply.slice(0, 3));
        return callback(error);
      }
      return callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const to = session.envelope.rcptTo[0]?.address ?? "";
        if (behaviour.dropAfterData?.(to)) {
          for (const connection of (
            server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }
          ).connections) {
            if (connection.id === session.id) connection._socket.destroy();
          }
          return;
        }
        const raw = Buffer.concat(chunks);
        if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
        received.push({
          to,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          raw,
          parsed: behaviour.parse === false ? ({} as ParsedMail) : await simpleParser(raw),
        });
        callback(null, "Message queued as test");
      });
    },
  };
  const server = new SMTPServer(options);
  // A client killed mid-session resets its connection; that is the test, not a failure.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const auth = behaviour.auth ? `${behaviour.auth.user}:${behaviour.auth.pass}@` : "";
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    port,
    received,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
