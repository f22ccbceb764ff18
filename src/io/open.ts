import path from "node:path";
import type { Config } from "../config.ts";
import { importSubscribersCsv } from "./csv-import.ts";
import { Store } from "./store.ts";
import type { Transport } from "./transport.ts";
import { outboxDescription, outboxTransport } from "./transport-outbox.ts";
import { smtpDescription, smtpTransport } from "./transport-smtp.ts";

/** The sample list a fresh checkout sends to, so the main job runs with nothing to set up. */
export const SAMPLE_LIST = "subscribers.sample.csv";

/**
 * Opens the store. A database created just now, on a machine with no SMTP_URL, gets the sample
 * list, and `log` says so; with SMTP configured nothing is imported, so real mail never goes to
 * sample addresses.
 */
export async function openStore(config: Config, log: (line: string) => void): Promise<Store> {
  const store = Store.open(config.dataDir);
  if (store.created && !config.smtpUrl) {
    const report = await importSubscribersCsv(
      store,
      path.join(config.root, SAMPLE_LIST),
      new Date(),
    );
    log(
      `new database in ${config.dataDir}: added ${report.added} sample subscribers from ${SAMPLE_LIST} (replace them with "subscribers import")`,
    );
  }
  return store;
}

/** SMTP when SMTP_URL is set, else the outbox folder. */
export function openTransport(config: Config): Transport {
  return config.smtpUrl
    ? smtpTransport({ url: config.smtpUrl, connections: config.smtpConnections, dkim: config.dkim })
    : outboxTransport(path.join(config.dataDir, "outbox"));
}

/** Where `openTransport` would send, said without opening anything. */
export function describeTransport(config: Config): string {
  return config.smtpUrl
    ? smtpDescription(config.smtpUrl, config.smtpConnections)
    : outboxDescription(path.join(config.dataDir, "outbox"));
}
