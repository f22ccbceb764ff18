import type { Store } from "../store/store.ts";

/**
 * A sender's heartbeat row: other senders take it for gone once the beat is older than the
 * stale time, and resolve its rows. A sender that cannot beat for half that time stops claiming
 * (`healthy` false), so it never keeps sending rows another sender may already have taken over.
 */
export interface Heartbeat {
  healthy(): boolean;
  stop(): Promise<void>;
}

export async function startHeartbeat(
  store: Store,
  owner: string,
  staleAfterMs: number,
): Promise<Heartbeat> {
  await store.heartbeat(owner, Date.now());
  let lastBeat = Date.now();
  const every = Math.max(250, Math.min(10_000, Math.floor(staleAfterMs / 4)));
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = store.heartbeat(owner, Date.now()).then(
      () => {
        lastBeat = Date.now();
      },
      () => {
        // Missed beats show in healthy(); the next interval tries again.
      },
    );
  }, every);
  timer.unref();
  return {
    healthy: () => Date.now() - lastBeat < staleAfterMs / 2,
    async stop() {
      clearInterval(timer);
      await beating;
      await store.retireSender(owner).catch(() => {});
    },
  };
}
