/**
 * The mail transport: pooled SMTP when `SMTP_URL` is set, otherwise `.eml` files in an outbox
 * folder, so that a development machine sends nothing by accident and every message can still be
 * opened in a mail client. Both send the same bytes: nodemailer's MailComposer builds the message,
 * with our own From line (a display name encoded without splitting words, see headers.ts).
 *
 * Nodemailer itself never retries an SMTP reply; the reminders outbox does (see
 * src/reminders/retry.ts), using `responseCode` / `code` of the errors thrown here.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { formatMailbox } from './headers';

/** One message to one recipient (never a long To or Bcc list). */
export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<hash@domain>` under the sender's domain: deterministic, so a retried send carries the same id and receivers can dedupe. */
  messageId: string;
  headers?: Record<string, string>;
  /** An iTIP invitation (text/calendar; method=...), shown by Outlook and Gmail as an update. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string };
}

export interface SendResult {
  /** The SMTP server's final reply, or the file written. */
  response: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** One line for the start-up log (no credentials). */
  describe(): string;
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): void;
}

export interface MailerOptions {
  /** smtp:// or smtps:// URL; unset → .eml files in `outboxDir`. */
  smtpUrl?: string | undefined;
  /** `"Name" <address>` of every message. */
  from: string;
  outboxDir: string;
  /** Parallel SMTP connections of the pool (default 5). */
  maxConnections?: number;
  /** Socket timeouts in ms (default 30 s): keep them well below the outbox lease. */
  timeoutMs?: number;
}

/** `smtp://user:pass@host:587` → `smtp://host:587` (for logs). */
export function redactSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'smtp://[unparseable]';
  }
}

/** The sender as parsed from `"Name" <address>` (or a bare address). */
export function parseMailbox(from: string): { name: string; address: string } {
  const [first] = addressparser(from, { flatten: true });
  if (!first?.address) throw new Error(`not an email address: ${JSON.stringify(from)}`);
  return { name: first.name ?? '', address: first.address };
}

/**
 * The whole RFC 5322 message. Nodemailer composes it with a bare From address; the From line is
 * then replaced by ours, whose display name is encoded without splitting words (headers.ts).
 */
export async function buildRawMessage(
  from: { name: string; address: string },
  m: OutgoingMessage,
  newline: 'windows' | 'unix' = 'windows',
): Promise<Buffer> {
  const node = new MailComposer({
    from: from.address,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    headers: m.headers ?? {},
    ...(m.icalEvent
      ? { icalEvent: { method: m.icalEvent.method, filename: m.icalEvent.filename, content: m.icalEvent.content } }
      : {}),
    // Our text is NFC UTF-8; quoted-printable keeps Vietnamese readable in the raw message.
    textEncoding: 'quoted-printable',
    newline,
  } as never).compile();
  const raw = await new Promise<Buffer>((ok, fail) => node.build((err, message) => (err ? fail(err) : ok(message))));
  const eol = newline === 'windows' ? '\r\n' : '\n';
  const text = raw.toString('utf8');
  const headerEnd = text.indexOf(`${eol}${eol}`);
  const fromLine = new RegExp(`(^|${eol})From: [^\\r\\n]*`);
  const head = text
    .slice(0, headerEnd)
    .replace(
      fromLine,
      (_m, before: string) => `${before}From: ${formatMailbox(from.name, from.address).replace(/\r\n/g, eol)}`,
    );
  return Buffer.from(head + text.slice(headerEnd), 'utf8');
}

/** Pooled SMTP (`pool: true`): a few long-lived connections shared by every send. */
export function smtpMailer(options: MailerOptions & { smtpUrl: string }): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const sender = parseMailbox(options.from);
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: 500,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  } as never);
  return {
    kind: 'smtp',
    describe: () => `SMTP (pooled) via ${redactSmtpUrl(options.smtpUrl)}`,
    async send(message) {
      const raw = await buildRawMessage(sender, message);
      const info = (await transport.sendMail({ envelope: { from: sender.address, to: [message.to] }, raw })) as {
        response?: string;
      };
      return { response: String(info.response ?? '') };
    },
    close: () => transport.close(),
  };
}

/** File name of a message in the outbox: stable per Message-ID, so a re-send overwrites. */
export function outboxFileName(messageId: string): string {
  return `${createHash('sha256').update(messageId).digest('hex').slice(0, 32)}.eml`;
}

/** Writes each message as an RFC 5322 `.eml` file (nothing leaves the machine). */
export function outboxMailer(options: MailerOptions): Mailer {
  const dir = resolve(options.outboxDir);
  const sender = parseMailbox(options.from);
  let ready: Promise<unknown> | null = null;
  return {
    kind: 'outbox',
    describe: () => `no SMTP_URL: messages are written as .eml files to ${dir}`,
    async send(message) {
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      const raw = await buildRawMessage(sender, message, 'unix');
      const file = join(dir, outboxFileName(message.messageId));
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, raw);
      await rename(tmp, file); // readers never see half a message
      return { response: `written ${file}` };
    },
    close: () => undefined,
  };
}

/** SMTP when a URL is configured, the .eml outbox otherwise. */
export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer({ ...options, smtpUrl: options.smtpUrl }) : outboxMailer(options);
}
