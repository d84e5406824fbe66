import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { loadSeed } from '../../src/seed/load';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(() => t.close());

async function may2023(query = '') {
  const res = await request(t.app).get(`/api/occurrences?from=2023-05-01&to=2023-05-31${query}`).expect(200);
  return res.body.occurrences as Array<Record<string, any>>;
}

describe('the seeded May 2023 schedule', () => {
  test('when listing May 2023, then the Thursday briefings, the Party briefing and the session of 23/5 appear in order', async () => {
    const occs = await may2023();
    expect(occs.map((o) => `${o.start} ${o.body} ${o.kind}`)).toEqual([
      '2023-05-04T14:00:00+07:00 ubnd briefing',
      '2023-05-11T08:00:00+07:00 huyen-uy briefing',
      '2023-05-11T14:00:00+07:00 ubnd briefing',
      '2023-05-18T14:00:00+07:00 ubnd briefing',
      '2023-05-23T08:00:00+07:00 ubnd regular-session',
      '2023-05-25T14:00:00+07:00 ubnd briefing',
    ]);
  });

  test('when reading the session of 23/5/2023, then it is a moved occurrence of the monthly series with 14 items as the document lists them', async () => {
    const session = (await may2023()).find((o) => o.kind === 'regular-session')!;
    expect(session).toMatchObject({
      id: 'ubnd-phien-hop-thuong-ky_20230525T0800',
      seriesId: 'ubnd-phien-hop-thuong-ky',
      status: 'moved',
      start: '2023-05-23T08:00:00+07:00',
      end: '2023-05-23T12:00:00+07:00',
      originalStart: '2023-05-25T08:00:00+07:00',
      holiday: null,
    });
    expect(session.agenda.map((i: any) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15]);
    const agencies = Object.fromEntries(session.agenda.map((i: any) => [i.number, i.preparingAgencies.map((a: any) => a.code).join('+')]));
    expect(agencies).toEqual({
      1: 'phong-tc-kh', 2: 'phong-tc-kh', 3: 'phong-tc-kh', 4: 'phong-tc-kh', 5: 'phong-tc-kh', 6: 'phong-tc-kh',
      7: 'thanh-tra', 8: 'thanh-tra+cong-an', 9: '', 10: 'vp-hdnd-ubnd', 11: 'vp-hdnd-ubnd', 13: '', 14: 'phong-noi-vu', 15: '',
    });
    expect(session.agenda[0].preparingAgencies[0]).toEqual({ code: 'phong-tc-kh', name: 'Phòng Tài chính - Kế hoạch', role: 'lead' });
    // Documents due 3 working days before Tuesday 23/5: Thursday 18/5, end of the office day.
    expect(new Set(session.agenda.map((i: any) => i.dueAt))).toEqual(new Set(['2023-05-18T17:00:00+07:00']));
  });

  test('when the document is inconsistent, then the data keeps it and carries visible warnings', async () => {
    const session = (await may2023()).find((o) => o.kind === 'regular-session')!;
    expect(session.warnings.join('\n')).toContain('không có nội dung số 12');
    expect(session.warnings.join('\n')).toMatch(/Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11, 12.*không có nội dung số 12/);
    const item8 = session.agenda.find((i: any) => i.number === 8);
    expect(item8.warnings[0]).toMatch(/Nội dung 8 được giao cho 2 cơ quan: Thanh tra huyện .*Công an huyện/);
    expect(session.agenda.find((i: any) => i.number === 13).warnings[0]).toContain('không giao cơ quan chuẩn bị nội dung 13');
  });

  test('when filtering by agency, then only meetings it attends or prepares for are listed', async () => {
    const occs = await may2023('&agency=cong-an');
    expect(occs.map((o) => o.id)).toEqual(['ubnd-phien-hop-thuong-ky_20230525T0800']);
    const party = await may2023('&body=huyen-uy');
    expect(party.map((o) => o.start)).toEqual(['2023-05-11T08:00:00+07:00']);
  });

  test('when the seed is loaded again, then nothing is duplicated', async () => {
    const report = await loadSeed(t.services);
    expect(report.created).toEqual({ bodies: 0, agencies: 0, officials: 0, series: 0, agendaItems: 0 });
    const session = (await may2023()).find((o) => o.kind === 'regular-session')!;
    expect(session.agenda).toHaveLength(14);
  });
});
