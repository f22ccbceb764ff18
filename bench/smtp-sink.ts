/**
 * An SMTP server that accepts and discards every message: the benchmark's receiver. It runs in
 * its own process, so its parsing uses the other core instead of competing with the sender.
 * Prints its port on stdout, then serves until killed. With a number of milliseconds as its
 * argument it is a slow relay: each answer to MAIL FROM, RCPT TO and the message comes that late.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

const delayMs = Number(process.argv[2] ?? 0);
const later = (answer: () => void) => (delayMs > 0 ? setTimeout(answer, delayMs) : answer());

const server = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  logger: false,
  onMailFrom(_address, _session, callback) {
    later(() => callback());
  },
  onRcptTo(_address, _session, callback) {
    later(() => callback());
  },
  onData(stream, _session, callback) {
    stream.on("end", () => later(() => callback()));
    stream.resume();
  },
});
server.on("error", () => {});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.server.address() as AddressInfo).port}\n`);
});
