/** A small organisation and schedule for the publishing unit tests, built with the real pure core. */
import type { AgendaItem } from '../../../src/agenda/types';
import { WorkingCalendar } from '../../../src/calendar/working-days';
import { expandSeries, meetingToOccurrence } from '../../../src/meetings/occurrences';
import type { Meeting, Occurrence, OccurrenceOverride, Series } from '../../../src/meetings/types';
import type { Directory } from '../../../src/meetings/views';
import type { Agency, Body, Official } from '../../../src/organisation/types';
import { resolveSettings, type ProgrammeSettings } from '../../../src/publishing/settings';

const at = new Date('2023-04-01T00:00:00Z');

export const body: Body = {
  id: 'ubnd',
  code: 'ubnd',
  name: 'Ủy ban nhân dân huyện Lục Ngạn',
  shortName: 'UBND huyện',
  kind: 'people-committee',
  level: 'district',
  place: 'Lục Ngạn',
  parentName: 'TỈNH BẮC GIANG',
  timeZone: 'Asia/Ho_Chi_Minh',
  documentDueWorkingDays: 3,
  createdAt: at,
  updatedAt: at,
};

const agency = (code: string, name: string): Agency => ({
  id: code,
  code,
  name,
  shortName: name,
  bodyCode: 'ubnd',
  emails: [`${code}@lucngan.example`],
  createdAt: at,
  updatedAt: at,
});
const official = (code: string, name: string): Official => ({
  id: code,
  code,
  name,
  title: name,
  bodyCode: 'ubnd',
  agencyCode: null,
  email: `${code}@lucngan.example`,
  createdAt: at,
  updatedAt: at,
});

export const directory: Directory = {
  bodies: new Map([['ubnd', body]]),
  agencies: new Map(
    [
      agency('tckh', 'Phòng Tài chính - Kế hoạch'),
      agency('thanh-tra', 'Thanh tra huyện'),
      agency('cong-an', 'Công an huyện'),
      agency('vp', 'Văn phòng HĐND và UBND huyện'),
    ].map((a) => [a.code, a]),
  ),
  officials: new Map(
    [official('chu-tich', 'Chủ tịch UBND huyện'), official('pct', 'Các Phó Chủ tịch UBND huyện')].map((o) => [
      o.code,
      o,
    ]),
  ),
};

export function series(overrides: Partial<Series>): Series {
  return {
    id: 's',
    title: 'Họp',
    kind: 'briefing',
    bodyCode: 'ubnd',
    chairCode: 'chu-tich',
    attendees: { officials: ['chu-tich', 'pct'], agencies: ['vp'] },
    location: '',
    startTime: '14:00',
    durationMinutes: 120,
    timeZone: 'Asia/Ho_Chi_Minh',
    rrule: 'FREQ=WEEKLY;BYDAY=TH',
    startDate: '2023-01-05',
    endDate: null,
    holidayPolicy: 'skip',
    description: '',
    warnings: [],
    sequence: 0,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export const briefing = series({ id: 'giao-ban', title: 'Giao ban Chủ tịch và các Phó Chủ tịch UBND huyện' });
export const regular = series({
  id: 'thuong-ky',
  title: 'Phiên họp thường kỳ UBND huyện',
  kind: 'regular-session',
  startTime: '08:00',
  durationMinutes: 240,
  rrule: 'FREQ=MONTHLY;BYMONTHDAY=25',
  holidayPolicy: 'next-working-day',
});
export const calendar = new WorkingCalendar([]);

export function override(s: Series, originalStart: string, o: Partial<OccurrenceOverride>): OccurrenceOverride {
  return {
    occurrenceId: `${s.id}_${originalStart.replace(/[-:]/g, '')}`,
    seriesId: s.id,
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
    updatedAt: at,
    ...o,
  };
}

export function occurrences(
  window: { from: string; to: string },
  overrides: OccurrenceOverride[] = [],
  meetings: Meeting[] = [],
): Occurrence[] {
  return [
    ...expandSeries(
      briefing,
      overrides.filter((o) => o.seriesId === briefing.id),
      window,
      calendar,
    ),
    ...expandSeries(
      regular,
      overrides.filter((o) => o.seriesId === regular.id),
      window,
      calendar,
    ),
    ...meetings.map(meetingToOccurrence),
  ].sort((a, b) => a.startUtc.getTime() - b.startUtc.getTime());
}

export function meeting(overrides: Partial<Meeting>): Meeting {
  return {
    id: 'hoi-nghi',
    seriesId: null,
    title: 'Hội nghị sơ kết 6 tháng',
    kind: 'thematic-conference',
    bodyCode: 'ubnd',
    chairCode: 'chu-tich',
    attendees: { officials: [], agencies: [] },
    location: 'Hội trường UBND huyện',
    start: '2023-05-16T08:00',
    durationMinutes: 180,
    timeZone: 'Asia/Ho_Chi_Minh',
    cancelled: false,
    reason: null,
    originalStart: null,
    description: '',
    warnings: [],
    sequence: 0,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function item(
  occurrenceId: string,
  number: number,
  agencies: [string, 'lead' | 'coordinating'][] = [],
  extra: Partial<AgendaItem> = {},
): AgendaItem {
  return {
    id: `${occurrenceId}-${number}`,
    occurrenceId,
    seriesId: null,
    number,
    title: `Nội dung ${number}.`,
    kind: 'report',
    preparingAgencies: agencies.map(([code, role]) => ({ code, role })),
    leaderCode: null,
    dueAt: new Date('2023-05-22T10:00:00Z'),
    dueAtFixed: false,
    status: 'assigned',
    warnings: [],
    carriedTo: null,
    carriedFrom: null,
    history: [],
    rev: 0,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

export function settings(partial: Partial<ProgrammeSettings> = {}): ProgrammeSettings {
  return { ...resolveSettings(body, '2023-05', null, null), ...partial };
}
