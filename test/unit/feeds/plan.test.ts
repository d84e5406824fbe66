import { planFeed } from '../../../src/feeds/plan';
import { renderCalendar } from '../../../src/feeds/render';
import { DEFAULT_OPTIONS, type FeedOptions, type FeedSubject } from '../../../src/feeds/types';
import { expandedUid, meetingUid, seriesUid } from '../../../src/meetings/ical-ids';
import type { Occurrence } from '../../../src/meetings/types';
import { apiOccurrences, sampleData, SETTINGS, WINDOW } from './fixtures';
import { endOfDay, readFeed, startOfDay, unfold } from './ical-oracle';

function render(subject: FeedSubject, options: Partial<FeedOptions> = {}, data = sampleData()) {
  return renderCalendar(planFeed(data, subject, { ...DEFAULT_OPTIONS, ...options }, WINDOW, SETTINGS));
}

function read(text: string) {
  return readFeed(text, startOfDay(WINDOW.from), endOfDay(WINDOW.to));
}

const key = (start: Date, end: Date | null, summary: string) =>
  `${start.toISOString()} ${end?.toISOString() ?? '-'} ${summary}`;
const apiKeys = (occs: Occurrence[]) =>
  occs.map((o) => key(o.startUtc, o.endUtc, o.status === 'cancelled' ? `[HỦY] ${o.title}` : o.title));

describe('planFeed + renderCalendar, read back with ical.js', () => {
  test('when the public feed is expanded by ical.js, then it holds exactly the API occurrences of the window that are not cancelled', () => {
    const data = sampleData();
    const feed = read(render({ kind: 'body', code: 'ubnd' }, {}, data));
    const expected = apiOccurrences(data, WINDOW).filter((o) => o.status !== 'cancelled');
    expect(feed.events.map((e) => key(e.start, e.end, e.summary))).toEqual(apiKeys(expected));
    // Same identities as the API: series UID + RECURRENCE-ID = the original start.
    expect(feed.events.map((e) => `${e.uid} ${e.recurrenceId ?? ''}`)).toEqual(
      expected.map((o) =>
        o.meetingId ? `${meetingUid(o.meetingId)} ` : `${seriesUid(o.seriesId!)} ${o.originalLocalStart}`,
      ),
    );
  });

  test('when an occurrence is moved, cancelled, holiday-shifted or has an agenda, then the series stays one RRULE with EXDATEs and overrides', () => {
    const text = render({ kind: 'body', code: 'ubnd' });
    const lines = unfold(text);
    const masters = lines.filter((l) => l.startsWith('RRULE:'));
    // The weekly rule runs to the instance of 2/1/2025 that was moved into the window; the instances
    // between the window's end and it are excluded. The monthly rule ends at its last original start
    // (Saturday 25/5/2024, held on Monday 27/5).
    expect(masters).toEqual([
      'RRULE:FREQ=WEEKLY;UNTIL=20250102T070000Z;BYDAY=TH',
      'RRULE:FREQ=MONTHLY;UNTIL=20240525T010000Z;BYMONTHDAY=25',
    ]);
    const exdates = lines.filter((l) => l.startsWith('EXDATE'));
    expect(exdates).toHaveLength(1);
    const excluded = exdates[0]!.replace('EXDATE;TZID=Asia/Ho_Chi_Minh:', '').split(',');
    // 18/5/2023 cancelled; 15/2/2024 (Tết) and 18/4/2024 (Giỗ Tổ Hùng Vương) skipped by the series' policy.
    expect(excluded.filter((d) => d < '20240601')).toEqual(['20230518T140000', '20240215T140000', '20240418T140000']);
    expect(excluded.filter((d) => d >= '20240601')).toHaveLength(30); // Thursdays 6/6–26/12/2024
    const feed = read(text);
    const moved = feed.events.find((e) => e.recurrenceId === '2023-05-11T14:00')!;
    expect(moved).toMatchObject({ localStart: '2023-05-12T15:30', fromOverride: true, sequence: 3 });
    expect(moved.description).toContain('Dời từ 14:00, Thứ Năm ngày 11/5/2023.');
    const sunday = feed.events.find((e) => e.recurrenceId === '2023-06-25T08:00')!;
    expect(sunday.localStart).toBe('2023-06-26T08:00');
    expect(sunday.description).toContain('Lý do: Trùng ngày nghỉ');
    const session = feed.events.find((e) => e.recurrenceId === '2023-05-25T08:00')!;
    expect(session.localStart).toBe('2023-05-23T08:00');
    expect(session.description).toContain('2. Báo cáo số 2');
    expect(session.description).toContain('Chủ trì: Phòng Tài chính - Kế hoạch; phối hợp: Thanh tra huyện');
    expect(session.description).toContain(
      '4. Báo cáo số 4 về tình hình kinh tế - xã hội, quốc phòng - an ninh 6 tháng đầu năm; phương hướng, nhiệm vụ 6 tháng cuối năm 2023. — chưa giao cơ quan chuẩn bị',
    );
    expect(session.description).toContain('Hạn gửi tài liệu: 17:00, Thứ Năm ngày 18/5/2023');
    // The occurrence moved from 2025 into the window is an override of an instance inside the RRULE.
    expect(feed.events.find((e) => e.recurrenceId === '2025-01-02T14:00')?.localStart).toBe('2023-07-06T09:00');
  });

  test('when cancelled occurrences are asked to be shown, then they are STATUS:CANCELLED overrides titled [HỦY]', () => {
    const data = sampleData();
    const feed = read(render({ kind: 'body', code: 'ubnd' }, { cancelled: 'show' }, data));
    expect(feed.events.map((e) => key(e.start, e.end, e.summary))).toEqual(apiKeys(apiOccurrences(data, WINDOW)));
    const cancelled = feed.events.filter((e) => e.status === 'CANCELLED');
    expect(cancelled.map((e) => e.summary)).toEqual([
      '[HỦY] Phiên họp bất thường UBND huyện',
      '[HỦY] Giao ban Chủ tịch, các Phó Chủ tịch UBND huyện',
      '[HỦY] Giao ban Chủ tịch, các Phó Chủ tịch UBND huyện',
      '[HỦY] Giao ban Chủ tịch, các Phó Chủ tịch UBND huyện',
    ]);
    expect(cancelled[1]!.description).toContain('Đã hủy.\nLý do: Chủ tịch đi công tác');
    expect(cancelled[3]!.description).toContain('Lý do: Trùng ngày nghỉ: Giỗ Tổ Hùng Vương');
  });

  test('when expanded, then every occurrence is a plain VEVENT with a stable UID of its own', () => {
    const data = sampleData();
    const text = render({ kind: 'body', code: 'ubnd' }, { expand: true }, data);
    expect(text).not.toContain('RRULE');
    expect(text).not.toContain('RECURRENCE-ID');
    const feed = read(text);
    const expected = apiOccurrences(data, WINDOW).filter((o) => o.status !== 'cancelled');
    expect(feed.events.map((e) => `${e.uid} ${key(e.start, e.end, e.summary)}`)).toEqual(
      expected.map((o) => `${expandedUid(o.id)} ${key(o.startUtc, o.endUtc, o.title)}`),
    );
  });

  test("when the feed is an official's, then it holds what they chair or attend, per occurrence", () => {
    const data = sampleData();
    const feed = read(render({ kind: 'official', code: 'chanh-vp' }, {}, data));
    // chanh-vp attends only the re-titled briefing of 1/6/2023 (own attendees).
    expect(feed.events.map((e) => `${e.localStart} ${e.summary}`)).toEqual([
      '2023-06-01T14:00 Giao ban mở rộng, có các xã',
    ]);
    const pho = read(render({ kind: 'official', code: 'pho-chu-tich-1' }, {}, data));
    const expected = apiOccurrences(data, WINDOW).filter(
      (o) =>
        o.status !== 'cancelled' &&
        (o.chairCode === 'pho-chu-tich-1' || o.attendees.officials.includes('pho-chu-tich-1')),
    );
    expect(pho.events.map((e) => key(e.start, e.end, e.summary))).toEqual(apiKeys(expected));
    expect(expected.some((o) => o.id === 'giao-ban_20230601T1400')).toBe(false);
  });

  test("when the feed is an agency's, then it holds the meetings it attends or prepares for and one documents-due event per meeting", () => {
    const data = sampleData();
    const feed = read(render({ kind: 'agency', code: 'thanh-tra' }, {}, data));
    expect(feed.events.map((e) => `${e.localStart} ${e.summary}`)).toEqual([
      '2023-05-18T17:00 Hạn gửi tài liệu: Phiên họp thường kỳ UBND huyện (nội dung 2, 3)',
      '2023-05-23T08:00 Phiên họp thường kỳ UBND huyện',
      '2023-08-22T17:00 Hạn gửi tài liệu: Phiên họp thường kỳ UBND huyện (nội dung 1)',
      '2023-08-25T08:00 Phiên họp thường kỳ UBND huyện',
    ]);
    // The deadline is an instant that states its end: DURATION:PT0S (DTEND may not equal DTSTART).
    const due = feed.events[0]!;
    expect(due.end).toEqual(due.start);
    expect(
      unfold(render({ kind: 'agency', code: 'thanh-tra' }, {}, data)).filter((l) => l === 'DURATION:PT0S'),
    ).toHaveLength(2);
    expect(due.description).toContain('2. Báo cáo số 2');
    expect(due.description).toContain('(phối hợp; trạng thái: đã giao)');
  });

  test('when the same data is rendered twice, then the bytes are identical; when an override changes, then its SEQUENCE and stamps change', () => {
    const a = render({ kind: 'body', code: 'ubnd' });
    expect(render({ kind: 'body', code: 'ubnd' })).toBe(a);
    const data = sampleData();
    const o = data.overrides[0]!;
    data.overrides[0] = {
      ...o,
      start: '2023-05-12T16:00',
      sequence: o.sequence + 1,
      updatedAt: new Date('2023-05-04T00:00:00Z'),
    };
    const b = render({ kind: 'body', code: 'ubnd' }, {}, data);
    expect(b).not.toBe(a);
    const ev = read(b).events.find((e) => e.recurrenceId === '2023-05-11T14:00')!;
    expect(ev.sequence).toBe(4);
    expect(unfold(b)).toContain('LAST-MODIFIED:20230504T000000Z');
  });

  test('when a kind filter and an alarm are asked, then only those kinds appear, each with a VALARM', () => {
    const text = render({ kind: 'body', code: 'ubnd' }, { kinds: ['regular-session'], alarmMinutes: 1440 });
    const feed = read(text);
    expect(new Set(feed.events.map((e) => e.summary))).toEqual(
      new Set(['Phiên họp thường kỳ UBND huyện', 'Phiên họp bổ sung UBND huyện']),
    );
    expect(unfold(text).filter((l) => l === 'TRIGGER:-P1D').length).toBe(text.split('BEGIN:VEVENT').length - 1);
    expect(feed.props['X-WR-CALNAME']).toBe('Lịch họp Ủy ban nhân dân huyện Lục Ngạn (Phiên họp thường kỳ)');
  });
});

describe('window edges', () => {
  // Days off around 30/4–1/5/2023 (Hùng Kings on Saturday 29/4, compensated): daily series moved
  // across the window's edges by their holiday policy, in both directions.
  const cases: [string, 'next-working-day' | 'previous-working-day', string, string][] = [
    ['ends on a day off, meetings moved out after it', 'next-working-day', '2023-03-01', '2023-04-30'],
    ['starts on a day off, meetings moved out before it', 'previous-working-day', '2023-05-01', '2023-06-30'],
    ['ends before days off, meetings moved in from after it', 'previous-working-day', '2023-03-01', '2023-04-27'],
    ['starts after days off, meetings moved in from before it', 'next-working-day', '2023-05-04', '2023-06-30'],
  ];
  test.each(cases)(
    'when the window %s, then ical.js reads the same occurrences as the API in the window',
    (_name, policy, from, to) => {
      const data = sampleData();
      data.series = [
        { ...data.series[0]!, id: 'hang-ngay', rrule: 'FREQ=DAILY', startDate: '2023-01-02', holidayPolicy: policy },
      ];
      data.overrides = [];
      data.meetings = [];
      const window = {
        from,
        to,
        key: `${from}/${to}`,
        month: from.slice(0, 7),
        since: new Date('2023-01-01T00:00:00Z'),
        until: new Date('2030-01-01T00:00:00Z'),
      };
      const text = renderCalendar(planFeed(data, { kind: 'body', code: 'ubnd' }, DEFAULT_OPTIONS, window, SETTINGS));
      const feed = readFeed(text, startOfDay(from), endOfDay(to));
      const expected = apiOccurrences(data, window).filter((o) => o.status !== 'cancelled');
      expect(expected.some((o) => o.status === 'moved')).toBe(true);
      expect(feed.events.map((e) => key(e.start, e.end, e.summary))).toEqual(apiKeys(expected));
    },
  );
});

describe('strict RFC 5545 details', () => {
  test('when a feed has no meetings, then it still has a component: the VTIMEZONE of its zone (RFC 5545 forbids an empty calendar)', () => {
    const text = render({ kind: 'body', code: 'ubnd' }, { kinds: ['council-session'] });
    const lines = unfold(text);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(0);
    expect(lines.filter((l) => l === 'BEGIN:VTIMEZONE')).toHaveLength(1);
    expect(lines).toContain('TZID:Asia/Ho_Chi_Minh');
    // Calendar properties first, then the component, then the end.
    expect(lines.indexOf('X-WR-TIMEZONE:Asia/Ho_Chi_Minh')).toBeLessThan(lines.indexOf('BEGIN:VTIMEZONE'));
    expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
    expect(read(text).timezones).toEqual(['Asia/Ho_Chi_Minh']);
  });

  test('when a feed has meetings, then the VTIMEZONE is written once, as before', () => {
    const lines = unfold(render({ kind: 'body', code: 'ubnd' }));
    expect(lines.filter((l) => l === 'BEGIN:VTIMEZONE')).toHaveLength(1);
  });

  test('when a series has an estimated time, then its events say so in DESCRIPTION, except where the Office gave another hour', () => {
    const data = sampleData();
    data.series = data.series.map((s) => ({ ...s, timeAssumed: true }));
    const feed = read(render({ kind: 'body', code: 'ubnd' }, { expand: true }, data));
    const occs = apiOccurrences(data, WINDOW).filter((o) => o.status !== 'cancelled');
    expect(occs.some((o) => o.timeAssumed)).toBe(true);
    expect(occs.some((o) => !o.timeAssumed)).toBe(true); // one-off meetings, and an occurrence moved to 15:30
    for (const o of occs) {
      const e = feed.events.find((x) => x.uid === (o.meetingId ? meetingUid(o.meetingId) : expandedUid(o.id)))!;
      expect(e.description.includes('Giờ họp là dự kiến (văn bản nguồn không nêu giờ).')).toBe(o.timeAssumed === true);
    }
  });
});
