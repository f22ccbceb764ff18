import pg from "pg";

/**
 * New work, said at once: a process that adds pending rows (an issue created, a list enqueued,
 * failed rows requeued) notifies WORK_CHANNEL in the same transaction, and workers listening on
 * it look for work then, instead of at their next poll (a second by default). The poll stays:
 * a notification sent while a listener was reconnecting is never delivered.
 */
export const WORK_CHANNEL = "newsletter_work";

/** Sent with the rows it announces: delivered on commit, never for rows rolled back. */
export const NOTIFY_WORK = `SELECT pg_notify('${WORK_CHANNEL}', $1)`;

/** Waits before connecting again after the listening connection was lost: 1 s, doubling to 30 s. */
function reconnectWaitMs(tries: number): number {
  return Math.min(30_000, 1000 * 2 ** tries);
}

/**
 * A connection of its own that LISTENs on WORK_CHANNEL and calls `wake` for each notification.
 * A lost connection is opened again after a wait, and `wake` is called then too, since work may
 * have been announced meanwhile. Never throws: without it, workers still poll.
 */
export class WorkListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private tries = 0;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly wake: () => void,
  ) {}

  /** Resolves once listening, or once the first try failed (a retry is then scheduled). */
  async start(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => {});
      this.scheduleRetry();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${WORK_CHANNEL}`);
      if (this.tries > 0) this.wake();
      this.tries = 0;
    } catch {
      lost();
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(
      () => {
        this.retry = undefined;
        void this.start();
      },
      reconnectWaitMs(this.tries++),
    );
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
