import type { PgAccess } from "./postgres-signups.ts";
import { PG_SQL } from "./shared-sql.ts";
import type { Approval, ApprovalStore } from "./store.ts";

/** Approval before a scheduled send on PostgreSQL (issue 24). */
export function postgresApprovals(db: PgAccess): ApprovalStore {
  return {
    async requestApproval(articleKey, now) {
      await db.run(PG_SQL.requestApproval, [articleKey, now.toISOString()]);
      return (await db.rows<Approval>(PG_SQL.approval, [articleKey]))[0] as Approval;
    },
    async claimProofs(articleKey) {
      return (await db.run(PG_SQL.claimProofs, [articleKey])) > 0;
    },
    async decideApproval(articleKey, state, by, now, from) {
      const changed = await db.run(
        "UPDATE approvals SET state = $1, decided_by = $2, decided_at = $3 WHERE article_key = $4 AND state = ANY($5::text[])",
        [state, by, now.toISOString(), articleKey, [...from]],
      );
      return changed > 0;
    },
    async approval(articleKey) {
      return (await db.rows<Approval>(PG_SQL.approval, [articleKey]))[0];
    },
    async approvals() {
      return db.rows<Approval>(PG_SQL.approvals);
    },
    async openApprovals() {
      return db.rows<Approval>(PG_SQL.openApprovals);
    },
  };
}
