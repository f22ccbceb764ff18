import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Config } from "../config.ts";
import { outboxDescription, outboxTransport } from "../transport/outbox.ts";
import { smtpDescription, smtpTransport } from "../transport/smtp.ts";
import type { Transport } from "../transport/transport.ts";
import { importSubscribersCsv } from "./csv-import.ts";
import { openPlainStore } from "./open-store.ts";
import type { Store } from "./store.ts";

/** The sample list a fresh checkout sends to, so the main job runs with nothing to set up. */
export const SAMPLE_LIST = "subscribers.sample.csv";

/**
 * Opens the store. Only where it serves (`sampleList`: a send to the outbox folder) does an
 * empty list get the sample subscribers, and `log` says so; an import, an add, the scheduler or
 * any send over SMTP never mixes sample addresses into a real list.
 */
export async function openStore(
  config: Config,
  log: (line: string) => void,
  { sampleList = false }: { sampleList?: boolean } = {},
): Promise<Store> {
  const store = await openPlainStore(config);
  if (config.smtp) await retireSamples(store, config, log);
  if (sampleList && !config.smtp && (await store.subscriberCount()) === 0) {
    const report = await importSubscribersCsv(
      store,
      path.join(config.root, SAMPLE_LIST),
      new Date(),
    );
    log(
      `the list is empty, so this send to the outbox uses the ${report.added} sample subscribers of ${SAMPLE_LIST} (add your own with "subscribers import")`,
    );
  }
  return store;
}

/** SMTP when SMTP_URL is set, else the outbox folder. */
export function openTransport(config: Config): Transport {
  return config.smtp
    ? smtpTransport({ server: config.smtp, connections: config.smtpConnections, dkim: config.dkim })
    : outboxTransport(path.join(config.dataDir, "outbox"));
}

/** Where `openTransport` would send, said without opening anything. */
export function describeTransport(config: Config): string {
  return config.smtp
    ? smtpDescription(config.smtp, config.smtpConnections)
    : outboxDescription(path.join(config.dataDir, "outbox"));
}

/** The sample list is our own small file; a larger one is not what the demo shipped. */
const MAX_SAMPLE_BYTES = 64 * 1024;

/**
 * The sample addresses are never mailed over SMTP. A list that still holds them from the
 * outbox demo (an earlier version stored them as active subscribers) has them unsubscribed
 * (reason `manual`) the first time mail could go out, said once; after that none is active.
 */
async function retireSamples(store: Store, config: Config, log: (line: string) => void) {
  const file = path.join(config.root, SAMPLE_LIST);
  if (!existsSync(file) || statSync(file).size > MAX_SAMPLE_BYTES) return;
  const rows = parse(readFileSync(file, "utf8"), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<{ email?: string }>;
  const retired: string[] = [];
  for (const { email } of rows) {
    const sample = email ? await store.findSubscriber(email) : undefined;
    if (sample?.status !== "active") continue;
    await store.setSubscriberStatus(sample.id, "unsubscribed", new Date(), "manual");
    retired.push(sample.email);
  }
  if (retired.length > 0)
    log(
      `left out ${retired.length} sample address(es) of ${SAMPLE_LIST} that the outbox demo put on the list (${retired.join(", ")}): they are never mailed over SMTP, and are now unsubscribed`,
    );
}
