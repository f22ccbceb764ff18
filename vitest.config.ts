import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start servers and child processes; two workers fit the 2-core machines.
    maxWorkers: 2,
    // The JSON report lets CI print a plain "N passed, N failed" line after the run.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
