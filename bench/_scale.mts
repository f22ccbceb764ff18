import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.ts";
import { SqliteStore } from "../src/io/store-sqlite.ts";
import { smtpTransport } from "../src/io/transport-smtp.ts";
import { renderIssue } from "../src/render-issue.ts";
import { sendIssue } from "../src/send-issue.ts";
const N = Number(process.argv[2] ?? 30000);
const sink = spawn(process.execPath, ["--import", "tsx", "bench/smtp-sink.ts"], { stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise<string>((r) => sink.stdout!.once("data", (d) => r(d.toString().trim())));
const url = `smtp://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "scale-"));
const config = loadConfig(process.cwd(), { NEWSLETTER_DATA_DIR: dataDir, SMTP_URL: url, NEWSLETTER_FROM: "brief@news.example.com", PUBLIC_URL: "https://news.example.com" });
const store = SqliteStore.open(dataDir);
const ins = store.db.prepare("INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)");
store.db.transaction(() => { for (let i = 1; i <= N; i++) ins.run(`r${i}@example.com`, `r${i}@example.com`, `R ${i}`, "x", "x"); })();
const issue = await renderIssue(config, "seeds/2022-10-ukraine-usa-russia-belarus.txt", new Date());
const transport = smtpTransport({ url, connections: 5, dkim: undefined });
let last = performance.now(); let lastDone = 0;
const t = performance.now();
const s = await sendIssue({ store, transport, config, issue, secret: "bench-secret-bench-secret-bench-secret", now: () => new Date(), onProgress: (p) => {
  if (p.done - lastDone >= 10000) { const now = performance.now(); console.log(`${p.done}: ${((p.done - lastDone) / ((now - last) / 1000)).toFixed(0)} msg/s`); last = now; lastDone = p.done; }
} });
console.log(N, s.sent, (N / ((performance.now() - t) / 1000)).toFixed(0), "msg/s overall");
await transport.close(); store.close(); sink.kill();
