/**
 * Vietnamese public holidays, compensatory days off and the days off decided by official notices,
 * for any solar year 1970–2100, under the rules in force at the time (see `HOLIDAY_PERIODS`):
 *
 * - Bộ luật Lao động 1994, Điều 73 (in force 1/1/1995): 1/1, Tết 4 days (the last day of the lunar
 *   year and days 1–3), 30/4, 1/5, 2/9; a holiday on the weekly rest day gives a day off on the next
 *   day. Luật 84/2007/QH11 (2/4/2007, in force on promulgation) added Giỗ Tổ Hùng Vương (10/3 ÂL).
 * - Bộ luật Lao động 2012, Điều 115 (in force 1/5/2013): Tết 5 days, the days fixed by the Prime
 *   Minister each year.
 * - Bộ luật Lao động 2019, Điều 112 (in force 1/1/2021): Quốc khánh 2 days, 2/9 and the day before
 *   or after it; compensatory day: Điều 111 khoản 3.
 * - Weekly rest days of offices: Sunday, and Saturday too from 2/10/1999 (Quyết định
 *   188/1999/QĐ-TTg, the 40-hour week).
 * - Before 1995 the rules were set by earlier Government regulations that this code does not
 *   know (not verified): those years use the 1994 Code's list without compensatory days, and say
 *   so (`HolidayRules.verified === false`).
 *
 * What the law leaves to yearly decisions — the exact Tết days, the day next to Quốc khánh and
 * swaps of working days — comes in as `CalendarAdjustment` data recorded with its document number;
 * without such data, documented defaults apply.
 */
import {
  assertSupportedYear,
  fromDayNumber,
  jdFromYmd,
  parseDate,
  toDayNumber,
  weekdayOfDayNumber,
} from '../shared/day-number';
import { lunarToSolar, tetDate } from './lunar';
import { paddedDate } from '../shared/wording';

export type AdjustmentKind = 'tet-span' | 'national-day-extra' | 'day-off' | 'working-day';

/** An official decision about days off, e.g. a swap of a working day. */
export interface CalendarAdjustment {
  kind: AdjustmentKind;
  /** for 'day-off' | 'working-day' | 'national-day-extra': the date */
  date?: string;
  /** for 'tet-span': the decided span (inclusive), replaces the default Tết days of that year */
  from?: string;
  to?: string;
  /** Vietnamese, e.g. "Nghỉ hoán đổi dịp 30/4 - 1/5" */
  name: string;
  /** e.g. "Thông báo số 6150/TB-LĐTBXH" */
  documentNumber: string;
  /** Date of the document `YYYY-MM-DD`, when known. */
  documentDate?: string;
  /** Who issued it, e.g. "Văn phòng Chính phủ", when known. */
  issuer?: string;
}

export type DayOffKind = 'weekend' | 'holiday' | 'compensatory' | 'decision';

/** Why a date is not worked. */
export interface DayOff {
  date: string;
  name: string;
  kind: DayOffKind;
  /** The official decision that made (or placed) this day off, when one did. */
  documentNumber?: string;
  documentDate?: string;
}

/** A statutory holiday before compensation; `compensable` is false inside a decided Tết span. */
interface Holiday {
  day: number;
  name: string;
  compensable: boolean;
  decision?: CalendarAdjustment;
}

/** The statutory rules of a period: which days are holidays, and whether weekends are compensated. */
export interface HolidayRules {
  /** First day the rules apply (`YYYY-MM-DD`). */
  from: string;
  /** The law, in Vietnamese, e.g. "Bộ luật Lao động 2019 (Điều 112)". */
  law: string;
  /** Days of Tết Nguyên đán. */
  tetDays: 4 | 5;
  /** Whether Giỗ Tổ Hùng Vương (10/3 ÂL) is a holiday. */
  hungKings: boolean;
  /** Days of Quốc khánh: 2/9 only, or 2/9 and the day before or after. */
  nationalDayDays: 1 | 2;
  /** Whether a holiday on a weekly rest day gives a compensatory day off. */
  compensation: boolean;
  /** False when the rules could not be checked against the law of the time. */
  verified: boolean;
}

/**
 * The statutory rules by period, oldest first. A holiday counts under the rules in force on its
 * own date: Tết 2013 (10/2/2013) still had 4 days, the 2012 Code taking effect on 1/5/2013.
 */
export const HOLIDAY_PERIODS: readonly HolidayRules[] = [
  {
    from: '1970-01-01',
    law: 'Trước Bộ luật Lao động 1994: chưa xác minh; áp dụng danh sách ngày lễ của Bộ luật 1994, không nghỉ bù',
    tetDays: 4,
    hungKings: false,
    nationalDayDays: 1,
    compensation: false,
    verified: false,
  },
  {
    from: '1995-01-01',
    law: 'Bộ luật Lao động 1994 (Điều 73)',
    tetDays: 4,
    hungKings: false,
    nationalDayDays: 1,
    compensation: true,
    verified: true,
  },
  {
    from: '2007-04-02',
    law: 'Bộ luật Lao động 1994 (Điều 73, sửa đổi theo Luật số 84/2007/QH11)',
    tetDays: 4,
    hungKings: true,
    nationalDayDays: 1,
    compensation: true,
    verified: true,
  },
  {
    from: '2013-05-01',
    law: 'Bộ luật Lao động 2012 (Điều 115)',
    tetDays: 5,
    hungKings: true,
    nationalDayDays: 1,
    compensation: true,
    verified: true,
  },
  {
    from: '2021-01-01',
    law: 'Bộ luật Lao động 2019 (Điều 112)',
    tetDays: 5,
    hungKings: true,
    nationalDayDays: 2,
    compensation: true,
    verified: true,
  },
];

/** First day Saturday is a weekly rest day of offices (Quyết định 188/1999/QĐ-TTg: 40-hour week). */
export const FIVE_DAY_WEEK_FROM = '1999-10-02';
const FIVE_DAY_WEEK_DAY = toDayNumber(FIVE_DAY_WEEK_FROM);

/**
 * The statutory rules in force on a date.
 * @example rulesOn('2020-09-02').nationalDayDays === 1; rulesOn('2021-09-02').nationalDayDays === 2
 */
export function rulesOn(date: string): HolidayRules {
  toDayNumber(date); // validates
  let found = HOLIDAY_PERIODS[0]!;
  for (const p of HOLIDAY_PERIODS) if (p.from <= date) found = p;
  return found;
}

function rulesOnDay(day: number): HolidayRules {
  return rulesOn(fromDayNumber(day));
}

/**
 * Whether a date is a weekly rest day of public offices: Sunday, and Saturday from 2/10/1999.
 * @example isWeeklyRestDay('1999-09-25') === false; isWeeklyRestDay('1999-10-02') === true
 */
export function isWeeklyRestDay(date: string): boolean {
  return isWeekend(toDayNumber(date));
}

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
} as const;

/**
 * Default day added to Quốc khánh (2/9) when no 'national-day-extra' decision is recorded, by the
 * weekday of 2/9 (1 = Monday … 7 = Sunday): the adjacent day that joins 2/9 to a weekend where one
 * is near, so the default is always a weekday — Mon→3/9, Tue→1/9, Wed→1/9, Thu→3/9, Fri→1/9,
 * Sat→1/9, Sun→3/9.
 */
const NATIONAL_DAY_EXTRA_BY_WEEKDAY: Record<number, 1 | 3> = { 1: 3, 2: 1, 3: 1, 4: 3, 5: 1, 6: 1, 7: 3 };

/**
 * Holidays, compensatory days and decided days off of a solar year (plain weekends excluded),
 * sorted by date. Throws RangeError outside 1970–2100 or for a malformed adjustment.
 * @example holidaysOfYear(2023, [])[1] // { date: '2023-01-02', name: 'Nghỉ bù Tết Dương lịch', kind: 'compensatory' }
 */
export function holidaysOfYear(year: number, adjustments: CalendarAdjustment[]): DayOff[] {
  assertSupportedYear(year);
  adjustments.forEach(validateAdjustment);

  const holidays = statutoryHolidays(year, adjustments);
  const byDay = new Map<number, DayOff>();
  for (const h of holidays) {
    byDay.set(h.day, dayOff(h.day, h.name, 'holiday', h.decision));
  }
  for (const comp of compensatoryDays(holidays)) byDay.set(comp.day, dayOff(comp.day, comp.name, 'compensatory'));
  // Decided days off (swaps) come last: on a date that is already off, the statutory reason stands.
  for (const a of adjustments) {
    if (a.kind !== 'day-off' || a.date === undefined) continue;
    const day = toDayNumber(a.date);
    if (!byDay.has(day)) byDay.set(day, dayOff(day, a.name, 'decision', a));
  }

  return [...byDay.entries()]
    .filter(([, d]) => d.date.startsWith(`${year}-`))
    .sort(([a], [b]) => a - b)
    .map(([, d]) => d);
}

/** The statutory holidays whose dates fall in (or around) a solar year, merged per day. */
function statutoryHolidays(year: number, adjustments: CalendarAdjustment[]): Holiday[] {
  const hungKings = toDayNumber(lunarToSolar({ day: 10, month: 3, year, leap: false }));
  const list: Holiday[] = [
    fixed(year, 1, 1, HOLIDAY_NAMES.newYear),
    // Tết of lunar year `year` always falls in solar `year` (21/1–20/2), including the eve; the next
    // Tết starts in the next solar year, so one Tết per solar year is all there is.
    ...tetHolidays(year, adjustments),
    ...(rulesOnDay(hungKings).hungKings ? [{ day: hungKings, name: HOLIDAY_NAMES.hungKings, compensable: true }] : []),
    fixed(year, 4, 30, HOLIDAY_NAMES.reunification),
    fixed(year, 5, 1, HOLIDAY_NAMES.labour),
    ...nationalDayHolidays(year, adjustments),
  ];
  // Two holidays on one day (not seen in 1970–2100, but not excluded by the rules) count once.
  const merged = new Map<number, Holiday>();
  for (const h of list) {
    const existing = merged.get(h.day);
    merged.set(h.day, existing ? { ...existing, name: `${existing.name}, ${h.name}` } : h);
  }
  return [...merged.values()].sort((a, b) => a.day - b.day);
}

/**
 * Tết Nguyên đán: the decided span if a 'tet-span' adjustment covers the first day of the lunar year
 * (weekends inside it are part of the decision, so nothing is compensated), else the statutory days —
 * the last day of the old lunar year and days 1–4 of the new one (5 days, from the 2012 Code), or
 * days 1–3 (4 days, before it).
 */
function tetHolidays(lunarYear: number, adjustments: CalendarAdjustment[]): Holiday[] {
  const tet = toDayNumber(tetDate(lunarYear));
  const decision = adjustments.find(
    (a) => a.kind === 'tet-span' && toDayNumber(a.from!) <= tet && tet <= toDayNumber(a.to!),
  );
  if (decision) {
    return daysFrom(toDayNumber(decision.from!), toDayNumber(decision.to!)).map((day) => ({
      day,
      name: HOLIDAY_NAMES.tet,
      compensable: false,
      decision,
    }));
  }
  const days = rulesOnDay(tet).tetDays;
  return daysFrom(tet - 1, tet + days - 2).map((day) => ({ day, name: HOLIDAY_NAMES.tet, compensable: true }));
}

/** Quốc khánh 2/9 and, from 2021, one adjacent day: the decided one for that year, else the default. */
function nationalDayHolidays(year: number, adjustments: CalendarAdjustment[]): Holiday[] {
  const nationalDay = fixed(year, 9, 2, HOLIDAY_NAMES.nationalDay);
  if (rulesOnDay(nationalDay.day).nationalDayDays === 1) return [nationalDay];
  const decision = adjustments.find((a) => a.kind === 'national-day-extra' && parseDate(a.date!).year === year);
  const extra: Holiday = decision
    ? {
        day: toDayNumber(decision.date!),
        name: HOLIDAY_NAMES.nationalDay,
        compensable: true,
        decision,
      }
    : fixed(year, 9, NATIONAL_DAY_EXTRA_BY_WEEKDAY[weekdayOfDayNumber(nationalDay.day)]!, HOLIDAY_NAMES.nationalDay);
  return [nationalDay, extra];
}

/**
 * A holiday on a weekly rest day gives a day off on the next working day, where the law of its date
 * grants one (from 1995). Holidays are taken in date order and each compensatory day skips weekly
 * rest days, holidays and the compensatory days already given, so a run of holidays over a weekend
 * chains correctly (Sat 29/4, Sun 30/4, Mon 1/5/2023 → Tue 2/5 and Wed 3/5). Decided days off
 * (swaps) are deliberately not skipped: official notices already count the compensatory days inside
 * the periods they decide, and skipping would count them twice.
 */
function compensatoryDays(holidays: Holiday[]): { day: number; name: string }[] {
  const taken = new Set(holidays.map((h) => h.day));
  const result: { day: number; name: string }[] = [];
  for (const h of holidays) {
    if (!h.compensable || !isWeekend(h.day) || !rulesOnDay(h.day).compensation) continue;
    let day = h.day + 1;
    while (isWeekend(day) || taken.has(day)) day += 1;
    taken.add(day);
    result.push({ day, name: `Nghỉ bù ${h.name}` });
  }
  return result;
}

function validateAdjustment(a: CalendarAdjustment): void {
  // parseDate throws RangeError for a missing or malformed date.
  if (a.kind === 'tet-span') {
    if (toDayNumber(a.from ?? '') > toDayNumber(a.to ?? '')) {
      throw new RangeError(`Tết span ${a.from}…${a.to} ends before it starts (${a.documentNumber})`);
    }
  } else {
    parseDate(a.date ?? '');
  }
}

function fixed(year: number, month: number, day: number, name: string): Holiday {
  return { day: jdFromYmd(year, month, day), name, compensable: true };
}

function daysFrom(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** A weekly rest day of offices: Sunday, and Saturday from 2/10/1999. */
function isWeekend(day: number): boolean {
  const weekday = weekdayOfDayNumber(day);
  return weekday === 7 || (weekday === 6 && day >= FIVE_DAY_WEEK_DAY);
}

function dayOff(day: number, name: string, kind: DayOffKind, decision?: CalendarAdjustment): DayOff {
  const result: DayOff = { date: fromDayNumber(day), name, kind };
  if (decision) {
    result.documentNumber = decision.documentNumber;
    if (decision.documentDate) result.documentDate = decision.documentDate;
  }
  return result;
}

/**
 * The decision behind a day off as Vietnamese text, or '' for none.
 * @example decisionLabel({ documentNumber: 'Công văn số 8662/VPCP-KGVX', documentDate: '2023-11-03' }) === 'Công văn số 8662/VPCP-KGVX ngày 03/11/2023'
 */
export function decisionLabel(d: { documentNumber?: string | undefined; documentDate?: string | undefined }): string {
  if (!d.documentNumber) return '';
  if (!d.documentDate) return d.documentNumber;
  return `${d.documentNumber} ngày ${paddedDate(d.documentDate)}`;
}
