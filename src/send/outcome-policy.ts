import type { LedgerWrite } from "../store/store.ts";
import type { SendOutcome } from "../transport/transport.ts";

/**
 * What one message's final SMTP outcome means for the ledger and the run, as a table: the ledger
 * write, what the summary counts, whether it counts towards bouncing the address, and whether it
 * is an error towards pausing the run. Pure, so each row is tested on its own.
 */

export type Settled =
  | { kind: "sent"; reply: string }
  | { kind: "failed"; error: string; bounce: boolean }
  | { kind: "unknown"; error: string }
  /** Back to pending as if never tried (nothing was delivered). */
  | { kind: "release"; error?: string }
  /** The server cannot be used at all: the run stops, the row goes back to pending. */
  | { kind: "fatal"; error: string };

export interface Verdict {
  settled: Settled;
  /** Counts towards pausing the run (failures in a row). */
  isError: boolean;
}

/**
 * @param tries attempts made in this run
 * @param stopped the run was stopping when a retry was due
 */
export function verdictFor(outcome: SendOutcome, tries: number, stopped: boolean): Verdict {
  switch (outcome.kind) {
    case "sent":
      return { settled: { kind: "sent", reply: outcome.reply }, isError: false };
    case "failed":
      // A 5xx for the recipient: the only outcome that may bounce an address.
      return { settled: { kind: "failed", error: outcome.error, bounce: true }, isError: true };
    case "unknown":
      // Lost after the whole message went out: it may have arrived, so never retried blindly.
      return { settled: { kind: "unknown", error: outcome.error }, isError: true };
    case "fatal":
      return { settled: { kind: "fatal", error: outcome.error }, isError: false };
    case "retry":
      // The run is stopping: not delivered, so it waits for the next run.
      if (stopped) return { settled: { kind: "release" }, isError: false };
      // Nothing was handed over: pending for the next run (a server that stays away pauses).
      if (outcome.serverUnreachable)
        return { settled: { kind: "release", error: outcome.error }, isError: true };
      // 4xx to the last try: failed, but a sender-side delay never bounces the address.
      return {
        settled: {
          kind: "failed",
          error: `${outcome.error} (after ${tries} attempts)`,
          bounce: false,
        },
        isError: true,
      };
  }
}

/** The row a settled message was, and what the write needs to say of it. */
export interface RowContext {
  issueId: string;
  subscriberId: number;
  owner: string;
  messageId: string;
  attempts: number;
  at: Date;
  /** The address had permanent failures counted (a delivery resets them). */
  hadHardFailures: boolean;
  bounceAfter: number;
}

/** The ledger write of a settled message: its row's new state. */
export function ledgerWriteFor(settled: Settled, row: RowContext): LedgerWrite {
  const { issueId, subscriberId, owner, attempts, at } = row;
  switch (settled.kind) {
    case "sent":
      return {
        kind: "sent",
        issueId,
        subscriberId,
        owner,
        messageId: row.messageId,
        reply: settled.reply,
        attempts,
        at,
        resetHardFailures: row.hadHardFailures,
      };
    case "failed":
    case "unknown":
      return {
        kind: settled.kind,
        issueId,
        subscriberId,
        owner,
        error: settled.error,
        attempts,
        at,
        ...(settled.kind === "failed" && settled.bounce ? { bounceAfter: row.bounceAfter } : {}),
      };
    case "fatal":
    case "release":
      return { kind: "release", issueId, subscriberId, owner, at };
  }
}

/** Pauses a run after `limit` errors in a row; a delivery resets the streak. */
export class ErrorStreak {
  private inRow = 0;

  constructor(private readonly limit: number) {}

  /** Records a verdict; returns the pause reason once the streak reaches the limit. */
  record(verdict: Verdict): string | undefined {
    if (verdict.settled.kind === "sent") {
      this.inRow = 0;
      return undefined;
    }
    if (!verdict.isError) return undefined;
    this.inRow++;
    const error = "error" in verdict.settled ? verdict.settled.error : "";
    return this.inRow >= this.limit
      ? `${this.inRow} errors in a row, the last: ${error}`
      : undefined;
  }
}
