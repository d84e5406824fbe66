/** Builders and a tiny working-day calendar for the meetings unit tests. */
import type { DayOffLookup } from '../../../src/meetings/occurrences';
import type { Meeting, OccurrenceOverride, Series } from '../../../src/meetings/types';
import { occurrenceId } from '../../../src/meetings/types';
import { isoWeekday } from '../../../src/meetings/local-time';
import { addDays } from '../../../src/shared/wording';

export function makeSeries(overrides: Partial<Series> = {}): Series {
  return {
    id: 'giao-ban-thu-nam',
    title: 'Giao ban Chủ tịch, các Phó Chủ tịch UBND huyện',
    kind: 'briefing',
    bodyCode: 'ubnd',
    chairCode: 'chu-tich',
    attendees: { officials: ['chu-tich', 'pho-chu-tich-1'], agencies: ['vp'] },
    location: 'Phòng họp UBND huyện',
    startTime: '14:00',
    durationMinutes: 120,
    timeZone: 'Asia/Ho_Chi_Minh',
    rrule: 'FREQ=WEEKLY;BYDAY=TH',
    startDate: '2023-01-05',
    endDate: null,
    holidayPolicy: 'next-working-day',
    description: '',
    warnings: [],
    sequence: 2,
    createdAt: new Date('2023-01-01T00:00:00Z'),
    updatedAt: new Date('2023-01-02T00:00:00Z'),
    ...overrides,
  };
}

export function makeOverride(
  series: Series,
  originalStart: string,
  fields: Partial<OccurrenceOverride> = {},
): OccurrenceOverride {
  return {
    occurrenceId: occurrenceId(series.id, originalStart),
    seriesId: series.id,
    originalStart,
    start: null,
    durationMinutes: null,
    location: null,
    cancelled: false,
    reason: null,
    attendees: null,
    title: null,
    description: null,
    warnings: [],
    sequence: 1,
    updatedAt: new Date('2023-05-01T03:00:00Z'),
    ...fields,
  };
}

export function makeMeeting(fields: Partial<Meeting> = {}): Meeting {
  return {
    id: 'hop-bat-thuong-2023-05',
    seriesId: null,
    title: 'Phiên họp bất thường UBND huyện',
    kind: 'extraordinary-session',
    bodyCode: 'ubnd',
    chairCode: 'chu-tich',
    attendees: { officials: ['chu-tich'], agencies: [] },
    location: 'Phòng họp số 1',
    start: '2023-05-16T07:30',
    durationMinutes: 90,
    timeZone: 'Asia/Ho_Chi_Minh',
    cancelled: false,
    reason: null,
    originalStart: null,
    description: '',
    warnings: [],
    sequence: 0,
    createdAt: new Date('2023-05-01T00:00:00Z'),
    updatedAt: new Date('2023-05-02T00:00:00Z'),
    ...fields,
  };
}

/** Days off of 2023 used by the tests (Labour Code art. 112 and the 2023 decisions). */
export const HOLIDAYS_2023: Record<string, string> = {
  '2023-01-02': 'Nghỉ bù Tết Dương lịch',
  '2023-04-29': 'Giỗ Tổ Hùng Vương',
  '2023-04-30': 'Ngày Chiến thắng',
  '2023-05-01': 'Ngày Quốc tế Lao động',
  '2023-05-02': 'Nghỉ bù Giỗ Tổ Hùng Vương',
  '2023-05-03': 'Nghỉ bù Ngày Chiến thắng',
  '2023-09-01': 'Nghỉ lễ Quốc khánh',
  '2023-09-02': 'Quốc khánh',
  '2023-09-04': 'Nghỉ bù Quốc khánh',
  '2024-01-01': 'Tết Dương lịch',
};

/** A DayOffLookup from a set of holidays plus Saturdays and Sundays. */
export function fakeCalendar(holidays: Record<string, string> = HOLIDAYS_2023): DayOffLookup {
  const dayOff = (date: string): { name: string } | null => {
    const holiday = holidays[date];
    if (holiday) return { name: holiday };
    const weekday = isoWeekday(date);
    return weekday === 6 ? { name: 'Thứ Bảy' } : weekday === 7 ? { name: 'Chủ nhật' } : null;
  };
  const step = (date: string, by: number): string => {
    let d = addDays(date, by);
    while (dayOff(d)) d = addDays(d, by);
    return d;
  };
  return { dayOff, nextWorkingDay: (d) => step(d, 1), previousWorkingDay: (d) => step(d, -1) };
}
