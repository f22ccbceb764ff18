import { afterAll, describe, expect, it } from "vitest";
import { startScheduler } from "../../src/daemon/scheduler.ts";
import { PgStore } from "../../src/store/postgres.ts";
import { databaseBehindProxy, freshDatabase, postgresUnavailable } from "../helpers/postgres.ts";
import { tempProject, testConfig } from "../helpers/project.ts";

/** Issue 26: the daemon's health check, for a load balancer, systemd or an orchestrator. */

const pgReason = await postgresUnavailable();
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("GET /healthz", () => {
  it("says the database answers, the next tick, and after a tick how it went; nothing secret", async () => {
    const { root } = tempProject();
    const config = testConfig(root, {
      PORT: "0",
      NEWSLETTER_SCHEDULE: "0 0 1 1 *",
      UNSUBSCRIBE_SECRET: "a-secret-that-must-not-show-0123456789",
    });
    const scheduler = await startScheduler(config, () => {});
    try {
      const before = await health(scheduler.url);
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({
        status: "ok",
        database: "ok",
        lastTick: null,
        issueInProgress: null,
        imap: null,
      });
      expect(String(before.body.nextTick)).toMatch(/^\d{4}-01-01T/u);
      await scheduler.task.execute();
      const after = await health(scheduler.url);
      expect(after.body.lastTick).toMatchObject({ outcome: expect.stringMatching(/^sent 0/u) });
      expect(JSON.stringify(after.body)).not.toContain("a-secret-that-must-not-show");
    } finally {
      await scheduler.stop();
    }
  });

  it.skipIf(pgReason !== undefined)(
    "answers 503 while PostgreSQL is away and 200 again once it is back",
    async () => {
      const db = await freshDatabase();
      drops.push(db.drop);
      await (await PgStore.open(db.url)).close();
      const password = "hunter2-never-shown";
      const { proxy, url } = await databaseBehindProxy(db.url, password);
      const { root } = tempProject();
      const scheduler = await startScheduler(
        testConfig(root, {
          PORT: "0",
          NEWSLETTER_SCHEDULE: "0 0 1 1 *",
          DATABASE_URL: url,
        }),
        () => {},
      );
      try {
        expect((await health(scheduler.url)).status).toBe(200);
        await proxy.cut();
        const down = await health(scheduler.url);
        expect(down.status).toBe(503);
        expect(down.body).toMatchObject({ status: "unavailable", database: "unavailable" });
        expect(JSON.stringify(down.body)).not.toContain(password);
        await proxy.restore();
        expect((await health(scheduler.url)).status).toBe(200);
      } finally {
        await scheduler.stop();
        await proxy.close();
      }
    },
    60_000,
  );
});
