/**
 * Directives' deadlines in private feeds, read with an independent parser (ical.js): an agency's
 * and an official's feed show their open directives' deadlines as transparent zero-length events
 * with a link; public feeds do not; a change shows on the next request.
 */
import ICAL from 'ical.js';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

let t: TestApp;
let id: string;
const auth = () => ({ Authorization: t.officeKey });

beforeAll(async () => {
  t = await startTestApp({ seed: true, now: '2023-07-03T02:00:00Z' });
  const res = await request(t.app)
    .post('/api/notices')
    .set(auth())
    .send({
      bodyCode: 'ubnd',
      title: 'Kết luận giao ban tháng 7/2023',
      directives: [
        {
          text: 'Giao Thanh tra huyện hoàn thành kết luận thanh tra chuyên đề về quản lý đất đai tại các xã, thị trấn trên địa bàn huyện.',
          assignees: [{ kind: 'agency', code: 'thanh-tra' }],
          dueAt: '2023-07-13T17:00:00+07:00',
        },
        {
          text: 'Giao Chủ tịch UBND huyện chỉ đạo rà soát.',
          assignees: [{ kind: 'official', code: 'chu-tich-ubnd' }],
          dueAt: '2023-07-20T10:00:00+07:00',
        },
        {
          text: 'Giao Công an huyện thường xuyên nắm tình hình.',
          assignees: [{ kind: 'agency', code: 'cong-an' }],
          cadence: 'monthly',
        },
      ],
    })
    .expect(201);
  id = res.body.id;
  await request(t.app)
    .post(`/api/notices/${id}/issue`)
    .set(auth())
    .send({ number: '160/TB-UBND', date: '2023-07-03' })
    .expect(200);
});
afterAll(() => t.close());

async function feedOf(kind: 'agency' | 'official', subjectCode: string): Promise<string> {
  const token = await request(t.app)
    .post('/api/feed-tokens')
    .set(auth())
    .send({ kind, subjectCode, label: 'test' })
    .expect(201);
  return new URL(token.body.url).pathname;
}

function events(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents('vevent').map((v) => ({
    uid: String(v.getFirstPropertyValue('uid')),
    summary: String(v.getFirstPropertyValue('summary')),
    description: String(v.getFirstPropertyValue('description') ?? ''),
    url: String(v.getFirstPropertyValue('url') ?? ''),
    transp: String(v.getFirstPropertyValue('transp') ?? ''),
    start: (v.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    duration: String(v.getFirstPropertyValue('duration') ?? ''),
    sequence: Number(v.getFirstPropertyValue('sequence') ?? 0),
  }));
}

describe('directives in iCal feeds', () => {
  let thanhtraPath: string;
  test('when Thanh tra fetches its private feed, then its directive deadline is a transparent event titled for a phone agenda, with a link', async () => {
    thanhtraPath = await feedOf('agency', 'thanh-tra');
    const res = await request(t.app)
      .get(thanhtraPath)
      .expect(200)
      .expect('Content-Type', /text\/calendar/);
    const ev = events(res.text).filter((e) => e.uid.startsWith('directive_'));
    expect(ev).toEqual([
      {
        uid: `directive_${id}-1@lich-hop`,
        summary: 'Hạn: Giao Thanh tra huyện hoàn thành kết luận thanh tra chuyên đề về quản…',
        description: expect.stringContaining('Thông báo số 160/TB-UBND ngày 3/7/2023: Kết luận giao ban tháng 7/2023'),
        url: `https://lich.example.gov.vn/chi-dao/${id}-1`,
        transp: 'TRANSPARENT',
        start: '2023-07-13T10:00:00.000Z',
        duration: 'PT0S',
        sequence: 1,
      },
    ]);
  });

  test("when the Chairperson's feed is fetched, then it shows his directive; the public feeds show none", async () => {
    const path = await feedOf('official', 'chu-tich-ubnd');
    const own = events((await request(t.app).get(path).expect(200)).text).filter((e) => e.uid.startsWith('directive_'));
    expect(own.map((e) => [e.uid, e.start])).toEqual([[`directive_${id}-2@lich-hop`, '2023-07-20T03:00:00.000Z']]);
    for (const body of ['ubnd', 'huyen-uy', 'hdnd']) {
      const pub = await request(t.app).get(`/feeds/public/${body}.ics`).expect(200);
      expect(pub.text).not.toContain('directive_');
    }
    const ca = events(
      (
        await request(t.app)
          .get(await feedOf('agency', 'cong-an'))
          .expect(200)
      ).text,
    );
    expect(ca.filter((e) => e.uid.startsWith('directive_'))).toEqual([]); // a standing task has no deadline to show
  });

  test('when the deadline is extended, then the next request shows the new time with a higher SEQUENCE; when reported done, the event is gone', async () => {
    await request(t.app)
      .patch(`/api/directives/${id}-1`)
      .set(auth())
      .send({ dueAt: '2023-07-17T17:00:00+07:00', reason: 'Bổ sung hồ sơ.' })
      .expect(200);
    const moved = events((await request(t.app).get(thanhtraPath).expect(200)).text).find(
      (e) => e.uid === `directive_${id}-1@lich-hop`,
    )!;
    expect(moved).toMatchObject({ start: '2023-07-17T10:00:00.000Z', sequence: 2 });
    const tt = await t.keyFor('agency', 'thanh-tra');
    await request(t.app)
      .post(`/api/directives/${id}-1/status`)
      .set({ Authorization: tt })
      .send({ status: 'reported-done' })
      .expect(200);
    const after = await request(t.app).get(thanhtraPath).expect(200);
    expect(after.text).not.toContain('directive_');
  });
});
