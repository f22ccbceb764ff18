import { caniemail } from "caniemail";

/**
 * The preview's checks of a compiled issue (issue 24), as data: size against Gmail's clip, every
 * link and where it goes, images without alt text, and the HTML and CSS features some email
 * clients lack (caniemail.com's tables, through the `caniemail` package), grouped by feature.
 * Pure: the spam score, which runs a program, is apart (web/spam-score.ts).
 */
export type CheckLevel = "error" | "warning" | "ok" | "info";

export interface Check {
  level: CheckLevel;
  title: string;
  items: string[];
}

/** Gmail clips a message whose HTML is larger than this. */
export const GMAIL_CLIP_BYTES = 102 * 1024;
/** Warn this close to the clip: a long article tips it over. */
const NEAR_CLIP_BYTES = 90 * 1024;

export function checkEmail(html: string, options: { realSmtp: boolean }): Check[] {
  return [sizeCheck(html), ...linkChecks(html, options), imageCheck(html), ...compatibility(html)];
}

function sizeCheck(html: string): Check {
  const bytes = Buffer.byteLength(html, "utf8");
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return {
    level: bytes > GMAIL_CLIP_BYTES ? "error" : bytes > NEAR_CLIP_BYTES ? "warning" : "ok",
    title: `HTML size ${kb(bytes)} of Gmail's ${kb(GMAIL_CLIP_BYTES)} clip`,
    items: [],
  };
}

/** Rules for links, in the order they are tried; the first that holds names the problem. */
const LINK_RULES: ReadonlyArray<{
  level: CheckLevel;
  why: string;
  test: (url: URL, options: { realSmtp: boolean }) => boolean;
}> = [
  {
    level: "error",
    why: "a script link, which mail clients block",
    test: (u) => u.protocol === "javascript:",
  },
  {
    level: "error",
    why: "points at this machine, which no reader can reach",
    test: (u, o) => o.realSmtp && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/u.test(u.hostname),
  },
  { level: "warning", why: "plain http", test: (u) => u.protocol === "http:" },
];

function linkChecks(html: string, options: { realSmtp: boolean }): Check[] {
  const links = [
    ...new Set([...html.matchAll(/\bhref="([^"]*)"/giu)].map((m) => unescapeAttribute(m[1] ?? ""))),
  ];
  const problems: Check[] = [];
  const listed: string[] = [];
  for (const link of links) {
    let url: URL | undefined;
    try {
      url = new URL(link);
    } catch {
      problems.push({ level: "error", title: `a link that is not a URL: ${link}`, items: [] });
      continue;
    }
    const rule = LINK_RULES.find((r) => r.test(url, options));
    if (rule) problems.push({ level: rule.level, title: `${link}: ${rule.why}`, items: [] });
    listed.push(link);
  }
  if (!links.some((l) => /\/unsubscribe\b/u.test(l)))
    problems.push({ level: "error", title: "no unsubscribe link in the body", items: [] });
  return [{ level: "info", title: `${listed.length} link(s)`, items: listed }, ...problems];
}

function imageCheck(html: string): Check {
  const missing = [...html.matchAll(/<img\b[^>]*>/giu)]
    .map((m) => m[0])
    .filter((tag) => !/\balt\s*=/iu.test(tag))
    .map((tag) => unescapeAttribute(/\bsrc="([^"]*)"/iu.exec(tag)?.[1] ?? "(no src)"));
  return missing.length > 0
    ? { level: "error", title: `${missing.length} image(s) without alt text`, items: missing }
    : { level: "ok", title: "every image has alt text", items: [] };
}

/**
 * Features the email uses that some clients lack, one line per feature with the clients grouped
 * by family (`Outlook: windows, windows-mail`), unsupported first, then partial support.
 */
function compatibility(html: string): Check[] {
  const result = caniemail({ clients: ["*"], html });
  const grouped = (issues: typeof result.issues.errors) => {
    const byFeature = new Map<string, Map<string, Set<string>>>();
    for (const [client, features] of issues) {
      const [family = client, platform = ""] = client.split(".");
      for (const issue of features.values()) {
        const families = byFeature.get(issue.title) ?? new Map<string, Set<string>>();
        families.set(family, (families.get(family) ?? new Set()).add(platform));
        byFeature.set(issue.title, families);
      }
    }
    return [...byFeature]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([title, families]) =>
          `${title}: ${[...families]
            .map(([family, platforms]) => `${family} (${[...platforms].sort().join(", ")})`)
            .join("; ")}`,
      );
  };
  const none = grouped(result.issues.errors);
  const partial = grouped(result.issues.warnings);
  return [
    { level: "info", title: `${none.length} feature(s) some clients do not support`, items: none },
    {
      level: "info",
      title: `${partial.length} feature(s) some clients support in part`,
      items: partial,
    },
  ];
}

function unescapeAttribute(text: string): string {
  return text
    .replace(/&amp;/gu, "&")
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">");
}
