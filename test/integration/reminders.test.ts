/**
 * Reminders for the seeded May 2023 session (regular session of Tuesday 23/5/2023, documents due
 * Thursday 18/5 17:00), through the real planner and dispatcher, a real SMTP server and database.
 */
import request from 'supertest';
import type { ReminderRunner } from '../../src/reminders';
import type { SmtpSink } from '../support/smtp-sink';
import { startReminderHarness, type ReminderHarness } from '../support/reminders';
import type { TestApp } from '../support/app';

const SESSION = 'ubnd-phien-hop-thuong-ky_20230523T0800';

jest.setTimeout(60_000);

let t: TestApp;
let sink: SmtpSink;
let runner: ReminderRunner;

let h: ReminderHarness;
beforeAll(async () => {
  h = await startReminderHarness('2023-05-16T02:00:00Z', { fixedJitter: true }); // Tuesday 16/5/2023 09:00 +07
  ({ t, sink, runner } = h);
});
afterAll(() => h.close());

/** A header as sent (mailparser turns some, such as List-Unsubscribe, into objects). */
const header = (m: SmtpSink['received'][number], name: string) => {
  const line = m.mail.headerLines.find((h) => h.key === name)?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
};

describe('reminders for the seeded May 2023 session', () => {
  test('when the first pass runs on 16/5/2023 09:00, then each preparing agency gets ONE email with the 3-working-days reminders of all its items', async () => {
    const report = await runner.pass();
    expect(report.dispatch).toMatchObject({ sent: 12, messages: 5, dead: 0, retrying: 0 });
    const got = sink.received
      .map((m) => `${m.to.join(',')} ${/Nội dung ([\d, -]+) -/.exec(m.mail.subject ?? '')?.[1]}`)
      .sort();
    expect(got).toEqual([
      'congan@lucngan.example 8',
      'noivu@lucngan.example 14',
      'tckh@lucngan.example 1-6',
      'thanhtra@lucngan.example 7, 8',
      'vanphong@lucngan.example 10, 11',
    ]);
    for (const m of sink.received) {
      expect(m.to).toHaveLength(1);
      expect(header(m, 'x-lich-hop-kind')).toBe('preparation');
      expect(m.mail.text).toContain('còn 3 ngày làm việc đến hạn gửi tài liệu');
    }
  });

  test('when the message for items 1-6 is decoded, then its Vietnamese subject and body arrive intact, from the Office under its own domain', async () => {
    const m = sink.received.find((x) => x.to[0] === 'tckh@lucngan.example')!;
    expect(m.mail.subject).toBe(
      '[Nhắc hạn] Nội dung 1-6 - Phiên họp thường kỳ UBND huyện ngày 23/5/2023: hạn gửi tài liệu 17:00, Thứ Năm ngày 18/5/2023',
    );
    expect(m.mail.subject).toBe(m.mail.subject!.normalize('NFC'));
    const items = (await t.services.agenda.list([SESSION])).filter((i) => i.number <= 6);
    for (const item of items) {
      expect(m.mail.text).toContain(`Nội dung ${item.number}: ${item.title}`);
      expect(m.mail.html).toContain(`<strong>${item.title}</strong>`);
    }
    expect(m.mail.text).toContain('Kính gửi: Phòng Tài chính - Kế hoạch');
    expect(m.mail.text).toContain('Thời gian: 08:00, Thứ Ba ngày 23/5/2023');
    expect(m.mail.from?.value[0]).toEqual({
      address: 'no-reply@lucngan.example',
      name: 'Văn phòng HĐND và UBND huyện',
    });
    expect(m.mail.messageId).toMatch(/^<[0-9a-f]{40}@lucngan\.example>$/);
    expect(header(m, 'list-unsubscribe')).toMatch(
      /^<https:\/\/lich\.example\.gov\.vn\/email\/huy-dang-ky\/[A-Za-z0-9_-]{22}>$/,
    );
    // Every delivery of the bundle is recorded as sent with that email's Message-ID and the server's reply.
    const recorded = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(
        async (n) => (await t.services.reminders.deliveries.get(`preparation:${SESSION}:${n}:tckh@lucngan.example:3`))!,
      ),
    );
    expect(new Set(recorded.map((d) => `${d.state} ${d.messageId} ${d.response}`))).toEqual(
      new Set([`sent ${m.mail.messageId} ${recorded[0]!.response}`]),
    );
    expect(recorded[0]!.response).toMatch(/^250/);
  });

  test('when looking at the outbox, then the 9/5 reminder was superseded, the 15/5 one sent and the 17/5 and 18/5 ones wait', async () => {
    const key = (offset: number) => `preparation:${SESSION}:1:tckh@lucngan.example:${offset}`;
    const res = await request(t.app)
      .get(`/api/deliveries/${encodeURIComponent(key(7))}`)
      .set('Authorization', t.officeKey)
      .expect(200);
    expect(res.body).toMatchObject({
      state: 'expired',
      reason: expect.stringContaining('superseded'),
      dueAt: '2023-05-09T08:00:00+07:00',
    });
    const states = await Promise.all([3, 1, 0].map(async (o) => (await t.services.reminders.deliveries.get(key(o)))!));
    expect(states.map((d) => [d.state, d.attempts])).toEqual([
      ['sent', 1],
      ['pending', 0],
      ['pending', 0],
    ]);
    const upcoming = await request(t.app)
      .get('/api/agencies/phong-tc-kh/reminders')
      .set('Authorization', t.officeKey)
      .expect(200);
    expect(upcoming.body.reminders[0]).toMatchObject({
      kind: 'preparation',
      dueAt: '2023-05-17T08:00:00+07:00',
      state: 'pending',
    });
    expect(upcoming.body.reminders.map((r: { kind: string }) => r.kind)).toEqual(
      expect.arrayContaining(['preparation', 'overdue', 'digest']),
    );
  });

  test('when the same pass runs again, then nothing new is planned or sent', async () => {
    const before = sink.received.length;
    const report = await runner.pass();
    expect(report.plan).toMatchObject({ inserted: 0, refreshed: 0, muted: 0, expired: 0 });
    expect(report.dispatch.sent).toBe(0);
    expect(sink.received).toHaveLength(before);
  });

  test("when an agency key asks for another agency's reminders, then it is refused", async () => {
    const key = await t.keyFor('agency', 'thanh-tra');
    await request(t.app).get('/api/agencies/phong-tc-kh/reminders').set('Authorization', key).expect(403);
    await request(t.app).get('/api/agencies/thanh-tra/reminders').set('Authorization', key).expect(200);
    const bad = await request(t.app).get('/api/deliveries?state=lost').set('Authorization', t.officeKey).expect(400);
    expect(bad.body.error.details[0].field).toBe('query.state');
  });

  test('when Thanh tra follows the opt-out link of its email, then after confirming it gets no more preparation reminders', async () => {
    const m = sink.received.find((x) => x.to[0] === 'thanhtra@lucngan.example')!;
    const url = new URL(/<([^>]+)>/.exec(header(m, 'list-unsubscribe'))![1]!);
    const page = await request(t.app).get(url.pathname).expect(200);
    expect(page.text).toContain('thanhtra@lucngan.example');
    expect(page.text).toContain('<form method="post">');
    expect((await t.services.reminders.stores.optOuts.all()).length).toBe(0); // GET alone changes nothing
    await request(t.app).post(url.pathname).type('form').send('List-Unsubscribe=One-Click').expect(200);
    await request(t.app).get('/email/huy-dang-ky/not-a-valid-token-at-all').expect(404);
    const report = await runner.pass();
    expect(report.plan.muted).toBeGreaterThanOrEqual(4); // items 7 and 8: reminders of 17/5 and 18/5
    const d = (await t.services.reminders.deliveries.get(`preparation:${SESSION}:7:thanhtra@lucngan.example:1`))!;
    expect(d).toMatchObject({ state: 'muted', reason: 'recipient opted out' });
    const optOuts = await request(t.app).get('/api/opt-outs').set('Authorization', t.officeKey).expect(200);
    expect(optOuts.body.optOuts).toEqual([
      expect.objectContaining({ email: 'thanhtra@lucngan.example', kind: 'preparation', source: 'link' }),
    ]);
  });

  test('when the documents of item 14 are submitted, then its pending reminders are muted', async () => {
    await t.services.agenda.setStatus(SESSION, 14, 'submitted', {
      keyId: 'k',
      name: 'test',
      role: 'office',
      agencyCode: null,
    });
    await runner.pass();
    const d = (await t.services.reminders.deliveries.get(`preparation:${SESSION}:14:noivu@lucngan.example:1`))!;
    expect(d).toMatchObject({ state: 'muted', reason: 'item submitted' });
  });

  test('when the clock reaches Friday 19/5 08:05 with items still open, then the agencies get overdue notices and the Office one escalation', async () => {
    t.clock.set('2023-05-19T01:05:00Z');
    const before = sink.received.length;
    await runner.pass();
    const fresh = sink.received.slice(before);
    const kinds = fresh.map((m) => `${header(m, 'x-lich-hop-kind')} ${m.to[0]}`);
    expect(kinds.filter((k) => k.startsWith('escalation'))).toEqual(['escalation vanphong@lucngan.example']);
    const escalation = fresh.find((m) => header(m, 'x-lich-hop-kind') === 'escalation')!;
    // Every item still open is listed, including the three the programme assigned to nobody.
    expect(escalation.mail.subject).toBe(
      '[Báo cáo] 13 nội dung chưa gửi tài liệu đúng hạn - Phiên họp thường kỳ UBND huyện ngày 23/5/2023',
    );
    expect(header(escalation, 'list-unsubscribe')).toBe('');
    // 10 open items (11 deliveries: item 8 has two agencies), one email per agency.
    expect(kinds.filter((k) => k.startsWith('overdue')).sort()).toEqual([
      'overdue congan@lucngan.example',
      'overdue tckh@lucngan.example',
      'overdue thanhtra@lucngan.example',
      'overdue vanphong@lucngan.example',
    ]);
    expect(
      fresh.find((m) => m.to[0] === 'tckh@lucngan.example' && header(m, 'x-lich-hop-kind') === 'overdue')!.mail.subject,
    ).toBe('[Quá hạn] Nội dung 1-6 - Phiên họp thường kỳ UBND huyện ngày 23/5/2023: chưa gửi tài liệu');
    expect(kinds.filter((k) => k.startsWith('agenda'))).toEqual([]); // the agenda of 23/5 goes on Monday 22/5
  });

  test("when the Office changes a body's reminder settings, then they are merged over the defaults, and bad values are named", async () => {
    const auth = { Authorization: t.officeKey };
    const before = await request(t.app).get('/api/bodies/ubnd/reminder-settings').set(auth).expect(200);
    expect(before.body).toEqual({
      bodyCode: 'ubnd',
      preparationOffsets: [7, 3, 1, 0],
      reminderTime: '08:00',
      agendaTime: '08:00',
      digestWeekday: 1,
      digestTime: '07:30',
      digestDays: 14,
      officeAgencyCode: null,
    });
    const after = await request(t.app)
      .patch('/api/bodies/ubnd/reminder-settings')
      .set(auth)
      .send({ officeAgencyCode: 'vp-hdnd-ubnd', preparationOffsets: [5, 2], digestWeekday: null })
      .expect(200);
    expect(after.body).toMatchObject({
      preparationOffsets: [5, 2],
      officeAgencyCode: 'vp-hdnd-ubnd',
      digestWeekday: null,
      reminderTime: '08:00',
    });
    const bad = await request(t.app)
      .patch('/api/bodies/ubnd/reminder-settings')
      .set(auth)
      .send({ reminderTime: '25:00', preparationOffsets: [-1] })
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'preparationOffsets.0',
      'reminderTime',
    ]);
    const unknown = await request(t.app)
      .patch('/api/bodies/ubnd/reminder-settings')
      .set(auth)
      .send({ officeAgencyCode: 'khong-co' })
      .expect(400);
    expect(unknown.body.error.details).toEqual([{ field: 'officeAgencyCode', problem: "no agency 'khong-co'" }]);
    await request(t.app).get('/api/bodies/khong-co/reminder-settings').set(auth).expect(404);
    await request(t.app)
      .get('/api/bodies/ubnd/reminder-settings')
      .set('Authorization', await t.keyFor('reader'))
      .expect(403);
  });
});
