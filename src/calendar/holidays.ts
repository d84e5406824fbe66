/**
 * Vietnamese public holidays (Labour Code 2019, art. 112), compensatory days off and the days off
 * decided by official notices, for any solar year 1970–2100.
 *
 * The statutory rules are applied to every year alike (the 2019 code's rules, even for years before
 * it). What the law leaves to yearly decisions — the exact Tết days, the day next to Quốc khánh and
 * swaps of working days — comes in as `CalendarAdjustment` data recorded by an administrator with
 * its document number; without such data, documented defaults apply.
 */
import {
  assertSupportedYear,
  fromDayNumber,
  jdFromYmd,
  parseDate,
  toDayNumber,
  weekdayOfDayNumber,
} from './day-number';
import { lunarToSolar, tetDate } from './lunar';

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
}

export type DayOffKind = 'weekend' | 'holiday' | 'compensatory' | 'decision';

/** Why a date is not worked. */
export interface DayOff {
  date: string;
  name: string;
  kind: DayOffKind;
  documentNumber?: string;
}

/** A statutory holiday before compensation; `compensable` is false inside a decided Tết span. */
interface Holiday {
  day: number;
  name: string;
  compensable: boolean;
  documentNumber?: string;
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
    byDay.set(h.day, dayOff(h.day, h.name, 'holiday', h.documentNumber));
  }
  for (const comp of compensatoryDays(holidays)) byDay.set(comp.day, dayOff(comp.day, comp.name, 'compensatory'));
  // Decided days off (swaps) come last: on a date that is already off, the statutory reason stands.
  for (const a of adjustments) {
    if (a.kind !== 'day-off' || a.date === undefined) continue;
    const day = toDayNumber(a.date);
    if (!byDay.has(day)) byDay.set(day, dayOff(day, a.name, 'decision', a.documentNumber));
  }

  return [...byDay.entries()]
    .filter(([, d]) => d.date.startsWith(`${year}-`))
    .sort(([a], [b]) => a - b)
    .map(([, d]) => d);
}

/** The statutory holidays whose dates fall in (or around) a solar year, merged per day. */
function statutoryHolidays(year: number, adjustments: CalendarAdjustment[]): Holiday[] {
  const list: Holiday[] = [
    fixed(year, 1, 1, HOLIDAY_NAMES.newYear),
    // Tết of lunar year `year` always falls in solar `year` (21/1–20/2), including the eve; the next
    // Tết starts in the next solar year, so one Tết per solar year is all there is.
    ...tetHolidays(year, adjustments),
    {
      day: toDayNumber(lunarToSolar({ day: 10, month: 3, year, leap: false })),
      name: HOLIDAY_NAMES.hungKings,
      compensable: true,
    },
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
 * (weekends inside it are part of the decision, so nothing is compensated), else 5 statutory days —
 * the last day of the old lunar year and days 1–4 of the new one.
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
      documentNumber: decision.documentNumber,
    }));
  }
  return daysFrom(tet - 1, tet + 3).map((day) => ({ day, name: HOLIDAY_NAMES.tet, compensable: true }));
}

/** Quốc khánh 2/9 and one adjacent day: the decided one for that year, else the default. */
function nationalDayHolidays(year: number, adjustments: CalendarAdjustment[]): Holiday[] {
  const nationalDay = fixed(year, 9, 2, HOLIDAY_NAMES.nationalDay);
  const decision = adjustments.find(
    (a) => a.kind === 'national-day-extra' && parseDate(a.date!).year === year,
  );
  const extra: Holiday = decision
    ? {
        day: toDayNumber(decision.date!),
        name: HOLIDAY_NAMES.nationalDay,
        compensable: true,
        documentNumber: decision.documentNumber,
      }
    : fixed(year, 9, NATIONAL_DAY_EXTRA_BY_WEEKDAY[weekdayOfDayNumber(nationalDay.day)]!, HOLIDAY_NAMES.nationalDay);
  return [nationalDay, extra];
}

/**
 * A holiday on Saturday or Sunday gives a day off on the next working day. Holidays are taken in
 * date order and each compensatory day skips weekends, holidays and the compensatory days already
 * given, so a run of holidays over a weekend chains correctly (Sat 29/4, Sun 30/4, Mon 1/5/2023 →
 * Tue 2/5 and Wed 3/5). Decided days off (swaps) are deliberately not skipped: official notices
 * already count the compensatory days inside the periods they decide, and skipping would count them
 * twice.
 */
function compensatoryDays(holidays: Holiday[]): { day: number; name: string }[] {
  const taken = new Set(holidays.map((h) => h.day));
  const result: { day: number; name: string }[] = [];
  for (const h of holidays) {
    if (!h.compensable || !isWeekend(h.day)) continue;
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

function isWeekend(day: number): boolean {
  return weekdayOfDayNumber(day) >= 6;
}

function dayOff(day: number, name: string, kind: DayOffKind, documentNumber?: string): DayOff {
  const result: DayOff = { date: fromDayNumber(day), name, kind };
  if (documentNumber !== undefined) result.documentNumber = documentNumber;
  return result;
}
