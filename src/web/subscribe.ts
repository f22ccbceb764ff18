import type { IncomingMessage, ServerResponse } from "node:http";
import { isValidEmail } from "../email/address.ts";
import { escapeHtml } from "../email/escape.ts";
import { CONFIRM_TTL_MS, makeConfirmToken, verifyConfirmToken } from "../email/signup-token.ts";
import type { SignupStore, SubscriberStore } from "../store/store.ts";
import { clientIp, formSession, readForm, sendFormPage } from "./forms.ts";
import { RateLimiter } from "./rate-limit.ts";

/**
 * The subscribe form and its double opt-in (issue 25), on the daemon's server:
 * - `GET /subscribe`: the form; `POST /subscribe`: a request, answered with the same page
 *   whatever the address's state (new, pending, active, unsubscribed, bounced), so the form
 *   tells nobody who is on the list. An active address gets no mail; any other gets one
 *   confirmation a hour at most.
 * - `GET /subscribe/confirm?token=…`: a page with a confirm button, changing nothing (mail
 *   scanners follow links); `POST` confirms: the address becomes active, with when, from which
 *   IP and browser consent was given.
 * Every POST needs the form token that goes with the browser's SameSite cookie; a POST without
 * it (the embeddable snippet on another site, or a forged cross-site request) changes nothing
 * and shows this site's own form, filled in, to send from here.
 */

/** Limits: requests per IP per minute; one confirmation mail per address per hour. */
export const SUBSCRIBE_LIMITS = { perIpPerMinute: 5, mailEveryMs: 3_600_000 };
const MAX_BODY = 8192;
const MAX_NAME = 100;
const MAX_USER_AGENT = 300;

export interface SubscribeDeps {
  store: SubscriberStore & SignupStore;
  secret: string;
  newsletterName: string;
  /** What a reader signs up for, in words. */
  about: string;
  publicUrl: string;
  now: () => Date;
  /** Mails the confirmation link (throws when it could not be handed over). */
  mailConfirmation(to: string, confirmUrl: string, expires: Date): Promise<void>;
  /** After a confirmation: send the latest issue, when the operator wants that. */
  welcome?(subscriberId: number): void;
  log(line: string): void;
}

interface Answer {
  status: number;
  title: string;
  body: string;
}

export function createSubscribeHandler(deps: SubscribeDeps) {
  const perIp = new RateLimiter(SUBSCRIBE_LIMITS.perIpPerMinute, 60_000);
  const secure = deps.publicUrl.startsWith("https:");

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/subscribe" && url.pathname !== "/subscribe/confirm") return false;
    if (req.method !== "GET" && req.method !== "POST") {
      res.writeHead(405, { allow: "GET, POST" }).end("method not allowed");
      return true;
    }
    // The browser's form cookie: kept when it has one, made when not.
    const session = formSession(req, deps.secret, "/subscribe", secure);
    const csrf = session.csrf;
    const reply = (answer: Answer) =>
      sendFormPage(res, answer, deps.newsletterName, session.setCookie);
    if (req.method === "GET") {
      reply(
        url.pathname === "/subscribe"
          ? formPage(deps, csrf, {}, 200)
          : confirmPage(deps, url.searchParams.get("token") ?? "", csrf),
      );
      return true;
    }
    if (!perIp.allow(clientIp(req), deps.now().getTime())) {
      reply({
        status: 429,
        title: "Too many requests",
        body: "<h1>Too many requests</h1><p>Please wait a minute and try again.</p>",
      });
      return true;
    }
    const fields = await readForm(req, MAX_BODY);
    if (fields === "too-large") {
      reply({
        status: 413,
        title: "Too large",
        body: "<h1>That was too much</h1><p>The form sends an address and a name, nothing larger.</p>",
      });
      return true;
    }
    const fromThisForm = session.fromOwnForm(fields, deps.publicUrl);
    if (url.pathname === "/subscribe/confirm") {
      const token = url.searchParams.get("token") ?? "";
      reply(
        fromThisForm
          ? await unlessStoreFails(deps, () => confirm(deps, req, token))
          : confirmPage(deps, token, csrf),
      );
      return true;
    }
    const given = {
      email: (fields.get("email") ?? "").trim(),
      name: (fields.get("name") ?? "").trim(),
    };
    if (!fromThisForm) {
      reply(formPage(deps, csrf, given, 200, "Press Subscribe to send your request from here."));
      return true;
    }
    reply(
      await unlessStoreFails(deps, () => request(deps, given, fields.get("website") ?? "", csrf)),
    );
    return true;
  };
}

/**
 * A database that is busy (another process writing) or away costs the reader a retry, said
 * plainly; nothing was recorded, so trying again is safe.
 */
async function unlessStoreFails(deps: SubscribeDeps, act: () => Promise<Answer>): Promise<Answer> {
  try {
    return await act();
  } catch (error) {
    deps.log(`subscribe: ${error instanceof Error ? error.message : String(error)}`);
    return {
      status: 503,
      title: "Please try again",
      body: "<h1>Please try again</h1><p>Your request could not be recorded just now. Please try again in a minute.</p>",
    };
  }
}

/** A sign-up request from this site's own form. */
async function request(
  deps: SubscribeDeps,
  given: { email: string; name: string },
  honeypot: string,
  csrf: string,
): Promise<Answer> {
  const checkInbox: Answer = {
    status: 200,
    title: "Check your inbox",
    body: `<h1>Check your inbox</h1><p>If ${escapeHtml(given.email)} can receive our mail, a link to confirm is on its way. Nothing is sent to this address until it is confirmed; if it is already subscribed, there is nothing more to do.</p>`,
  };
  // A bot filled the field people never see: it is told what a person would be, and nothing happens.
  if (honeypot !== "") return checkInbox;
  const problem = !isValidEmail(given.email)
    ? "That does not look like an email address."
    : given.name.length > MAX_NAME || /[\p{Cc}<>]/u.test(given.name)
      ? `A name of at most ${MAX_NAME} characters, without < or >, please.`
      : undefined;
  if (problem) return formPage(deps, csrf, given, 400, problem, true);
  const now = deps.now();
  const allowed = await deps.store.noteSignupRequest(
    given.email,
    given.name === "" ? null : given.name,
    now,
    new Date(now.getTime() - SUBSCRIBE_LIMITS.mailEveryMs),
  );
  if (!allowed)
    return {
      status: 429,
      title: "Already on its way",
      body: "<h1>Already on its way</h1><p>A request for this address was made in the last hour. Check the inbox (and the spam folder), or try again later.</p>",
    };
  const existing = await deps.store.findSubscriber(given.email);
  // Already reading: no second mail; the same answer as everyone gets.
  if (existing?.status === "active") return checkInbox;
  const expires = new Date(now.getTime() + CONFIRM_TTL_MS);
  const token = makeConfirmToken(given.email, expires, deps.secret);
  try {
    await deps.mailConfirmation(
      given.email,
      `${deps.publicUrl}/subscribe/confirm?token=${token}`,
      expires,
    );
  } catch (error) {
    await deps.store.releaseSignupMail(given.email).catch(() => undefined);
    deps.log(`subscribe: confirmation mail failed: ${(error as Error).message}`);
    return {
      status: 503,
      title: "Please try again",
      body: "<h1>Please try again</h1><p>The confirmation could not be sent just now. Please try again in a few minutes.</p>",
    };
  }
  return checkInbox;
}

/** A confirmation from the page the link opened. */
async function confirm(deps: SubscribeDeps, req: IncomingMessage, token: string): Promise<Answer> {
  const now = deps.now();
  const check = verifyConfirmToken(token, deps.secret, now);
  if (!check.ok) return invalidLink(check.reason);
  const ua = String(req.headers["user-agent"] ?? "").slice(0, MAX_USER_AGENT);
  const { subscriberId, outcome } = await deps.store.confirmSignup(
    check.email,
    { at: now.toISOString(), ip: clientIp(req), userAgent: ua === "" ? null : ua, source: "web" },
    now,
  );
  deps.log(`subscribe: subscriber ${subscriberId} confirmed (${outcome})`);
  deps.welcome?.(subscriberId);
  return {
    status: 200,
    title: "You are subscribed",
    body: `<h1>You are subscribed</h1><p>Welcome to ${escapeHtml(deps.newsletterName)}: ${escapeHtml(deps.about)}. Every issue has a link to leave in one click.</p>`,
  };
}

function confirmPage(deps: SubscribeDeps, token: string, csrf: string): Answer {
  const check = verifyConfirmToken(token, deps.secret, deps.now());
  if (!check.ok) return invalidLink(check.reason);
  const action = `/subscribe/confirm?token=${encodeURIComponent(token)}`;
  return {
    status: 200,
    title: `Confirm your subscription to ${deps.newsletterName}`,
    body: `<h1>Confirm your subscription</h1><p>Subscribe ${escapeHtml(check.email)} to ${escapeHtml(deps.newsletterName)}?</p><form method="post" action="${escapeHtml(action)}"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}"><button type="submit">Yes, subscribe me</button></form>`,
  };
}

function invalidLink(reason: "malformed" | "forged" | "expired"): Answer {
  if (reason === "expired")
    return {
      status: 410,
      title: "This link has expired",
      body: '<h1>This link has expired</h1><p>Confirmation links work for seven days. <a href="/subscribe">Sign up again</a> to get a new one.</p>',
    };
  return {
    status: reason === "malformed" ? 400 : 403,
    title: "This link is not valid",
    body: '<h1>This link is not valid</h1><p>The link is incomplete or was altered. Use the link from the email itself, or <a href="/subscribe">sign up again</a>.</p>',
  };
}

function formPage(
  deps: SubscribeDeps,
  csrf: string,
  given: { email?: string; name?: string },
  status: number,
  note?: string,
  isError = false,
): Answer {
  const e = escapeHtml;
  return {
    status,
    title: `Subscribe to ${deps.newsletterName}`,
    body: `<h1>Subscribe to ${e(deps.newsletterName)}</h1><p>${e(deps.about)}.</p>${
      note ? `<p${isError ? ' role="alert"' : ""}>${e(note)}</p>` : ""
    }${subscribeForm(csrf, given)}<p class="label">We send a link to confirm first. Nothing else is sent until you do.</p>`,
  };
}

/** The form: plain HTML that works without JavaScript; `website` is the honeypot. */
export function subscribeForm(csrf: string, given: { email?: string; name?: string } = {}): string {
  const e = escapeHtml;
  return `<form method="post" action="/subscribe">
<p><label for="email">Email address</label><br><input id="email" name="email" type="email" required maxlength="254" autocomplete="email" value="${e(given.email ?? "")}" style="font:inherit;width:100%;max-width:22rem;padding:8px"></p>
<p><label for="name">Name (optional)</label><br><input id="name" name="name" type="text" maxlength="${MAX_NAME}" autocomplete="name" value="${e(given.name ?? "")}" style="font:inherit;width:100%;max-width:22rem;padding:8px"></p>
<div aria-hidden="true" style="position:absolute;left:-10000px"><label for="website">Leave this empty</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
${csrf ? `<input type="hidden" name="csrf" value="${e(csrf)}">` : ""}<button type="submit">Subscribe</button>
</form>`;
}
