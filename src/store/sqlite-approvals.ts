import { SQL } from "./shared-sql.ts";
import type { SqliteDatabase } from "./sqlite-driver.ts";
import type { Approval, ApprovalStore } from "./store.ts";

/** Approval before a scheduled send on SQLite (issue 24). */
export function sqliteApprovals(db: SqliteDatabase): ApprovalStore {
  const request = db.prepare(SQL.requestApproval);
  const claim = db.prepare(SQL.claimProofs);
  const one = db.prepare(SQL.approval);
  const all = db.prepare(SQL.approvals);
  const open = db.prepare(SQL.openApprovals);
  return {
    async requestApproval(articleKey, now) {
      request.run(articleKey, now.toISOString());
      return one.get(articleKey) as Approval;
    },
    async claimProofs(articleKey) {
      return claim.run(articleKey).changes > 0;
    },
    async decideApproval(articleKey, state, by, now, from) {
      const marks = from.map(() => "?").join(", ");
      return (
        db
          .prepare(
            `UPDATE approvals SET state = ?, decided_by = ?, decided_at = ? WHERE article_key = ? AND state IN (${marks})`,
          )
          .run(state, by, now.toISOString(), articleKey, ...from).changes > 0
      );
    },
    async approval(articleKey) {
      return (one.get(articleKey) as Approval | undefined) ?? undefined;
    },
    async approvals() {
      return all.all() as Approval[];
    },
    async openApprovals() {
      return open.all() as Approval[];
    },
  };
}
