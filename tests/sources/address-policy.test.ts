import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isNewsletterError } from "../../src/errors.ts";
import { classifyAddress, refusal } from "../../src/sources/address-policy.ts";
import { fetchBounded } from "../../src/sources/fetch-bounded.ts";

/**
 * Issue 22, defect 10: a redirect must not lead a fetch to the cloud metadata address or to
 * another service on this machine. The classifier is tested directly (no test ever connects to
 * a link-local address); the redirect path with a second loopback host, 127.0.0.2.
 */

describe("the address classifier", () => {
  it.each([
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fd00:ec2::254", "link-local"],
    ["::ffff:169.254.169.254", "link-local"],
    ["127.0.0.1", "loopback"],
    ["127.0.0.2", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fd12:3456::1", "private"],
    ["0.0.0.0", "reserved"],
    ["100.64.0.1", "reserved"],
    ["224.0.0.1", "reserved"],
    ["172.32.0.1", "public"],
    ["93.184.216.34", "public"],
    ["2606:4700::1111", "public"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it("allows an internal address only as the configured URL's own, and link-local never", () => {
    const own = new Set(["127.0.0.1"]);
    expect(refusal("127.0.0.1", own)).toBeUndefined();
    expect(refusal("::ffff:127.0.0.1", own)).toBeUndefined();
    expect(refusal("127.0.0.2", own)).toMatch(/loopback/u);
    expect(refusal("10.0.0.5", own)).toMatch(/private network/u);
    expect(refusal("169.254.169.254", new Set(["169.254.169.254"]))).toMatch(/link-local/u);
    expect(refusal("93.184.216.34", own)).toBeUndefined();
  });
});

function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, host, () =>
      resolve(`http://${host}:${(server.address() as AddressInfo).port}`),
    ),
  );
}

describe("redirects are checked where they lead", () => {
  const hits: string[] = [];
  let other = "";
  let feed = "";
  const servers: Server[] = [];
  beforeAll(async () => {
    // Another service on this machine, which must never be asked.
    const secret = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.end("internal answer");
    });
    servers.push(secret);
    other = await listen(secret, "127.0.0.2");
    const publisher = createServer((req, res) => {
      if (req.url === "/to-other") return res.writeHead(302, { location: `${other}/admin` }).end();
      if (req.url === "/to-metadata")
        return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      res.end("<rss></rss>");
    });
    servers.push(publisher);
    feed = await listen(publisher, "127.0.0.1");
  });
  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
  });

  it("fetches the configured local feed itself", async () => {
    expect(await fetchBounded(`${feed}/feed.xml`)).toMatchObject({
      kind: "ok",
      body: "<rss></rss>",
    });
  });

  it("refuses a redirect to another loopback host, in one line naming the class, and never asks it", async () => {
    const error = await fetchBounded(`${feed}/to-other`).catch((e: unknown) => e);
    expect(isNewsletterError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /refused: a loopback address on this machine \(127\.0\.0\.2\)/u,
    );
    expect((error as Error).message).not.toContain("\n");
    expect(hits).toEqual([]);
  });

  it("refuses a redirect to the metadata address before connecting", async () => {
    const error = await fetchBounded(`${feed}/to-metadata`).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /refused: a link-local or cloud metadata address \(169\.254\.169\.254\)/u,
    );
  });

  it("checks a configured name at connect time and lets its own addresses through", async () => {
    // `localhost` resolves (127.0.0.1, maybe ::1): the connection goes through the guarded lookup.
    const byName = feed.replace("127.0.0.1", "localhost");
    expect(await fetchBounded(`${byName}/feed.xml`)).toMatchObject({ kind: "ok" });
    // Its redirect to 127.0.0.2 is still refused: not an address `localhost` resolved to.
    const error = await fetchBounded(`${byName}/to-other`).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/refused: a loopback address/u);
    expect(hits).toEqual([]);
  });
});
