/**
 * An independent reading of our feeds: ical.js parses the text, resolves TZIDs with the feed's own
 * VTIMEZONE, relates overrides to their masters and expands RRULE/EXDATE. Tests compare what it
 * finds with what the API says.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';

export interface ReadEvent {
  uid: string;
  /** Local `YYYY-MM-DDTHH:mm` of the instance's RECURRENCE-ID (its original start), or null for a plain event. */
  recurrenceId: string | null;
  start: Date;
  end: Date | null;
  /** Local `YYYY-MM-DDTHH:mm` in the TZID zone of DTSTART. */
  localStart: string;
  zone: string;
  summary: string;
  description: string;
  location: string;
  status: string | null;
  sequence: number;
  /** True when the instance comes from an override VEVENT (or is a plain event). */
  fromOverride: boolean;
}

export interface ReadFeed {
  props: Record<string, string>;
  timezones: string[];
  /** VEVENT components as written. */
  components: number;
  events: ReadEvent[];
}

function localOf(t: InstanceType<typeof ICAL.Time>): string {
  return `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}T${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

function zoneOf(t: InstanceType<typeof ICAL.Time>): string {
  return t.zone?.tzid ?? 'floating';
}

/** Parses a feed and expands every event whose start is in [from, to] (instants). */
export function readFeed(text: string, from: Date, to: Date): ReadFeed {
  const root = new ICAL.Component(ICAL.parse(text));
  const timezones: string[] = [];
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(tz, tz.tzid);
    timezones.push(tz.tzid);
  }
  const props: Record<string, string> = {};
  for (const p of root.getAllProperties()) props[p.name.toUpperCase()] = String(p.getFirstValue());

  const vevents = root.getAllSubcomponents('vevent');
  const masters = new Map<string, InstanceType<typeof ICAL.Event>>();
  const exceptions: InstanceType<typeof ICAL.Component>[] = [];
  for (const c of vevents) {
    if (c.hasProperty('recurrence-id')) exceptions.push(c);
    else {
      const uid = String(c.getFirstPropertyValue('uid'));
      if (masters.has(uid)) throw new Error(`two master VEVENTs with UID ${uid}`);
      masters.set(uid, new ICAL.Event(c));
    }
  }
  for (const c of exceptions) {
    const uid = String(c.getFirstPropertyValue('uid'));
    const master = masters.get(uid);
    if (!master) throw new Error(`override without a master: ${uid}`);
    master.relateException(c);
  }

  const events: ReadEvent[] = [];
  const describe = (
    item: InstanceType<typeof ICAL.Event>,
    start: InstanceType<typeof ICAL.Time>,
    end: InstanceType<typeof ICAL.Time> | null,
    recurrenceId: string | null,
    fromOverride: boolean,
  ): ReadEvent => ({
    uid: item.uid,
    recurrenceId,
    start: start.toJSDate(),
    // The end the event states (DTEND or DURATION); null when it states none.
    end: end && (item.component.hasProperty('dtend') || item.component.hasProperty('duration')) ? end.toJSDate() : null,
    localStart: localOf(start),
    zone: zoneOf(start),
    summary: item.summary ?? '',
    description: item.description ?? '',
    location: item.location ?? '',
    status: (item.component.getFirstPropertyValue('status') as string | null) ?? null,
    sequence: item.sequence ?? 0,
    fromOverride,
  });

  for (const event of masters.values()) {
    if (!event.isRecurring()) {
      const e = describe(event, event.startDate, event.endDate, null, true);
      if (e.start >= from && e.start <= to) events.push(e);
      continue;
    }
    const it = event.iterator();
    for (let next = it.next(), n = 0; next; next = it.next(), n++) {
      if (n > 20000) throw new Error(`runaway recurrence ${event.uid}`);
      const details = event.getOccurrenceDetails(next);
      const original = details.recurrenceId;
      if (original.toJSDate() > new Date(to.getTime() + 400 * 86_400_000)) break;
      const isOverride = details.item !== event;
      const e = describe(details.item, details.startDate, details.endDate, localOf(original), isOverride);
      if (e.start >= from && e.start <= to) events.push(e);
    }
  }
  events.sort((a, b) => a.start.getTime() - b.start.getTime() || (a.uid < b.uid ? -1 : 1));
  return { props, timezones, components: vevents.length, events };
}

/** Start of a local date in a zone, as an instant. */
export function startOfDay(date: string, zone = 'Asia/Ho_Chi_Minh'): Date {
  return DateTime.fromISO(date, { zone }).toJSDate();
}

/** End of a local date in a zone, as an instant. */
export function endOfDay(date: string, zone = 'Asia/Ho_Chi_Minh'): Date {
  return DateTime.fromISO(date, { zone }).endOf('day').toJSDate();
}

/** Every physical line of the text, checked for RFC 5545 folding: at most 75 octets, CRLF-terminated. */
export function physicalLines(text: string): string[] {
  if (!text.endsWith('\r\n')) throw new Error('the text does not end with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines)
    if (line.includes('\n') || line.includes('\r')) throw new Error(`bare line break in ${JSON.stringify(line)}`);
  return lines;
}

/** Unfolds content lines (RFC 5545 §3.1). */
export function unfold(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l.length > 0);
}
