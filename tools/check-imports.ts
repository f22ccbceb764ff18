/**
 * `npm run check` runs this: the layout's two import rules, which a linter's per-file view cannot
 * see whole.
 * - No import loops anywhere in `src/` (type-only imports count: a loop of types is a loop of
 *   concepts).
 * - `src/digest/` and `src/email/` are pure: they import no module that does I/O (files,
 *   sockets, processes, databases, mail transports), and no file outside the pure folders but
 *   `src/errors.ts`.
 * - No source file is over `MAX_LINES` lines.
 * Prints each problem on one line and exits 1, or prints nothing and exits 0.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const SRC = path.join(ROOT, "src");

/** The folders that must stay pure, and what they may import from outside themselves. */
const PURE_FOLDERS = ["digest", "email"];
const PURE_MAY_IMPORT = new Set(["errors.ts"]);
/** Modules that do I/O. `node:crypto` (hashing, HMAC) is computation and allowed. */
const IO_MODULES =
  /^(?:node:)?(?:fs|fs\/promises|net|tls|http|https|http2|dgram|child_process|worker_threads|cluster|dns|readline|process)$|^(?:pg|better-sqlite3|imapflow|nodemailer\/lib\/(?:smtp|dkim)|node-cron)/u;

/** The longest a source file may be: past this, it holds more than one concept. */
export const MAX_LINES = 600;

const IMPORT = /\b(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gu;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => m[1] as string);
}

export function checkImports(src: string = SRC): string[] {
  const problems: string[] = [];
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const rel = path.relative(src, file);
    const lineCount = readFileSync(file, "utf8").split("\n").length;
    if (lineCount > MAX_LINES)
      problems.push(`src/${rel}: ${lineCount} lines, more than ${MAX_LINES}; split it by concept`);
    const local: string[] = [];
    for (const spec of importsOf(file)) {
      const resolved = spec.startsWith(".")
        ? path.relative(src, path.resolve(path.dirname(file), spec))
        : undefined;
      if (resolved) local.push(resolved);
      const folder = rel.split(path.sep)[0] ?? "";
      if (!PURE_FOLDERS.includes(folder)) continue;
      if (!resolved && IO_MODULES.test(spec))
        problems.push(`src/${rel}: src/${folder}/ is pure but imports ${spec}`);
      const target = resolved?.split(path.sep)[0] ?? "";
      if (resolved && !PURE_FOLDERS.includes(target) && !PURE_MAY_IMPORT.has(resolved))
        problems.push(`src/${rel}: src/${folder}/ is pure but imports src/${resolved}`);
    }
    graph.set(rel, local);
  }
  problems.push(...findLoops(graph).map((loop) => `import loop: ${loop.join(" → ")}`));
  return problems;
}

/** Every cycle found by a depth-first walk, each reported once from its first file. */
function findLoops(graph: Map<string, string[]>): string[][] {
  const loops: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (node: string) => {
    if (done.has(node)) return;
    if (onStack.has(node)) {
      loops.push([...stack.slice(stack.indexOf(node)), node].map((f) => `src/${f}`));
      return;
    }
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) visit(next);
    stack.pop();
    onStack.delete(node);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node);
  return loops;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const problems = checkImports();
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.exit(problems.length === 0 ? 0 : 1);
}
