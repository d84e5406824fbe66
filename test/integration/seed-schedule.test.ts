import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { loadHolidayDecisions, loadSeed, readHolidayDecisions } from '../../src/seed/load';

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

  test('when reading the session of 23/5/2023, then it is scheduled on that day (not "moved" from an assumed day), its time marked as an estimate, with 14 items as the document lists them', async () => {
    const session = (await may2023()).find((o) => o.kind === 'regular-session')!;
    // The document states the day (Tuesday 23/5/2023) but no monthly rule and no hour.
    expect(session).toMatchObject({
      id: 'ubnd-phien-hop-thuong-ky_20230523T0800',
      seriesId: 'ubnd-phien-hop-thuong-ky',
      status: 'scheduled',
      start: '2023-05-23T08:00:00+07:00',
      end: '2023-05-23T12:00:00+07:00',
      originalStart: null,
      holiday: null,
      timeAssumed: true,
    });
    expect(session.warnings.join('\n')).toContain('không nêu ngày họp cố định hằng tháng');
    expect(session.warnings.join('\n')).toContain('Giờ họp (8 giờ, 4 tiếng) là dự kiến');
    expect(session.agenda.map((i: any) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15]);
    const agencies = Object.fromEntries(
      session.agenda.map((i: any) => [i.number, i.preparingAgencies.map((a: any) => a.code).join('+')]),
    );
    expect(agencies).toEqual({
      1: 'phong-tc-kh',
      2: 'phong-tc-kh',
      3: 'phong-tc-kh',
      4: 'phong-tc-kh',
      5: 'phong-tc-kh',
      6: 'phong-tc-kh',
      7: 'thanh-tra',
      8: 'thanh-tra+cong-an',
      9: '',
      10: 'vp-hdnd-ubnd',
      11: 'vp-hdnd-ubnd',
      13: '',
      14: 'phong-noi-vu',
      15: '',
    });
    expect(session.agenda[0].preparingAgencies[0]).toEqual({
      code: 'phong-tc-kh',
      name: 'Phòng Tài chính - Kế hoạch',
      role: 'lead',
    });
    // Documents due 3 working days before Tuesday 23/5: Thursday 18/5, end of the office day.
    expect(new Set(session.agenda.map((i: any) => i.dueAt))).toEqual(new Set(['2023-05-18T17:00:00+07:00']));
  });

  test('when the document is inconsistent, then the data keeps it and carries visible warnings', async () => {
    const session = (await may2023()).find((o) => o.kind === 'regular-session')!;
    expect(session.warnings.join('\n')).toContain('không có nội dung số 12');
    expect(session.warnings.join('\n')).toMatch(
      /Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11, 12.*không có nội dung số 12/,
    );
    const item8 = session.agenda.find((i: any) => i.number === 8);
    expect(item8.warnings[0]).toMatch(/Nội dung 8 được giao cho 2 cơ quan: Thanh tra huyện .*Công an huyện/);
    expect(session.agenda.find((i: any) => i.number === 13).warnings[0]).toContain(
      'không giao cơ quan chuẩn bị nội dung 13',
    );
  });

  test('when filtering by agency, then only meetings it attends or prepares for are listed', async () => {
    const occs = await may2023('&agency=cong-an');
    expect(occs.map((o) => o.id)).toEqual(['ubnd-phien-hop-thuong-ky_20230523T0800']);
    const party = await may2023('&body=huyen-uy');
    expect(party.map((o) => o.start)).toEqual(['2023-05-11T08:00:00+07:00']);
  });

  test('when the documents state no rule, then nothing is invented beyond them: no session in June, no Party briefing after 11/5', async () => {
    const june = (await request(t.app).get('/api/occurrences?from=2023-06-01&to=2023-12-31').expect(200)).body
      .occurrences as Array<Record<string, any>>;
    expect(june.filter((o) => o.kind !== 'briefing' || o.body !== 'ubnd')).toEqual([]);
    // The Thursday briefing's rule is stated ("chiều thứ Năm hằng tuần"); its hour is not.
    expect(june.every((o) => o.timeAssumed === true && o.start.endsWith('T14:00:00+07:00'))).toBe(true);
  });

  test('when bodies are listed, then they come in political order: Party committee, Council, Committee', async () => {
    const bodies = (await request(t.app).get('/api/bodies').expect(200)).body.bodies as Array<{ code: string }>;
    expect(bodies.map((b) => b.code)).toEqual(['huyen-uy', 'hdnd', 'ubnd']);
  });

  test('when the seed is loaded, then the official holiday decisions are recorded with their document numbers', async () => {
    const adjustments = (await request(t.app).get('/api/calendar/adjustments').expect(200)).body.adjustments as Array<
      Record<string, any>
    >;
    expect(adjustments).toHaveLength(readHolidayDecisions().length);
    expect(adjustments.find((a) => a.kind === 'tet-span' && a.from === '2024-02-08')).toMatchObject({
      to: '2024-02-14',
      documentNumber: 'Công văn số 8662/VPCP-KGVX',
      documentDate: '2023-11-03',
      issuer: 'Văn phòng Chính phủ',
    });
    const days = (await request(t.app).get('/api/calendar/days?from=2024-02-07&to=2024-02-15').expect(200)).body
      .days as Array<Record<string, any>>;
    expect(days.map((d) => `${d.date} ${d.workingDay}`)).toEqual([
      '2024-02-07 true',
      '2024-02-08 false',
      '2024-02-09 false',
      '2024-02-10 false',
      '2024-02-11 false',
      '2024-02-12 false',
      '2024-02-13 false',
      '2024-02-14 false',
      '2024-02-15 true',
    ]);
    expect(days[1]!.dayOff).toEqual({
      date: '2024-02-08',
      name: 'Tết Nguyên đán',
      kind: 'holiday',
      documentNumber: 'Công văn số 8662/VPCP-KGVX',
      documentDate: '2023-11-03',
    });
    const holidays = (await request(t.app).get('/api/calendar/holidays?year=2013').expect(200)).body;
    expect(holidays.rules.map((r: any) => r.law)).toEqual([
      'Bộ luật Lao động 1994 (Điều 73, sửa đổi theo Luật số 84/2007/QH11)',
      'Bộ luật Lao động 2012 (Điều 115)',
    ]);
  });

  test('when the Thursday briefing falls in the decided Tết 2024, then it is cancelled on 8/2 naming the decision, and held on 15/2', async () => {
    const feb = (await request(t.app).get('/api/occurrences?from=2024-02-01&to=2024-02-29&body=ubnd').expect(200)).body
      .occurrences as Array<Record<string, any>>;
    const byDay = Object.fromEntries(feb.map((o) => [o.id.slice(-13, -5), o]));
    expect(byDay['20240208']).toMatchObject({
      status: 'cancelled',
      reason: 'Trùng ngày nghỉ: Tết Nguyên đán (theo Công văn số 8662/VPCP-KGVX ngày 03/11/2023)',
    });
    expect(byDay['20240208'].holiday).toMatchObject({
      name: 'Tết Nguyên đán',
      documentNumber: 'Công văn số 8662/VPCP-KGVX',
    });
    expect(byDay['20240215']).toMatchObject({ status: 'scheduled', holiday: null });
    // The public month page says which decision made the days off.
    const page = await request(t.app).get('/lich/ubnd/thang/2024-02').expect(200);
    expect(page.text).toContain('8/2/2024: Tết Nguyên đán (theo Công văn số 8662/VPCP-KGVX ngày 03/11/2023)');
  });

  test('when an existing database lacks the decisions, then loading the seed adds them once, keeping what the Office recorded', async () => {
    const all = (await request(t.app).get('/api/calendar/adjustments').expect(200)).body.adjustments as Array<{
      id: string;
      kind: string;
      from?: string;
    }>;
    const tet2024 = all.find((a) => a.kind === 'tet-span' && a.from === '2024-02-08')!;
    await request(t.app)
      .delete(`/api/calendar/adjustments/${tet2024.id}`)
      .set('Authorization', t.officeKey)
      .expect(204);
    // The Office records 2025's Tết by hand with its own wording: the seed does not add a second one.
    const tet2025 = all.find((a) => a.kind === 'tet-span' && a.from === '2025-01-25')!;
    await request(t.app)
      .delete(`/api/calendar/adjustments/${tet2025.id}`)
      .set('Authorization', t.officeKey)
      .expect(204);
    await request(t.app)
      .post('/api/calendar/adjustments')
      .set('Authorization', t.officeKey)
      .send({
        kind: 'tet-span',
        from: '2025-01-25',
        to: '2025-02-02',
        name: 'Tết Ất Tỵ',
        documentNumber: 'Thông báo số 6150/TB-LĐTBXH',
      })
      .expect(201);
    expect(await loadHolidayDecisions(t.services)).toBe(1);
    expect(await loadHolidayDecisions(t.services)).toBe(0);
    const after = (await request(t.app).get('/api/calendar/adjustments').expect(200)).body.adjustments as Array<
      Record<string, any>
    >;
    expect(after).toHaveLength(all.length);
    expect(after.filter((a) => a.kind === 'tet-span' && a.from === '2025-01-25').map((a) => a.documentNumber)).toEqual([
      'Thông báo số 6150/TB-LĐTBXH',
    ]);
  });

  test('when the seed is loaded again, then nothing is duplicated', async () => {
    const report = await loadSeed(t.services);
    expect(report.created).toEqual({ bodies: 0, agencies: 0, officials: 0, series: 0, agendaItems: 0, adjustments: 0 });
    const session = (await may2023()).find((o) => o.kind === 'regular-session')!;
    expect(session.agenda).toHaveLength(14);
  });
});
