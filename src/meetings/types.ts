/**
 * Plain types of the meetings component, shared by the pure core (recurrence, holiday policy),
 * the repositories and the other components (feeds, reminders, publishing).
 *
 * Conventions:
 * - A "local date" is `YYYY-MM-DD` and a "local time" is `HH:mm`, both wall-clock values in the
 *   meeting's IANA time zone (default Asia/Ho_Chi_Minh).
 * - A "local date-time" is `YYYY-MM-DDTHH:mm` (no offset), also wall-clock in the meeting's zone.
 * - Instants are ISO-8601 strings with the local offset (`2023-05-23T08:00:00+07:00`) in API
 *   output, and JS `Date` (UTC) in storage.
 */

export const MEETING_KINDS = [
  'regular-session', // Phiên họp thường kỳ
  'extraordinary-session', // Phiên họp bất thường
  'briefing', // Giao ban
  'thematic-conference', // Hội nghị chuyên đề / sơ kết / tổng kết
  'council-session', // Kỳ họp HĐND
  'other',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** What happens to an occurrence that lands on a day off (ngày nghỉ). */
export const HOLIDAY_POLICIES = ['skip', 'previous-working-day', 'next-working-day', 'keep'] as const;
export type HolidayPolicy = (typeof HOLIDAY_POLICIES)[number];

export const OCCURRENCE_STATUSES = ['scheduled', 'moved', 'cancelled'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

export interface Attendees {
  /** Official codes. */
  officials: string[];
  /** Agency codes. */
  agencies: string[];
}

/** A recurring meeting rule as stored (plain object, no mongoose). */
export interface Series {
  id: string;
  title: string;
  kind: MeetingKind;
  bodyCode: string;
  /** Official code of the chair (chủ trì), or null. */
  chairCode: string | null;
  attendees: Attendees;
  location: string;
  /** Local start time `HH:mm`. */
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  /** RFC 5545 RRULE value without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TH`. */
  rrule: string;
  /** First local date `YYYY-MM-DD` (also DTSTART's date). */
  startDate: string;
  /** Last local date `YYYY-MM-DD` (inclusive), or null for an open-ended series. */
  endDate: string | null;
  holidayPolicy: HolidayPolicy;
  description: string;
  /**
   * True when the start time and duration are the Office's estimate, not stated by the source
   * (e.g. "chiều thứ Năm" without an hour): pages, documents and feeds say "giờ dự kiến".
   */
  timeAssumed?: boolean;
  /** Warnings carried from the source document (kept, never silently fixed). */
  warnings: string[];
  /** Grows with every change to the series (iCalendar SEQUENCE). */
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A change to one occurrence of a series, keyed by the occurrence's original local start. */
export interface OccurrenceOverride {
  /** The occurrence id (see `occurrenceId`). */
  occurrenceId: string;
  seriesId: string;
  /** Original local date-time `YYYY-MM-DDTHH:mm` as the rule generated it. */
  originalStart: string;
  /** Set when moved: new local date-time `YYYY-MM-DDTHH:mm`. */
  start: string | null;
  durationMinutes: number | null;
  location: string | null;
  cancelled: boolean;
  /** Why it was moved or cancelled. */
  reason: string | null;
  /** Own attendees for this occurrence, replacing the series' ones. */
  attendees: Attendees | null;
  title: string | null;
  description: string | null;
  warnings: string[];
  /** Grows with every change to this occurrence. */
  sequence: number;
  updatedAt: Date;
}

/** A one-off meeting, or an extra session attached to a series (then `seriesId` is set). */
export interface Meeting {
  id: string;
  seriesId: string | null;
  title: string;
  kind: MeetingKind;
  bodyCode: string;
  chairCode: string | null;
  attendees: Attendees;
  location: string;
  /** Local date-time `YYYY-MM-DDTHH:mm`. */
  start: string;
  durationMinutes: number;
  timeZone: string;
  cancelled: boolean;
  reason: string | null;
  /** Set when moved: the local date-time it was first scheduled at. */
  originalStart: string | null;
  description: string;
  /** True when the time is an estimate, not stated by the source (see `Series.timeAssumed`). */
  timeAssumed?: boolean;
  warnings: string[];
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface HolidayNote {
  /** Vietnamese name of the day off, e.g. "Giỗ Tổ Hùng Vương". */
  name: string;
  policy: HolidayPolicy;
  /** Local date `YYYY-MM-DD` the rule generated. */
  originalDate: string;
  /** The official decision that made the day a day off (e.g. a decided Tết span), when one did. */
  documentNumber?: string;
  documentDate?: string;
}

/** One occurrence of a series (or a one-off meeting) as computed; agenda is attached later. */
export interface Occurrence {
  id: string;
  seriesId: string | null;
  /** Id of the one-off meeting / extra session, or null for a rule-generated occurrence. */
  meetingId: string | null;
  title: string;
  kind: MeetingKind;
  bodyCode: string;
  chairCode: string | null;
  attendees: Attendees;
  location: string;
  timeZone: string;
  /** Local date-time `YYYY-MM-DDTHH:mm` where it actually takes place. */
  localStart: string;
  /** Local date-time the rule generated (for RECURRENCE-ID), equal to localStart when unchanged. */
  originalLocalStart: string;
  durationMinutes: number;
  /** UTC instants. */
  startUtc: Date;
  endUtc: Date;
  status: OccurrenceStatus;
  /**
   * True when the time is an estimate (the series' `timeAssumed`), unless the Office has since
   * moved it to another hour; shown as "giờ dự kiến".
   */
  timeAssumed?: boolean;
  holiday: HolidayNote | null;
  reason: string | null;
  description: string;
  warnings: string[];
  /** Series sequence + override sequence: grows with every change that affects this occurrence. */
  sequence: number;
  /** True when an override (move, cancel, own details) exists for it. */
  overridden: boolean;
  updatedAt: Date;
}

/** Stable id of an occurrence: the series id and its original local start, e.g. `ubnd-thuong-ky_20230523T0800`. */
export function occurrenceId(seriesId: string, originalLocalStart: string): string {
  return `${seriesId}_${originalLocalStart.replace(/[-:]/g, '')}`;
}

/** Inverse of `occurrenceId` for rule-generated occurrences; null when the id has no such shape. */
export function parseOccurrenceId(id: string): { seriesId: string; originalLocalStart: string } | null {
  const m = /^(.+)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})$/.exec(id);
  if (!m) return null;
  return { seriesId: m[1]!, originalLocalStart: `${m[2]}-${m[3]}-${m[4]}T${m[5]}:${m[6]}` };
}
