import {
  appendFileSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
} from "node:fs";
import path from "node:path";
import type { EventStore, InboundEvent } from "../store/store.ts";

/** An unsubscribe that could not be written to the database yet. */
export interface QueuedUnsubscribe {
  subscriberId: number;
  /** ISO time the reader asked. */
  at: string;
}

/**
 * A durable side file for unsubscribes that met a busy database (a long import, another
 * writer): each request is appended and synced before the reader is told they are unsubscribed,
 * then applied when the database is free. Nothing is lost and the endpoint never waits on the
 * database's lock.
 *
 * Appends go to `unsubscribe-queue.jsonl`; a flush first renames it to `….processing` (so an
 * append during the flush lands in a new file), applies it, and deletes it only once applied.
 */
export class UnsubscribeQueue {
  private readonly file: string;
  private readonly processing: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, "unsubscribe-queue.jsonl");
    this.processing = `${this.file}.processing`;
  }

  record(entry: QueuedUnsubscribe): void {
    const fd = openSync(this.file, "a", 0o600);
    try {
      appendFileSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private flushing: Promise<number> | undefined;

  /**
   * Applies what is queued with `apply`. Returns how many were applied; throws (keeping the
   * file) when `apply` does, so the next flush retries. Applying twice changes nothing, and two
   * flushes at once share one run.
   */
  flush(apply: (entries: QueuedUnsubscribe[]) => Promise<void>): Promise<number> {
    this.flushing ??= this.flushOnce(apply).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async flushOnce(apply: (entries: QueuedUnsubscribe[]) => Promise<void>): Promise<number> {
    let text = readIfExists(this.processing);
    if (text === undefined) {
      try {
        renameSync(this.file, this.processing);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
        throw error;
      }
      text = readIfExists(this.processing) ?? "";
    }
    const entries = text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as QueuedUnsubscribe];
        } catch {
          // A line cut by a crash mid-append: the reader was never told it succeeded.
          return [];
        }
      });
    await apply(entries);
    unlinkSync(this.processing);
    return entries.length;
  }

  /**
   * Applies what is queued to the store (an address already unsubscribed stays as it is). Returns how
   * many were applied; throws, keeping the queue, while the database is busy.
   */
  async flushInto(store: EventStore): Promise<number> {
    if (!this.pending()) return 0;
    return this.flush(async (entries) => {
      for (const entry of entries) {
        const at = new Date(entry.at);
        await store.recordEvent(oneClickEvent(entry.subscriberId, at), at);
      }
    });
  }

  /** Whether anything waits to be applied. */
  pending(): boolean {
    return readIfExists(this.file) !== undefined || readIfExists(this.processing) !== undefined;
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A one-click unsubscribe, as the event the store records (one per reader and moment). */
export function oneClickEvent(subscriberId: number, at: Date): InboundEvent {
  return {
    key: `one-click:${subscriberId}:${at.toISOString()}`,
    kind: "unsubscribe",
    subscriberId,
    via: "one-click",
  };
}
