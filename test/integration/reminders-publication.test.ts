/**
 * Revision notices of the publishing component sent through the reminders outbox: the May 2023
 * programme of the UBND is published, the regular session of 23/5 moves to 26/5, version 2 is
 * published, and one reminders pass (real planner, dispatcher, SMTP server and database) tells
 * each affected address once.
 */
import request from 'supertest';
import type { ReminderRunner } from '../../src/reminders';
import type { SmtpSink } from '../support/smtp-sink';
import { startReminderHarness, type ReminderHarness } from '../support/reminders';
import type { TestApp } from '../support/app';

const SESSION = 'ubnd-phien-hop-thuong-ky_20230523T0800';
const MOVE_LINE = 'Dời: Phiên họp thường kỳ UBND huyện, từ 8h00 ngày 23/5/2023 sang 8h00 ngày 26/5/2023.';
const V2_URL = 'https://lich.example.gov.vn/programmes/ubnd/2023-05/versions/2';
const COMPARE_URL = 'https://lich.example.gov.vn/programmes/ubnd/2023-05/compare?from=1&to=2';

jest.setTimeout(60_000);

let t: TestApp;
let sink: SmtpSink;
let runner: ReminderRunner;

let h: ReminderHarness;
beforeAll(async () => {
  h = await startReminderHarness('2023-05-01T01:00:00Z', { fixedJitter: true });
  ({ t, sink, runner } = h);
});
afterAll(() => h.close());

const api = () => request(t.app);
const publish = (body: Record<string, unknown>) =>
  api().post('/api/programmes/ubnd/2023-05/publish').set('Authorization', t.officeKey).send(body);
const kindOf = (m: SmtpSink['received'][number]) => {
  const line = m.mail.headerLines.find((h) => h.key === 'x-lich-hop-kind')?.line ?? '';
  return line.slice(line.indexOf(':') + 1).trim();
};
const publicationMails = () => sink.received.filter((m) => kindOf(m) === 'publication');

describe('revision notices through the reminders outbox', () => {
  test('when version 2 moves the 23/5 session, then each affected address gets one Vietnamese notice with the move and the links, and an opted-out address gets none', async () => {
    await publish({ documentNumber: '45' }).expect(201);
    await runner.pass(); // whatever the schedule itself asks for on 1/5 is sent now
    expect(publicationMails()).toHaveLength(0);

    await t.services.reminders.stores.optOuts.add('noivu@lucngan.example', 'publication', 'office', t.clock.now());
    t.clock.set('2023-05-10T02:00:00Z');
    await api()
      .post(`/api/occurrences/${SESSION}/move`)
      .set('Authorization', t.officeKey)
      .send({ date: '2023-05-26', reason: 'Trùng lịch của tỉnh' })
      .expect(200);
    const v2 = await publish({ note: 'Dời phiên họp' }).expect(201);
    expect(v2.body.publication).toMatchObject({ version: 2, label: 'Điều chỉnh lần 1' });

    const report = await runner.pass();
    expect(report.dispatch.sent).toBeGreaterThanOrEqual(5);
    const mails = publicationMails();
    const to = mails.map((m) => m.to.join(','));
    // One message per address, none twice.
    expect(new Set(to).size).toBe(to.length);
    // The preparing agencies of the session and its chair are told; the opted-out address is not,
    // nor is anyone of the Party committee's briefing (unchanged).
    expect(to).toEqual(
      expect.arrayContaining([
        'tckh@lucngan.example',
        'thanhtra@lucngan.example',
        'congan@lucngan.example',
        'vanphong@lucngan.example',
        'chutich@lucngan.example',
      ]),
    );
    expect(to).not.toContain('noivu@lucngan.example');
    const stored = await api()
      .get('/api/deliveries')
      .query({ kind: 'publication', limit: 500 })
      .set('Authorization', t.officeKey)
      .expect(200);
    expect(stored.body.deliveries.map((d: { recipient: string }) => d.recipient).sort()).toEqual([...to].sort());
    expect(stored.body.deliveries.every((d: { state: string }) => d.state === 'sent')).toBe(true);

    const m = mails.find((x) => x.to[0] === 'tckh@lucngan.example')!;
    expect(m.mail.subject).toBe(
      '[Điều chỉnh] Chương trình công tác tháng 5/2023 của Ủy ban nhân dân huyện Lục Ngạn: điều chỉnh lần 1'.normalize(
        'NFC',
      ),
    );
    expect(m.mail.text).toContain('Kính gửi: Phòng Tài chính - Kế hoạch');
    expect(m.mail.text).toContain(
      'đã ban hành bản điều chỉnh chương trình công tác tháng 5/2023 (Điều chỉnh lần 1, bản số 2 thay bản số 1)',
    );
    expect(m.mail.text).toContain(`- ${MOVE_LINE}`);
    expect(m.mail.text).toContain(`Xem bản mới: ${V2_URL}`);
    expect(m.mail.text).toContain(`So sánh với bản trước: ${COMPARE_URL}`);
    expect(m.mail.html).toContain(`<li>${MOVE_LINE}</li>`);
    expect(m.mail.html).toContain(`href="${COMPARE_URL.replace(/&/g, '&amp;')}"`);
    expect(m.mail.text).toContain('thông báo điều chỉnh chương trình/lịch công tác');
  });

  test('when publishing again brings nothing new for meetings, then no further notice is sent', async () => {
    const before = publicationMails().length;
    await publish({}).expect(409);
    await api()
      .put('/api/programmes/ubnd/2023-05/part-a')
      .set('Authorization', t.officeKey)
      .send({ markdown: 'Nhiệm vụ đã sửa.' })
      .expect(200);
    const v3 = await publish({}).expect(201);
    expect(v3.body.comparison.meetingsChanged).toBe(false);
    t.clock.set('2023-05-10T03:00:00Z');
    await runner.pass();
    await runner.pass();
    expect(publicationMails()).toHaveLength(before);
  });
});
