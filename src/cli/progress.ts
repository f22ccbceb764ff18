/** A one-line progress bar redrawn in place on a terminal; silent elsewhere. */
export function progressBar(stream: NodeJS.WritableStream, enabled: boolean) {
  let last = 0;
  return {
    update(done: number, total: number, detail: string): void {
      if (!enabled || total === 0) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = Math.round((Math.min(done, total) / total) * width);
      stream.write(
        `\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} ${detail}\x1b[K`,
      );
    },
    end(): void {
      if (enabled && last !== 0) stream.write("\r\x1b[K");
    },
  };
}
