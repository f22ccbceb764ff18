import { isIP } from "node:net";

/**
 * Which addresses a fetch of a feed or page may connect to (pure). A redirect can point
 * anywhere, so the check runs on the resolved address at connect time, for the first request
 * and every redirect:
 *
 * | class                                   | fetched                                         |
 * |-----------------------------------------|-------------------------------------------------|
 * | link-local and cloud metadata addresses | never                                           |
 * | loopback, private, unspecified, reserved | only the configured URL's own address (a local or intranet feed) |
 * | public                                  | yes                                             |
 */
export type AddressClass = "link-local" | "loopback" | "private" | "reserved" | "public";

/** Addresses cloud providers answer metadata (and credentials) on, outside link-local. */
const METADATA = new Set(["fd00:ec2::254", "100.100.100.200"]);

/** The class of an IP address (v4, v6, or v4 mapped into v6). */
export function classifyAddress(address: string): AddressClass {
  const ip = address.toLowerCase().replace(/^\[|\]$/gu, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/u.exec(ip);
  if (mapped) return classifyAddress(mapped[1] as string);
  if (METADATA.has(ip)) return "link-local";
  if (isIP(ip) === 4) return classifyV4(ip.split(".").map(Number));
  if (isIP(ip) === 6) return classifyV6(ip);
  return "reserved";
}

function classifyV4([a = 0, b = 0]: number[]): AddressClass {
  if (a === 169 && b === 254) return "link-local";
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  // 0/8 "this network", 100.64/10 shared (CGNAT), 192.0.0/24, benchmarking, multicast, future.
  if (a === 0 || (a === 100 && b >= 64 && b <= 127) || a >= 224) return "reserved";
  if ((a === 198 && (b === 18 || b === 19)) || (a === 192 && b === 0)) return "reserved";
  return "public";
}

function classifyV6(ip: string): AddressClass {
  if (ip === "::1") return "loopback";
  if (ip === "::") return "reserved";
  const first = Number.parseInt(ip.split(":")[0] || "0", 16);
  if ((first & 0xffc0) === 0xfe80) return "link-local";
  if ((first & 0xfe00) === 0xfc00) return "private";
  if ((first & 0xff00) === 0xff00) return "reserved";
  return "public";
}

/** Words for a refused class, for the one-line error. */
const CLASS_WORDS: Record<AddressClass, string> = {
  "link-local": "a link-local or cloud metadata address",
  loopback: "a loopback address on this machine",
  private: "a private network address",
  reserved: "a reserved address",
  public: "a public address",
};

/**
 * Why connecting to `address` is refused, or undefined when it is allowed. `configured` holds
 * the addresses the configured URL's own host resolved to: an internal address is allowed only
 * when it is one of those.
 */
export function refusal(address: string, configured: ReadonlySet<string>): string | undefined {
  const kind = classifyAddress(address);
  if (kind === "public") return undefined;
  if (kind !== "link-local" && configured.has(normalise(address))) return undefined;
  return `${CLASS_WORDS[kind]} (${address}) is never fetched${kind === "link-local" ? "" : " unless it is the configured URL's own host"}`;
}

/** The address in the form lookups give it (v4 mapped into v6 read as v4). */
export function normalise(address: string): string {
  const ip = address.toLowerCase().replace(/^\[|\]$/gu, "");
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/u.exec(ip)?.[1] ?? ip;
}
