/**
 * A meeting moved, cancelled and restored after its reminders were planned: reminders re-timed,
 * muted and unmuted; change notices with an iTIP attachment the calendar clients understand.
 */
import ICAL from 'ical.js';
import request from 'supertest';
import { toOffsetIso } from '../../src/meetings/local-time';
import type { ReminderRunner } from '../../src/reminders';
import type { SmtpSink } from '../support/smtp-sink';
import { startReminderHarness, type ReminderHarness } from '../support/reminders';
import type { TestApp } from '../support/app';

const SESSION = 'ubnd-phien-hop-thuong-ky_20230523T0800';
const ZONE = 'Asia/Ho_Chi_Minh';

jest.setTimeout(60_000);

let t: TestApp;
let sink: SmtpSink;
let runner: ReminderRunner;

let h: ReminderHarness;
beforeAll(async () => {
  h = await startReminderHarness('2023-05-08T01:00:00Z'); // Monday 8/5/2023 08:00 +07
  ({ t, sink, runner } = h);
});
afterAll(() => h.close());

const kindOf = (m: SmtpSink['received'][number]) => {
  const kind = m.mail.headers.get('x-lich-hop-kind');
  return typeof kind === 'string' ? kind : '';
};
const since = (n: number) => sink.received.slice(n);
const prepTimes = async () =>
  Promise.all(
    [7, 3, 1, 0].map(async (o) => {
      const d = (await t.services.reminders.deliveries.get(`preparation:${SESSION}:1:tckh@lucngan.example:${o}`))!;
      return `${d.state} ${toOffsetIso(d.dueAt, ZONE)}`;
    }),
  );

function itipOf(m: SmtpSink['received'][number]) {
  const part = m.mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(part).toBeDefined();
  const cal = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return { method: cal.getFirstPropertyValue('method'), event: new ICAL.Event(cal.getFirstSubcomponent('vevent')!) };
}

describe('a meeting moved or cancelled after its reminders were planned', () => {
  test('when the first pass runs on 8/5, then the reminders are planned for the due date of 18/5 and no change notice is sent', async () => {
    const report = await runner.pass();
    expect(report.plan.inserted).toBeGreaterThan(0);
    expect(sink.received.filter((m) => kindOf(m) === 'change')).toEqual([]);
    expect(await prepTimes()).toEqual([
      'pending 2023-05-09T08:00:00+07:00',
      'pending 2023-05-15T08:00:00+07:00',
      'pending 2023-05-17T08:00:00+07:00',
      'pending 2023-05-18T08:00:00+07:00',
    ]);
  });

  test('when the session is moved to Tuesday 30/5, then pending reminders are re-timed and attendees and preparing agencies get a change notice with an iTIP REQUEST', async () => {
    await request(t.app)
      .post(`/api/occurrences/${SESSION}/move`)
      .set('Authorization', t.officeKey)
      .send({ date: '2023-05-30', time: '08:00', reason: 'Trùng lịch họp của Tỉnh ủy' })
      .expect(200);
    const before = sink.received.length;
    const report = await runner.pass();
    expect(report.plan.refreshed).toBeGreaterThan(0);
    // Documents now due Thursday 25/5 17:00 (3 working days before 30/5).
    expect(await prepTimes()).toEqual([
      'pending 2023-05-16T08:00:00+07:00',
      'pending 2023-05-22T08:00:00+07:00',
      'pending 2023-05-24T08:00:00+07:00',
      'pending 2023-05-25T08:00:00+07:00',
    ]);
    const agenda = (await t.services.reminders.deliveries.get(`agenda:${SESSION}:-:chutich@lucngan.example`))!;
    expect(toOffsetIso(agenda.dueAt, ZONE)).toBe('2023-05-29T08:00:00+07:00');

    const notices = since(before).filter((m) => kindOf(m) === 'change');
    expect(notices.map((m) => m.to[0]).sort()).toEqual([
      'chanhvanphong@lucngan.example',
      'chutich@lucngan.example',
      'congan@lucngan.example',
      'noivu@lucngan.example',
      'pct@lucngan.example',
      'tckh@lucngan.example',
      'thanhtra@lucngan.example',
      'vanphong@lucngan.example',
    ]);
    const n = notices.find((m) => m.to[0] === 'tckh@lucngan.example')!;
    expect(n.mail.subject).toBe(
      'Thay đổi lịch họp: Phiên họp thường kỳ UBND huyện chuyển sang 08:00, Thứ Ba ngày 30/5/2023',
    );
    expect(n.mail.text).toContain('Thời gian cũ: 08:00, Thứ Ba ngày 23/5/2023');
    expect(n.mail.text).toContain('Lý do: Trùng lịch họp của Tỉnh ủy');
    const { method, event } = itipOf(n);
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe('ubnd-phien-hop-thuong-ky@lich-hop');
    expect(event.recurrenceId.toString()).toBe('2023-05-23T08:00:00'); // the session's own date: the seed no longer invents a rule
    expect(event.startDate.toJSDate().toISOString()).toBe('2023-05-30T01:00:00.000Z');
    const occ = await t.services.meetings.getOccurrence(SESSION);
    expect(event.sequence).toBe(occ.sequence);
    expect(event.sequence).toBeGreaterThan(1); // the feed had 1 (the seeded series, after its warnings were recorded)
  });

  test('when the clock passes the old reminder times, then nothing is sent for them; at the new time the reminders go', async () => {
    for (const at of ['2023-05-09T02:00:00Z', '2023-05-15T02:00:00Z']) {
      t.clock.set(at);
      const before = sink.received.length;
      await runner.pass();
      expect(since(before).filter((m) => kindOf(m) === 'preparation')).toEqual([]);
    }
    t.clock.set('2023-05-16T01:01:00Z');
    const before = sink.received.length;
    await runner.pass();
    const sent = since(before).filter((m) => kindOf(m) === 'preparation');
    expect(sent).toHaveLength(5); // 12 reminders, one email per agency (bundles)
    expect(
      sent.every(
        (m) =>
          /còn 7 ngày làm việc/.test(m.mail.text ?? '') && /17:00, Thứ Năm ngày 25\/5\/2023/.test(m.mail.subject ?? ''),
      ),
    ).toBe(true);
  });

  test('when the session is cancelled, then a CANCEL goes out and the pending reminders are muted; when restored, they come back', async () => {
    await request(t.app)
      .post(`/api/occurrences/${SESSION}/cancel`)
      .set('Authorization', t.officeKey)
      .send({ reason: 'Lùi sang tháng 6' })
      .expect(200);
    let before = sink.received.length;
    await runner.pass();
    const cancels = since(before).filter((m) => kindOf(m) === 'change');
    expect(cancels).toHaveLength(8);
    expect(cancels[0]!.mail.subject).toBe(
      'Hủy lịch họp: Phiên họp thường kỳ UBND huyện (08:00, Thứ Ba ngày 30/5/2023)',
    );
    expect(itipOf(cancels[0]!).method).toBe('CANCEL');
    expect(await prepTimes()).toEqual([
      'sent 2023-05-16T08:00:00+07:00',
      'muted 2023-05-22T08:00:00+07:00',
      'muted 2023-05-24T08:00:00+07:00',
      'muted 2023-05-25T08:00:00+07:00',
    ]);
    expect((await t.services.reminders.deliveries.get(`preparation:${SESSION}:1:tckh@lucngan.example:3`))!.reason).toBe(
      'meeting cancelled',
    );

    await request(t.app).post(`/api/occurrences/${SESSION}/restore`).set('Authorization', t.officeKey).expect(200);
    before = sink.received.length;
    await runner.pass();
    const restored = since(before).filter((m) => kindOf(m) === 'change');
    expect(restored).toHaveLength(8);
    expect(restored[0]!.mail.subject).toMatch(
      /^Khôi phục lịch họp: Phiên họp thường kỳ UBND huyện, 08:00, Thứ Ba ngày 30\/5\/2023$/,
    );
    expect(itipOf(restored[0]!).method).toBe('REQUEST');
    expect(await prepTimes()).toEqual([
      'sent 2023-05-16T08:00:00+07:00',
      'pending 2023-05-22T08:00:00+07:00',
      'pending 2023-05-24T08:00:00+07:00',
      'pending 2023-05-25T08:00:00+07:00',
    ]);
  });

  test('when the same pass runs again, then no notice is sent twice', async () => {
    const before = sink.received.length;
    await runner.pass();
    expect(since(before)).toEqual([]);
    const ids = sink.received.map((m) => m.mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
