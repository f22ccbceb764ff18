/**
 * An SMTP server that accepts and discards every message: the benchmark's receiver. It runs in
 * its own process, so its parsing uses the other core instead of competing with the sender.
 * Prints its port on stdout, then serves until killed.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

const server = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  logger: false,
  onData(stream, _session, callback) {
    stream.on("end", () => callback());
    stream.resume();
  },
});
server.on("error", () => {});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.server.address() as AddressInfo).port}\n`);
});
