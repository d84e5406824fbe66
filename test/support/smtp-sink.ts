/**
 * A real SMTP server (smtp-server, port 0) that keeps what it receives, decoded with mailparser.
 * `reply` decides the answer to each message (default 250): return an SMTP code >= 400 to refuse.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  mail: ParsedMail;
}

export interface SmtpSink {
  url: string;
  port: number;
  /** Messages accepted (250). */
  received: Received[];
  /** DATA commands seen, accepted or not. */
  attempts: number;
  /** Answer for the next messages: 250, or an error code such as 421 or 550. */
  reply: (attempt: number, to: string[]) => number;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink = { received: [] as Received[], attempts: 0, reply: (() => 250) as SmtpSink['reply'] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        sink.attempts += 1;
        const to = session.envelope.rcptTo.map((r) => r.address);
        const code = sink.reply(sink.attempts, to);
        if (code >= 400) {
          const err = Object.assign(
            new Error(code >= 500 ? 'Mailbox unavailable' : 'Service not available, try again later'),
            { responseCode: code },
          );
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            sink.received.push({ from, to, raw, mail });
            callback();
          })
          .catch((e: unknown) => callback(e as Error));
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(sink, {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  });
}
