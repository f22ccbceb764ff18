import { ImapFlow } from "imapflow";
import { NewsletterError } from "../errors.ts";
import { MAX_INBOUND_BYTES } from "./inbound.ts";

/**
 * The bounce mailbox over IMAP (imapflow). Unseen messages are handed to `handle` one at a
 * time, oldest first, and marked \Seen only after `handle` has recorded them: a crash in between
 * hands the message over again, and the store's event key makes that a no-op. None is processed
 * twice; none is lost.
 */

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
  /** Said in output and errors: never the password. */
  label: string;
}

export function parseImapUrl(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  const user = decodeURIComponent(u.username);
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//u, "")) || "INBOX";
  return {
    host: u.hostname.replace(/^\[|\]$/gu, ""),
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user,
    pass: decodeURIComponent(u.password),
    mailbox,
    label: `${u.protocol}//${user ? `${user}@` : ""}${u.host}/${mailbox}`,
  };
}

export async function pollImap(
  url: string,
  handle: (raw: Buffer, uid: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<{ processed: number; skipped: number }> {
  const target = parseImapUrl(url);
  const client = new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: { user: target.user, pass: target.pass },
    logger: false,
    // A loopback test server speaks plain IMAP; anything else must offer TLS.
    doSTARTTLS: target.secure ? undefined : !isLoopback(target.host),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new NewsletterError("IMAP_FAILED", `cannot read ${target.label}: ${describe(error)}`, {
      cause: error,
    });
  }
  let processed = 0;
  let skipped = 0;
  try {
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids.sort((a, b) => a - b)) {
        if (signal?.aborted) break;
        const meta = await client.fetchOne(String(uid), { size: true }, { uid: true });
        if (meta && (meta.size ?? 0) > MAX_INBOUND_BYTES) {
          // Too large to be a report: marked, counted, never read whole.
          skipped++;
        } else {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (message !== false && message.source) await handle(message.source, uid);
          processed++;
        }
        await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      }
    } finally {
      lock.release();
    }
  } catch (error) {
    if (error instanceof NewsletterError) throw error;
    throw new NewsletterError("IMAP_FAILED", `reading ${target.label} failed: ${describe(error)}`, {
      cause: error,
    });
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { processed, skipped };
}

function describe(error: unknown): string {
  const e = error as { responseText?: string; message?: string; code?: string };
  return (e.responseText || e.message || e.code || String(error)).split("\n")[0] ?? "";
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
