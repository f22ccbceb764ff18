/**
 * A fixed-window counter per key (an IP address): at most `limit` hits per `windowMs`. Memory is
 * bounded: past `maxKeys` keys the oldest windows are dropped first, so a flood of addresses
 * cannot grow it without end. Per process: behind several daemons each counts its own share.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts a hit; false when the key is over its limit in the current window. */
  allow(key: string, nowMs: number): boolean {
    let w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      this.windows.delete(key);
      w = { start: nowMs, hits: 0 };
      this.windows.set(key, w);
      while (this.windows.size > this.maxKeys) {
        const oldest = this.windows.keys().next().value;
        if (oldest === undefined) break;
        this.windows.delete(oldest);
      }
    }
    w.hits++;
    return w.hits <= this.limit;
  }
}
