import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SqliteStore } from "../src/io/store-sqlite.ts";
const store = SqliteStore.open(mkdtempSync(path.join(tmpdir(), "plan-")));
for (const sql of [
  `SELECT d.subscriber_id AS subscriberId, d.attempts, s.email, s.name, s.hard_failures AS hardFailures
         FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
         WHERE d.issue_id = ? AND d.status = 'pending' AND s.status = 'active'
         ORDER BY d.subscriber_id LIMIT ?`,
  "UPDATE deliveries SET on_wire = 1 WHERE issue_id = ? AND subscriber_id = ? AND lease_owner = ?",
  "SELECT lease_owner AS owner, max(lease_until) AS until FROM deliveries WHERE issue_id = ? AND status = 'sending' GROUP BY lease_owner",
]) console.log(store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(sql.includes("LIMIT") ? ["x", 5] : sql.startsWith("UPDATE") ? ["x", 1, "o"] : ["x"])));
