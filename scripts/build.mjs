// `npm run build` (and `prepare`, which `npm ci` runs): compiles src/ to dist/ with tsc, then
// stamps dist/.built, which bin/newsletter.mjs compares with src/ to know the build is fresh.
// Without the TypeScript compiler (an install without dev dependencies) it says so and leaves
// no stamp: the CLI then runs the TypeScript through tsx, only slower to start.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
rmSync(path.join(root, "dist"), { recursive: true, force: true });
if (!existsSync(tsc)) {
  console.log("build: no TypeScript compiler installed; the CLI will run through tsx");
  process.exit(0);
}
const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
if (result.status !== 0) {
  // A build that failed must not be taken for fresh: no stamp, so the CLI uses tsx.
  console.error("build: tsc reported errors; the CLI will run through tsx until they are fixed");
  // From `prepare` (--lenient) an install still succeeds: `npm run check` is the type gate.
  process.exit(process.argv.includes("--lenient") ? 0 : (result.status ?? 1));
}
writeFileSync(path.join(root, "dist", ".built"), `${new Date().toISOString()}\n`);
