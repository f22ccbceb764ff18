import { describe, expect, it } from "vitest";
import { NewsletterError } from "../../src/errors.ts";
import { retryWaitMs, withDatabaseRetry } from "../../src/send/db-retry.ts";

const away = () =>
  new NewsletterError(
    "STORE_UNAVAILABLE",
    "database unavailable: PostgreSQL x refused the connection",
  );

describe("riding out a lost database", () => {
  it("tries again with a doubling wait, one line each, and resumes when it is back", async () => {
    const lines: string[] = [];
    const waits: number[] = [];
    let calls = 0;
    const result = await withDatabaseRetry(
      async () => {
        calls++;
        if (calls < 4) throw away();
        return "done";
      },
      { retryForMs: 60_000, log: (l) => lines.push(l), sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe("done");
    expect(waits).toEqual([retryWaitMs(0), retryWaitMs(1), retryWaitMs(2)]);
    expect(lines[0]).toBe(
      "database unavailable (PostgreSQL x refused the connection), retrying in 1 s",
    );
  });

  it("gives up with the store's own error once the retry time would pass, and never retries other errors", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    await expect(
      withDatabaseRetry(async () => Promise.reject(away()), {
        retryForMs: 2_000,
        log: () => {},
        sleep,
      }),
    ).rejects.toThrow("refused the connection");
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2_000);
    let tries = 0;
    await expect(
      withDatabaseRetry(
        async () => {
          tries++;
          throw new Error("syntax error at or near");
        },
        { retryForMs: 60_000, log: () => {}, sleep },
      ),
    ).rejects.toThrow("syntax error");
    expect(tries).toBe(1);
  });
});
