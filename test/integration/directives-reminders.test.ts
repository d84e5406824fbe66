/**
 * Directive reminders through the real reminders outbox, planner and dispatcher, into a real SMTP
 * server, with a fixed clock: before the deadline, on the day (after downtime: only the latest),
 * overdue, the escalation to the Office, the weekly digest, a standing task's report request,
 * opt-outs, two instances at once, and nothing sent twice.
 *
 * A notice of UBND huyện issued on Monday 10/7/2023 with
 *  1. Thanh tra huyện, due Thursday 13/7/2023 17:00;
 *  2. standing, monthly: Công an huyện (lead), Thanh tra huyện (coordinating);
 *  3. Chủ tịch UBND huyện (lead), Phòng Nội vụ (coordinating), due 13/7/2023 17:00.
 */
import request from 'supertest';
import { reminderRunner, type ReminderRunner } from '../../src/reminders';
import { MAIL_FROM, startReminderHarness, type ReminderHarness } from '../support/reminders';
import type { SmtpSink } from '../support/smtp-sink';
import type { TestApp } from '../support/app';

jest.setTimeout(120_000);

let h: ReminderHarness;
let t: TestApp;
let sink: SmtpSink;
let runner: ReminderRunner;
let id: string;

const header = (m: SmtpSink['received'][number], name: string) => {
  const line = m.mail.headerLines.find((x) => x.key === name)?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
};
const kindOf = (m: SmtpSink['received'][number]) => header(m, 'x-lich-hop-kind');
/** `kind address` of the directive emails and digests received since `from`, sorted (the seeded briefings' agendas left out). */
const got = (from: number) =>
  sink.received
    .slice(from)
    .filter((m) => kindOf(m) !== 'agenda')
    .map((m) => `${kindOf(m)} ${m.to.join(',')}`)
    .sort();

beforeAll(async () => {
  h = await startReminderHarness('2023-07-10T00:00:00Z', { fixedJitter: true }); // Monday 10/7/2023 07:00 +07
  ({ t, sink, runner } = h);
  const auth = { Authorization: t.officeKey };
  const res = await request(t.app)
    .post('/api/notices')
    .set(auth)
    .send({
      bodyCode: 'ubnd',
      kind: 'conclusions',
      title: 'Kết luận của Chủ tịch UBND huyện tại buổi giao ban ngày 6/7/2023',
      directives: [
        {
          text: 'Giao Thanh tra huyện hoàn thành kết luận thanh tra chuyên đề.',
          assignees: [{ kind: 'agency', code: 'thanh-tra' }],
          dueAt: '2023-07-13T17:00:00+07:00',
        },
        {
          text: 'Giao Công an huyện chủ trì, phối hợp với Thanh tra huyện thường xuyên nắm tình hình an ninh nông thôn.',
          assignees: [
            { kind: 'agency', code: 'cong-an' },
            { kind: 'agency', code: 'thanh-tra', role: 'coordinating' },
          ],
          cadence: 'monthly',
        },
        {
          text: 'Giao Chủ tịch UBND huyện chỉ đạo Phòng Nội vụ rà soát biên chế.',
          assignees: [
            { kind: 'official', code: 'chu-tich-ubnd' },
            { kind: 'agency', code: 'phong-noi-vu', role: 'coordinating' },
          ],
          dueAt: '2023-07-13T17:00:00+07:00',
        },
      ],
    })
    .expect(201);
  id = res.body.id;
  await request(t.app)
    .post(`/api/notices/${id}/issue`)
    .set(auth)
    .send({ number: '150/TB-UBND', date: '2023-07-07' })
    .expect(200);
});
afterAll(() => h.close());

describe('reminders of directives', () => {
  test('when the first pass runs on Monday 10/7 08:05, then the assignees get the 3-working-days reminder and the agencies their digest with their directives', async () => {
    t.clock.set('2023-07-10T01:05:00Z');
    const report = await runner.pass();
    expect(report.dispatch).toMatchObject({ dead: 0, retrying: 0 });
    expect(got(0)).toEqual(
      [
        'directive-reminder thanhtra@lucngan.example',
        'directive-reminder chutich@lucngan.example',
        'directive-reminder noivu@lucngan.example',
        'digest thanhtra@lucngan.example',
        'digest congan@lucngan.example',
        'digest noivu@lucngan.example',
      ].sort(),
    );
    const r = sink.received.find((m) => kindOf(m) === 'directive-reminder' && m.to[0] === 'thanhtra@lucngan.example')!;
    expect(r.mail.subject).toBe(
      '[Nhắc hạn] Giao Thanh tra huyện hoàn thành kết luận thanh tra chuyên đề. - hạn thực hiện 17:00, Thứ Năm ngày 13/7/2023',
    );
    expect(r.mail.text).toContain('còn 3 ngày làm việc đến hạn thực hiện');
    expect(r.mail.text).toContain('Văn bản: Thông báo số 150/TB-UBND ngày 7/7/2023');
    expect(r.mail.text).toContain(`https://lich.example.gov.vn/chi-dao/${id}-1`);
    expect(header(r, 'list-unsubscribe')).toMatch(/^<https:\/\/lich\.example\.gov\.vn\/email\/huy-dang-ky\//);
    const digest = sink.received.find((m) => kindOf(m) === 'digest' && m.to[0] === 'congan@lucngan.example')!;
    expect(digest.mail.text).toContain('Nhiệm vụ chỉ đạo đơn vị đang thực hiện (1):');
    expect(digest.mail.text).toContain('Thời hạn: thường xuyên, báo cáo hằng tháng');
    expect(digest.mail.text).not.toContain('nội dung cần chuẩn bị tài liệu:');
  });

  test('when the same pass runs again, then nothing is planned or sent twice', async () => {
    const before = sink.received.length;
    const report = await runner.pass();
    expect(report.plan).toMatchObject({ inserted: 0, refreshed: 0, muted: 0 });
    expect(sink.received).toHaveLength(before);
  });

  test('when Thanh tra reports its directive done, then its pending reminders are muted', async () => {
    const tt = await t.keyFor('agency', 'thanh-tra');
    await request(t.app)
      .post(`/api/directives/${id}-1/status`)
      .set({ Authorization: tt })
      .send({ status: 'reported-done' })
      .expect(200);
    await runner.pass();
    const d = (await t.services.reminders.deliveries.get(`directive-reminder:-:-:thanhtra@lucngan.example:${id}-1:1`))!;
    expect(d).toMatchObject({ state: 'muted' });
  });

  test('when the service was down from 10/7 until Thursday 13/7 09:00, then only the on-the-day reminder goes out, the 1-working-day one is superseded', async () => {
    const before = sink.received.length;
    t.clock.set('2023-07-13T02:00:00Z');
    await runner.pass();
    expect(got(before)).toEqual([
      'directive-reminder chutich@lucngan.example',
      'directive-reminder noivu@lucngan.example',
    ]);
    expect(sink.received.slice(before).find((m) => kindOf(m) === 'directive-reminder')!.mail.text).toContain(
      'hôm nay là hạn thực hiện',
    );
    const skipped = (await t.services.reminders.deliveries.get(
      `directive-reminder:-:-:noivu@lucngan.example:${id}-3:1`,
    ))!;
    expect(skipped).toMatchObject({ state: 'expired', reason: expect.stringContaining('superseded') });
  });

  test('when Friday 14/7 08:05 comes with directive 3 open, then two instances at once send the overdue notices and ONE escalation listing it, each once', async () => {
    const before = sink.received.length;
    t.clock.set('2023-07-14T01:05:00Z');
    const other = reminderRunner(t.services.reminders, {
      mailer: h.mailer,
      mailFrom: MAIL_FROM,
      officeEmails: ['vanphong@lucngan.example'],
      clock: t.clock,
      dispatch: { owner: 'instance-b', random: () => 0.5 },
    });
    await Promise.all([runner.pass(), other.pass()]);
    expect(got(before)).toEqual([
      'directive-escalation vanphong@lucngan.example',
      'directive-overdue chutich@lucngan.example',
      'directive-overdue noivu@lucngan.example',
    ]);
    const esc = sink.received.slice(before).find((m) => kindOf(m) === 'directive-escalation')!;
    expect(esc.mail.subject).toBe(
      '[Báo cáo] 1 nhiệm vụ chỉ đạo quá hạn - Ủy ban nhân dân huyện Lục Ngạn ngày 14/7/2023',
    );
    expect(esc.mail.text).toContain('Giao Chủ tịch UBND huyện chỉ đạo Phòng Nội vụ rà soát biên chế.');
    expect(esc.mail.text).toContain('quá hạn 1 ngày');
    expect(esc.mail.text).not.toContain('hoàn thành kết luận thanh tra'); // reported done
    expect(header(esc, 'list-unsubscribe')).toBe(''); // escalations are not optional
    const again = await Promise.all([runner.pass(), other.pass()]);
    expect(again.map((r) => r.dispatch.sent)).toEqual([0, 0]);
  });

  test("when Thanh tra opts out of report requests, then on 25/7 only Công an is asked for the standing task's monthly report; a report since then stops the next one", async () => {
    await request(t.app)
      .post('/api/opt-outs')
      .set({ Authorization: t.officeKey })
      .send({ email: 'thanhtra@lucngan.example', kind: 'directive-report' })
      .expect(201);
    const before = sink.received.length;
    t.clock.set('2023-07-25T01:05:00Z'); // Tuesday 25/7 08:05
    await runner.pass();
    expect(got(before)).toEqual(['directive-report congan@lucngan.example']);
    const m = sink.received[before]!;
    expect(m.mail.subject).toBe(
      '[Đề nghị báo cáo] Giao Công an huyện chủ trì, phối hợp với Thanh tra huyện thường xuyên nắm tình hình an… - kỳ báo cáo 25/7/2023',
    );
    expect(m.mail.text).toContain('được báo cáo hằng tháng. Đề nghị đơn vị báo cáo kết quả kỳ 25/7/2023.');
    t.clock.set('2023-08-21T03:00:00Z'); // Monday 21/8: Công an reports before the next period's request
    const ca = await t.keyFor('agency', 'cong-an');
    await request(t.app)
      .post(`/api/directives/${id}-2/reports`)
      .set({ Authorization: ca })
      .send({ text: 'Tình hình ổn định.' })
      .expect(201);
    t.clock.set('2023-08-25T01:05:00Z'); // Friday 25/8 08:05
    const next = sink.received.length;
    await runner.pass();
    expect(got(next).filter((x) => x.startsWith('directive'))).toEqual([]);
  });

  test('when the outbox is listed by kind, then the directive deliveries are there with their states', async () => {
    const res = await request(t.app)
      .get('/api/deliveries?kind=directive-escalation')
      .set({ Authorization: t.officeKey })
      .expect(200);
    expect(res.body.deliveries.map((d: { key: string; state: string }) => [d.key, d.state])).toEqual([
      [`directive-escalation:-:-:vanphong@lucngan.example:ubnd:2023-07-14`, 'sent'],
    ]);
  });
});
