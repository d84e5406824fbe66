/** Builders for the reminders unit tests: a small organisation, one session, its items. */
import type { AgendaItem } from '../../../src/agenda/types';
import { WorkingCalendar } from '../../../src/calendar/working-days';
import { localToUtc } from '../../../src/meetings/local-time';
import type { Occurrence } from '../../../src/meetings/types';
import type { Directory } from '../../../src/meetings/views';
import type { Agency, Body, Official } from '../../../src/organisation/types';
import { reminderLinks } from '../../../src/reminders/facts';
import type { PlanInput } from '../../../src/reminders/plan';
import { withDefaults } from '../../../src/reminders/stores';
import type { OptOutKind, ReminderSettings } from '../../../src/reminders/types';

const T0 = new Date('2023-01-01T00:00:00Z');
export const ZONE = 'Asia/Ho_Chi_Minh';
export const calendar = new WorkingCalendar([]);
export const links = reminderLinks('https://lich.example.gov.vn');

function agency(code: string, name: string, emails: string[], bodyCode = 'ubnd'): Agency {
  return { id: code, code, name, shortName: name, bodyCode, emails, createdAt: T0, updatedAt: T0 };
}

export function directory(): Directory {
  const bodies: Body[] = [
    {
      id: 'ubnd',
      code: 'ubnd',
      name: 'Ủy ban nhân dân huyện Lục Ngạn',
      shortName: 'UBND huyện',
      kind: 'people-committee',
      level: 'district',
      place: 'Lục Ngạn',
      parentName: 'TỈNH BẮC GIANG',
      timeZone: ZONE,
      documentDueWorkingDays: 3,
      createdAt: T0,
      updatedAt: T0,
    },
  ];
  const agencies = [
    agency('vp-hdnd-ubnd', 'Văn phòng HĐND và UBND huyện', ['vanphong@lucngan.example']),
    agency('phong-tc-kh', 'Phòng Tài chính - Kế hoạch', ['tckh@lucngan.example', 'TCKH@lucngan.example']),
    agency('thanh-tra', 'Thanh tra huyện', ['thanhtra@lucngan.example']),
    agency('cong-an', 'Công an huyện', ['congan@lucngan.example']),
  ];
  const officials: Official[] = [
    {
      id: 'chu-tich-ubnd',
      code: 'chu-tich-ubnd',
      name: 'Chủ tịch UBND huyện',
      title: 'Chủ tịch UBND huyện',
      bodyCode: 'ubnd',
      agencyCode: null,
      email: 'chutich@lucngan.example',
      createdAt: T0,
      updatedAt: T0,
    },
  ];
  return {
    bodies: new Map(bodies.map((b) => [b.code, b])),
    agencies: new Map(agencies.map((a) => [a.code, a])),
    officials: new Map(officials.map((o) => [o.code, o])),
  };
}

/** The May 2023 regular session, moved to Tuesday 23/5 08:00. */
export function session(fields: Partial<Occurrence> = {}): Occurrence {
  const localStart = fields.localStart ?? '2023-05-23T08:00';
  const startUtc = localToUtc(localStart, ZONE);
  return {
    id: 'ubnd-phien-hop-thuong-ky_20230525T0800',
    seriesId: 'ubnd-phien-hop-thuong-ky',
    meetingId: null,
    title: 'Phiên họp thường kỳ UBND huyện',
    kind: 'regular-session',
    bodyCode: 'ubnd',
    chairCode: 'chu-tich-ubnd',
    attendees: { officials: ['chu-tich-ubnd'], agencies: ['vp-hdnd-ubnd', 'phong-tc-kh'] },
    location: 'Hội trường UBND huyện',
    timeZone: ZONE,
    localStart,
    originalLocalStart: '2023-05-25T08:00',
    durationMinutes: 240,
    startUtc,
    endUtc: new Date(startUtc.getTime() + 240 * 60_000),
    status: 'moved',
    holiday: null,
    reason: null,
    description: '',
    warnings: [],
    sequence: 1,
    overridden: true,
    updatedAt: T0,
    ...fields,
  };
}

export function item(number: number, fields: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id: `item-${number}`,
    occurrenceId: 'ubnd-phien-hop-thuong-ky_20230525T0800',
    seriesId: 'ubnd-phien-hop-thuong-ky',
    number,
    title: `Báo cáo tình hình thực hiện nhiệm vụ số ${number}`,
    kind: 'report',
    preparingAgencies: [{ code: 'phong-tc-kh', role: 'lead' }],
    leaderCode: null,
    dueAt: new Date('2023-05-18T10:00:00Z'), // 17:00 +07
    dueAtFixed: false,
    status: 'assigned',
    warnings: [],
    carriedTo: null,
    carriedFrom: null,
    history: [],
    rev: 0,
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  };
}

export function planInput(
  now: string,
  fields: Partial<PlanInput> = {},
  settings: Partial<ReminderSettings> = {},
): PlanInput {
  return {
    now: new Date(now),
    occurrences: [session()],
    items: [item(1)],
    directory: directory(),
    settingsOf: (bodyCode) => withDefaults(bodyCode, settings),
    calendar,
    officeEmailsOf: () => ['vanphong@lucngan.example'],
    optedOut: (_e: string, _k: OptOutKind) => false,
    links,
    defaultTimeZone: ZONE,
    ...fields,
  };
}
