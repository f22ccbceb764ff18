import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkImports } from "../../tools/check-imports.ts";

describe("issue 21: the layout's import rules", () => {
  it("holds for src/: no import loop, digest/ and email/ pure, no file over 600 lines", () => {
    expect(checkImports()).toEqual([]);
  });

  it("reports a loop and an impure import, one line each", () => {
    const src = mkdtempSync(path.join(tmpdir(), "layout-"));
    mkdirSync(path.join(src, "digest"));
    mkdirSync(path.join(src, "store"));
    writeFileSync(
      path.join(src, "digest", "a.ts"),
      'import { readFileSync } from "node:fs";\nimport type { B } from "./b.ts";\n',
    );
    writeFileSync(path.join(src, "digest", "b.ts"), 'import { a } from "./a.ts";\n');
    writeFileSync(path.join(src, "digest", "c.ts"), 'import { s } from "../store/s.ts";\n');
    writeFileSync(path.join(src, "store", "s.ts"), 'import pg from "pg";\n');
    writeFileSync(path.join(src, "store", "long.ts"), "export const x = 1;\n".repeat(700));
    expect(checkImports(src).sort()).toEqual([
      "import loop: src/digest/a.ts → src/digest/b.ts → src/digest/a.ts",
      "src/digest/a.ts: src/digest/ is pure but imports node:fs",
      "src/digest/c.ts: src/digest/ is pure but imports src/store/s.ts",
      "src/store/long.ts: 701 lines, more than 600; split it by concept",
    ]);
  });
});
