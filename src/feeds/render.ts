/**
 * Renders a feed plan to iCalendar text (RFC 5545) with ical-generator. Pure.
 *
 * Notes on ical-generator 11 that shape this file:
 * - The calendar gets a VTIMEZONE generator but no calendar-level zone name: with a calendar zone,
 *   DTSTAMP and LAST-MODIFIED are written as local times without `Z`. X-WR-TIMEZONE is written
 *   here instead; every DTSTART/DTEND/RECURRENCE-ID/EXDATE carries a TZID.
 * - The library writes VTIMEZONE before REFRESH-INTERVAL / X-PUBLISHED-TTL (and X- properties at
 *   the very end), while RFC 5545's grammar puts every calendar property before the first
 *   component: the VTIMEZONE blocks are moved after the calendar properties.
 * - Times are Temporal-shaped wall-clock values (`ZonedWallClock`): a JS Date would be read in the
 *   host's zone, and luxon DateTimes cost a zone computation each (most of the rendering time).
 *   DTSTAMP and LAST-MODIFIED are JS Dates, written in UTC with `Z` (no calendar zone is set).
 * - NAME / X-WR-CALNAME / X-WR-CALDESC are written unescaped by the library, so they are escaped
 *   here (TEXT values: backslash, semicolon, comma, newline).
 * - RRULE and EXDATE lines are passed as one `repeating` string of full content lines.
 * - Lines are folded by the library at 75 octets without splitting a UTF-8 character; the text is
 *   NFC already (see `text.ts`). The output ends with CRLF as every content line must.
 */
import icalModule from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import type { CalendarSpec, EventSpec } from './plan';
import { ZonedWallClock } from './zoned';

// The CommonJS build exports the factory as `default`; be robust to either interop shape.
const ical = ((icalModule as unknown as { default?: typeof icalModule }).default ?? icalModule) as typeof icalModule;

export const PRODUCT_ID = { company: 'lich-hop', product: 'lich-hop feeds', language: 'VI' } as const;

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** `20230504T140000` */
function compactLocal(value: string): string {
  return `${value.replace(/[-:]/g, '')}00`;
}

function repeatingLines(e: EventSpec): string | null {
  if (!e.rrule) return null;
  const lines = [`RRULE:${e.rrule}`];
  if (e.exdates.length) lines.push(`EXDATE;TZID=${e.zone}:${e.exdates.map(compactLocal).join(',')}`);
  return lines.join('\r\n');
}

/** The iCalendar text of a plan, ending with CRLF. */
export function renderCalendar(spec: CalendarSpec): string {
  const cal = ical({
    prodId: PRODUCT_ID,
    name: escapeText(spec.name),
    description: escapeText(spec.description),
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: spec.refreshMinutes * 60,
  });
  for (const e of spec.events) {
    const event = cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      start: new ZonedWallClock(e.start, e.zone, e.startUtc) as never,
      ...(e.end && e.endUtc ? { end: new ZonedWallClock(e.end, e.zone, e.endUtc) as never } : {}),
      timezone: e.zone,
      stamp: e.stamp,
      lastModified: e.stamp,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      ...(e.location ? { location: e.location } : {}),
      ...(e.url ? { url: e.url } : {}),
      ...(e.organizer ? { organizer: e.organizer } : {}),
      // The instant of RECURRENCE-ID is never read (only DTSTART and DTEND are compared).
      ...(e.recurrenceId ? { recurrenceId: new ZonedWallClock(e.recurrenceId, e.zone, e.startUtc) as never } : {}),
      ...(e.transparent ? { transparency: 'TRANSPARENT' as never } : {}),
      status: (e.cancelled ? 'CANCELLED' : 'CONFIRMED') as never,
    });
    const repeating = repeatingLines(e);
    if (repeating) event.repeating(repeating);
    if (e.alarmMinutes !== null) event.createAlarm({ type: 'display' as never, trigger: e.alarmMinutes * 60, description: e.summary });
  }
  return calendarPropertiesFirst(`${cal.toString()}\r\n`, `X-WR-TIMEZONE:${escapeText(spec.timeZone)}\r\n`);
}

/** Moves the VTIMEZONE components after the calendar properties and adds `extraProps` there. */
function calendarPropertiesFirst(text: string, extraProps: string): string {
  const firstEvent = text.indexOf('BEGIN:VEVENT\r\n');
  const split = firstEvent >= 0 ? firstEvent : text.lastIndexOf('END:VCALENDAR');
  const head = text.slice(0, split);
  const zones = head.match(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/g) ?? [];
  return head.replace(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/g, '') + extraProps + zones.join('') + text.slice(split);
}
