/**
 * How far a confidence can be trusted: pairs of (probability given, right or not) binned into a
 * reliability table, and the lowest threshold above which answers are right often enough. Pure.
 */

export interface Judged {
  probability: number;
  right: boolean;
}

export interface Bin {
  from: number;
  to: number;
  count: number;
  /** Mean probability given in the bin. */
  said: number;
  /** Share of the bin that was right. */
  right: number;
}

export const BIN_EDGES = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0001];

export function reliabilityTable(judged: readonly Judged[], edges = BIN_EDGES): Bin[] {
  const bins: Bin[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i] as number;
    const to = edges[i + 1] as number;
    const inBin = judged.filter((j) => j.probability >= from && j.probability < to);
    if (inBin.length === 0) continue;
    bins.push({
      from,
      to: Math.min(1, to),
      count: inBin.length,
      said: inBin.reduce((s, j) => s + j.probability, 0) / inBin.length,
      right: inBin.filter((j) => j.right).length / inBin.length,
    });
  }
  return bins;
}

/**
 * The lowest threshold (in hundredths, from `floor`) at which the answers at or above it are
 * right at least `precision` of the time; 1 when none is.
 */
export function thresholdFor(judged: readonly Judged[], precision: number, floor = 0.5): number {
  for (let t = Math.round(floor * 100); t <= 100; t++) {
    const above = judged.filter((j) => j.probability >= t / 100);
    if (above.length === 0) break;
    if (above.filter((j) => j.right).length / above.length >= precision) return t / 100;
  }
  return 1;
}

export function formatTable(bins: readonly Bin[]): string {
  const rows = bins.map(
    (b) =>
      `  ${b.from.toFixed(2)}–${b.to.toFixed(2)}  ${String(b.count).padStart(5)}  said ${b.said.toFixed(3)}  right ${b.right.toFixed(3)}`,
  );
  return ["reliability (confidence bin, quotations, mean confidence, share right)", ...rows].join(
    "\n",
  );
}
