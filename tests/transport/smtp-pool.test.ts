import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import { SmtpPool } from "../../src/transport/smtp-pool.ts";
import { moment } from "../helpers/moment.ts";
import { startSmtp } from "../helpers/smtp.ts";

/**
 * The pool's hand-over (issue 22, item 6): the ledger's on-wire record starts when the message
 * takes a connection, beside its envelope, and the message's first byte waits for it.
 */

const RAW = Buffer.from("From: a@example.com\r\nTo: b@example.com\r\nSubject: t\r\n\r\nHello\r\n");

function poolFor(port: number): SmtpPool {
  return new SmtpPool({
    host: "127.0.0.1",
    port,
    secure: false,
    auth: undefined,
    connections: 1,
    dkim: undefined,
    timeouts: { connect: 10_000, greeting: 10_000, socket: 30_000 },
  });
}

describe("the SMTP pool's hand-over", () => {
  it("records while the envelope goes out, and sends the message only once the record is done", async () => {
    const rcpt = moment();
    const order: string[] = [];
    const smtp = await startSmtp({
      onRcpt: () => {
        order.push("server read RCPT TO");
        rcpt.now();
        return undefined;
      },
    });
    const pool = poolFor(smtp.port);
    try {
      const result = await pool.send({
        from: "a@example.com",
        to: "b@example.com",
        raw: RAW,
        onHandover: async () => {
          order.push("record started");
          // The server reads RCPT TO while the record is still being written: they overlap.
          await rcpt.happened;
          order.push(`record done, ${smtp.received.length} received`);
        },
      });
      expect(result.ok).toBe(true);
      expect(order).toEqual(["record started", "server read RCPT TO", "record done, 0 received"]);
      expect(smtp.received.map((r) => r.to)).toEqual(["b@example.com"]);
    } finally {
      await pool.close();
      await smtp.close();
    }
  });

  it("reports a refused recipient only after the record ended, and a failed record sends nothing", async () => {
    const rcpt = moment();
    const smtp = await startSmtp({
      onRcpt: () => {
        rcpt.now();
        return "550 no such user";
      },
    });
    const pool = poolFor(smtp.port);
    const order: string[] = [];
    let finishRecord: () => void = () => {};
    try {
      const sent = pool
        .send({
          from: "a@example.com",
          to: "gone@example.com",
          raw: RAW,
          onHandover: () =>
            new Promise<void>((resolve) => {
              finishRecord = () => {
                order.push("record done");
                resolve();
              };
            }),
        })
        .then((result) => {
          order.push("reported");
          return result;
        });
      // The server has refused the recipient; the record, begun with the envelope, is still open.
      await rcpt.happened;
      finishRecord();
      const result = await sent;
      expect(result).toMatchObject({ ok: false, handedOver: false });
      expect(order).toEqual(["record done", "reported"]);

      const failed = await pool.send({
        from: "a@example.com",
        to: "b@example.com",
        raw: RAW,
        onHandover: async () => {
          throw new Error("the ledger could not be written");
        },
      });
      expect(failed).toMatchObject({ ok: false, handedOver: false });
      expect(smtp.received).toEqual([]);
    } finally {
      await pool.close();
      await smtp.close();
    }
  });
});

describe("the hand-over is the end of the data", () => {
  it("streams the message while the record is written, and a record that fails leaves the server nothing", async () => {
    const bytes = moment();
    let taken = 0;
    const server = new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        stream.once("data", () => bytes.now());
        stream.on("end", () => {
          taken++;
          callback();
        });
      },
    });
    server.on("error", () => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const pool = poolFor((server.server.address() as AddressInfo).port);
    try {
      const result = await pool.send({
        from: "a@example.com",
        to: "b@example.com",
        raw: RAW,
        onHandover: async () => {
          // The message's bytes reach the server while the record is still being written…
          await bytes.happened;
          // …and the record fails: the data is never ended.
          throw new Error("the ledger could not be written");
        },
      });
      expect(result).toMatchObject({ ok: false, handedOver: false });
      // A message that did go through afterwards shows the server takes whole messages.
      const next = await pool.send({ from: "a@example.com", to: "c@example.com", raw: RAW });
      expect(next.ok).toBe(true);
      expect(taken).toBe(1);
    } finally {
      await pool.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
