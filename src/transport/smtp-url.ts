/** An SMTP server as SMTP_URL names it, parsed once when the settings are read. */
export interface SmtpServer {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
  /** The URL as output may show it: the password replaced by `***`. */
  shown: string;
}

/** The parts of an SMTP_URL, or a reason it is not one (never quoting the password). */
export function parseSmtpUrl(
  url: string,
): ({ ok: true } & SmtpServer) | { ok: false; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      ok: false,
      reason: "is not a URL (a / or @ in the password must be written %2F, %40)",
    };
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:")
    return { ok: false, reason: "must start with smtp:// or smtps://" };
  if (parsed.hostname === "") return { ok: false, reason: "has no host" };
  if (parsed.pathname !== "" && parsed.pathname !== "/")
    return { ok: false, reason: "has a path; a / in the password must be written %2F" };
  const secure = parsed.protocol === "smtps:";
  const port = parsed.port === "" ? (secure ? 465 : 587) : Number(parsed.port);
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(parsed.username);
    pass = decodeURIComponent(parsed.password);
  } catch {
    return { ok: false, reason: "has a badly escaped user or password" };
  }
  return {
    ok: true,
    host: parsed.hostname.replace(/^\[|\]$/gu, ""),
    port,
    secure,
    auth: user !== "" ? { user, pass } : undefined,
    shown: redact(url),
  };
}

/** The URL with its password replaced by `***`, for output and errors. */
export function redact(url: string): string {
  const at = url.lastIndexOf("@");
  const scheme = url.indexOf("//");
  if (at === -1 || scheme === -1 || at < scheme) return url;
  const userinfo = url.slice(scheme + 2, at);
  const colon = userinfo.indexOf(":");
  if (colon === -1) return url;
  return `${url.slice(0, scheme + 2)}${userinfo.slice(0, colon)}:***${url.slice(at)}`;
}
