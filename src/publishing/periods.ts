/**
 * The periods documents are published for: a month `YYYY-MM` (programme) and an ISO week
 * `YYYY-Www` (weekly schedule). Pure; calendar arithmetic in UTC fields, never the host zone.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from '../shared/day-number';
import { addDays } from '../shared/wording';
import { daysInMonth } from '../meetings/local-time';

// One year inside the calendar's range at each end: a week can start in the previous year
// (1970-W01 begins on 29/12/1969), and holiday policies look a few days beyond the period.
const FIRST_YEAR = FIRST_SUPPORTED_YEAR + 1;
const LAST_YEAR = LAST_SUPPORTED_YEAR - 1;

export const monthPeriod = z
  .string({ error: 'must be a month YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .refine(
    (s) => Number(s.slice(0, 4)) >= FIRST_YEAR && Number(s.slice(0, 4)) <= LAST_YEAR,
    `must be between ${FIRST_YEAR} and ${LAST_YEAR}`,
  )
  .meta({ description: `a month YYYY-MM, ${FIRST_YEAR}-01 to ${LAST_YEAR}-12` });

export const weekPeriod = z
  .string({ error: 'must be an ISO week YYYY-Www' })
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'must be an ISO week YYYY-Www, e.g. 2023-W21')
  .refine(
    (s) => Number(s.slice(0, 4)) >= FIRST_YEAR && Number(s.slice(0, 4)) <= LAST_YEAR,
    `must be between ${FIRST_YEAR} and ${LAST_YEAR}`,
  )
  .refine((s) => weekMonday(s) !== null, 'this year has no such week')
  .meta({
    description: `an ISO week YYYY-Www, ${FIRST_YEAR}-W01 to ${LAST_YEAR}-W52 (W53 only in years that have one)`,
  });

/** First and last local dates of a month. @example monthRange('2023-02') → {from: '2023-02-01', to: '2023-02-28'} */
export function monthRange(month: string): { from: string; to: string; year: number; month: number } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`, year: y, month: m };
}

/** Monday of an ISO week, or null when the year has no such week (W53). */
export function weekMonday(week: string): string | null {
  const dt = DateTime.fromISO(`${week}-1`, { zone: 'utc' });
  if (!dt.isValid || `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}` !== week) return null;
  return dt.toISODate();
}

/** The seven dates of an ISO week. @example weekRange('2023-W21').from === '2023-05-22' */
export function weekRange(week: string): { from: string; to: string; days: string[] } {
  const monday = weekMonday(week);
  if (!monday) throw new RangeError(`No such ISO week: ${week}`);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return { from: days[0]!, to: days[6]!, days };
}

/** ISO week of a local date. @example weekOf('2023-05-23') === '2023-W21' */
export function weekOf(date: string): string {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  return `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`;
}

/** Month and week containing an instant in a zone. */
export function currentPeriods(now: Date, zone: string): { date: string; month: string; week: string } {
  const date = DateTime.fromJSDate(now, { zone }).toISODate()!;
  return { date, month: date.slice(0, 7), week: weekOf(date) };
}

/** The month before/after. @example shiftMonth('2023-01', -1) === '2022-12' */
export function shiftMonth(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  return `${year}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
}

/** The week before/after. */
export function shiftWeek(week: string, n: number): string {
  return weekOf(addDays(weekRange(week).from, 7 * n));
}
