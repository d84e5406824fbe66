/**
 * The mail transport: pooled SMTP when `SMTP_URL` is set, otherwise `.eml` files in an outbox
 * folder (nodemailer's stream transport), so that a development machine sends nothing by accident
 * and every message can still be opened in a mail client.
 *
 * Nodemailer itself never retries an SMTP reply; the reminders outbox does (see
 * src/reminders/retry.ts), using `responseCode` / `code` of the errors thrown here.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';

/** One message to one recipient (never a long To or Bcc list). */
export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<hash@domain>`: deterministic, so a retried send carries the same id and receivers can dedupe. */
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

function composeFields(from: string, m: OutgoingMessage) {
  return {
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    headers: m.headers ?? {},
    ...(m.icalEvent ? { icalEvent: { method: m.icalEvent.method, filename: m.icalEvent.filename, content: m.icalEvent.content } } : {}),
    // Our text is NFC UTF-8; quoted-printable keeps Vietnamese readable in the raw message.
    textEncoding: 'quoted-printable' as const,
  };
}

/** Pooled SMTP (`pool: true`): a few long-lived connections shared by every send. */
export function smtpMailer(options: MailerOptions & { smtpUrl: string }): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
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
      const info = (await transport.sendMail(composeFields(options.from, message))) as { response?: string };
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
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let ready: Promise<unknown> | null = null;
  return {
    kind: 'outbox',
    describe: () => `no SMTP_URL: messages are written as .eml files to ${dir}`,
    async send(message) {
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      const info = (await transport.sendMail(composeFields(options.from, message))) as { message: Buffer };
      const file = join(dir, outboxFileName(message.messageId));
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, info.message);
      await rename(tmp, file); // readers never see half a message
      return { response: `written ${file}` };
    },
    close: () => transport.close(),
  };
}

/** SMTP when a URL is configured, the .eml outbox otherwise. */
export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer({ ...options, smtpUrl: options.smtpUrl }) : outboxMailer(options);
}
