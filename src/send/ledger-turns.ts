import type { ClaimRequest, LedgerStore, LedgerWrite, TurnResult } from "../store/store.ts";
import {
  type DatabaseRetry,
  isStoreUnavailable,
  retryWaitMs,
  unavailableLine,
} from "./db-retry.ts";

/** A caller of commitWith: told whether its row is still this sender's once committed. */
interface Waiter {
  subscriberId: number;
  resolve: (held: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * The batching of ledger writes. Outcomes wait here until the next turn, which writes them and
 * claims the next rows in one transaction: a commit costs several times the write itself, so
 * one is paid per batch, not per message. A turn runs at once when slots need refilling
 * (`urgent`), else at most `flushMs` after the first waiting write. A turn asked for while
 * another commits runs right after it; but where the store can commit two at once
 * (PostgreSQL), a message waiting to go on the wire does not wait for that: a turn that only
 * writes (no claim) commits beside the running one. On PostgreSQL a commit is a round trip,
 * and waiting for the running turn first was most of each message's wait (bench: about 5 %
 * more messages a second with it).
 *
 * Until its turn a settled row is still `sending`, among this sender's claimed slots: a crash
 * in that gap leaves it `unknown` (or pending, if it never reached the wire), never re-sent.
 *
 * A message about to go on the wire is recorded by `commitWith`, which commits everything
 * waiting in the same transaction: a connection's previous message is written sent before its
 * next one goes out, so a crash leaves at most one row per connection `unknown`.
 */
export class LedgerTurns {
  private writes: LedgerWrite[] = [];
  /** Callers of commitWith waiting for the turn that holds their write. */
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private running = false;
  private again = false;
  /** A write-only turn is committing (or about to) beside the running one. */
  private beside = false;
  private besideImmediate: NodeJS.Immediate | undefined;
  /** While the database is away: when the outage began, and the timer of the next try. */
  private outageSince: number | undefined;
  private outageTries = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: LedgerStore,
    private readonly hooks: {
      /** The claim to make this turn, if any. */
      claim: () => ClaimRequest | undefined;
      /** The committed turn (rows claimed, subscribers bounced), and the claim it made if any. */
      committed: (result: TurnResult, claim: ClaimRequest | undefined) => void;
      /** The commit failed (locked past the timeout, disk full): nothing of it was written. */
      failed: (error: unknown) => void;
    },
    private readonly flushMs: number,
    /** Riding out a lost database: nothing is dropped, the turn is tried again. */
    private readonly retry: DatabaseRetry = { retryForMs: 0, log: () => {} },
  ) {}

  push(write: LedgerWrite): void {
    this.writes.push(write);
  }

  /**
   * Writes `write` with everything waiting, now; resolves once committed, to whether the row is
   * still this sender's (false: another sender took it over, so its message must not go out).
   */
  commitWith(write: LedgerWrite): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.writes.push(write);
      this.waiters.push({ subscriberId: write.subscriberId, resolve, reject });
      this.request(true);
    });
  }

  get waiting(): number {
    return this.writes.length;
  }

  /** Asks for a turn: now when `urgent`, else within flushMs. */
  request(urgent: boolean): void {
    // The database is away: the waiting try takes everything along.
    if (this.retryTimer) return;
    if (this.running) {
      if (urgent && this.waiters.length > 0 && this.store.concurrentTurns && !this.beside) {
        this.beside = true;
        this.besideImmediate = setImmediate(() => void this.runBeside());
      } else if (urgent) this.again = true;
      else this.scheduleFlush();
      return;
    }
    if (urgent) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.immediate ??= setImmediate(() => void this.run());
    } else this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.timer || this.immediate) return;
    this.timer = setTimeout(() => void this.run(), this.flushMs);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        const claim = this.hooks.claim();
        const writes = this.writes.splice(0);
        const waiters = this.waiters.splice(0);
        let result: TurnResult;
        try {
          result = await this.store.commitTurn(writes, claim);
          this.outageSince = undefined;
          this.outageTries = 0;
          settle(waiters, result);
        } catch (error) {
          if (this.waitForDatabase(error, writes, waiters)) return;
          this.hooks.failed(error);
          for (const w of waiters) w.reject(error);
          result = { claimed: [], bounced: 0, fenced: [] };
        }
        this.hooks.committed(result, claim);
      } while (this.again);
    } finally {
      this.running = false;
    }
    if (this.writes.length > 0) this.scheduleFlush();
  }

  /**
   * The turn beside the running one: what is waiting, with no claim (claims stay in order, one
   * at a time). If it fails, its writes and waiters go back in front and the running turn's
   * loop takes them: it rides out a lost database or fails the run, as for any turn.
   */
  private async runBeside(): Promise<void> {
    this.besideImmediate = undefined;
    const writes = this.writes.splice(0);
    const waiters = this.waiters.splice(0);
    try {
      // The running turn finished meanwhile and took them along.
      if (waiters.length === 0) {
        this.writes.unshift(...writes);
        return;
      }
      let result: TurnResult;
      try {
        result = await this.store.commitTurn(writes, undefined);
      } catch {
        this.writes.unshift(...writes);
        this.waiters.unshift(...waiters);
        this.again = true;
        return;
      }
      settle(waiters, result);
      this.hooks.committed(result, undefined);
    } finally {
      this.beside = false;
      // Handed back while no turn runs: one must, or the waiters would wait for ever.
      if (this.waiters.length > 0 && !this.running) this.request(true);
    }
  }

  /**
   * A commit the database was not there for: its writes and waiters go back in front, and the
   * turn is tried again after a doubling wait, said in one line. False once the outage has
   * lasted past the retry time (the caller then fails the turn as any other error).
   */
  private waitForDatabase(error: unknown, writes: LedgerWrite[], waiters: Waiter[]): boolean {
    if (!isStoreUnavailable(error)) return false;
    this.outageSince ??= Date.now();
    const wait = retryWaitMs(this.outageTries++);
    if (Date.now() - this.outageSince + wait > this.retry.retryForMs) return false;
    this.writes.unshift(...writes);
    this.waiters.unshift(...waiters);
    this.retry.log(unavailableLine(error, wait));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.run();
    }, wait);
    return true;
  }

  /** Stops the flush and retry timers (the run is over). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    if (this.besideImmediate) clearImmediate(this.besideImmediate);
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }
}

/** A committed turn answers its waiters: held, or fenced out (another sender has the row). */
function settle(waiters: Waiter[], result: TurnResult): void {
  const fenced = new Set(result.fenced);
  for (const w of waiters) w.resolve(!fenced.has(w.subscriberId));
}
