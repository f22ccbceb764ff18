/** A daemon's log kept in a test: its lines, and a wait for a line (already written or to come). */
export function logRecorder() {
  const lines: string[] = [];
  const waiters: Array<{ re: RegExp; resolve: () => void }> = [];
  return {
    lines,
    log(line: string): void {
      lines.push(line);
      for (const w of waiters) if (w.re.test(line)) w.resolve();
    },
    /** Resolves when a line matching `re` is (or has been) logged: an event, not a sleep. */
    logged(re: RegExp): Promise<void> {
      return lines.some((l) => re.test(l))
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ re, resolve }));
    },
  };
}
