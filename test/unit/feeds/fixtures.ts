/** In-memory feed data for the unit tests: two series, overrides, a one-off meeting, agenda items. */
import type { AgendaItem } from '../../../src/agenda/types';
import { WorkingCalendar } from '../../../src/calendar/working-days';
import type { StoredAdjustment } from '../../../src/calendar/adjustments';
import { expandSeries, meetingToOccurrence, mergeOccurrences } from '../../../src/meetings/occurrences';
import type { Occurrence } from '../../../src/meetings/types';
import type { Directory } from '../../../src/meetings/views';
import type { Agency, Body, Official } from '../../../src/organisation/types';
import type { FeedBuildSettings, FeedData, FeedWindow } from '../../../src/feeds/types';
import { feedWindow } from '../../../src/feeds/window';
import { makeMeeting, makeOverride, makeSeries } from '../meetings/fixtures';

const T0 = new Date('2023-01-01T00:00:00Z');

export function directory(): Directory {
  const body = (code: string, name: string): Body => ({
    id: code,
    code,
    name,
    shortName: name,
    kind: 'people-committee',
    level: 'district',
    place: 'Lục Ngạn',
    parentName: 'TỈNH BẮC GIANG',
    timeZone: 'Asia/Ho_Chi_Minh',
    documentDueWorkingDays: 3,
    createdAt: T0,
    updatedAt: T0,
  });
  const agency = (code: string, name: string): Agency => ({
    id: code,
    code,
    name,
    shortName: name,
    bodyCode: 'ubnd',
    emails: [],
    createdAt: T0,
    updatedAt: T0,
  });
  const official = (code: string, name: string, email: string | null): Official => ({
    id: code,
    code,
    name,
    title: name,
    bodyCode: 'ubnd',
    agencyCode: null,
    email,
    createdAt: T0,
    updatedAt: T0,
  });
  return {
    bodies: new Map([['ubnd', body('ubnd', 'Ủy ban nhân dân huyện Lục Ngạn')]]),
    agencies: new Map([
      ['vp', agency('vp', 'Văn phòng HĐND và UBND huyện')],
      ['tckh', agency('tckh', 'Phòng Tài chính - Kế hoạch')],
      ['thanh-tra', agency('thanh-tra', 'Thanh tra huyện')],
    ]),
    officials: new Map([
      ['chu-tich', official('chu-tich', 'Chủ tịch UBND huyện', 'chutich@lucngan.example')],
      ['pho-chu-tich-1', official('pho-chu-tich-1', 'Phó Chủ tịch UBND huyện', null)],
      ['chanh-vp', official('chanh-vp', 'Chánh Văn phòng', null)],
    ]),
  };
}

export function item(
  occurrenceId: string,
  number: number,
  agencies: [string, 'lead' | 'coordinating'][],
  due: string | null,
  extra: Partial<AgendaItem> = {},
): AgendaItem {
  return {
    id: `${occurrenceId}#${number}`,
    occurrenceId,
    seriesId: null,
    number,
    title: `Báo cáo số ${number} về tình hình kinh tế - xã hội, quốc phòng - an ninh 6 tháng đầu năm; phương hướng, nhiệm vụ 6 tháng cuối năm 2023.`,
    kind: 'report',
    preparingAgencies: agencies.map(([code, role]) => ({ code, role })),
    leaderCode: null,
    dueAt: due ? new Date(due) : null,
    dueAtFixed: false,
    status: 'assigned',
    warnings: [],
    carriedTo: null,
    carriedFrom: null,
    history: [],
    rev: 0,
    createdAt: T0,
    updatedAt: new Date('2023-05-03T00:00:00Z'),
    ...extra,
  };
}

export const SETTINGS: FeedBuildSettings = {
  publicBaseUrl: 'https://lich.example.gov.vn',
  defaultTimeZone: 'Asia/Ho_Chi_Minh',
  refreshMinutes: 60,
};

/** The window of 2023-05-10 (Feb 2023 – May 2024). */
export const WINDOW: FeedWindow = feedWindow(new Date('2023-05-10T03:00:00Z'), 'Asia/Ho_Chi_Minh', 3, 12);

/**
 * A weekly Thursday briefing (skip on days off: 18/4/2024, Giỗ Tổ, is skipped) with a moved,
 * a cancelled and a re-titled occurrence; a monthly session on the 25th (next working day: e.g.
 * Sunday 25/6 → Monday 26/6) with a moved May session carrying an agenda; an extra session and a
 * cancelled one-off meeting.
 */
export function sampleData(): FeedData {
  const briefing = makeSeries({
    id: 'giao-ban',
    holidayPolicy: 'skip',
    startDate: '2023-01-05',
    attendees: { officials: ['chu-tich', 'pho-chu-tich-1'], agencies: ['vp'] },
  });
  const session = makeSeries({
    id: 'thuong-ky',
    title: 'Phiên họp thường kỳ UBND huyện',
    kind: 'regular-session',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=25',
    startDate: '2023-01-25',
    startTime: '08:00',
    durationMinutes: 240,
    holidayPolicy: 'next-working-day',
    chairCode: 'chu-tich',
    attendees: { officials: ['chu-tich'], agencies: ['vp', 'tckh'] },
    sequence: 0,
  });
  const overrides = [
    makeOverride(briefing, '2023-05-11T14:00', { start: '2023-05-12T15:30', reason: 'Trùng lịch làm việc với tỉnh' }),
    makeOverride(briefing, '2023-05-18T14:00', { cancelled: true, reason: 'Chủ tịch đi công tác' }),
    makeOverride(briefing, '2023-06-01T14:00', {
      title: 'Giao ban mở rộng, có các xã',
      attendees: { officials: ['chu-tich', 'chanh-vp'], agencies: ['vp'] },
    }),
    // Moved from far in the future into the window.
    makeOverride(briefing, '2025-01-02T14:00', { start: '2023-07-06T09:00', reason: 'Dời lên sớm' }),
    makeOverride(session, '2023-05-25T08:00', {
      start: '2023-05-23T08:00',
      reason: 'Theo Chương trình công tác tháng 5/2023',
    }),
  ];
  const sessionMay = 'thuong-ky_20230525T0800';
  const items = [
    item(sessionMay, 1, [['tckh', 'lead']], '2023-05-18T10:00:00Z'),
    item(
      sessionMay,
      2,
      [
        ['tckh', 'lead'],
        ['thanh-tra', 'coordinating'],
      ],
      '2023-05-18T10:00:00Z',
    ),
    item(sessionMay, 3, [['thanh-tra', 'lead']], '2023-05-18T10:00:00Z'),
    item(sessionMay, 4, [], '2023-05-18T10:00:00Z'),
    item('thuong-ky_20230825T0800', 1, [['thanh-tra', 'lead']], '2023-08-22T10:00:00Z'),
  ];
  const meetings = [
    makeMeeting({
      id: 'phien-bo-sung',
      seriesId: 'thuong-ky',
      title: 'Phiên họp bổ sung UBND huyện',
      kind: 'regular-session',
      start: '2023-06-08T08:00',
      attendees: { officials: ['chu-tich'], agencies: ['tckh'] },
    }),
    makeMeeting({ id: 'hop-huy', start: '2023-05-16T07:30', cancelled: true, reason: 'Không đủ thành phần' }),
  ];
  const adjustments: StoredAdjustment[] = [];
  return {
    series: [briefing, session],
    overrides,
    meetings,
    items,
    directory: directory(),
    calendar: new WorkingCalendar(adjustments),
    adjustments,
  };
}

/** What the API computes for the window (the same core functions as `GET /api/occurrences`). */
export function apiOccurrences(data: FeedData, window: { from: string; to: string }): Occurrence[] {
  const generated = data.series.map((s) =>
    expandSeries(
      s,
      data.overrides.filter((o) => o.seriesId === s.id),
      window,
      data.calendar,
    ),
  );
  return mergeOccurrences([...generated, data.meetings.map(meetingToOccurrence)]).filter(
    (o) => o.localStart.slice(0, 10) >= window.from && o.localStart.slice(0, 10) <= window.to,
  );
}
