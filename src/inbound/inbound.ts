// inbound/: what comes back: bounces, complaints, mailed unsubscribes (VERP, IMAP).
import type { Config } from "../config.ts";
import { NewsletterError } from "../errors.ts";
import { readRegularFile } from "../sources/read-file.ts";
import type { EventResult, EventStore } from "../store/store.ts";
import { classifyInbound, type InboundVerdict } from "./classify.ts";

/** A message larger than this is not a bounce or a complaint worth reading whole. */
export const MAX_INBOUND_BYTES = 25 * 1024 * 1024;

export interface InboundOutcome {
  verdict: InboundVerdict;
  result: EventResult;
}

/**
 * One raw message that came back: classified (pure), then recorded and applied in one store
 * transaction. The same message twice (same Message-ID) changes nothing; a message that is not
 * ours to act on is recorded as ignored, so it is counted, and never an error.
 */
export async function processInbound(
  raw: Buffer,
  deps: { store: EventStore; config: Config; secret: string; now: Date; envelopeTo?: string[] },
): Promise<InboundOutcome> {
  const verdict = classifyInbound(raw, {
    secret: deps.secret,
    ...(deps.envelopeTo ? { envelopeTo: deps.envelopeTo } : {}),
  });
  const result = await deps.store.recordEvent(
    {
      key: verdict.key,
      kind: verdict.kind,
      ...(verdict.subscriberId !== undefined ? { subscriberId: verdict.subscriberId } : {}),
      ...(verdict.issueId ? { issueId: verdict.issueId } : {}),
      ...(verdict.statusCode ? { statusCode: verdict.statusCode } : {}),
      ...(verdict.diagnostic ? { diagnostic: verdict.diagnostic } : {}),
      ...(verdict.kind === "unsubscribe" ? { via: "mail" as const } : {}),
      bounceAfter: deps.config.bounceAfter,
    },
    deps.now,
  );
  return { verdict, result };
}

/** A message file: regular files only, bounded. */
export function readInboundFile(file: string): Buffer {
  return readRegularFile(file, MAX_INBOUND_BYTES, {
    missing: "INBOUND_INVALID",
    unreadable: "INBOUND_INVALID",
    tooLarge: "INBOUND_INVALID",
  });
}

/** Standard input to its end, bounded (what an MTA's pipe transport hands over). */
export async function readInboundStdin(stdin: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    length += buffer.length;
    if (length > MAX_INBOUND_BYTES)
      throw new NewsletterError("INBOUND_INVALID", "standard input: larger than 25 MB; not read");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, length);
}

/** One line per message, for the command's output and the daemon's log. */
export function describeOutcome(source: string, { verdict, result }: InboundOutcome): string {
  const who = verdict.subscriberId !== undefined ? ` subscriber ${verdict.subscriberId}` : "";
  const issue = verdict.issueId ? ` issue ${verdict.issueId}` : "";
  const code = verdict.statusCode ? ` ${verdict.statusCode}` : "";
  const effect = result.duplicate
    ? " (already processed; nothing changed)"
    : result.changed
      ? " (state changed)"
      : "";
  return `${source}: ${verdict.kind}${code}${who}${issue}: ${verdict.why}${effect}`;
}
