import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent, fetch } from "undici";
import { NewsletterError } from "../errors.ts";
import { normalise, refusal } from "./address-policy.ts";

/**
 * An HTTP GET that cannot hang or swamp the process: a deadline for the whole exchange, a size
 * limit read as the body streams in, at most five redirects (http and https only), and a
 * conditional GET when the caller kept an ETag or Last-Modified. Every failure is one line.
 *
 * Every connection, the first and each redirect's, goes only to addresses `address-policy.ts`
 * allows: checked on the resolved address at connect time (a DNS name that resolves to the
 * metadata address is refused like the address itself).
 */

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  etag?: string;
  lastModified?: string;
  /** When given, every address on the way (redirects too) must pass it. */
  allowHost?: (hostname: string) => boolean;
}

export type FetchResult =
  | { kind: "not-modified" }
  | {
      kind: "ok";
      body: string;
      url: string;
      contentType: string;
      etag: string | undefined;
      lastModified: string | undefined;
    };

export const MAX_REDIRECTS = 5;

export async function fetchBounded(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const { timeoutMs = 15_000, maxBytes = 10 * 1024 * 1024 } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  let agent: Agent | undefined;
  try {
    const configured = await ownAddresses(new URL(url).hostname);
    agent = guardedAgent(configured);
    for (let hop = 0; ; hop++) {
      const target = new URL(current);
      if (target.protocol !== "http:" && target.protocol !== "https:")
        throw new NewsletterError(
          "FETCH_FAILED",
          `${url}: only http and https addresses are fetched`,
        );
      if (options.allowHost && !options.allowHost(target.hostname))
        throw new NewsletterError(
          "FETCH_FAILED",
          `${url}: leads off the feed's own site (${target.hostname}); not fetched`,
        );
      // A literal address is connected to without a lookup: checked here.
      const literal = target.hostname.replace(/^\[|\]$/gu, "");
      const refused = isIP(literal) ? refusal(literal, configured) : undefined;
      if (refused) throw new NewsletterError("FETCH_FAILED", `${url}: refused: ${refused}`);
      const headers: Record<string, string> = {
        "user-agent": "newsletter-digest/1 (+feed reader)",
        accept:
          "application/rss+xml, application/atom+xml, application/feed+json, application/json, text/html;q=0.9, */*;q=0.5",
      };
      if (hop === 0 && options.etag) headers["if-none-match"] = options.etag;
      if (hop === 0 && options.lastModified) headers["if-modified-since"] = options.lastModified;
      const response = await fetch(target, {
        redirect: "manual",
        signal,
        headers,
        dispatcher: agent,
      });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        const location = response.headers.get("location");
        await response.body?.cancel();
        if (!location)
          throw new NewsletterError("FETCH_FAILED", `${url}: a redirect without a Location`);
        if (hop >= MAX_REDIRECTS)
          throw new NewsletterError("FETCH_FAILED", `${url}: more than ${MAX_REDIRECTS} redirects`);
        current = new URL(location, target).toString();
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { kind: "not-modified" };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new NewsletterError(
          "FETCH_FAILED",
          `${url}: the server answered ${response.status} ${response.statusText}`.trim(),
        );
      }
      const declared = Number(response.headers.get("content-length") ?? 0);
      if (declared > maxBytes)
        throw new NewsletterError(
          "FETCH_FAILED",
          `${url}: larger than ${maxBytes >> 20} MB; not read`,
        );
      const chunks: Uint8Array[] = [];
      let length = 0;
      const reader = response.body?.getReader();
      for (;;) {
        if (!reader) break;
        const { done, value: chunk } = await reader.read();
        if (done) break;
        length += chunk.length;
        if (length > maxBytes) {
          await reader.cancel();
          throw new NewsletterError(
            "FETCH_FAILED",
            `${url}: larger than ${maxBytes >> 20} MB; not read`,
          );
        }
        chunks.push(chunk);
      }
      return {
        kind: "ok",
        body: Buffer.concat(chunks).toString("utf8"),
        url: current,
        contentType: response.headers.get("content-type") ?? "",
        etag: response.headers.get("etag") ?? undefined,
        lastModified: response.headers.get("last-modified") ?? undefined,
      };
    }
  } catch (error) {
    if (error instanceof NewsletterError) throw error;
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.cause?.code === REFUSED)
      throw new NewsletterError("FETCH_FAILED", `${url}: refused: ${e.cause.message}`, {
        cause: error,
      });
    const why =
      e.name === "TimeoutError" || signal.aborted
        ? `no answer within ${Math.round(timeoutMs / 1000)} s`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new NewsletterError("FETCH_FAILED", `${url}: cannot be fetched (${why})`, {
      cause: error,
    });
  } finally {
    await agent?.close().catch(() => {});
  }
}

/** The code of a connection the address policy refused. */
const REFUSED = "ADDRESS_REFUSED";

/** The addresses the configured URL's own host resolves to (none when it does not resolve). */
async function ownAddresses(hostname: string): Promise<Set<string>> {
  const host = hostname.replace(/^\[|\]$/gu, "");
  if (isIP(host)) return new Set([normalise(host)]);
  const found = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, addresses) => resolve(error ? [] : addresses)),
  );
  return new Set(found.map((a) => normalise(a.address)));
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** An HTTP agent whose every connection resolves its host and keeps only allowed addresses. */
function guardedAgent(configured: ReadonlySet<string>): Agent {
  const lookup = (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const allowed = addresses.filter((a) => refusal(a.address, configured) === undefined);
      const first = allowed[0];
      if (!first) {
        const why = refusal((addresses[0] as LookupAddress).address, configured) as string;
        return callback(Object.assign(new Error(why), { code: REFUSED }), "");
      }
      if (options.all) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
  return new Agent({ connect: { lookup } });
}
