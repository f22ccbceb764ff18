// Preloaded into a benchmarked child process: writes its peak resident set size (KB) to the
// file named by BENCH_RSS_FILE when it exits, so the benchmark needs no external `time`.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
