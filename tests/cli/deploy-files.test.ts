import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../helpers/cli.ts";

/** Issue 26: the operator's kit under deploy/, checked, not just shipped. */
describe("deploy/", () => {
  it("compose.yaml parses: the daemon waits for a healthy PostgreSQL, checks /healthz, holds no secret", () => {
    const text = readFileSync(path.join(ROOT, "deploy/compose.yaml"), "utf8");
    const compose = parse(text) as {
      services: Record<string, Record<string, unknown>>;
      volumes: Record<string, unknown>;
    };
    expect(Object.keys(compose.services).sort()).toEqual(["db", "newsletter"]);
    const app = compose.services.newsletter as {
      command: string[];
      environment: Record<string, string>;
      depends_on: Record<string, { condition: string }>;
      healthcheck: { test: string[] };
      stop_signal: string;
    };
    expect(app.depends_on.db?.condition).toBe("service_healthy");
    expect(app.healthcheck.test.join(" ")).toContain("/healthz");
    expect(app.command.join(" ")).toContain("bin/newsletter.mjs schedule");
    expect(app.environment.DATABASE_URL).toMatch(
      /^postgres:\/\/newsletter:\$\{POSTGRES_PASSWORD\}@db:5432\//u,
    );
    expect(app.environment.NEWSLETTER_LOG).toBe("json");
    expect(app.stop_signal).toBe("SIGTERM");
    // Every secret comes from the environment, none is written in the file.
    expect(text).not.toMatch(/^\s*\w*(PASSWORD|SECRET|TOKEN)\w*:\s*[^$\s]/mu);
    expect(Object.keys(compose.volumes).sort()).toEqual(["db-data", "newsletter-data"]);
  });

  it.skipIf(!existsSync("/usr/bin/systemd-analyze"))(
    "the systemd unit passes systemd-analyze verify",
    () => {
      const unit = path.join(ROOT, "deploy/newsletter.service");
      const out = execFileSync("systemd-analyze", ["verify", unit], {
        encoding: "utf8",
        stdio: "pipe",
      });
      expect(out).toBe("");
      expect(readFileSync(unit, "utf8")).toMatch(/^ExecStart=.*bin\/newsletter\.mjs schedule$/mu);
    },
  );
});
