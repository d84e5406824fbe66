/**
 * Working days of Vietnamese public offices: Monday to Friday (Monday to Saturday before 2/10/1999),
 * minus holidays, compensatory days and decided days off, plus make-up Saturdays decided by
 * official notices.
 */
import {
  FIRST_SUPPORTED_YEAR,
  fromDayNumber,
  LAST_SUPPORTED_YEAR,
  toDayNumber,
  weekdayOfDayNumber,
} from '../shared/day-number';
import { type CalendarAdjustment, type DayOff, holidaysOfYear, isWeeklyRestDay } from './holidays';
import { WEEKDAY_LABELS } from '../shared/wording';

/**
 * Day of week: 1 = Monday … 7 = Sunday.
 * @example weekdayOf('2025-04-26') === 6 // a Saturday
 */
export function weekdayOf(date: string): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/**
 * Answers "is this a working day?" under a set of official adjustments. Holidays are computed per
 * year on first use and cached, so one instance should live as long as its adjustments do.
 */
export class WorkingCalendar {
  private readonly adjustments: CalendarAdjustment[];
  /** Make-up days: decided to be worked whatever they would otherwise be. */
  private readonly madeWorking: Set<string>;
  private readonly yearCache = new Map<number, Map<string, DayOff>>();

  constructor(adjustments: CalendarAdjustment[]) {
    this.adjustments = [...adjustments];
    this.madeWorking = new Set(
      adjustments.filter((a) => a.kind === 'working-day').map((a) => fromDayNumber(toDayNumber(a.date ?? ''))), // validates the date
    );
  }

  /**
   * Why a date is not worked, or null for a working day. Precedence: a 'working-day' decision
   * (the notice is authoritative) > holiday / compensatory day / decided day off > weekend.
   * @example new WorkingCalendar([]).dayOff('2023-01-02')?.name === 'Nghỉ bù Tết Dương lịch'
   */
  dayOff(date: string): DayOff | null {
    const day = toDayNumber(date); // validates the format
    if (this.madeWorking.has(date)) return null;
    const year = Number(date.slice(0, 4));
    const listed = this.daysOffOfYear(year).get(date);
    if (listed) return { ...listed };
    if (isWeeklyRestDay(date)) return { date, name: WEEKDAY_LABELS[weekdayOfDayNumber(day) - 1]!, kind: 'weekend' };
    return null;
  }

  /** @example new WorkingCalendar([]).isWorkingDay('2023-05-02') === false // nghỉ bù */
  isWorkingDay(date: string): boolean {
    return this.dayOff(date) === null;
  }

  /**
   * The first working day strictly after `date`.
   * @example new WorkingCalendar([]).nextWorkingDay('2023-04-28') === '2023-05-04'
   */
  nextWorkingDay(date: string): string {
    return this.step(date, 1);
  }

  /**
   * The last working day strictly before `date`.
   * @example new WorkingCalendar([]).previousWorkingDay('2023-05-04') === '2023-04-28'
   */
  previousWorkingDay(date: string): string {
    return this.step(date, -1);
  }

  /**
   * Moves `n` working days forward (backward if negative); `n = 0` returns `date` unchanged even
   * if it is a day off.
   * @example new WorkingCalendar([]).addWorkingDays('2023-05-23', -3) === '2023-05-18'
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of working days: ${n}`);
    let current = fromDayNumber(toDayNumber(date));
    for (let i = 0; i < Math.abs(n); i++) current = this.step(current, Math.sign(n));
    return current;
  }

  /**
   * Number of working days in (from, to]; when `to` is before `from`, minus the number in
   * (to, from], so that `workingDaysBetween(a, b) === -workingDaysBetween(b, a)`. For a working
   * day `a`, `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
   * @example new WorkingCalendar([]).workingDaysBetween('2023-05-18', '2023-05-23') === 3
   */
  workingDaysBetween(from: string, to: string): number {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    if (end < start) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = start + 1; day <= end; day++) {
      if (this.isWorkingDay(fromDayNumber(day))) count += 1;
    }
    return count;
  }

  private step(date: string, direction: number): string {
    let day = toDayNumber(date);
    // Never more than a couple of weeks (Tết), so the loop ends quickly.
    do day += direction;
    while (!this.isWorkingDay(fromDayNumber(day)));
    return fromDayNumber(day);
  }

  private daysOffOfYear(year: number): Map<string, DayOff> {
    let days = this.yearCache.get(year);
    if (!days) {
      // Dates are accepted from 1970 to 2100 only, but working-day arithmetic near the ends looks a
      // few days beyond them (documents due before 2/1/1970, a session moved past 31/12/2100): in
      // the year just outside, only weekly rest days are known (no holiday data), rather than a
      // server error. Further out is still a RangeError.
      const edge = year === FIRST_SUPPORTED_YEAR - 1 || year === LAST_SUPPORTED_YEAR + 1;
      days = new Map(edge ? [] : holidaysOfYear(year, this.adjustments).map((d) => [d.date, d]));
      this.yearCache.set(year, days);
    }
    return days;
  }
}
