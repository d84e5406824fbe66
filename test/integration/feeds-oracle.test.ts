/**
 * Every kind of feed, read by ical.js (RRULE, EXDATE and overrides expanded), against the API's
 * occurrences over the same window: the seed plus a move, a cancellation, an extra session, a
 * one-off meeting, per-occurrence attendees and official calendar decisions that shift meetings.
 */
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { endOfDay, readFeed, startOfDay, type ReadEvent } from '../unit/feeds/ical-oracle';
import { seriesUid, meetingUid, expandedUid } from '../../src/meetings/ical-ids';
import { dueUid } from '../../src/feeds/plan';
import { formatItemRange } from '../../src/agenda/ranges';

let t: TestApp;
// The clock of the seed tests: 1/5/2023 08:00 in Hà Nội, so feeds cover 1/2/2023 – 31/5/2024.
const FROM = '2023-02-01';
const TO = '2024-05-31';
const SESSION_MAY = 'ubnd-phien-hop-thuong-ky_20230523T0800';

interface ApiOcc {
  id: string;
  seriesId: string | null;
  meetingId: string | null;
  title: string;
  kind: string;
  body: string;
  start: string;
  end: string;
  originalStart: string | null;
  status: string;
  chair: { code: string } | null;
  attendees: { officials: { code: string }[]; agencies: { code: string }[] };
  agenda: { number: number; dueAt: string | null; preparingAgencies: { code: string }[] }[];
}

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  const office = (r: request.Test) =>
    r.set('Authorization', t.officeKey).expect((res) => {
      if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    });
  // A Thursday made a day off (the weekly briefing skips it), and 1/9/2023 next to Quốc khánh.
  await office(
    request(t.app).post('/api/calendar/adjustments').send({
      kind: 'day-off',
      date: '2023-08-31',
      name: 'Nghỉ hoán đổi (thử nghiệm)',
      documentNumber: 'Số 1/TB-TEST',
    }),
  );
  await office(
    request(t.app).post('/api/calendar/adjustments').send({
      kind: 'national-day-extra',
      date: '2023-09-01',
      name: 'Nghỉ Quốc khánh',
      documentNumber: 'Số 2/TB-TEST',
    }),
  );
  // Tết Giáp Thìn as decided: Thursday 8/2 to Wednesday 14/2/2024 (both briefings' Thursday 8/2 falls in it).
  await office(
    request(t.app).post('/api/calendar/adjustments').send({
      kind: 'tet-span',
      from: '2024-02-08',
      to: '2024-02-14',
      name: 'Tết Nguyên đán Giáp Thìn',
      documentNumber: 'Số 3/TB-TEST',
    }),
  );
  // Move one briefing, cancel another, give a third its own attendees.
  await office(
    request(t.app)
      .post('/api/occurrences/ubnd-giao-ban-thu-nam_20230608T1400/move')
      .send({ date: '2023-06-09', time: '08:00', reason: 'Trùng lịch họp của Tỉnh ủy' }),
  );
  await office(
    request(t.app)
      .post('/api/occurrences/ubnd-giao-ban-thu-nam_20230615T1400/cancel')
      .send({ reason: 'Chủ tịch đi công tác' }),
  );
  await office(
    request(t.app)
      .patch('/api/occurrences/ubnd-giao-ban-thu-nam_20230622T1400')
      .send({
        title: 'Giao ban mở rộng với Công an huyện',
        attendees: { officials: ['chu-tich-ubnd'], agencies: ['cong-an'] },
      }),
  );
  // The seed states no rule for the monthly session nor for the Party briefing (one date each):
  // here the Office has learnt them and records a session on the 25th and a Party briefing on the
  // second Thursday of each month, from June.
  await office(
    request(t.app)
      .post('/api/series')
      .send({
        id: 't-phien-hop',
        title: 'Phiên họp thường kỳ UBND huyện',
        kind: 'regular-session',
        bodyCode: 'ubnd',
        chairCode: 'chu-tich-ubnd',
        attendees: { officials: ['chu-tich-ubnd', 'pct-ubnd'], agencies: ['vp-hdnd-ubnd', 'phong-tc-kh', 'thanh-tra'] },
        startTime: '08:00',
        durationMinutes: 240,
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=25',
        startDate: '2023-06-25',
        holidayPolicy: 'next-working-day',
      }),
  );
  await office(
    request(t.app)
      .post('/api/series')
      .send({
        id: 't-giao-ban-hu',
        title: 'Giao ban Thường trực Huyện ủy',
        kind: 'briefing',
        bodyCode: 'huyen-uy',
        chairCode: 'thuong-truc-huyen-uy',
        attendees: { officials: ['thuong-truc-huyen-uy', 'pct-hdnd', 'pct-ubnd'], agencies: ['vp-huyen-uy'] },
        startTime: '08:00',
        durationMinutes: 180,
        rrule: 'FREQ=MONTHLY;BYDAY=2TH',
        startDate: '2023-06-08',
        holidayPolicy: 'next-working-day',
      }),
  );
  // An extra session of the monthly series and a one-off meeting (later cancelled).
  await office(
    request(t.app)
      .post('/api/series/ubnd-phien-hop-thuong-ky/extra-sessions')
      .send({ date: '2023-07-12', time: '14:00', reason: 'Phiên họp bổ sung để cho ý kiến về quy hoạch' }),
  );
  const oneOff = await office(
    request(t.app)
      .post('/api/meetings')
      .send({
        title: 'Hội nghị sơ kết 6 tháng đầu năm 2023',
        kind: 'thematic-conference',
        bodyCode: 'ubnd',
        chairCode: 'chu-tich-ubnd',
        attendees: { officials: ['pct-ubnd'], agencies: ['thanh-tra'] },
        location: 'Hội trường UBND huyện',
        date: '2023-07-20',
        time: '08:00',
        durationMinutes: 240,
        description: '',
      }),
  );
  await office(
    request(t.app)
      .post(`/api/meetings`)
      .send({
        title: 'Phiên họp bất thường',
        kind: 'extraordinary-session',
        bodyCode: 'ubnd',
        chairCode: 'chu-tich-ubnd',
        attendees: { officials: ['pct-ubnd'], agencies: ['cong-an'] },
        location: '',
        date: '2023-06-02',
        time: '07:30',
        durationMinutes: 60,
        description: '',
      }),
  ).then((res) =>
    office(request(t.app).post(`/api/occurrences/${res.body.id}/cancel`).send({ reason: 'Không đủ thành phần' })),
  );
  expect(oneOff.body.id).toBeTruthy();
});
afterAll(() => t.close());

async function apiOccurrences(query = ''): Promise<ApiOcc[]> {
  // The API serves at most 400 days at a time.
  const halves = [
    [FROM, '2023-09-30'],
    ['2023-10-01', TO],
  ];
  const out: ApiOcc[] = [];
  for (const [from, to] of halves)
    out.push(
      ...(await request(t.app).get(`/api/occurrences?from=${from}&to=${to}${query}`).expect(200)).body.occurrences,
    );
  return out;
}

async function feed(path: string): Promise<{ text: string; events: ReadEvent[] }> {
  const res = await request(t.app)
    .get(path)
    .buffer(true)
    .parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (data += c));
      r.on('end', () => cb(null, data));
    })
    .expect(200);
  const text = res.body as string;
  return { text, events: readFeed(text, startOfDay(FROM), endOfDay(TO)).events };
}

async function tokenUrl(kind: 'official' | 'agency', subjectCode: string): Promise<string> {
  const res = await request(t.app)
    .post('/api/feed-tokens')
    .set('Authorization', t.officeKey)
    .send({ kind, subjectCode })
    .expect(201);
  return new URL(res.body.url).pathname;
}

const show = (o: ApiOcc, cancelledShown = false) =>
  `${new Date(o.start).toISOString()} ${new Date(o.end).toISOString()} ${cancelledShown && o.status === 'cancelled' ? '[HỦY] ' : ''}${o.title}`;
const seen = (e: ReadEvent) => `${e.start.toISOString()} ${e.end?.toISOString()} ${e.summary}`;
/** UID and RECURRENCE-ID as the feed should have them; a series with one instance shown is one plain VEVENT. */
const identities = (occs: ApiOcc[]) => {
  const perSeries = new Map<string, number>();
  for (const o of occs) if (!o.meetingId) perSeries.set(o.seriesId!, (perSeries.get(o.seriesId!) ?? 0) + 1);
  return occs.map((o) =>
    o.meetingId
      ? `${meetingUid(o.meetingId)} -`
      : perSeries.get(o.seriesId!) === 1
        ? `${seriesUid(o.seriesId!)} -`
        : `${seriesUid(o.seriesId!)} ${(o.originalStart ?? o.start).slice(0, 16)}`,
  );
};

describe('feeds read by ical.js equal the API', () => {
  test('when the public feed of UBND is expanded, then it equals the API occurrences (moved, holiday-shifted, extra, one-off; cancelled left out) with the same identities', async () => {
    const api = (await apiOccurrences('&body=ubnd')).filter((o) => o.status !== 'cancelled');
    const { events, text } = await feed('/feeds/public/ubnd.ics');
    expect(events.map(seen)).toEqual(api.map((o) => show(o)));
    expect(events.map((e) => `${e.uid} ${e.recurrenceId ?? '-'}`)).toEqual(identities(api));
    // What the schedule did to the rule shows as EXDATEs and overrides, not as loose events.
    expect(text).toMatch(/EXDATE;TZID=Asia\/Ho_Chi_Minh:[^\r]*20230615T140000/); // cancelled
    expect(text.replace(/\r\n /g, '')).toMatch(/EXDATE;TZID=Asia\/Ho_Chi_Minh:[^\r]*20230831T140000/); // day off, policy skip
    const sunday = events.find((e) => e.recurrenceId === '2023-06-25T08:00')!; // Sunday → Monday 26/6
    expect(sunday.localStart).toBe('2023-06-26T08:00');
    expect(events.find((e) => e.recurrenceId === '2023-06-08T14:00')!.localStart).toBe('2023-06-09T08:00');
    // The session of 23/5/2023, the only one the seed's series holds: one plain VEVENT with its agenda.
    const may = events.find((e) => e.uid === 'ubnd-phien-hop-thuong-ky@lich-hop' && e.recurrenceId === null)!;
    expect(may.localStart).toBe('2023-05-23T08:00');
    expect(may.description).toContain('14. ');
    expect(may.description).toContain('Giờ họp là dự kiến (văn bản nguồn không nêu giờ).');
  });

  test('when cancelled occurrences are shown or the feed is expanded, then both still equal the API', async () => {
    const all = await apiOccurrences('&body=ubnd');
    const shown = await feed('/feeds/public/ubnd.ics?cancelled=show');
    expect(shown.events.map(seen)).toEqual(all.map((o) => show(o, true)));
    expect(shown.events.filter((e) => e.status === 'CANCELLED').length).toBe(
      all.filter((o) => o.status === 'cancelled').length,
    );

    const expanded = await feed('/feeds/public/ubnd.ics?expand=1');
    const live = all.filter((o) => o.status !== 'cancelled');
    expect(expanded.text).not.toMatch(/RRULE|RECURRENCE-ID|EXDATE/);
    expect(expanded.events.map((e) => `${e.uid} ${seen(e)}`)).toEqual(
      live.map((o) => `${expandedUid(o.id)} ${show(o)}`),
    );
  });

  test('when the feed is filtered by kind or is another body, then it equals the API with the same filter', async () => {
    for (const [path, query] of [
      ['/feeds/public/ubnd.ics?kind=briefing', '&body=ubnd&kind=briefing'],
      ['/feeds/public/huyen-uy.ics', '&body=huyen-uy'],
    ] as const) {
      const api = (await apiOccurrences(query)).filter((o) => o.status !== 'cancelled');
      expect((await feed(path)).events.map(seen)).toEqual(api.map((o) => show(o)));
    }
    // The Party briefing of Thursday 8/2/2024 (Tết as decided) moves to the next working day.
    const party = (await feed('/feeds/public/huyen-uy.ics')).events.find((e) => e.recurrenceId === '2024-02-08T08:00');
    expect(party?.localStart).toBe('2024-02-15T08:00');
    expect(party?.description).toContain(
      'Trùng ngày nghỉ: Tết Nguyên đán (theo Công văn số 8662/VPCP-KGVX ngày 03/11/2023)',
    );
    // The weekly briefing (policy skip) is not held on 8/2/2024 and is held on 15/2/2024.
    const ubnd = (await feed('/feeds/public/ubnd.ics')).events;
    expect(ubnd.some((e) => e.recurrenceId === '2024-02-08T14:00' || e.localStart === '2024-02-08T14:00')).toBe(false);
    expect(ubnd.some((e) => e.localStart === '2024-02-15T14:00')).toBe(true);
  });

  test("when an official's private feed is read, then it equals the API occurrences they chair or attend, per occurrence", async () => {
    for (const official of ['pct-ubnd', 'chu-tich-ubnd', 'thuong-truc-huyen-uy']) {
      const api = (await apiOccurrences()).filter(
        (o) =>
          o.status !== 'cancelled' &&
          (o.chair?.code === official || o.attendees.officials.some((a) => a.code === official)),
      );
      const { events } = await feed(await tokenUrl('official', official));
      expect(events.map(seen)).toEqual(api.map((o) => show(o)));
      expect(api.length).toBeGreaterThan(10);
    }
    // pct-ubnd is not among the attendees the office gave the briefing of 22/6.
    const pct = (await feed(await tokenUrl('official', 'pct-ubnd'))).events;
    expect(pct.some((e) => e.recurrenceId === '2023-06-22T14:00')).toBe(false);
  });

  test("when an agency's private feed is read, then it holds the API's meetings for that agency and a documents-due event per meeting it prepares for", async () => {
    for (const agency of ['cong-an', 'phong-tc-kh', 'thanh-tra']) {
      const api = (await apiOccurrences(`&agency=${agency}`)).filter((o) => o.status !== 'cancelled');
      const { events } = await feed(await tokenUrl('agency', agency));
      const meetings = events.filter((e) => !e.uid.startsWith('due_'));
      expect(meetings.map(seen)).toEqual(api.map((o) => show(o)));
      const dues = events.filter((e) => e.uid.startsWith('due_'));
      const expected = api.flatMap((o) => {
        const mine = o.agenda.filter((i) => i.dueAt && i.preparingAgencies.some((a) => a.code === agency));
        if (!mine.length) return [];
        const due = Math.min(...mine.map((i) => Date.parse(i.dueAt!)));
        return [
          `${dueUid(o.id, agency)} ${new Date(due).toISOString()} Hạn gửi tài liệu: ${o.title} (nội dung ${formatItemRange(mine.map((i) => i.number))})`,
        ];
      });
      expect(dues.map((e) => `${e.uid} ${e.start.toISOString()} ${e.summary}`).sort()).toEqual(expected.sort());
      if (agency !== 'cong-an') expect(expected.length).toBeGreaterThan(0);
    }
    const police = (await feed(await tokenUrl('agency', 'cong-an'))).events;
    // The session of 23/5 (item 8) and the briefing of 22/6 the office invited Công an huyện to.
    expect(police.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        'Hạn gửi tài liệu: Phiên họp thường kỳ UBND huyện (nội dung 8)',
        'Giao ban mở rộng với Công an huyện',
      ]),
    );
    const due = police.find((e) => e.uid === dueUid(SESSION_MAY, 'cong-an'))!;
    expect(due.start.toISOString()).toBe('2023-05-18T10:00:00.000Z');
    expect(due.end).toEqual(due.start); // DURATION:PT0S: the deadline is an instant with a stated end
  });
});
