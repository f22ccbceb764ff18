/**
 * The delivery states of one issue × subscriber row, and every move between them, in one
 * table. Both stores' statements follow it (tests/store/delivery-states.test.ts reads their SQL
 * and checks each status change against it); nothing else may move a row.
 *
 *   pending ──claim──▶ sending ──accepted──▶ sent ──DSN──▶ failed
 *      ▲                 │  │ └──refused / retries spent──▶ failed ──retry-failed──▶ pending
 *      └──released───────┘  └──lost after DATA, or its sender died on the wire──▶ unknown
 *                                                         unknown ──retry-unknown──▶ pending
 */
export const DELIVERY_STATES = ["pending", "sending", "sent", "failed", "unknown"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DELIVERY_TRANSITIONS: ReadonlyArray<{
  from: DeliveryState;
  to: DeliveryState;
  why: string;
}> = [
  { from: "pending", to: "sending", why: "claimed under a lease by one sender" },
  { from: "sending", to: "sent", why: "the server accepted the message" },
  { from: "sending", to: "failed", why: "refused for good, or retries spent" },
  { from: "sending", to: "unknown", why: "lost after DATA, or its sender died on the wire" },
  { from: "sending", to: "pending", why: "released before the wire, or its sender died first" },
  { from: "failed", to: "pending", why: "send --retry-failed" },
  { from: "unknown", to: "pending", why: "send --retry-unknown (may reach them twice)" },
  { from: "sent", to: "failed", why: "a bounce (DSN) for a message that went out" },
  { from: "unknown", to: "failed", why: "a bounce settles an unknown row" },
  { from: "failed", to: "failed", why: "another report of the same failure" },
];

export function isAllowedTransition(from: DeliveryState, to: DeliveryState): boolean {
  return DELIVERY_TRANSITIONS.some((t) => t.from === from && t.to === to);
}
