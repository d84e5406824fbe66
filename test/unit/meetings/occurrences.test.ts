import { expandSeries, meetingToOccurrence, mergeOccurrences } from '../../../src/meetings/occurrences';
import type { Occurrence } from '../../../src/meetings/types';
import { fakeCalendar, makeMeeting, makeOverride, makeSeries } from './fixtures';

const calendar = fakeCalendar();
const MAY_2023 = { from: '2023-05-01', to: '2023-05-31' };
const starts = (list: Occurrence[]): string[] => list.map((o) => o.localStart);
const only = (list: Occurrence[]): Occurrence => {
  expect(list).toHaveLength(1);
  return list[0]!;
};

describe('expandSeries: rule and overrides', () => {
  it('when the Thursday briefing is expanded over May 2023, then it has four scheduled occurrences at 14:00 local', () => {
    const series = makeSeries();
    const list = expandSeries(series, [], MAY_2023, calendar);
    expect(starts(list)).toEqual(['2023-05-04T14:00', '2023-05-11T14:00', '2023-05-18T14:00', '2023-05-25T14:00']);
    expect(list.map((o) => o.startUtc.toISOString())).toEqual([
      '2023-05-04T07:00:00.000Z',
      '2023-05-11T07:00:00.000Z',
      '2023-05-18T07:00:00.000Z',
      '2023-05-25T07:00:00.000Z',
    ]);
    const first = list[0]!;
    expect(first).toMatchObject({
      id: 'giao-ban-thu-nam_20230504T1400',
      seriesId: 'giao-ban-thu-nam',
      meetingId: null,
      originalLocalStart: '2023-05-04T14:00',
      status: 'scheduled',
      holiday: null,
      reason: null,
      sequence: 2,
      overridden: false,
      title: series.title,
      location: series.location,
    });
    expect(first.endUtc.toISOString()).toBe('2023-05-04T09:00:00.000Z');
    expect(first.updatedAt).toEqual(series.updatedAt);
  });

  it('when the monthly session on the 23rd has one month moved by an override, then that month is moved and the others stay', () => {
    const series = makeSeries({
      id: 'ubnd-thuong-ky',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=23',
      startTime: '08:00',
      startDate: '2023-01-23',
      durationMinutes: 240,
    });
    const override = makeOverride(series, '2023-06-23T08:00', {
      start: '2023-06-27T14:00',
      durationMinutes: 180,
      location: 'Hội trường UBND huyện',
      reason: 'Chủ tịch đi công tác tỉnh',
      warnings: ['Thiếu tài liệu nội dung 12'],
      sequence: 3,
      updatedAt: new Date('2023-06-10T02:00:00Z'),
    });
    const list = expandSeries(series, [override], { from: '2023-05-01', to: '2023-07-31' }, calendar);
    expect(starts(list)).toEqual(['2023-05-23T08:00', '2023-06-27T14:00', '2023-07-24T08:00']);
    expect(list[0]!.startUtc.toISOString()).toBe('2023-05-23T01:00:00.000Z');
    expect(list[1]).toMatchObject({
      id: 'ubnd-thuong-ky_20230623T0800',
      originalLocalStart: '2023-06-23T08:00',
      status: 'moved',
      reason: 'Chủ tịch đi công tác tỉnh',
      durationMinutes: 180,
      location: 'Hội trường UBND huyện',
      warnings: ['Thiếu tài liệu nội dung 12'],
      sequence: 5,
      overridden: true,
      updatedAt: new Date('2023-06-10T02:00:00Z'),
    });
    expect(list[1]!.endUtc.toISOString()).toBe('2023-06-27T10:00:00.000Z');
    // 23/7/2023 is a Sunday: the next working day of the same month.
    expect(list[2]).toMatchObject({
      status: 'moved',
      holiday: { name: 'Chủ nhật', policy: 'next-working-day', originalDate: '2023-07-23' },
    });
  });

  it('when an occurrence is cancelled by an override, then it is still returned, cancelled, with the reason', () => {
    const series = makeSeries({ warnings: ['Lịch dự kiến'] });
    const override = makeOverride(series, '2023-05-18T14:00', {
      cancelled: true,
      reason: 'Lãnh đạo dự hội nghị tỉnh',
      warnings: ['Đã báo các thành viên'],
    });
    const list = expandSeries(series, [override], MAY_2023, calendar);
    expect(list).toHaveLength(4);
    expect(list[2]).toMatchObject({
      localStart: '2023-05-18T14:00',
      status: 'cancelled',
      reason: 'Lãnh đạo dự hội nghị tỉnh',
      overridden: true,
    });
    expect(list[2]!.warnings).toEqual(['Lịch dự kiến', 'Đã báo các thành viên']);
  });

  it('when overrides move occurrences into and out of the window, then only the ones that now start in it are returned', () => {
    const series = makeSeries();
    const overrides = [
      makeOverride(series, '2023-04-27T14:00', { start: '2023-05-05T09:00' }), // in, from just before
      makeOverride(series, '2023-01-12T14:00', { start: '2023-05-30T14:00' }), // in, from far away
      makeOverride(series, '2023-05-25T14:00', { start: '2023-06-01T14:00' }), // out
    ];
    const list = expandSeries(series, overrides, MAY_2023, calendar);
    expect(starts(list)).toEqual([
      '2023-05-04T14:00',
      '2023-05-05T09:00',
      '2023-05-11T14:00',
      '2023-05-18T14:00',
      '2023-05-30T14:00',
    ]);
    expect(list[1]).toMatchObject({
      id: 'giao-ban-thu-nam_20230427T1400',
      originalLocalStart: '2023-04-27T14:00',
      status: 'moved',
    });
    expect(list[4]).toMatchObject({ id: 'giao-ban-thu-nam_20230112T1400', status: 'moved' });
  });

  it('when an override names a start the rule does not generate, then it is ignored', () => {
    const series = makeSeries();
    const stray = makeOverride(series, '2023-05-12T14:00', { start: '2023-05-15T14:00' }); // a Friday
    const malformed = makeOverride(series, 'not-a-date', { start: '2023-05-16T14:00' });
    const list = expandSeries(series, [stray, malformed], MAY_2023, calendar);
    expect(starts(list)).toEqual(['2023-05-04T14:00', '2023-05-11T14:00', '2023-05-18T14:00', '2023-05-25T14:00']);
    expect(list.some((o) => o.overridden)).toBe(false);
  });

  it('when an override replaces the details, then title, description and attendees come from it', () => {
    const series = makeSeries();
    const attendees = { officials: ['chu-tich'], agencies: ['phong-tc-kh'] };
    const override = makeOverride(series, '2023-05-11T14:00', {
      title: 'Giao ban mở rộng',
      description: 'Mời Phòng TC-KH',
      attendees,
    });
    const occ = expandSeries(series, [override], MAY_2023, calendar)[1]!;
    expect(occ).toMatchObject({
      title: 'Giao ban mở rộng',
      description: 'Mời Phòng TC-KH',
      attendees,
      status: 'scheduled',
      overridden: true,
    });
    expect(occ.attendees).not.toBe(attendees);
  });

  it('when an override moves an occurrence onto a day off, then a Vietnamese warning is added', () => {
    const series = makeSeries();
    const override = makeOverride(series, '2023-05-11T14:00', { start: '2023-05-13T08:00' });
    const occ = expandSeries(series, [override], MAY_2023, calendar)[1]!;
    expect(occ).toMatchObject({ localStart: '2023-05-13T08:00', status: 'moved', holiday: null });
    expect(occ.warnings).toEqual(['Ngày họp mới trùng ngày nghỉ: Thứ Bảy']);
  });

  it('when the series has an end date or a COUNT, then nothing is generated after it', () => {
    expect(starts(expandSeries(makeSeries({ endDate: '2023-05-18' }), [], MAY_2023, calendar))).toEqual([
      '2023-05-04T14:00',
      '2023-05-11T14:00',
      '2023-05-18T14:00',
    ]);
    const counted = makeSeries({ rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=3', startDate: '2023-05-10' });
    expect(starts(expandSeries(counted, [], MAY_2023, calendar))).toEqual([
      '2023-05-11T14:00',
      '2023-05-18T14:00',
      '2023-05-25T14:00',
    ]);
  });

  it('when a series is in Europe/Paris across the spring DST change, then it keeps 09:00 local', () => {
    const series = makeSeries({
      timeZone: 'Europe/Paris',
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      startTime: '09:00',
      startDate: '2023-03-06',
    });
    const list = expandSeries(series, [], { from: '2023-03-20', to: '2023-04-03' }, fakeCalendar({}));
    expect(starts(list)).toEqual(['2023-03-20T09:00', '2023-03-27T09:00', '2023-04-03T09:00']);
    expect(list.map((o) => o.startUtc.toISOString())).toEqual([
      '2023-03-20T08:00:00.000Z',
      '2023-03-27T07:00:00.000Z',
      '2023-04-03T07:00:00.000Z',
    ]);
  });

  it('when the 4th-Tuesday session is expanded, then May 2023 gives Tuesday 23/5 at 08:00 (01:00 UTC)', () => {
    const series = makeSeries({ id: 'ubnd-thuong-ky', rrule: 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=4', startTime: '08:00' });
    const occ = only(expandSeries(series, [], MAY_2023, calendar));
    expect(occ.id).toBe('ubnd-thuong-ky_20230523T0800');
    expect(occ.startUtc.toISOString()).toBe('2023-05-23T01:00:00.000Z');
  });
});

describe('meetingToOccurrence and mergeOccurrences', () => {
  it('when a one-off meeting is converted, then it keeps its id and its status follows cancellation and moves', () => {
    const meeting = makeMeeting();
    expect(meetingToOccurrence(meeting)).toMatchObject({
      id: 'hop-bat-thuong-2023-05',
      meetingId: 'hop-bat-thuong-2023-05',
      seriesId: null,
      localStart: '2023-05-16T07:30',
      originalLocalStart: '2023-05-16T07:30',
      status: 'scheduled',
      holiday: null,
      overridden: false,
    });
    expect(meetingToOccurrence(meeting).startUtc.toISOString()).toBe('2023-05-16T00:30:00.000Z');
    expect(meetingToOccurrence(meeting).endUtc.toISOString()).toBe('2023-05-16T02:00:00.000Z');
    const moved = meetingToOccurrence(makeMeeting({ originalStart: '2023-05-15T07:30' }));
    expect(moved).toMatchObject({ status: 'moved', originalLocalStart: '2023-05-15T07:30' });
    expect(meetingToOccurrence(makeMeeting({ originalStart: '2023-05-16T07:30' })).status).toBe('scheduled');
    expect(
      meetingToOccurrence(makeMeeting({ cancelled: true, reason: 'Hoãn', originalStart: '2023-05-15T07:30' })),
    ).toMatchObject({
      status: 'cancelled',
      reason: 'Hoãn',
    });
  });

  it('when lists are merged, then the result is sorted by start instant, then id', () => {
    const weekly = expandSeries(makeSeries(), [], MAY_2023, calendar);
    const extra = meetingToOccurrence(
      makeMeeting({ id: 'a-extra', seriesId: 'giao-ban-thu-nam', start: '2023-05-11T14:00' }),
    );
    const early = meetingToOccurrence(makeMeeting({ start: '2023-05-11T07:30' }));
    const merged = mergeOccurrences([weekly, [extra, early]]);
    expect(merged.map((o) => o.id)).toEqual([
      'giao-ban-thu-nam_20230504T1400',
      'hop-bat-thuong-2023-05',
      'a-extra',
      'giao-ban-thu-nam_20230511T1400',
      'giao-ban-thu-nam_20230518T1400',
      'giao-ban-thu-nam_20230525T1400',
    ]);
    expect(weekly).toHaveLength(4);
  });
});
