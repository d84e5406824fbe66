/**
 * Deadlines of directives: overdue or not, by how many days, due this week, the classification of
 * follow-up reports, and when periodic report requests of standing tasks fall. Pure: the clock,
 * the zone and the working-day calendar are arguments.
 */
import { DUE_LOCAL_TIME } from '../agenda/due';
import { isoWeekday, localToUtc, utcToLocal, daysInMonth } from '../meetings/local-time';
import { addDays } from '../shared/wording';
import { OPEN_STATUSES, type Cadence, type Directive } from './types';

/** The working-day arithmetic needed here (src/calendar/working-days.ts `WorkingCalendar`). */
export interface DeadlineCalendar {
  isWorkingDay(date: string): boolean;
  previousWorkingDay(date: string): string;
  nextWorkingDay(date: string): string;
  workingDaysBetween(from: string, to: string): number;
}

/**
 * A deadline given as a date only ("đợt 19/5/2023"): the end of the office day, 17:00 local.
 * @example deadlineOfDate('2023-05-19', 'Asia/Ho_Chi_Minh').toISOString() === '2023-05-19T10:00:00.000Z'
 */
export function deadlineOfDate(date: string, zone: string, time: string = DUE_LOCAL_TIME): Date {
  return localToUtc(`${date}T${time}`, zone);
}

export const isOpen = (d: Pick<Directive, 'status'>): boolean => OPEN_STATUSES.includes(d.status);

/** Open and past its deadline. */
export function isOverdue(d: Pick<Directive, 'status' | 'dueAt'>, now: Date): boolean {
  return isOpen(d) && !!d.dueAt && d.dueAt.getTime() < now.getTime();
}

/** Days between two local dates (b - a). */
function dateDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Calendar days an open directive is past its deadline (0 when it is not): the local date
 * difference, at least 1 once the deadline has passed.
 * @example due 19/5/2023 17:00, now 22/5/2023 08:00 (+07) → 3
 */
export function overdueDays(d: Pick<Directive, 'status' | 'dueAt'>, now: Date, zone: string): number {
  if (!isOverdue(d, now)) return 0;
  return Math.max(1, dateDiff(utcToLocal(d.dueAt!, zone).slice(0, 10), utcToLocal(now, zone).slice(0, 10)));
}

/** Working days an open directive is past its deadline (0 when it is not). */
export function overdueWorkingDays(
  d: Pick<Directive, 'status' | 'dueAt'>,
  now: Date,
  zone: string,
  cal: DeadlineCalendar,
): number {
  if (!isOverdue(d, now)) return 0;
  return Math.max(
    0,
    cal.workingDaysBetween(utcToLocal(d.dueAt!, zone).slice(0, 10), utcToLocal(now, zone).slice(0, 10)),
  );
}

/** The Monday and Sunday (local dates) of the ISO week of an instant. */
export function weekOfInstant(now: Date, zone: string): { monday: string; sunday: string } {
  const today = utcToLocal(now, zone).slice(0, 10);
  const monday = addDays(today, 1 - isoWeekday(today));
  return { monday, sunday: addDays(monday, 6) };
}

/** Open, not yet overdue, and due by the end of this week (Monday to Sunday). */
export function isDueThisWeek(d: Pick<Directive, 'status' | 'dueAt'>, now: Date, zone: string): boolean {
  if (!isOpen(d) || !d.dueAt || d.dueAt.getTime() < now.getTime()) return false;
  return utcToLocal(d.dueAt, zone).slice(0, 10) <= weekOfInstant(now, zone).sunday;
}

/**
 * How a follow-up report classifies a directive (hoàn thành đúng hạn / quá hạn, đang thực hiện
 * trong hạn / quá hạn, chưa đến hạn), plus standing tasks, those without a deadline, cancelled ones.
 * Done means reported done by the assignee (or confirmed by the Office): on time when reported by
 * the deadline in force.
 */
export type Progress =
  'done-on-time' | 'done-late' | 'on-track' | 'overdue' | 'not-due' | 'standing' | 'no-deadline' | 'cancelled';

export function progressOf(
  d: Pick<Directive, 'status' | 'dueAt' | 'cadence' | 'reportedDoneAt' | 'doneAt' | 'reports'>,
  now: Date,
): Progress {
  if (d.status === 'cancelled') return 'cancelled';
  if (d.status === 'done' || d.status === 'reported-done') {
    const at = d.reportedDoneAt ?? d.doneAt;
    return !d.dueAt || !at || at.getTime() <= d.dueAt.getTime() ? 'done-on-time' : 'done-late';
  }
  if (!d.dueAt) return d.cadence ? 'standing' : 'no-deadline';
  if (d.dueAt.getTime() < now.getTime()) return 'overdue';
  return d.status === 'in-progress' || d.reports.length > 0 ? 'on-track' : 'not-due';
}

/** Settings of periodic report requests (per body, see settings.ts). */
export interface ReportSchedule {
  /** Day of the month of monthly and quarterly requests (a shorter month: its last day). */
  monthDay: number;
  /** ISO weekday of weekly requests (5 = Friday). */
  weekday: number;
}

export const DEFAULT_REPORT_SCHEDULE: ReportSchedule = { monthDay: 25, weekday: 5 };

/** How far back a progress report counts for a period's request (a report since then: no request). */
export const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, monthly: 28, quarterly: 85 };

/**
 * The dates in [from, to] on which a standing task's report is requested: each week's weekday,
 * each month's day, each quarter's last month's day; a day off moves it to the previous working day.
 * @example reportRequestDates('monthly', '2023-06-01', '2023-06-30', DEFAULT_REPORT_SCHEDULE, cal) // ['2023-06-23'] (25/6/2023 is a Sunday)
 */
export function reportRequestDates(
  cadence: Cadence,
  from: string,
  to: string,
  schedule: ReportSchedule,
  cal: DeadlineCalendar,
): string[] {
  const nominal: string[] = [];
  if (cadence === 'weekly') {
    // One nominal day per week, from the week before `from` (a Monday moved back may land in range).
    for (let d = addDays(from, -7); d <= addDays(to, 7); d = addDays(d, 1))
      if (isoWeekday(d) === schedule.weekday) nominal.push(d);
  } else {
    const [y0, m0] = from.split('-').map(Number) as [number, number];
    for (let y = y0, m = m0 - 1, i = 0; i < 15; i++, m++) {
      if (m < 1) {
        m = 12;
        y -= 1;
      }
      if (m > 12) {
        m = 1;
        y += 1;
      }
      if (cadence === 'quarterly' && m % 3 !== 0) continue;
      const day = Math.min(schedule.monthDay, daysInMonth(y, m));
      const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (date > addDays(to, 31)) break;
      nominal.push(date);
    }
  }
  const out = nominal
    .map((d) => (cal.isWorkingDay(d) ? d : cal.previousWorkingDay(d)))
    .filter((d) => d >= from && d <= to);
  return [...new Set(out)].sort();
}
