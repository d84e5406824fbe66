import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { loadConfig } from '../../../src/config';
import { createMailer, outboxFileName, redactSmtpUrl } from '../../../src/mail/transport';
import { parseArgs } from '../../../src/reminders/cli';

describe('mail transport', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lich-hop-outbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('when no SMTP_URL is set, then each message is written as one .eml file named after its Message-ID, readable as mail', async () => {
    const mailer = createMailer({ from: 'Văn phòng HĐND và UBND <no-reply@lucngan.example>', outboxDir: dir });
    expect(mailer.kind).toBe('outbox');
    expect(mailer.describe()).toContain(dir);
    const message = {
      to: 'tckh@lucngan.example',
      subject: 'Nhắc hạn: nội dung 1 – Thứ Năm',
      text: 'Hạn gửi tài liệu: 17:00, Thứ Năm ngày 18/5/2023',
      html: '<p>Hạn gửi tài liệu</p>',
      messageId: '<abc@lich-hop>',
    };
    await mailer.send(message);
    await mailer.send(message); // a re-send overwrites: still one file
    expect(readdirSync(dir)).toEqual([outboxFileName('<abc@lich-hop>')]);
    const mail = await simpleParser(readFileSync(join(dir, outboxFileName('<abc@lich-hop>'))));
    expect(mail.subject).toBe(message.subject);
    expect(mail.text?.trim()).toBe(message.text);
    expect(mail.messageId).toBe('<abc@lich-hop>');
    expect(mail.from?.value[0]).toEqual({ address: 'no-reply@lucngan.example', name: 'Văn phòng HĐND và UBND' });
    mailer.close();
  });

  test('when an SMTP URL carries credentials, then the log line shows only its host', () => {
    expect(redactSmtpUrl('smtps://user:secret@mail.lucngan.gov.vn:465')).toBe('smtps://mail.lucngan.gov.vn:465');
    const mailer = createMailer({
      smtpUrl: 'smtp://user:secret@127.0.0.1:2525',
      from: 'x <x@y.example>',
      outboxDir: dir,
    });
    expect(mailer.kind).toBe('smtp');
    expect(mailer.describe()).not.toContain('secret');
    mailer.close();
  });
});

describe('reminder settings and command line', () => {
  test('when nothing is set, then reminders run, mail goes to ./data/outbox and there is no Office address', () => {
    expect(loadConfig({})).toMatchObject({
      REMINDERS_ENABLED: true,
      MAIL_OUTBOX_DIR: './data/outbox',
      OFFICE_EMAIL: [],
      MAIL_FROM: 'Văn phòng HĐND và UBND <no-reply@lich-hop.invalid>',
    });
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
  });
  test('when settings are given, then they are parsed, and bad ones are named', () => {
    expect(
      loadConfig({
        OFFICE_EMAIL: 'VanPhong@lucngan.example, chanhvanphong@lucngan.example',
        REMINDERS_ENABLED: 'false',
      }),
    ).toMatchObject({
      OFFICE_EMAIL: ['vanphong@lucngan.example', 'chanhvanphong@lucngan.example'],
      REMINDERS_ENABLED: false,
    });
    expect(() => loadConfig({ SMTP_URL: 'http://mail', OFFICE_EMAIL: 'not-an-address' })).toThrow(
      /SMTP_URL=.*\n.*OFFICE_EMAIL=/s,
    );
  });
  test('when `remind` gets --at and --dry-run, then they are parsed; a time without offset is refused', () => {
    expect(parseArgs(['--at', '2023-05-16T09:00:00+07:00', '--dry-run'])).toEqual({
      at: new Date('2023-05-16T02:00:00Z'),
      dryRun: true,
    });
    expect(parseArgs([])).toEqual({ at: null, dryRun: false });
    expect(() => parseArgs(['--at', '2023-05-16T09:00'])).toThrow(/--at: must be an ISO-8601 date-time with an offset/);
    expect(() => parseArgs(['--now'])).toThrow(/unknown argument/);
  });
});
