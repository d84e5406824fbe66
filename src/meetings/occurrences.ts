/**
 * Occurrences of meeting series and one-off meetings, as the schedule shows them: the rule's dates,
 * then the series' holiday policy, then the per-occurrence overrides. Pure: the working-day
 * calendar is passed in.
 */
import { datePart, isLocalDate, isValidZone, localToUtc, timePart } from './local-time';
import { addDays, shortDate } from '../shared/wording';
import { expandRule, ruleFrequency } from './recurrence';
import { occurrenceId } from './types';
import type { Attendees, HolidayNote, HolidayPolicy, Meeting, Occurrence, OccurrenceOverride, Series } from './types';
import { ValidationError } from '../shared/errors';
import { decisionLabel } from '../calendar/holidays';

/** Working days as the calendar component knows them (public holidays, nghỉ bù, swaps). */
export interface DayOffLookup {
  /** Null on a working day; the decision (document number and date) that made it a day off, if any. */
  dayOff(date: string): { name: string; documentNumber?: string; documentDate?: string } | null;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: string): string;
}

/**
 * How far beyond the window the rule is expanded, because a holiday policy can move an occurrence
 * into (or out of) the window. Tết plus weekends is at most ~10 days; 40 leaves room for long
 * runs of days off.
 */
const HOLIDAY_PADDING_DAYS = 40;

/**
 * The occurrences of `series` whose actual local start date is within [window.from, window.to]
 * (inclusive), sorted by start then id. Cancelled occurrences are returned too (status
 * 'cancelled'), so that the schedule can show them.
 */
export function expandSeries(
  series: Series,
  overrides: OccurrenceOverride[],
  window: { from: string; to: string },
  calendar: DayOffLookup,
): Occurrence[] {
  for (const [field, value] of [
    ['from', window.from],
    ['to', window.to],
  ] as const) {
    if (!isLocalDate(value)) throw ValidationError.field(field, `'${value}' is not a date YYYY-MM-DD.`);
  }
  if (!isValidZone(series.timeZone)) throw ValidationError.field('timeZone', `Unknown time zone '${series.timeZone}'.`);
  const monthBound = ['MONTHLY', 'YEARLY'].includes(ruleFrequency(series.rrule));

  // Several overrides for one occurrence should not exist; if they do, the latest change wins.
  const byId = new Map<string, OccurrenceOverride>();
  for (const o of overrides) {
    const known = byId.get(o.occurrenceId);
    if (!known || o.sequence > known.sequence || (o.sequence === known.sequence && o.updatedAt > known.updatedAt)) {
      byId.set(o.occurrenceId, o);
    }
  }

  const paddedFrom = addDays(window.from, -HOLIDAY_PADDING_DAYS);
  const starts = new Set(expandRule(series, paddedFrom, addDays(window.to, HOLIDAY_PADDING_DAYS)));
  // An override can bring an occurrence from anywhere into the window: check that the rule really
  // generates its original start (one small expansion each; overrides are few).
  // Only an override moved INTO the window matters (others stay where the padded expansion sees them).
  for (const o of byId.values()) {
    const date = datePart(o.originalStart);
    const movedInto = o.start !== null && datePart(o.start) >= window.from && datePart(o.start) <= window.to;
    if (
      movedInto &&
      !starts.has(o.originalStart) &&
      isLocalDate(date) &&
      expandRule(series, date, date).includes(o.originalStart)
    ) {
      starts.add(o.originalStart);
    }
  }

  const result: Occurrence[] = [];
  for (const original of starts) {
    const override = byId.get(occurrenceId(series.id, original)) ?? null;
    const occ = buildOccurrence(series, original, override, calendar, monthBound, window);
    if (occ) result.push(occ);
  }
  return result.sort(compareOccurrences);
}

/** The occurrence generated at `original`, or null when it does not take place in the window. */
function buildOccurrence(
  series: Series,
  original: string,
  override: OccurrenceOverride | null,
  calendar: DayOffLookup,
  monthBound: boolean,
  window: { from: string; to: string },
): Occurrence | null {
  const originalDate = datePart(original);
  const off = calendar.dayOff(originalDate);
  const holiday: HolidayNote | null = off ? holidayNote(off, series.holidayPolicy, originalDate) : null;

  let localStart = original;
  let cancelled = false;
  let reason: string | null = null;
  if (off) {
    const moved = applyHolidayPolicy(series.holidayPolicy, originalDate, calendar, monthBound);
    // The day off and, when an official decision made it one, that decision.
    const decided = decisionLabel(off);
    const why = `Trùng ngày nghỉ: ${off.name}${decided ? ` (theo ${decided})` : ''}`;
    if (moved === null) {
      cancelled = true;
      reason = why;
    } else if (moved !== originalDate) {
      localStart = `${moved}T${timePart(original)}`;
      reason = `${why}; dời sang ngày ${shortDate(moved)}`;
    }
  }

  const warnings = [...series.warnings];
  if (override) {
    // The override decides the timing when it moves or cancels; an override that only changes
    // details keeps the holiday policy's outcome.
    if (override.cancelled) {
      cancelled = true;
      reason = override.reason;
    } else if (override.start !== null) {
      cancelled = false;
      localStart = override.start;
      reason = override.reason;
      const newOff = calendar.dayOff(datePart(override.start));
      if (newOff) warnings.push(`Ngày họp mới trùng ngày nghỉ: ${newOff.name}`);
    } else if (override.reason !== null) {
      reason = override.reason;
    }
    warnings.push(...override.warnings);
  }

  // Outside the window: stop before the (comparatively costly) zone conversion.
  if (datePart(localStart) < window.from || datePart(localStart) > window.to) return null;
  const durationMinutes = override?.durationMinutes ?? series.durationMinutes;
  const startUtc = localToUtc(localStart, series.timeZone);
  const status = cancelled ? 'cancelled' : localStart !== original ? 'moved' : 'scheduled';
  // An estimated time stays one until the Office gives the occurrence another hour.
  const timeAssumed =
    series.timeAssumed === true && (override?.start == null || timePart(override.start) === timePart(original));
  const updatedAt = override && override.updatedAt > series.updatedAt ? override.updatedAt : series.updatedAt;
  return {
    id: occurrenceId(series.id, original),
    seriesId: series.id,
    meetingId: null,
    title: override?.title ?? series.title,
    kind: series.kind,
    bodyCode: series.bodyCode,
    chairCode: series.chairCode,
    attendees: copyAttendees(override?.attendees ?? series.attendees),
    location: override?.location ?? series.location,
    timeZone: series.timeZone,
    localStart,
    originalLocalStart: original,
    durationMinutes,
    startUtc,
    endUtc: new Date(startUtc.getTime() + durationMinutes * 60_000),
    status,
    timeAssumed,
    holiday,
    reason,
    description: override?.description ?? series.description,
    warnings,
    sequence: series.sequence + (override?.sequence ?? 0),
    overridden: override !== null,
    updatedAt: new Date(updatedAt.getTime()),
  };
}

/**
 * The date an occurrence on a day off goes to, or null when it is skipped. For monthly and yearly
 * series the move stays in the same month (the Government's rule for its monthly session: the
 * next working day of the same month), falling back to the other direction; if neither direction
 * stays in the month (a month without working days), the policy's own direction is used.
 */
function applyHolidayPolicy(
  policy: HolidayPolicy,
  date: string,
  calendar: DayOffLookup,
  monthBound: boolean,
): string | null {
  switch (policy) {
    case 'skip':
      return null;
    case 'keep':
      return date;
    case 'next-working-day':
    case 'previous-working-day': {
      const forward = policy === 'next-working-day';
      const first = forward ? calendar.nextWorkingDay(date) : calendar.previousWorkingDay(date);
      if (!monthBound || first.slice(0, 7) === date.slice(0, 7)) return first;
      const other = forward ? calendar.previousWorkingDay(date) : calendar.nextWorkingDay(date);
      return other.slice(0, 7) === date.slice(0, 7) ? other : first;
    }
  }
}

function holidayNote(
  off: { name: string; documentNumber?: string; documentDate?: string },
  policy: HolidayPolicy,
  originalDate: string,
): HolidayNote {
  const note: HolidayNote = { name: off.name, policy, originalDate };
  if (off.documentNumber) note.documentNumber = off.documentNumber;
  if (off.documentDate) note.documentDate = off.documentDate;
  return note;
}

function copyAttendees(a: Attendees): Attendees {
  return { officials: [...a.officials], agencies: [...a.agencies] };
}

function compareOccurrences(a: Occurrence, b: Occurrence): number {
  return a.startUtc.getTime() - b.startUtc.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A one-off meeting (or an extra session of a series) as an occurrence. */
export function meetingToOccurrence(meeting: Meeting): Occurrence {
  const startUtc = localToUtc(meeting.start, meeting.timeZone);
  const moved = meeting.originalStart !== null && meeting.originalStart !== meeting.start;
  return {
    id: meeting.id,
    seriesId: meeting.seriesId,
    meetingId: meeting.id,
    title: meeting.title,
    kind: meeting.kind,
    bodyCode: meeting.bodyCode,
    chairCode: meeting.chairCode,
    attendees: copyAttendees(meeting.attendees),
    location: meeting.location,
    timeZone: meeting.timeZone,
    localStart: meeting.start,
    originalLocalStart: meeting.originalStart ?? meeting.start,
    durationMinutes: meeting.durationMinutes,
    startUtc,
    endUtc: new Date(startUtc.getTime() + meeting.durationMinutes * 60_000),
    status: meeting.cancelled ? 'cancelled' : moved ? 'moved' : 'scheduled',
    timeAssumed: meeting.timeAssumed === true,
    holiday: null,
    reason: meeting.reason,
    description: meeting.description,
    warnings: [...meeting.warnings],
    sequence: meeting.sequence,
    overridden: false,
    updatedAt: new Date(meeting.updatedAt.getTime()),
  };
}

/** All occurrences of several lists, sorted by start instant then id (lists are not modified). */
export function mergeOccurrences(lists: Occurrence[][]): Occurrence[] {
  return lists.flat().sort(compareOccurrences);
}
