import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startScheduler } from "../../src/daemon/scheduler.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import { tempProject, testConfig } from "../helpers/project.ts";

/** Issue 24: the scheduler sends the issue as the editor corrected it. */
describe("a scheduled issue with an editor's correction", () => {
  it("carries the corrected speaker in the mail it sends", async () => {
    const { root } = tempProject();
    const config = testConfig(root, { PORT: "0", NEWSLETTER_SCHEDULE: "0 0 1 1 *" });
    const store = SqliteStore.open(config.dataDir);
    await store.addSubscriber("reader@example.org", null, new Date());
    await store.setCorrection(
      "2022-10-ukraine-usa-russia-belarus.txt",
      {
        quote: "No, it’s not on the agenda,",
        paragraph: 3,
        action: "speaker",
        speaker: "Kremlin spokesman Dmitry S. Peskov",
      },
      new Date(),
    );
    await store.close();
    const scheduler = await startScheduler(config, () => {});
    try {
      await scheduler.task.execute();
    } finally {
      await scheduler.stop();
    }
    const outbox = path.join(config.dataDir, "outbox");
    const [issue] = readdirSync(outbox);
    const [file] = readdirSync(path.join(outbox, issue as string));
    const raw = readFileSync(path.join(outbox, issue as string, file as string), "latin1");
    expect(raw.replace(/=\r?\n/gu, "")).toContain("Kremlin spokesman Dmitry S. Peskov");
  });
});
