/**
 * When each reminder is sent and until when it is useful, in the meeting's (or agency's body's)
 * time zone, on the working-day calendar. Pure. (Dates and times in the emails' text are the shared
 * wording, src/shared/wording.ts.)
 */
import { isoWeekday, localToUtc, utcToLocal } from '../meetings/local-time';
import { addDays } from '../shared/wording';

/** The working-day arithmetic planning needs (src/calendar/working-days.ts `WorkingCalendar`). */
export interface ReminderCalendar {
  addWorkingDays(date: string, n: number): string;
  previousWorkingDay(date: string): string;
  nextWorkingDay(date: string): string;
}

/** The instant of a local date and time in a zone. */
export function atLocal(date: string, time: string, zone: string): Date {
  return localToUtc(`${date}T${time}`, zone);
}

export interface PreparationTime {
  offset: number;
  at: Date;
}

/**
 * Send times of the preparation reminders of an item due at `dueAt`: `offset` working days before
 * the due date at `reminderTime` (0 = the due day). A time not before the due instant is dropped
 * (e.g. a due-day reminder at 08:00 for documents due at 08:00).
 *
 * @example
 * // due Thursday 18/5/2023 17:00 (+07), offsets [7, 3, 1, 0] at 08:00:
 * // 9/5 08:00, 15/5 08:00, 17/5 08:00, 18/5 08:00
 */
export function preparationTimes(
  dueAt: Date,
  zone: string,
  offsets: number[],
  reminderTime: string,
  cal: ReminderCalendar,
): PreparationTime[] {
  const dueDate = utcToLocal(dueAt, zone).slice(0, 10);
  const out: PreparationTime[] = [];
  for (const offset of [...new Set(offsets)].sort((a, b) => b - a)) {
    const day = offset === 0 ? dueDate : cal.addWorkingDays(dueDate, -offset);
    const at = atLocal(day, reminderTime, zone);
    if (at < dueAt) out.push({ offset, at });
  }
  return out;
}

/** The overdue notice (and the escalation): the first working day after the due date, at `reminderTime`. */
export function overdueTime(dueAt: Date, zone: string, reminderTime: string, cal: ReminderCalendar): Date {
  return atLocal(cal.nextWorkingDay(utcToLocal(dueAt, zone).slice(0, 10)), reminderTime, zone);
}

/** The agenda: the working day before the meeting's local date, at `agendaTime`. */
export function agendaTime(meetingLocalStart: string, zone: string, time: string, cal: ReminderCalendar): Date {
  return atLocal(cal.previousWorkingDay(meetingLocalStart.slice(0, 10)), time, zone);
}

export interface DigestSlot {
  /** Local date of the digest day, e.g. the Monday `2023-05-15`. */
  date: string;
  at: Date;
  /** The end of that day: a digest not sent on its day is not sent. */
  expiresAt: Date;
}

/** The digest days on `weekday` from yesterday to a week ahead (the ones planning may create). */
export function digestSlots(now: Date, zone: string, weekday: number, time: string): DigestSlot[] {
  const today = utcToLocal(now, zone).slice(0, 10);
  const out: DigestSlot[] = [];
  for (let d = addDays(today, -1); d <= addDays(today, 7); d = addDays(d, 1)) {
    if (isoWeekday(d) === weekday)
      out.push({ date: d, at: atLocal(d, time, zone), expiresAt: atLocal(addDays(d, 1), '00:00', zone) });
  }
  return out;
}
