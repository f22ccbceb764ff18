import type { Store } from "../store/store.ts";

/**
 * A sender's heartbeat row: other senders take it for gone once the beat is older than the
 * stale time, and resolve its rows (deleting its row). A sender that cannot beat for half that
 * time stops claiming (`healthy` false), so it never keeps sending rows another sender may
 * already have taken over; nor does one whose beat finds its row gone (`takenOver`): a beat
 * never brings a sender that was declared gone back to life.
 */
export interface Heartbeat {
  healthy(): boolean;
  /** Another sender declared this one gone (it was paused or cut off) and took its rows. */
  takenOver(): boolean;
  stop(): Promise<void>;
}

export async function startHeartbeat(
  store: Store,
  owner: string,
  staleAfterMs: number,
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
    healthy: () => !takenOver && Date.now() - lastBeat < staleAfterMs / 2,
    takenOver: () => takenOver,
    async stop() {
      clearInterval(timer);
      await beating;
      await store.retireSender(owner).catch(() => {});
    },
  };
}
