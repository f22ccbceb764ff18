import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/**
 * A publisher on 127.0.0.1 (listen 0) for the feed and page tests: serves the fixtures of
 * tests/fixtures/web with {{BASE}} filled in, answers conditional GETs with 304, and has routes
 * that fail the ways real servers do. `routes` may be changed while it runs (a new item).
 */
export interface Publisher {
  base: string;
  /** Path → body (fixtures loaded at start; tests may add or replace). */
  routes: Map<string, string>;
  requests: Array<{ path: string; ifNoneMatch: string | undefined }>;
  close(): Promise<void>;
}

const FIXTURES = path.join(import.meta.dirname, "../fixtures/web");
const TYPES: Record<string, string> = {
  ".xml": "application/rss+xml; charset=utf-8",
  ".json": "application/feed+json; charset=utf-8",
  ".html": "text/html; charset=utf-8",
};

export async function startPublisher(): Promise<Publisher> {
  const routes = new Map<string, string>();
  const requests: Publisher["requests"] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    requests.push({ path: url.pathname, ifNoneMatch: req.headers["if-none-match"] });
    if (url.pathname === "/down") return res.writeHead(503).end("maintenance");
    if (url.pathname === "/loop") return res.writeHead(302, { location: "/loop" }).end();
    if (url.pathname === "/slow") return; // never answers
    const body = routes.get(url.pathname);
    if (body === undefined) return res.writeHead(404).end("not found");
    const etag = `"${Buffer.from(body).length}-${body.length % 97}"`;
    if (req.headers["if-none-match"] === etag) return res.writeHead(304, { etag }).end();
    res
      .writeHead(200, {
        "content-type": TYPES[path.extname(url.pathname)] ?? "text/html; charset=utf-8",
        etag,
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const load = (name: string) =>
    readFileSync(path.join(FIXTURES, name), "utf8").replaceAll("{{BASE}}", base);
  routes.set("/feed.xml", load("wordpress-rss.xml"));
  routes.set("/atom.xml", load("atom-summaries.xml"));
  routes.set("/feed.json", load("feed.json"));
  routes.set("/news/ferry-strike-ends.html", load("ferry-strike-ends.html"));
  routes.set("/not-a-feed.xml", "<html><body>Hello</body></html>");
  return {
    base,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on now, so a daemon's links can name it before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
