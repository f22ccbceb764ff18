// transport/: one message out: SMTP pool, outbox folder.
/** One message as a transport takes it: the envelope and the complete raw message. */
export interface OutgoingMessage {
  from: string;
  to: string;
  /** The whole message as it goes on the wire. */
  raw: Buffer;
  messageId: string;
  /** Groups outbox files by issue. */
  issueId: string;
  /**
   * Awaited before the message is handed over (over SMTP, the dot that ends its data, when a
   * server takes it): from then on a crash may leave it delivered, so the ledger records it as
   * on the wire first. SMTP starts it with the envelope (MAIL FROM) and sends the message's
   * bytes meanwhile; a throw hands nothing over.
   */
  onHandover?: () => void | Promise<void>;
}

/**
 * What became of one attempt. `retry`: nothing was handed over, or the server said try later
 * (4xx). `failed`: the server refused for good (5xx). `unknown`: the connection was lost after
 * the whole message went out and before the reply, so it may have been delivered. `fatal`: the
 * server cannot be used at all (login refused), which stops the run.
 */
export type SendOutcome =
  | { kind: "sent"; reply: string }
  | { kind: "retry"; error: string; serverUnreachable: boolean }
  | { kind: "failed"; error: string }
  | { kind: "unknown"; error: string }
  | { kind: "fatal"; error: string };

/** Anything with send(): SMTP, or the outbox folder. Owned by the send orchestrator. */
export interface Transport {
  /** Said in the output: where the messages go. */
  description: string;
  /** Checks the server can be reached and logged into before anyone is claimed. */
  verify(): Promise<void>;
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close(): Promise<void>;
}
