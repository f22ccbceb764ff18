// store/: the contract both engines keep (SQLite, PostgreSQL), CSV import, secrets.
import type { Correction } from "../digest/corrections.ts";
import type { CompiledEmail } from "../email/compile-email.ts";
import type { DeliveryState } from "./delivery-states.ts";

/**
 * The store the rest of the program talks to: subscribers, issues and the delivery ledger (one
 * row per issue × subscriber). Two implementations keep the same contract, checked by one test
 * suite run against both (tests/store/contract.test.ts): SQLite in the data folder (the default)
 * and PostgreSQL with DATABASE_URL, where several processes on several hosts send one issue.
 */

export type SubscriberStatus = "active" | "unsubscribed" | "bounced";
/** How an address came to its state. */
export type StatusReason =
  | "link"
  | "one-click"
  | "mail"
  | "complaint"
  | "bounce"
  | "manual"
  | "signup";
/** A delivery row's state; the moves between states are the table in delivery-states.ts. */
export type DeliveryStatus = DeliveryState;

export interface Subscriber {
  id: number;
  email: string;
  name: string | null;
  status: SubscriberStatus;
  /** How the address came to its state (null for an active one never changed). */
  statusReason: StatusReason | null;
  statusChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ClaimedDelivery {
  subscriberId: number;
  email: string;
  name: string | null;
  attempts: number;
  /** Permanent failures counted against the address so far (reset by a delivery). */
  hardFailures: number;
}

export interface IssueRecord {
  id: string;
  /** The article's identity: its file name, stable across edits. */
  articleKey: string;
  articleHash: string;
  articleFile: string;
  subject: string;
  /** The compiled email, so a sender on another host can send the issue without the article. */
  email?: CompiledEmail;
}

export interface IssueCounts {
  issueId: string;
  subject: string;
  createdAt: string;
  sent: number;
  failed: number;
  unknown: number;
  pending: number;
  sending: number;
}

export interface Problem {
  email: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/**
 * A ledger write, as data: the send loop collects them and the store applies a batch in one
 * transaction (with the next claim), so a commit is paid per batch, not per message.
 */
export type LedgerWrite =
  | {
      kind: "sent";
      issueId: string;
      subscriberId: number;
      owner: string;
      messageId: string;
      reply: string;
      attempts: number;
      at: Date;
      /** The address had permanent failures counted: a delivery resets them. */
      resetHardFailures: boolean;
    }
  | {
      kind: "failed" | "unknown";
      issueId: string;
      subscriberId: number;
      owner: string;
      error: string;
      attempts: number;
      at: Date;
      /** A permanent refusal of the recipient: counts towards bouncing after this many. */
      bounceAfter?: number;
    }
  | { kind: "release"; issueId: string; subscriberId: number; owner: string; at: Date }
  /** The message's bytes are about to go out: from now on it may arrive. */
  | { kind: "on-wire"; issueId: string; subscriberId: number; owner: string };

export interface ClaimRequest {
  issueId: string;
  owner: string;
  limit: number;
  leaseUntil: number;
  /**
   * Only rows past this subscriber id. A sender's claims walk forward, so its next scan starts
   * past the rows it took rather than over them (on PostgreSQL their old versions stay in the
   * pending index until vacuumed, and a scan from the start would step over all of them).
   */
  after?: number;
}

export interface TurnResult {
  claimed: ClaimedDelivery[];
  /** Subscribers this batch's failures turned `bounced`. */
  bounced: number;
  /**
   * Subscribers of this batch's on-wire writes whose row the owner no longer holds (another
   * sender took it over): their message must not be handed to SMTP.
   */
  fenced: number[];
}

/** What applying one ledger write did beyond the row: bounced its subscriber, or was fenced out. */
export type WriteEffect = "bounced" | "fenced" | undefined;

export type EventKind = "hard-bounce" | "soft-bounce" | "complaint" | "unsubscribe" | "ignored";

/** Something a reader's mailbox, a mail server or a reader told us after the send. */
export interface InboundEvent {
  /** Unique per event (the inbound message's Message-ID, or a hash of it): makes it idempotent. */
  key: string;
  kind: EventKind;
  subscriberId?: number;
  /** The issue it is about; for an unsubscribe without one, the subscriber's latest issue. */
  issueId?: string;
  /** DSN status code (5.1.1) and the server's diagnostic, for bounces. */
  statusCode?: string;
  diagnostic?: string;
  /** How an unsubscribe came: by mail, the link, one-click. */
  via?: StatusReason;
  /** Hard bounces that mark an address bounced (the same count as RCPT refusals). */
  bounceAfter?: number;
}

export interface EventResult {
  duplicate: boolean;
  /** The subscriber's state changed (bounced or unsubscribed) by this event. */
  changed: boolean;
}

export interface EventCounts {
  hard: number;
  soft: number;
  complaints: number;
  unsubscribes: number;
}

/** How a sender that stopped is told from one that is working. */
export interface Liveness {
  /** Same-host check (the owner's pid): a dead process is gone at once. */
  isAlive: (owner: string) => boolean;
  /** A heartbeat older than this (ms) means the sender is gone, on any host. */
  staleAfterMs: number;
}

/** An import's rows, staged apart from the list until they are merged in one transaction. */
export interface ImportStaging {
  /**
   * Stages a batch (in file order); returns the rows whose address an earlier row already has,
   * with that earlier row's line.
   */
  stage(
    rows: Array<{ key: string; line: number; email: string; name: string | null }>,
  ): Promise<Array<{ line: number; email: string; firstLine: number }>>;
  /** Merges the staged rows into the list: new ones added, active ones renamed. */
  merge(now: Date): Promise<{
    added: number;
    updated: number;
    unchanged: number;
    notReactivated: Array<{ line: number; email: string; status: string }>;
  }>;
  /** Drops what was staged (always called, after a merge or an error). */
  discard(): Promise<void>;
}

/**
 * The store, as the small interfaces its callers use (each caller asks for the least it needs):
 * subscribers (CLI, import, web), issues (send, scheduler, status), the ledger (the send loop),
 * events (inbound, unsubscribe), senders (the heartbeat). Both engines implement all of them.
 */
export interface Store
  extends SubscriberStore,
    IssueStore,
    LedgerStore,
    EventStore,
    SenderStore,
    SignupStore,
    CorrectionStore,
    ApprovalStore {
  readonly kind: "sqlite" | "postgres";
  /** True when this open created the database (a fresh data folder). */
  readonly created: boolean;
  /** Said in the output: where the list is kept (no password). */
  readonly description: string;
  close(): Promise<void>;
}

/** The list: who is on it, in which state. */
export interface SubscriberStore {
  findSubscriber(email: string): Promise<Subscriber | undefined>;
  subscriber(id: number): Promise<Subscriber | undefined>;
  addSubscriber(email: string, name: string | null, now: Date): Promise<number>;
  updateSubscriberName(id: number, name: string, now: Date): Promise<void>;
  /** Changes an address's state, recording how (`reason`) and when. */
  setSubscriberStatus(
    id: number,
    status: SubscriberStatus,
    now: Date,
    reason?: StatusReason | null,
  ): Promise<void>;
  /** A delivery resets the count of permanent failures: only failures in a row bounce. */
  resetHardFailures(subscriberId: number): Promise<void>;
  /** Every subscriber, streamed in id order: the list is never loaded whole. */
  iterateSubscribers(): AsyncIterable<Subscriber>;
  subscriberCount(): Promise<number>;
  activeSubscribers(): Promise<number>;
  startImport(): Promise<ImportStaging>;
}

/** When and from where a reader said yes to the list (a confirmed sign-up). */
export interface Consent {
  at: string;
  ip: string | null;
  userAgent: string | null;
  /** How it was given: `web` (the subscribe form's confirmation link). */
  source: string;
}

export type SignupOutcome = "added" | "resubscribed" | "already-active";

/**
 * Readers who sign themselves up (issue 25). A request waits apart from the list, so no send
 * can ever reach an unconfirmed address; confirming makes it an active subscriber with its
 * consent recorded.
 */
export interface SignupStore {
  /**
   * Notes a request to subscribe `email`, whatever state the address is in; true when a
   * confirmation may be mailed now (none went to it since `mailedBefore`). Atomic across hosts.
   */
  noteSignupRequest(
    email: string,
    name: string | null,
    now: Date,
    mailedBefore: Date,
  ): Promise<boolean>;
  /** A confirmed address joins the list (or comes back to it) with its consent, in one transaction. */
  confirmSignup(
    email: string,
    consent: Consent,
    now: Date,
  ): Promise<{ subscriberId: number; outcome: SignupOutcome }>;
  /** The confirmation could not be mailed: the address may ask again at once. */
  releaseSignupMail(email: string): Promise<void>;
  /**
   * Puts the newest issue that reached anyone (and was recorded with its email) in the ledger
   * for this subscriber; its id when a row was added, undefined when there is none or the
   * subscriber already has it (so a welcome is never sent twice).
   */
  welcomeIssue(subscriberId: number, now: Date): Promise<string | undefined>;
  /** Requests not yet confirmed, for addresses not already on the list. */
  pendingSignups(): Promise<number>;
  /** Removes requests made before `before` (unconfirmed past the link's expiry). */
  expireSignups(before: Date): Promise<number>;
  latestConsent(subscriberId: number): Promise<Consent | undefined>;
}

/**
 * An editor's corrections of an article's quotations (issue 24), kept by the article's key so
 * they apply whenever the article is read, on every host.
 */
export interface CorrectionStore {
  /** Sets the correction of one quotation (replacing an earlier one of the same quotation). */
  setCorrection(articleKey: string, correction: Correction, now: Date): Promise<void>;
  corrections(articleKey: string): Promise<Correction[]>;
  /** Every article's corrections, for a render that learns its article's key as it reads it. */
  allCorrections(): Promise<Record<string, Correction[]>>;
  clearCorrections(articleKey: string): Promise<number>;
}

export type ApprovalState = "awaiting" | "approved" | "held" | "skipped";

/** Where an article's scheduled issue stands with its editors (issue 24). */
export interface Approval {
  articleKey: string;
  state: ApprovalState;
  requestedAt: string;
  /** Who approved or held it (an editor's address, or `shell`); the deadline for `skipped`. */
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Approval before a scheduled send, shared by every daemon on the database. */
export interface ApprovalStore {
  /** Records that the article's issue waits (nothing changes when it is already recorded). */
  requestApproval(articleKey: string, now: Date): Promise<Approval>;
  /** True for exactly one caller per article: that one mails the proofs. */
  claimProofs(articleKey: string): Promise<boolean>;
  /** Moves the article to `state` when it is in one of `from`; true when it moved. */
  decideApproval(
    articleKey: string,
    state: ApprovalState,
    by: string,
    now: Date,
    from: readonly ApprovalState[],
  ): Promise<boolean>;
  approval(articleKey: string): Promise<Approval | undefined>;
  approvals(): Promise<Approval[]>;
  /** Those still to act on: awaiting, or approved and not yet recorded as an issue. */
  openApprovals(): Promise<Approval[]>;
}

/** Issues: what was made from which article, and how each is going. */
export interface IssueStore {
  /** Records an issue (nothing happens when its id exists). */
  recordIssue(issue: IssueRecord, now: Date): Promise<void>;
  /**
   * The issue a scheduled tick works on for this article, decided once for every host: the
   * newest issue of the article's key, or else `issue`, recorded now. Two schedulers ticking
   * together agree on one issue even when their templates differ.
   */
  issueForArticle(issue: IssueRecord, now: Date): Promise<{ issueId: string; created: boolean }>;
  /** The compiled email of an issue, when it was recorded with one. */
  issueEmail(issueId: string): Promise<CompiledEmail | undefined>;
  issue(issueId: string): Promise<IssueRecord | undefined>;
  /** Issues of the same article bytes (other templates) that reached someone. */
  sentIssuesOfArticle(articleHash: string): Promise<string[]>;
  /** Issues made from the article with this identity (file name), oldest first. */
  issuesOfArticleKey(articleKey: string): Promise<string[]>;
  /** Issues with rows still to do (pending for an active subscriber, or claimed), oldest first. */
  issuesInProgress(): Promise<string[]>;
  /**
   * Calls `wake` soon after another process adds pending rows, until the returned function is
   * called (PostgreSQL: LISTEN/NOTIFY). Absent on SQLite, whose helpers only poll.
   */
  watchForWork?(wake: () => void): Promise<() => Promise<void>>;
  /** Rows of an issue still to do: pending for an active subscriber, or claimed by someone. */
  openRows(issueId: string): Promise<number>;
  /** What a send would do now, without writing anything (for --dry-run). */
  countToSend(issueId: string): Promise<{ toSend: number; sent: number }>;
  issueCounts(): Promise<IssueCounts[]>;
  problems(issueId: string, limit: number): Promise<Problem[]>;
}

/** The ledger: one row per issue × subscriber, claimed, written and resolved by senders. */
export interface LedgerStore {
  /** Adds a pending row for every active subscriber without one; returns how many were added. */
  enqueue(issueId: string, now: Date): Promise<number>;
  deliveryCounts(issueId: string): Promise<{ sent: number; pending: number }>;
  /**
   * Rows left `sending` by an owner that is gone (dead here, its heartbeat stale, or its lease
   * expired): those on the wire may have arrived and become `unknown`, never re-sent blindly;
   * those still queued never left and go back to pending. Returns how many became unknown.
   */
  resolveAbandoned(issueId: string, liveness: Liveness, now: Date): Promise<number>;
  /**
   * At the end of a run, the rows this owner still holds: a claim that committed as the
   * database went away never reached the sender. Not on the wire: pending again (returned);
   * on the wire: unknown, as for a sender that died.
   */
  releaseOwnClaims(issueId: string, owner: string, now: Date): Promise<number>;
  /**
   * Applies a batch of ledger writes and then (when asked) claims up to `limit` pending rows of
   * active subscribers for `owner`, all in one transaction. No two senders ever claim one row,
   * and the subscriber's status is read at the claim (an unsubscribe during a run counts).
   */
  commitTurn(writes: LedgerWrite[], claim?: ClaimRequest): Promise<TurnResult>;
  /**
   * True when a second turn can commit while one is running, on a connection of its own
   * (PostgreSQL). SQLite commits one turn at a time in this process, so it leaves this unset.
   */
  readonly concurrentTurns?: boolean;
  /** The server answered (4xx): the message is known not delivered while it waits to retry. */
  clearOnWire(issueId: string, subscriberId: number, owner: string): Promise<void>;
  /** Makes the failed (or unknown) rows of an issue pending again; returns how many. */
  requeue(issueId: string, status: "failed" | "unknown", now: Date): Promise<number>;
}

/** What came back (bounces, complaints, unsubscribes) and the key that signs links. */
export interface EventStore {
  /**
   * Records what came back by mail (a bounce, a complaint, a mailed unsubscribe) or by the
   * unsubscribe link, and applies it, in one transaction; the same event twice (same key)
   * changes nothing.
   */
  recordEvent(event: InboundEvent, now: Date): Promise<EventResult>;
  /** Per issue: hard and soft bounces, complaints, unsubscribes recorded as events. */
  eventCounts(): Promise<Map<string, EventCounts>>;

  /**
   * The unsubscribe key every host shares, generated once (when UNSUBSCRIBE_SECRET is unset);
   * undefined where the store keeps none (SQLite: it lives in the data folder).
   */
  sharedSecret(generate: () => string): Promise<string | undefined>;
}

/** Senders' heartbeats: how a sender on any host is known to be alive. */
export interface SenderStore {
  /** A sender starts: its heartbeat row is written (or refreshed). */
  registerSender(owner: string, nowMs: number): Promise<void>;
  /**
   * A sender's beat. False when its row is gone: another sender declared it gone and took its
   * rows over, so it must stop using its claims. A beat never brings a gone sender back.
   */
  heartbeat(owner: string, nowMs: number): Promise<boolean>;
  /** A sender that finished leaves (its rows are all settled). */
  retireSender(owner: string): Promise<void>;
}

/**
 * Whether a lease's owner is gone: its lease expired, its process is dead (same host), or its
 * heartbeat is missing or older than the stale time.
 */
export function isGone(
  owner: string,
  leaseUntil: number,
  heartbeatAt: number | undefined,
  liveness: Liveness,
  nowMs: number,
): boolean {
  if (leaseUntil < nowMs) return true;
  if (!liveness.isAlive(owner)) return true;
  return heartbeatAt === undefined || heartbeatAt < nowMs - liveness.staleAfterMs;
}

/** What an event does to the list and the ledger, as data: both stores apply it the same way. */
export interface EventEffect {
  /** The issue's ledger row: a hard bounce fails a row that went out; a soft one notes why. */
  row?: { fails: boolean; lastError: string };
  /**
   * Counts a permanent failure against the address, which is bounced at this count; once per
   * issue and subscriber, so two reports of one failure (two DSNs) count once.
   */
  hardFailureBounceAfter?: number;
  /** Unsubscribes the address (unless it already is), for this reason. */
  unsubscribe?: StatusReason;
}

export function eventEffect(event: InboundEvent): EventEffect {
  const detail = [event.statusCode, event.diagnostic].filter(Boolean).join(" ");
  switch (event.kind) {
    case "hard-bounce":
      return {
        row: { fails: true, lastError: `bounced: ${detail}` },
        hardFailureBounceAfter: event.bounceAfter ?? 1,
      };
    case "soft-bounce":
      return { row: { fails: false, lastError: `delayed: ${detail}` } };
    case "complaint":
      return { unsubscribe: "complaint" };
    case "unsubscribe":
      return { unsubscribe: event.via ?? "mail" };
    case "ignored":
      return {};
  }
}

/**
 * The values of an event's row, in the column order both stores insert them: key, kind,
 * issue, subscriber, status code, diagnostic, time.
 */
export function eventRow(
  event: InboundEvent,
  issueId: string | undefined,
  subscriberId: number | undefined,
  at: string,
): unknown[] {
  const { key, kind, statusCode, diagnostic } = event;
  return [
    key,
    kind,
    issueId ?? null,
    subscriberId ?? null,
    statusCode ?? null,
    diagnostic ?? null,
    at,
  ];
}

/**
 * The values of a sender's failed or unknown verdict, in the order both stores bind them:
 * status, error, attempts, time, issue, subscriber, owner.
 */
export function outcomeRow(
  write: Extract<LedgerWrite, { kind: "failed" | "unknown" }>,
  at: string,
): unknown[] {
  return [
    write.kind,
    write.error,
    write.attempts,
    at,
    write.issueId,
    write.subscriberId,
    write.owner,
  ];
}

/**
 * Whether an earlier hard bounce of the same issue and subscriber (another report of the same
 * failure) was recorded: `$1` issue, `$2` subscriber, `$3` this event's key.
 */
export const EARLIER_HARD_BOUNCE =
  "SELECT count(*) AS n FROM events WHERE kind = 'hard-bounce' AND issue_id = $1 AND subscriber_id = $2 AND key <> $3";

/** Event rows (issue, kind, count) as counts per issue. */
export function countsByIssue(
  rows: Array<{ issueId: string; kind: string; n: number }>,
): Map<string, EventCounts> {
  const field: Record<string, keyof EventCounts | undefined> = {
    "hard-bounce": "hard",
    "soft-bounce": "soft",
    complaint: "complaints",
    unsubscribe: "unsubscribes",
  };
  const counts = new Map<string, EventCounts>();
  for (const row of rows) {
    const name = field[row.kind];
    if (!name) continue;
    const c = counts.get(row.issueId) ?? { hard: 0, soft: 0, complaints: 0, unsubscribes: 0 };
    c[name] += Number(row.n);
    counts.set(row.issueId, c);
  }
  return counts;
}

/** Addresses compare case-insensitively (as every mailbox provider treats them). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The message a stale row on the wire is left with. */
export const ABANDONED_ON_WIRE =
  "on the wire when its send process stopped; may have been delivered";
