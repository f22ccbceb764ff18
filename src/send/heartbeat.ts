import type { SenderStore } from "../store/store.ts";

/**
 * A sender's heartbeat row: other senders take it for gone once the beat is older than the
 * stale time, and resolve its rows (deleting its row). A sender whose beat finds its row gone
 * (`takenOver`) stops: a beat never brings a sender that was declared gone back to life. One
 * that cannot beat for half the stale time, or for the database outage it rides out
 * (`toleranceMs`), is unhealthy and stops claiming. (What it already claimed is safe either
 * way: a message goes out only while its row's lease is still held.)
 */
export interface Heartbeat {
  healthy(): boolean;
  /** Another sender declared this one gone (it was paused or cut off) and took its rows. */
  takenOver(): boolean;
  stop(): Promise<void>;
}

export async function startHeartbeat(
  store: SenderStore,
  owner: string,
  staleAfterMs: number,
  /** How long beats may fail (a database outage being ridden out) before it is unhealthy. */
  toleranceMs = 0,
): Promise<Heartbeat> {
  await store.registerSender(owner, Date.now());
  let lastBeat = Date.now();
  let takenOver = false;
  const every = Math.max(250, Math.min(10_000, Math.floor(staleAfterMs / 4)));
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    if (takenOver) return;
    beating = store.heartbeat(owner, Date.now()).then(
      (alive) => {
        if (alive) lastBeat = Date.now();
        else takenOver = true;
      },
      () => {
        // Missed beats show in healthy(); the next interval tries again.
      },
    );
  }, every);
  timer.unref();
  return {
    healthy: () => !takenOver && Date.now() - lastBeat < Math.max(staleAfterMs / 2, toleranceMs),
    takenOver: () => takenOver,
    async stop() {
      clearInterval(timer);
      await beating;
      await store.retireSender(owner).catch(() => {});
    },
  };
}
