import { DateTime } from 'luxon';

export interface WorkingDayArithmetic {
  addWorkingDays(date: string, n: number): string;
}

/** Documents are due at the end of the office day. */
export const DUE_LOCAL_TIME = '17:00';

/**
 * When an item's documents are due: `workingDays` working days before the meeting's local date,
 * at 17:00 local time (Documents must reach members at least 3 working days before a periodic
 * meeting). With 0 working days, the meeting's start.
 *
 * @example dueAt('2023-05-23T08:00', 'Asia/Ho_Chi_Minh', 3, cal) // 2023-05-18T17:00+07:00 (10:00Z)
 */
export function dueAt(
  meetingLocalStart: string,
  zone: string,
  workingDays: number,
  calendar: WorkingDayArithmetic,
): Date {
  if (workingDays <= 0) return DateTime.fromISO(meetingLocalStart, { zone }).toUTC().toJSDate();
  const day = calendar.addWorkingDays(meetingLocalStart.slice(0, 10), -workingDays);
  return DateTime.fromISO(`${day}T${DUE_LOCAL_TIME}`, { zone }).toUTC().toJSDate();
}
