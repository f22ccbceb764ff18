import type pg from "pg";
import { HARD_FAILURE } from "./postgres-ledger.ts";
import { PG_SQL } from "./shared-sql.ts";
import {
  EARLIER_HARD_BOUNCE,
  type EventResult,
  eventEffect,
  eventRow,
  type InboundEvent,
} from "./store.ts";

/**
 * Records what came back (a bounce, a complaint, an unsubscribe) and applies it, inside the
 * caller's transaction: the event once (by key), its effect on the issue's row and the address.
 */
export async function applyEvent(
  client: pg.PoolClient,
  event: InboundEvent,
  at: string,
): Promise<EventResult> {
  const id = event.subscriberId;
  let issueId = event.issueId;
  if (issueId === undefined && id !== undefined)
    issueId = (await client.query<{ issue_id: string }>(PG_SQL.latestSentIssue, [id])).rows[0]
      ?.issue_id;
  const inserted = await client.query(
    `INSERT INTO events (key, kind, issue_id, subscriber_id, status_code, diagnostic, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING`,
    eventRow(event, issueId, id, at),
  );
  if ((inserted.rowCount ?? 0) === 0) return { duplicate: true, changed: false };
  if (id === undefined) return { duplicate: false, changed: false };
  const effect = eventEffect(event);
  if (effect.row && issueId)
    await client.query(effect.row.fails ? PG_SQL.bounceRow : PG_SQL.noteDelay, [
      effect.row.lastError,
      at,
      issueId,
      id,
    ]);
  let changed = false;
  const counted =
    issueId !== undefined &&
    Number(
      (await client.query<{ n: string }>(EARLIER_HARD_BOUNCE, [issueId, id, event.key])).rows[0]
        ?.n ?? 0,
    ) > 0;
  if (effect.hardFailureBounceAfter !== undefined && !counted) {
    const row = await client.query<{ changed: boolean }>(HARD_FAILURE, [
      effect.hardFailureBounceAfter,
      at,
      id,
    ]);
    changed = row.rows[0]?.changed === true;
  }
  if (effect.unsubscribe) {
    const updated = await client.query(PG_SQL.unsubscribe, [effect.unsubscribe, at, at, id]);
    changed = (updated.rowCount ?? 0) > 0;
  }
  return { duplicate: false, changed };
}
