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
 * - The library writes a VTIMEZONE only for the zones its events use: a calendar without events
 *   (a body with no meetings) would have no component at all, which RFC 5545 forbids (§3.4:
 *   1*component). The calendar's own zone (X-WR-TIMEZONE) always gets its VTIMEZONE here.
 * - An event that ends when it starts (a documents-due time) cannot have a DTEND (§3.8.2.2: DTEND
 *   must be later than DTSTART) and the library writes no DURATION: `DURATION:PT0S` is added after
 *   its DTSTART here, so that every event states its end.
 */
import icalModule from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import type { CalendarSpec, EventSpec } from './types';
import { stripControls } from '../shared/control-chars';
import { ZonedWallClock } from './zoned';

// The CommonJS build exports the factory as `default`; be robust to either interop shape.
const ical = (icalModule as unknown as { default?: typeof icalModule }).default ?? icalModule;

export const PRODUCT_ID = { company: 'lich-hop', product: 'lich-hop feeds', language: 'VI' } as const;

/**
 * Text as RFC 5545 allows it: no control characters other than tab (CONTROL in §3.3.11), line
 * breaks kept only where `multiline` (they are written escaped as `\n`). Data stored before input
 * was checked, or loaded from a seed, may hold them; none reaches a feed.
 */
export function icalText(value: string, multiline = false): string {
  return stripControls(value, { multiline });
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return icalText(value, true)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** `20230504T140000` */
function compactLocal(value: string): string {
  return `${value.replace(/[-:]/g, '')}00`;
}

/** Zero-length events (DTSTART = end): written with DURATION:PT0S instead of DTEND. */
function isInstant(e: EventSpec): boolean {
  return e.end !== null && e.endUtc !== null && e.end === e.start && e.endUtc.getTime() === e.startUtc.getTime();
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
      ...(e.end && e.endUtc && !isInstant(e) ? { end: new ZonedWallClock(e.end, e.zone, e.endUtc) as never } : {}),
      timezone: e.zone,
      stamp: e.stamp,
      lastModified: e.stamp,
      summary: icalText(e.summary),
      ...(e.description ? { description: icalText(e.description, true) } : {}),
      ...(e.location ? { location: icalText(e.location) } : {}),
      ...(e.url ? { url: e.url } : {}),
      ...(e.organizer ? { organizer: { name: icalText(e.organizer.name), email: e.organizer.email } } : {}),
      // The instant of RECURRENCE-ID is never read (only DTSTART and DTEND are compared).
      ...(e.recurrenceId ? { recurrenceId: new ZonedWallClock(e.recurrenceId, e.zone, e.startUtc) as never } : {}),
      ...(e.transparent ? { transparency: 'TRANSPARENT' as never } : {}),
      status: (e.cancelled ? 'CANCELLED' : 'CONFIRMED') as never,
    });
    const repeating = repeatingLines(e);
    if (repeating) event.repeating(repeating);
    if (e.alarmMinutes !== null)
      event.createAlarm({ type: 'display' as never, trigger: e.alarmMinutes * 60, description: icalText(e.summary) });
  }
  const text = calendarPropertiesFirst(
    `${cal.toString()}\r\n`,
    `X-WR-TIMEZONE:${escapeText(spec.timeZone)}\r\n`,
    spec.timeZone,
  );
  return spec.events.some(isInstant) ? withZeroDurations(text, spec.events) : text;
}

/** Adds `DURATION:PT0S` after the DTSTART of each zero-length event (the library writes the events in order). */
function withZeroDurations(text: string, events: EventSpec[]): string {
  const parts = text.split('BEGIN:VEVENT\r\n');
  for (let i = 0; i < events.length && i + 1 < parts.length; i++) {
    if (!isInstant(events[i]!)) continue;
    const part = parts[i + 1]!;
    const start = part.search(/^DTSTART[;:]/m);
    if (start < 0) continue;
    // The end of the DTSTART content line, folded continuation lines included.
    let end = part.indexOf('\r\n', start) + 2;
    while (part.startsWith(' ', end)) end = part.indexOf('\r\n', end) + 2;
    parts[i + 1] = `${part.slice(0, end)}DURATION:PT0S\r\n${part.slice(end)}`;
  }
  return parts.join('BEGIN:VEVENT\r\n');
}

/** The VTIMEZONE of a zone as CRLF content lines, folded at 75 octets (zone data is ASCII). */
function vtimezoneOf(zone: string): string {
  const component = getVtimezoneComponent(zone);
  if (!component) return '';
  return component
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map(foldAscii)
    .join('\r\n')
    .concat('\r\n');
}

/** Folds an ASCII content line at 75 octets (RFC 5545 §3.1). */
function foldAscii(line: string): string {
  if (line.length <= 75) return line;
  const pieces = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) pieces.push(` ${line.slice(i, i + 74)}`);
  return pieces.join('\r\n');
}

/**
 * Moves the VTIMEZONE components after the calendar properties and adds `extraProps` there; adds
 * the VTIMEZONE of the calendar's zone when the library wrote none for it (no event uses it).
 */
function calendarPropertiesFirst(text: string, extraProps: string, zone: string): string {
  const firstEvent = text.indexOf('BEGIN:VEVENT\r\n');
  const split = firstEvent >= 0 ? firstEvent : text.lastIndexOf('END:VCALENDAR');
  const head = text.slice(0, split);
  const zones: string[] = [...(head.match(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/g) ?? [])];
  if (!zones.some((z) => z.includes(`\r\nTZID:${zone}\r\n`))) zones.push(vtimezoneOf(zone));
  return (
    head.replace(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/g, '') + extraProps + zones.join('') + text.slice(split)
  );
}
