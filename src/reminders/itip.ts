/**
 * The iTIP (RFC 5546) calendar attached to a change notice: METHOD:REQUEST with the new time, or
 * METHOD:CANCEL, for the same UID the feeds publish (src/meetings/ical-ids.ts) and, for an
 * occurrence of a series, RECURRENCE-ID = its original local start with TZID, so that Outlook and
 * Gmail update the event they already have. SEQUENCE is the occurrence's own, which grew with the
 * change. Built with ical-generator (VTIMEZONE from @touch4it/ical-timezones). Pure.
 */
import icalModule, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import { stripControls } from '../shared/control-chars';

// The CommonJS build exports the factory as `default`; accept either interop shape.
const ical = (icalModule as unknown as { default?: typeof icalModule }).default ?? icalModule;

export interface ItipData {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  /** Original local start `YYYY-MM-DDTHH:mm` of a rule-generated occurrence, else null. */
  recurrenceId: string | null;
  zone: string;
  /** Local start `YYYY-MM-DDTHH:mm`. */
  start: string;
  durationMinutes: number;
  sequence: number;
  summary: string;
  location: string;
  description: string;
  /** ISO instant of the change's detection (DTSTAMP), fixed so the output is reproducible. */
  stamp: string;
  organizer: { name: string; email: string };
}

function local(value: string, zone: string): DateTime {
  const [y, mo, d, h, mi] = value.split(/[-T:]/).map(Number) as [number, number, number, number, number];
  return DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi }, { zone });
}

/** The text/calendar body for one recipient (CRLF line ends, folded, UTF-8). */
export function buildItip(data: ItipData, attendeeEmail: string, attendeeName: string): string {
  const cal = ical({
    prodId: { company: 'lich-hop', product: 'lich-hop reminders', language: 'VI' },
    method: data.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const start = local(data.start, data.zone);
  const stamp = DateTime.fromISO(data.stamp, { zone: 'utc' });
  cal.createEvent({
    id: data.uid,
    sequence: data.sequence,
    start,
    end: start.plus({ minutes: data.durationMinutes }),
    timezone: data.zone,
    stamp,
    lastModified: stamp,
    // RFC 5545 forbids control characters in TEXT: whatever the stored data holds, none is written.
    summary: stripControls(data.summary, { multiline: false }).normalize('NFC'),
    ...(data.location ? { location: stripControls(data.location, { multiline: false }).normalize('NFC') } : {}),
    ...(data.description ? { description: stripControls(data.description).normalize('NFC') } : {}),
    ...(data.recurrenceId ? { recurrenceId: local(data.recurrenceId, data.zone) } : {}),
    organizer: { name: stripControls(data.organizer.name, { multiline: false }), email: data.organizer.email },
    attendees: [
      {
        email: attendeeEmail,
        name: stripControls(attendeeName, { multiline: false }),
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: false,
      },
    ],
    status: data.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
