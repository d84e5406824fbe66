import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(() => t.close());

const SESSION = 'ubnd-phien-hop-thuong-ky_20230523T0800';
const office = () => t.officeKey;

async function occurrences(from: string, to: string, extra = '') {
  return (await request(t.app).get(`/api/occurrences?from=${from}&to=${to}${extra}`).expect(200)).body
    .occurrences as any[];
}

describe('series and holidays', () => {
  test('when a weekly series crosses 30/4 and 1/5 (public holidays), then each policy shows what happened', async () => {
    const base = {
      kind: 'briefing',
      bodyCode: 'hdnd',
      startTime: '09:00',
      durationMinutes: 60,
      startDate: '2024-04-01',
      endDate: '2024-05-31',
    };
    // 30/4/2024 is a Tuesday, 1/5/2024 a Wednesday: both public holidays.
    const make = async (id: string, holidayPolicy: string, rrule: string) =>
      request(t.app)
        .post('/api/series')
        .set('Authorization', office())
        .send({ ...base, id, title: `Họp ${holidayPolicy}`, holidayPolicy, rrule })
        .expect(201);
    await make('t-skip', 'skip', 'FREQ=WEEKLY;BYDAY=TU');
    await make('t-next', 'next-working-day', 'FREQ=WEEKLY;BYDAY=TU');
    await make('t-keep', 'keep', 'FREQ=WEEKLY;BYDAY=TU');
    await make('t-monthly-prev', 'previous-working-day', 'FREQ=MONTHLY;BYMONTHDAY=1');
    const occs = await occurrences('2024-04-29', '2024-05-03', '&body=hdnd');
    const by = (series: string) => occs.filter((o) => o.seriesId === series);
    expect(by('t-skip')).toEqual([
      expect.objectContaining({
        status: 'cancelled',
        start: '2024-04-30T09:00:00+07:00',
        holiday: { name: expect.stringContaining('Chiến thắng'), policy: 'skip', originalDate: '2024-04-30' },
      }),
    ]);
    expect(by('t-next')).toEqual([
      expect.objectContaining({
        status: 'moved',
        start: '2024-05-02T09:00:00+07:00',
        originalStart: '2024-04-30T09:00:00+07:00',
      }),
    ]);
    expect(by('t-keep')).toEqual([
      expect.objectContaining({
        status: 'scheduled',
        start: '2024-04-30T09:00:00+07:00',
        holiday: expect.objectContaining({ policy: 'keep' }),
      }),
    ]);
    // 1/5/2024 is off; the previous working day (29/4) leaves May, so it stays in May: next working day 2/5.
    expect(by('t-monthly-prev')).toEqual([
      expect.objectContaining({ status: 'moved', start: '2024-05-02T09:00:00+07:00' }),
    ]);
  });

  test('when the Office records a working-day swap, then the schedule follows it', async () => {
    // A swap like 2025's (Friday 2/5 off, Saturday 26/4 worked, seeded with its document): here a
    // made-up one in 2027, Friday 7/5 off and Saturday 15/5 worked.
    await request(t.app)
      .post('/api/series')
      .set('Authorization', office())
      .send({
        id: 't-friday',
        title: 'Họp thứ Sáu',
        kind: 'other',
        bodyCode: 'hdnd',
        startTime: '14:00',
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;BYDAY=FR',
        startDate: '2027-04-02',
        holidayPolicy: 'skip',
      })
      .expect(201);
    const before = (await occurrences('2027-05-07', '2027-05-07', '&body=hdnd')).find((o) => o.seriesId === 't-friday');
    expect(before.status).toBe('scheduled');
    const adj = await request(t.app)
      .post('/api/calendar/adjustments')
      .set('Authorization', office())
      .send({
        kind: 'day-off',
        date: '2027-05-07',
        name: 'Nghỉ hoán đổi (thử nghiệm)',
        documentNumber: 'Công văn (ví dụ) số 01/TB',
        documentDate: '2027-03-01',
      })
      .expect(201);
    await request(t.app)
      .post('/api/calendar/adjustments')
      .set('Authorization', office())
      .send({
        kind: 'working-day',
        date: '2027-05-15',
        name: 'Làm bù cho ngày 7/5 (thử nghiệm)',
        documentNumber: 'Công văn (ví dụ) số 01/TB',
      })
      .expect(201);
    const after = (await occurrences('2027-05-07', '2027-05-07', '&body=hdnd')).find((o) => o.seriesId === 't-friday');
    expect(after).toMatchObject({
      status: 'cancelled',
      holiday: {
        name: 'Nghỉ hoán đổi (thử nghiệm)',
        policy: 'skip',
        documentNumber: 'Công văn (ví dụ) số 01/TB',
        documentDate: '2027-03-01',
      },
      reason: 'Trùng ngày nghỉ: Nghỉ hoán đổi (thử nghiệm) (theo Công văn (ví dụ) số 01/TB ngày 01/03/2027)',
    });
    const days = (await request(t.app).get('/api/calendar/days?from=2027-05-07&to=2027-05-15').expect(200)).body.days;
    expect(days.find((d: any) => d.date === '2027-05-15')).toMatchObject({ workingDay: true, weekday: 'Thứ Bảy' });
    expect(days.find((d: any) => d.date === '2027-05-07')).toMatchObject({ workingDay: false });
    await request(t.app).delete(`/api/calendar/adjustments/${adj.body.id}`).set('Authorization', office()).expect(204);
    expect(
      (await occurrences('2027-05-07', '2027-05-07', '&body=hdnd')).find((o) => o.seriesId === 't-friday').status,
    ).toBe('scheduled');
  });

  test('when a day off is recorded before a session, then its documents-due dates move earlier', async () => {
    const due = async () => (await request(t.app).get(`/api/occurrences/${SESSION}`).expect(200)).body.agenda[0].dueAt;
    expect(await due()).toBe('2023-05-18T17:00:00+07:00');
    const adj = await request(t.app)
      .post('/api/calendar/adjustments')
      .set('Authorization', office())
      .send({
        kind: 'day-off',
        date: '2023-05-19',
        name: 'Ngày nghỉ (thử nghiệm)',
        documentNumber: 'Số 02/TB (thử nghiệm)',
      })
      .expect(201);
    expect(await due()).toBe('2023-05-17T17:00:00+07:00');
    await request(t.app).delete(`/api/calendar/adjustments/${adj.body.id}`).set('Authorization', office()).expect(204);
    expect(await due()).toBe('2023-05-18T17:00:00+07:00');
  });

  test('when asking for the holidays of 2026, then Tết and the Hùng Kings day come from the Vietnamese lunar calendar', async () => {
    const res = await request(t.app).get('/api/calendar/holidays?year=2026').expect(200);
    const dates = res.body.holidays.map((h: any) => `${h.date} ${h.name}`);
    expect(dates).toContain('2026-02-17 Tết Nguyên đán');
    expect(dates).toContain('2026-04-26 Giỗ Tổ Hùng Vương');
    await request(t.app).get('/api/calendar/holidays?year=1969').expect(400);
  });
});

describe('one occurrence', () => {
  test('when the session is moved, then its status, original start, sequence and documents-due dates follow', async () => {
    const before = (await request(t.app).get(`/api/occurrences/${SESSION}`).expect(200)).body;
    const res = await request(t.app)
      .post(`/api/occurrences/${SESSION}/move`)
      .set('Authorization', office())
      .send({
        date: '2023-05-26',
        time: '14:00',
        location: 'Hội trường UBND huyện',
        reason: 'Trùng lịch làm việc với tỉnh',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'moved',
      start: '2023-05-26T14:00:00+07:00',
      originalStart: '2023-05-23T08:00:00+07:00',
      location: 'Hội trường UBND huyện',
      reason: 'Trùng lịch làm việc với tỉnh',
    });
    expect(res.body.sequence).toBeGreaterThan(before.sequence);
    // 3 working days before Friday 26/5: Tuesday 23/5.
    expect(new Set(res.body.agenda.map((i: any) => i.dueAt))).toEqual(new Set(['2023-05-23T17:00:00+07:00']));
    // back to 23/5 as the programme says
    await request(t.app)
      .post(`/api/occurrences/${SESSION}/move`)
      .set('Authorization', office())
      .send({ date: '2023-05-23', time: '08:00', reason: 'Theo chương trình tháng 5' })
      .expect(200);
  });

  test('when an occurrence is cancelled and restored, then the schedule shows both states', async () => {
    const id = 'ubnd-giao-ban-thu-nam_20230518T1400';
    await request(t.app)
      .post(`/api/occurrences/${id}/cancel`)
      .set('Authorization', office())
      .send({ reason: 'Lãnh đạo đi công tác' })
      .expect(200);
    let occ = (await occurrences('2023-05-18', '2023-05-18')).find((o) => o.id === id);
    expect(occ).toMatchObject({ status: 'cancelled', reason: 'Lãnh đạo đi công tác' });
    await request(t.app).post(`/api/occurrences/${id}/restore`).set('Authorization', office()).expect(200);
    occ = (await occurrences('2023-05-18', '2023-05-18')).find((o) => o.id === id);
    expect(occ.status).toBe('scheduled');
    await request(t.app).post(`/api/occurrences/${id}/cancel`).set('Authorization', office()).send({}).expect(400);
  });

  test('when an occurrence gets its own attendees, then only it changes', async () => {
    const id = 'ubnd-giao-ban-thu-nam_20230525T1400';
    await request(t.app)
      .patch(`/api/occurrences/${id}`)
      .set('Authorization', office())
      .send({ attendees: { officials: ['chu-tich-ubnd'], agencies: ['cong-an'] } })
      .expect(200);
    const occs = await occurrences('2023-05-18', '2023-06-01', '&agency=cong-an');
    expect(occs.map((o) => o.id)).toEqual(expect.arrayContaining([id]));
    expect(occs.map((o) => o.id)).not.toContain('ubnd-giao-ban-thu-nam_20230601T1400');
  });

  test('when an extra session and a one-off conference are added, then they appear with their own ids', async () => {
    const extra = await request(t.app)
      .post('/api/series/ubnd-phien-hop-thuong-ky/extra-sessions')
      .set('Authorization', office())
      .send({
        date: '2023-05-30',
        time: '08:00',
        title: 'Phiên họp bổ sung tháng 5/2023',
        reason: 'Xem xét đề án địa giới hành chính',
      })
      .expect(201);
    expect(extra.body).toMatchObject({
      seriesId: 'ubnd-phien-hop-thuong-ky',
      kind: 'regular-session',
      start: '2023-05-30T08:00:00+07:00',
      status: 'scheduled',
    });
    const conf = await request(t.app)
      .post('/api/meetings')
      .set('Authorization', office())
      .send({
        title: 'Hội nghị sơ kết 6 tháng đầu năm 2023',
        kind: 'thematic-conference',
        bodyCode: 'ubnd',
        date: '2023-06-30',
        time: '07:30',
        durationMinutes: 210,
      })
      .expect(201);
    expect(conf.body).toMatchObject({
      seriesId: null,
      start: '2023-06-30T07:30:00+07:00',
      end: '2023-06-30T11:00:00+07:00',
    });
    const ids = (await occurrences('2023-05-29', '2023-06-30')).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([extra.body.id, conf.body.id]));
    await request(t.app)
      .post(`/api/occurrences/${conf.body.id}/move`)
      .set('Authorization', office())
      .send({ date: '2023-07-03', reason: 'Chờ số liệu' })
      .expect(200);
    const moved = (await request(t.app).get(`/api/occurrences/${conf.body.id}`).expect(200)).body;
    expect(moved).toMatchObject({
      status: 'moved',
      start: '2023-07-03T07:30:00+07:00',
      originalStart: '2023-06-30T07:30:00+07:00',
    });
  });
});

describe('agenda', () => {
  // The seed states no rule for the monthly session (only 23/5/2023): here the Office has
  // learnt it and records a monthly series on the 25th.
  const JUNE = 't-phien-hop_20230625T0800';
  beforeAll(async () => {
    await request(t.app)
      .post('/api/series')
      .set('Authorization', office())
      .send({
        id: 't-phien-hop',
        title: 'Phiên họp thường kỳ UBND huyện',
        kind: 'regular-session',
        bodyCode: 'ubnd',
        chairCode: 'chu-tich-ubnd',
        startTime: '08:00',
        durationMinutes: 240,
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=25',
        startDate: '2023-06-25',
        holidayPolicy: 'next-working-day',
      })
      .expect(201);
  });

  test('when items are added and a range is assigned in one request, then each item says who prepares it and the history keeps it', async () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ number: i + 1, title: `Nội dung ${i + 1}`, kind: 'report' }));
    await request(t.app)
      .post(`/api/occurrences/${JUNE}/agenda`)
      .set('Authorization', office())
      .send({ items })
      .expect(201);
    const res = await request(t.app)
      .post(`/api/occurrences/${JUNE}/agenda/assign`)
      .set('Authorization', office())
      .send({ items: 'từ 1-6', agencyCode: 'phong-tc-kh' })
      .expect(200);
    expect(res.body.items.map((i: any) => i.number)).toEqual([1, 2, 3, 4, 5, 6]);
    await request(t.app)
      .post(`/api/occurrences/${JUNE}/agenda/assign`)
      .set('Authorization', office())
      .send({ items: '6, 7', agencyCode: 'thanh-tra', role: 'coordinating', mode: 'add' })
      .expect(200);
    const agenda = (await request(t.app).get(`/api/occurrences/${JUNE}/agenda`).expect(200)).body.items;
    expect(agenda[5].preparingAgencies).toEqual([
      { code: 'phong-tc-kh', name: 'Phòng Tài chính - Kế hoạch', role: 'lead' },
      { code: 'thanh-tra', name: 'Thanh tra huyện', role: 'coordinating' },
    ]);
    // 25/6/2023 is a Sunday: the session moves to Monday 26/6; due 3 working days before: Wednesday 21/6.
    expect(agenda[0].dueAt).toBe('2023-06-21T17:00:00+07:00');
    const history = (
      await request(t.app).get(`/api/occurrences/${JUNE}/agenda/6/history`).set('Authorization', office()).expect(200)
    ).body.history;
    expect(history.map((h: any) => h.action)).toEqual(['created', 'assigned', 'assigned']);
    expect(history[1].changes.preparingAgencies.to).toEqual([{ code: 'phong-tc-kh', role: 'lead' }]);
    expect(history[1].by).toMatch(/office/);
    await request(t.app)
      .post(`/api/occurrences/${JUNE}/agenda/assign`)
      .set('Authorization', office())
      .send({ items: '7-9', agencyCode: 'thanh-tra' })
      .expect(400);
    await request(t.app)
      .post(`/api/occurrences/${JUNE}/agenda/assign`)
      .set('Authorization', office())
      .send({ items: '6-1', agencyCode: 'thanh-tra' })
      .expect(400);
  });

  test('when a deferred item is carried over, then it joins the next session with a link both ways', async () => {
    await request(t.app)
      .post(`/api/occurrences/${JUNE}/agenda/8/carry-over`)
      .set('Authorization', office())
      .expect(409);
    await request(t.app)
      .post(`/api/occurrences/${JUNE}/agenda/8/status`)
      .set('Authorization', office())
      .send({ status: 'deferred', note: 'Chưa đủ hồ sơ' })
      .expect(200);
    const res = await request(t.app)
      .post(`/api/occurrences/${JUNE}/agenda/8/carry-over`)
      .set('Authorization', office())
      .expect(201);
    expect(res.body.occurrenceId).toBe('t-phien-hop_20230725T0800');
    expect(res.body.item).toMatchObject({
      number: 1,
      title: 'Nội dung 8',
      carriedFrom: `${JUNE}#8`,
      status: 'assigned',
      dueAt: '2023-07-20T17:00:00+07:00',
    });
    const original = (await request(t.app).get(`/api/occurrences/${JUNE}/agenda`).expect(200)).body.items.find(
      (i: any) => i.number === 8,
    );
    expect(original.carriedTo).toBe('t-phien-hop_20230725T0800#1');
  });

  test('when a due date is set by hand, then moving the meeting leaves it alone', async () => {
    await request(t.app)
      .patch(`/api/occurrences/${JUNE}/agenda/2`)
      .set('Authorization', office())
      .send({ dueAt: '2023-06-15T10:00:00+07:00' })
      .expect(200);
    await request(t.app)
      .post(`/api/occurrences/${JUNE}/move`)
      .set('Authorization', office())
      .send({ date: '2023-06-28', reason: 'Dời lịch' })
      .expect(200);
    const agenda = (await request(t.app).get(`/api/occurrences/${JUNE}/agenda`).expect(200)).body.items;
    expect(agenda.find((i: any) => i.number === 2).dueAt).toBe('2023-06-15T10:00:00+07:00');
    expect(agenda.find((i: any) => i.number === 1).dueAt).toBe('2023-06-23T17:00:00+07:00');
  });
});

describe('service', () => {
  test('when an agency is renamed, then the schedule version moves (feeds and documents show names)', async () => {
    const before = (await t.services.meetingRepo.scheduleVersion()).version;
    await request(t.app)
      .patch('/api/agencies/thanh-tra')
      .set('Authorization', office())
      .send({ name: 'Thanh tra huyện Lục Ngạn' })
      .expect(200);
    expect((await t.services.meetingRepo.scheduleVersion()).version).toBeGreaterThan(before);
    const session = (await request(t.app).get(`/api/occurrences/${SESSION}`).expect(200)).body;
    expect(session.agenda.find((i: any) => i.number === 7).preparingAgencies[0].name).toBe('Thanh tra huyện Lục Ngạn');
  });

  test('when asking for health and the API description, then both answer', async () => {
    expect((await request(t.app).get('/healthz').expect(200)).body).toEqual({
      status: 'ok',
      database: { state: 'connected', ping: true },
    });
    const doc = (await request(t.app).get('/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/occurrences'].get.parameters.map((p: any) => p.name)).toEqual([
      'from',
      'to',
      'body',
      'agency',
      'kind',
    ]);
    expect(doc.paths['/api/series'].post.requestBody.content['application/json'].schema.properties.rrule).toBeDefined();
  });
});
