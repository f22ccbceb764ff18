import { Readable } from "node:stream";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { dkimSigner } from "./dkim.ts";

/**
 * A small pool of SMTP connections on nodemailer's SMTPConnection, written for one reason: to
 * know, for every message, how far its SMTP dialogue got. nodemailer's own pool reads a message
 * stream before the envelope is accepted and re-queues messages on a lost connection, so it
 * cannot tell "the server never saw it" (safe to send again) from "the whole message went out
 * and the reply was lost" (may have been delivered). Here the message stream is handed to the
 * connection only after DATA was accepted (354), and its end (the dot that ends the data, which
 * is when a server takes a message) is the hand-over.
 *
 * Each connection sends one message at a time; a message waits for a free connection. A
 * connection that failed is dropped; one whose message was refused is reset (RSET) and reused.
 */
export interface PoolSettings {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
  connections: number;
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
  /** Milliseconds: connecting, the greeting, and silence on an open connection. */
  timeouts: { connect: number; greeting: number; socket: number };
}

export interface PoolMessage {
  from: string;
  to: string;
  raw: Buffer;
  /**
   * Started when the message takes a connection, beside its envelope and body; the end of the
   * message's data waits for it, and a refusal is reported once it has ended.
   */
  onHandover?: () => void | Promise<void>;
}

export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

export type PoolResult =
  | { ok: true; response: string }
  | { ok: false; error: SmtpFailure; handedOver: boolean };

interface Connection {
  smtp: SMTPConnection;
  alive: boolean;
  /** Ends the message in flight on this connection; SMTPConnection.close() forgets it. */
  abort?: () => void;
}

export class SmtpPool {
  private readonly idle: Connection[] = [];
  private readonly waiting: Array<(c: Connection | Error) => void> = [];
  private open = 0;
  private closed = false;
  private readonly busy = new Set<Connection>();
  private readonly sign: ((message: Buffer) => Buffer) | undefined;

  constructor(private readonly settings: PoolSettings) {
    this.sign = settings.dkim ? dkimSigner(settings.dkim) : undefined;
  }

  /** Connects and logs in once, keeping the connection for the first message. */
  async verify(): Promise<void> {
    const connection = await this.connect();
    this.release(connection);
  }

  async send(message: PoolMessage): Promise<PoolResult> {
    const raw = this.sign ? this.sign(message.raw) : message.raw;
    let connection: Connection;
    try {
      connection = await this.acquire();
    } catch (error) {
      return { ok: false, error: error as SmtpFailure, handedOver: false };
    }
    let handedOver = false;
    let started = false;
    // The ledger's record starts now, beside MAIL FROM, RCPT TO, DATA and the message's bytes,
    // so its round trip overlaps theirs. A server takes a message only at the dot that ends its
    // data, and that is what waits for the record: the body's end. A record that failed ends
    // nothing; the connection is dropped mid-DATA and the server discards the unfinished message.
    const recorded = Promise.resolve().then(() => message.onHandover?.());
    let recordFailed = false;
    recorded.catch(() => {
      recordFailed = true;
    });
    const body = new Readable({
      read() {
        if (started) return;
        started = true;
        if (!recordFailed) this.push(raw);
        recorded.then(
          () => {
            handedOver = true;
            this.push(null);
          },
          (error: unknown) => this.destroy(error as Error),
        );
      },
    });
    return new Promise<PoolResult>((resolve) => {
      let settled = false;
      const abort = () => settle({ ok: false, error: closedError(), handedOver });
      const settle = (result: PoolResult) => {
        if (settled) return;
        settled = true;
        if (connection.abort === abort) connection.abort = undefined;
        resolve(result);
      };
      connection.abort = abort;
      connection.smtp.send({ from: message.from, to: [message.to] }, body, (error, info) => {
        if (settled) return;
        if (!error) {
          settle({ ok: true, response: String(info?.response ?? "") });
          this.release(connection);
          return;
        }
        const failure = error as SmtpFailure;
        if (connection.abort === abort) connection.abort = undefined;
        if (failure.responseCode !== undefined && connection.alive) this.reset(connection);
        else this.drop(connection);
        // A refusal can come before the record began with the envelope has ended: the outcome
        // waits for it, so what the caller writes next (a retry clears the mark) lands after.
        const failed = () => settle({ ok: false, error: failure, handedOver });
        recorded.then(failed, failed);
      });
    });
  }

  /** Closes every connection; messages in flight end with a connection error. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake(closedError());
    for (const c of [...this.idle.splice(0), ...this.busy]) {
      c.alive = false;
      c.smtp.close();
      c.abort?.();
    }
  }

  private acquire(): Promise<Connection> {
    if (this.closed) return Promise.reject(closedError());
    const idle = this.idle.pop();
    if (idle) {
      this.busy.add(idle);
      return Promise.resolve(idle);
    }
    if (this.open < this.settings.connections) return this.connect();
    return new Promise((resolve, reject) => {
      this.waiting.push((c) => (c instanceof Error ? reject(c) : resolve(c)));
    });
  }

  private connect(): Promise<Connection> {
    this.open++;
    const { host, port, secure, auth, timeouts } = this.settings;
    const smtp = new SMTPConnection({
      host,
      port,
      secure,
      connectionTimeout: timeouts.connect,
      greetingTimeout: timeouts.greeting,
      socketTimeout: timeouts.socket,
    });
    const connection: Connection = { smtp, alive: true };
    this.busy.add(connection);
    smtp.once("end", () => {
      connection.alive = false;
      this.forget(connection);
    });
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        this.drop(connection);
        reject(error);
      };
      const ready = () => {
        if (settled) return;
        settled = true;
        resolve(connection);
      };
      // While connecting, a refused connection or a timeout arrives as 'error'; once a message
      // is being sent, the same error also reaches that message's callback.
      smtp.on("error", (error: Error) => {
        connection.alive = false;
        fail(error);
      });
      smtp.connect((connectError?: Error | null) => {
        if (connectError) return fail(connectError);
        if (!auth) return ready();
        smtp.login(auth, (loginError?: Error | null) => (loginError ? fail(loginError) : ready()));
      });
    });
  }

  /** Hands a healthy connection to the next waiting message, or keeps it idle. */
  private release(connection: Connection): void {
    if (!connection.alive || this.closed) {
      this.drop(connection);
      return;
    }
    const next = this.waiting.shift();
    if (next) {
      next(connection);
      return;
    }
    this.busy.delete(connection);
    this.idle.push(connection);
  }

  private reset(connection: Connection): void {
    connection.smtp.reset((error?: Error | null) => {
      if (error) this.drop(connection);
      else this.release(connection);
    });
  }

  private drop(connection: Connection): void {
    connection.alive = false;
    connection.smtp.close();
    this.forget(connection);
  }

  /** Counts a connection as gone (once), and lets a waiting message open a new one. */
  private forget(connection: Connection): void {
    const wasBusy = this.busy.delete(connection);
    const idleAt = this.idle.indexOf(connection);
    if (idleAt !== -1) this.idle.splice(idleAt, 1);
    if (!wasBusy && idleAt === -1) return;
    this.open--;
    const next = this.waiting.shift();
    if (next)
      this.connect().then(next, (error: Error) => {
        next(error);
      });
  }
}

function closedError(): SmtpFailure & Error {
  return Object.assign(new Error("the SMTP pool was closed"), { code: "ECONNECTION" });
}
