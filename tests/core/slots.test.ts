import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { prepareMessageBuilder } from "../../src/email/mime.ts";
import { preparePersonalizer } from "../../src/email/personalize.ts";
import { makeSlots, SLOTS, slotValues } from "../../src/email/slots.ts";
import { renderIssue } from "../../src/issue/render-issue.ts";
import { issueHeaders } from "../../src/send/send-issue.ts";
import { ROOT } from "../helpers/cli.ts";

/** Issue 9: the per-subscriber slots are one table that compiling, preview and wire all read. */
describe("the slot table", () => {
  it("gives every slot a token no article can forge, and a value per subscriber", () => {
    const a = makeSlots("n1");
    const b = makeSlots("n2");
    expect(Object.keys(a).sort()).toEqual(SLOTS.map((s) => s.key).sort());
    for (const s of SLOTS) expect(a[s.key]).not.toBe(b[s.key]);
    expect(slotValues({ unsubscribeUrl: "https://x.example/u", name: "Ada" })).toEqual({
      unsubscribeUrl: "https://x.example/u",
      greeting: "Hello Ada,",
    });
  });

  it("leaves no token in the preview or on the wire, and fills every slot in both parts", async () => {
    const config = loadConfig(ROOT, { NEWSLETTER_FROM: "brief@news.example.com" });
    const issue = await renderIssue(config, undefined, new Date());
    for (const s of SLOTS) {
      expect(issue.email.html).toContain(issue.email.slots[s.key]);
      expect(issue.email.text).toContain(issue.email.slots[s.key]);
    }
    const recipient = { unsubscribeUrl: "https://news.example.com/u?t=1&x=2", name: "<Zoë> Z" };
    const body = preparePersonalizer(issue.email)(recipient);
    const wire = prepareMessageBuilder(
      issue.email,
      issueHeaders(config, issue.issueId, new Date()),
    )({
      ...recipient,
      subscriberId: 1,
      email: "zoe@example.com",
      unsubscribeMailto: undefined,
    }).raw.toString("latin1");
    for (const out of [body.html, body.text, wire]) expect(out).not.toMatch(/nl-slot-/u);
    // The greeting is by first name, escaped in the HTML part.
    expect(body.text).toContain("Hello <Zoë>,");
    expect(body.html).toContain("Hello &lt;Zoë&gt;,");
    expect(body.html).toContain("https://news.example.com/u?t=1&amp;x=2");
  });
});
