/**
 * One email per agency per pass (issue 12, point 3), on the seeded May 2023 session (documents due
 * Thursday 18/5 17:00; the "7 working days" reminders go on Tuesday 9/5 08:00): through the real
 * planner and dispatcher, a real SMTP server and the real database. Phòng Tài chính - Kế hoạch
 * prepares items 1-6 and must get one email listing them, not six; two dispatchers at once, a crash
 * between sending and recording, and a failing mail server keep every delivery sent exactly once.
 */
import { smtpMailer, type Mailer } from '../../src/mail/transport';
import { DEFAULT_LEASE_MS, dispatcherOf } from '../../src/reminders/dispatcher';
import { loadEmailTemplates } from '../../src/reminders/email-templates';
import { parseSender } from '../../src/reminders/render';
import { silentLogger } from '../../src/shared/logger';
import { startReminderHarness, type ReminderHarness } from '../support/reminders';
import type { Received } from '../support/smtp-sink';

jest.setTimeout(120_000);

const SESSION = 'ubnd-phien-hop-thuong-ky_20230523T0800';
const REMINDER_DAY = '2023-05-09T01:00:00Z'; // Tuesday 9/5/2023 08:00 +07
const LONG_FROM = 'Văn phòng HĐND và UBND huyện Lục Ngạn <no-reply@lucngan.example>';
const TCKH = 'tckh@lucngan.example';
/** The bundles of that morning: one email per agency (item 8 is claimed by two agencies). */
const EXPECTED_EMAILS = [
  'congan@lucngan.example 8',
  'noivu@lucngan.example 14',
  'tckh@lucngan.example 1-6',
  'thanhtra@lucngan.example 7, 8',
  'vanphong@lucngan.example 10, 11',
];
const EXPECTED_KEYS = [
  ...[1, 2, 3, 4, 5, 6].map((n) => `preparation:${SESSION}:${n}:${TCKH}:7`),
  `preparation:${SESSION}:7:thanhtra@lucngan.example:7`,
  `preparation:${SESSION}:8:thanhtra@lucngan.example:7`,
  `preparation:${SESSION}:8:congan@lucngan.example:7`,
  `preparation:${SESSION}:10:vanphong@lucngan.example:7`,
  `preparation:${SESSION}:11:vanphong@lucngan.example:7`,
  `preparation:${SESSION}:14:noivu@lucngan.example:7`,
];

const summary = (list: Received[]) =>
  list.map((m) => `${m.to.join(',')} ${/Nội dung ([\d, -]+) -/.exec(m.mail.subject ?? '')?.[1]}`).sort();

/** The raw From header, unfolded lines kept apart. */
const rawFrom = (m: Received) => /^From: (.*(?:\r\n[ \t].*)*)/m.exec(m.raw.toString('utf8').split('\r\n\r\n')[0]!)![1]!;

/** Each Q- or B-encoded word of a header, decoded on its own. */
function encodedWords(value: string): string[] {
  return [...value.matchAll(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi)].map(([, enc, text]) =>
    enc!.toUpperCase() === 'B'
      ? Buffer.from(text!, 'base64').toString('utf8')
      : Buffer.from(
          text!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

async function sentRecords(h: ReminderHarness, keys = EXPECTED_KEYS) {
  return Promise.all(keys.map(async (k) => (await h.t.services.reminders.deliveries.get(k))!));
}

describe('one email per agency on the reminder day', () => {
  let h: ReminderHarness;
  beforeAll(async () => {
    h = await startReminderHarness(REMINDER_DAY, { mailFrom: LONG_FROM });
  });
  afterAll(() => h.close());

  test('when the pass runs on 9/5/2023 08:00, then Phòng Tài chính - Kế hoạch gets ONE preparation email listing items 1-6, and every agency one email', async () => {
    const report = await h.runner.pass();
    expect(report.dispatch).toMatchObject({ sent: 12, messages: 5, retrying: 0, dead: 0 });
    expect(summary(h.sink.received)).toEqual(EXPECTED_EMAILS);
    const tckh = h.sink.received.filter((m) => m.to[0] === TCKH);
    expect(tckh).toHaveLength(1);
    const m = tckh[0]!;
    expect(m.mail.subject).toBe(
      '[Nhắc hạn] Nội dung 1-6 - Phiên họp thường kỳ UBND huyện ngày 23/5/2023: hạn gửi tài liệu 17:00, Thứ Năm ngày 18/5/2023',
    );
    const items = (await h.t.services.agenda.list([SESSION])).filter((i) => i.number <= 6);
    expect(items).toHaveLength(6);
    for (const item of items) expect(m.mail.text).toContain(`Nội dung ${item.number}: ${item.title}`);
    expect(m.mail.text).toContain('còn 7 ngày làm việc đến hạn gửi tài liệu đối với 6 nội dung dưới đây');
  });

  test('when the sender has a long Vietnamese name, then it decodes exactly and the raw header splits no word between two encoded-words', () => {
    for (const m of h.sink.received) {
      expect(m.mail.from?.value[0]).toEqual({
        name: 'Văn phòng HĐND và UBND huyện Lục Ngạn',
        address: 'no-reply@lucngan.example',
      });
      const words = encodedWords(rawFrom(m));
      expect(words.length).toBeGreaterThan(1);
      expect(words.join('')).toBe('Văn phòng HĐND và UBND huyện Lục Ngạn');
      // A boundary between two encoded-words is always a space inside the first: no "UB" "ND".
      for (const w of words.slice(0, -1)) expect(w).toMatch(/ $/);
      expect(rawFrom(m)).toMatch(/ <no-reply@lucngan\.example>$/);
    }
  });

  test("when the deliveries are looked up, then each is sent once with its email's Message-ID, under the sender's domain", async () => {
    const records = await sentRecords(h);
    expect(records.map((d) => d.state)).toEqual(EXPECTED_KEYS.map(() => 'sent'));
    const ids = new Set(h.sink.received.map((m) => m.mail.messageId));
    expect(ids.size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^<[0-9a-f]{40}@lucngan\.example>$/);
    for (const d of records) expect(ids.has(d.messageId!)).toBe(true);
    const tckhId = h.sink.received.find((m) => m.to[0] === TCKH)!.mail.messageId;
    expect(records.filter((d) => d.messageId === tckhId).map((d) => d.itemNumber)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('when a second pass runs, then nothing is sent', async () => {
    const before = h.sink.received.length;
    const report = await h.runner.pass();
    expect(report.dispatch).toMatchObject({ sent: 0, messages: 0 });
    expect(h.sink.received).toHaveLength(before);
  });
});

describe('several dispatchers, crashes and a failing mail server', () => {
  const templates = loadEmailTemplates();
  const mailers: Mailer[] = [];
  afterAll(() => mailers.forEach((m) => m.close()));

  function dispatcher(h: ReminderHarness, owner: string, batchSize?: number) {
    const mailer = smtpMailer({ smtpUrl: h.sink.url, from: LONG_FROM, outboxDir: '', timeoutMs: 5_000 });
    mailers.push(mailer);
    const r = h.t.services.reminders;
    return dispatcherOf({
      deliveries: r.deliveries,
      stores: r.stores,
      mailer,
      templates,
      links: r.links,
      sender: parseSender(LONG_FROM),
      clock: h.t.clock,
      logger: silentLogger,
      owner,
      random: () => 0.5,
      ...(batchSize ? { batchSize } : {}),
    });
  }

  test('when three dispatchers work on the outbox at once, then each delivery is sent exactly once and each agency gets one email', async () => {
    const h = await startReminderHarness(REMINDER_DAY, { name: 'concurrent' });
    try {
      await h.runner.planner.plan(h.t.clock.now(), 'test');
      const reports = await Promise.all(['a', 'b', 'c'].map((o) => dispatcher(h, `dispatcher-${o}`, 2).dispatch()));
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(12);
      expect(reports.reduce((n, r) => n + r.messages, 0)).toBe(5);
      expect(summary(h.sink.received)).toEqual(EXPECTED_EMAILS);
      expect(new Set(h.sink.received.map((m) => m.mail.messageId)).size).toBe(5);
      const records = await sentRecords(h);
      expect(records.every((d) => d.state === 'sent' && d.attempts === 1)).toBe(true);
      expect(await h.t.services.reminders.deliveries.countByState()).toMatchObject({
        pending: expect.any(Number),
        sent: 12,
      });
    } finally {
      await h.close();
    }
  });

  test('when a dispatcher dies after sending a bundle and recording part of it, then the rest is recorded from its record and nothing is sent again', async () => {
    const h = await startReminderHarness(REMINDER_DAY, { name: 'crash' });
    try {
      const repo = h.t.services.reminders.deliveries;
      const now = h.t.clock.now();
      await h.runner.planner.plan(now, 'test');
      const bundle = (await repo.candidates(now, 100))
        .filter((d) => d.recipient === TCKH)
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      expect(bundle).toHaveLength(6);
      // The dead dispatcher: claimed the six, sent one email, wrote its record, recorded two members, died.
      const locks = await repo.lockMany(bundle, 'killed-dispatcher', now, DEFAULT_LEASE_MS);
      await repo.recordMessage(
        '<sent-before-crash@lucngan.example>',
        bundle.map((d) => d.key),
        '250 2.0.0 OK: queued',
        now,
      );
      for (const d of bundle.slice(0, 2))
        await repo.finish(
          locks.get(d.key)!,
          d,
          {
            state: 'sent',
            attempts: 1,
            sentAt: now,
            messageId: '<sent-before-crash@lucngan.example>',
            response: '250 2.0.0 OK: queued',
          },
          now,
        );

      const survivor = dispatcher(h, 'survivor');
      expect(await survivor.dispatch()).toMatchObject({ sent: 6, messages: 4, busy: 6 }); // the other agencies; the six are still claimed
      h.t.clock.set(new Date(now.getTime() + DEFAULT_LEASE_MS + 1_000));
      expect(await survivor.dispatch()).toMatchObject({ sent: 0, messages: 0 });
      expect(h.sink.received.filter((m) => m.to[0] === TCKH)).toHaveLength(0);
      const records = await Promise.all(bundle.map(async (d) => (await repo.get(d.key))!));
      expect(records.map((d) => `${d.state} ${d.messageId}`)).toEqual(
        bundle.map(() => 'sent <sent-before-crash@lucngan.example>'),
      );
      expect(await repo.getOpen(bundle[5]!.key)).toBeNull();
    } finally {
      await h.close();
    }
  });

  test('when the mail server answers 421 and then 250, then the bundle is retried as a whole and delivered once; a 550 dead-letters a whole bundle', async () => {
    const h = await startReminderHarness(REMINDER_DAY, { name: 'retry', fixedJitter: true });
    try {
      const tries = new Map<string, number>();
      h.sink.reply = (_attempt, to) => {
        const n = (tries.get(to[0]!) ?? 0) + 1;
        tries.set(to[0]!, n);
        if (to[0] === TCKH && n === 1) return 421;
        if (to[0] === 'thanhtra@lucngan.example') return 550;
        return 250;
      };
      const first = await h.runner.pass();
      expect(first.dispatch).toMatchObject({ sent: 4, messages: 3, retrying: 6, dead: 2 });
      const waiting = await sentRecords(h, EXPECTED_KEYS.slice(0, 6));
      expect(waiting.map((d) => [d.state, d.attempts])).toEqual(waiting.map(() => ['pending', 1]));
      expect(new Set(waiting.map((d) => d.nextAttemptAt.toISOString()))).toEqual(
        new Set([new Date(Date.parse(REMINDER_DAY) + 45_000).toISOString()]),
      );
      expect(waiting[0]!.lastError).toContain('421');
      const dead = await sentRecords(h, EXPECTED_KEYS.slice(6, 8));
      expect(dead.map((d) => d.state)).toEqual(['dead', 'dead']);
      expect(dead[0]!.messageId).toBe(dead[1]!.messageId);

      h.t.clock.set(new Date(Date.parse(REMINDER_DAY) + 46_000));
      const second = await h.runner.pass();
      expect(second.dispatch).toMatchObject({ sent: 6, messages: 1, retrying: 0 });
      expect(tries.get(TCKH)).toBe(2);
      const tckh = h.sink.received.filter((m) => m.to[0] === TCKH);
      expect(tckh).toHaveLength(1);
      const records = await sentRecords(h, EXPECTED_KEYS.slice(0, 6));
      expect(records.map((d) => `${d.state} ${d.attempts} ${d.messageId}`)).toEqual(
        records.map(() => `sent 2 ${tckh[0]!.mail.messageId}`),
      );
      expect((await h.runner.pass()).dispatch).toMatchObject({ sent: 0, messages: 0 });
    } finally {
      await h.close();
    }
  });
});
