import path from "node:path";
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
