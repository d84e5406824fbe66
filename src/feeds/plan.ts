/**
 * What a feed contains, decided from the data: a list of VEVENT specifications (plain objects),
 * rendered to iCalendar text by `render.ts`. Pure: no clock, no I/O; the same data, subject,
 * options and window always give the same plan.
 *
 * A series becomes one VEVENT with an RRULE bounded to the instances the feed shows, EXDATEs for
 * the instances it does not show (cancelled, skipped for a holiday, or not the subject's), and an
 * override VEVENT (same UID, RECURRENCE-ID = the original start) for each shown instance that
 * differs from the rule: moved (by hand or by the holiday policy), with its own details, or with
 * an agenda. One-off meetings and extra sessions are VEVENTs of their own.
 */
import type { AgendaItem } from '../agenda/types';
import { expandedUid, meetingUid, seriesUid, UID_DOMAIN } from '../meetings/ical-ids';
import { datePart, localToUtc } from '../meetings/local-time';
import { addDays } from '../shared/wording';
import { expandSeries, meetingToOccurrence } from '../meetings/occurrences';
import { expandRule } from '../meetings/recurrence';
import { occurrenceId, type Occurrence, type OccurrenceOverride, type Series } from '../meetings/types';
import type { Directory } from '../meetings/views';
import { feedRrule } from './rrule-text';
import { calendarTitles, dueTexts, eventSummary, nfc, occurrenceDescription, seriesDescription } from './text';
import type {
  CalendarSpec,
  EventSpec,
  FeedBuildSettings,
  FeedData,
  FeedOptions,
  FeedSubject,
  FeedWindow,
} from './types';
import { wallClock } from './zoned';
import { extraEventsFor } from './extra-events';
import { ExpansionMemo } from './memo';

/** How far beyond the window occurrences are looked for (holiday moves stay well within it). */
const PADDING_DAYS = 40;
/** Farthest a holiday policy moves an occurrence (Tết and its weekends: about 10 days). */
const HOLIDAY_REACH_DAYS = 15;

/** UID of an agency's documents-due event for one occurrence. */
export function dueUid(occurrenceId: string, agencyCode: string): string {
  return `due_${occurrenceId}_${agencyCode}@${UID_DOMAIN}`;
}

/**
 * Links back to the service: the public weekly schedule page (`/lich/<body>/tuan/<YYYY-Www>`, from
 * the publishing component) of the week a meeting takes place in; for a series' master event, the
 * body's monthly page of the feed's current month.
 */
export function weekPageUrl(base: string, bodyCode: string, localDate: string): string {
  return `${base}/lich/${encodeURIComponent(bodyCode)}/tuan/${isoWeek(localDate)}`;
}

export function monthPageUrl(base: string, bodyCode: string, month: string): string {
  return `${base}/lich/${encodeURIComponent(bodyCode)}/thang/${month}`;
}

/** ISO week of a local date. @example isoWeek('2023-05-23') === '2023-W21'; isoWeek('2021-01-03') === '2020-W53' */
export function isoWeek(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7)); // the Thursday of its week
  const week = Math.ceil(((day.getTime() - Date.UTC(day.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function latest(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/**
 * Builds the plan of a feed.
 * @example planFeed(data, { kind: 'body', code: 'ubnd' }, DEFAULT_OPTIONS, window, settings).events.length
 */
export function planFeed(
  data: FeedData,
  subject: FeedSubject,
  options: FeedOptions,
  window: FeedWindow,
  settings: FeedBuildSettings,
): CalendarSpec {
  const ctx = new Planner(data, subject, options, window, settings);
  const blocks: EventSpec[][] = [];
  const shown: Occurrence[] = [];
  for (const series of [...data.series].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const planned = ctx.planSeries(series);
    blocks.push(...planned.blocks);
    shown.push(...planned.shown);
  }
  for (const meeting of data.meetings) {
    const occ = meetingToOccurrence(meeting);
    if (!ctx.inWindow(occ) || !ctx.shows(occ)) continue;
    blocks.push([ctx.occurrenceEvent(occ, meetingUid(meeting.id), null)]);
    shown.push(occ);
  }
  if (subject.kind === 'agency') blocks.push(...ctx.dueEvents(shown, subject.code).map((e) => [e]));
  blocks.push(...extraEventsFor(data.extraEvents, subject, options, window).map((e) => [e])); // directives' deadlines (private feeds only)

  blocks.sort(
    (a, b) =>
      a[0]!.startUtc.getTime() - b[0]!.startUtc.getTime() ||
      (a[0]!.uid < b[0]!.uid ? -1 : a[0]!.uid > b[0]!.uid ? 1 : 0),
  );
  const titles = calendarTitles(subject, options.kinds, data.directory, window);
  const zone =
    subject.kind === 'body'
      ? (data.directory.bodies.get(subject.code)?.timeZone ?? settings.defaultTimeZone)
      : settings.defaultTimeZone;
  return { ...titles, timeZone: zone, refreshMinutes: settings.refreshMinutes, events: blocks.flat() };
}

class Planner {
  private readonly itemsByOcc = new Map<string, AgendaItem[]>();
  private readonly overridesBySeries = new Map<string, OccurrenceOverride[]>();
  private readonly dir: Directory;

  constructor(
    private readonly data: FeedData,
    private readonly subject: FeedSubject,
    private readonly options: FeedOptions,
    private readonly window: FeedWindow,
    private readonly settings: FeedBuildSettings,
  ) {
    this.dir = data.directory;
    for (const item of data.items) {
      const list = this.itemsByOcc.get(item.occurrenceId);
      if (list) list.push(item);
      else this.itemsByOcc.set(item.occurrenceId, [item]);
    }
    for (const o of data.overrides) {
      const list = this.overridesBySeries.get(o.seriesId);
      if (list) list.push(o);
      else this.overridesBySeries.set(o.seriesId, [o]);
    }
  }

  items(occ: Occurrence): AgendaItem[] {
    return this.itemsByOcc.get(occ.id) ?? [];
  }

  inWindow(occ: Occurrence): boolean {
    const date = datePart(occ.localStart);
    return date >= this.window.from && date <= this.window.to;
  }

  /** Whether the subject's feed concerns this occurrence (whatever its status). */
  concerns(occ: Occurrence): boolean {
    if (this.options.kinds.length && !this.options.kinds.includes(occ.kind)) return false;
    const s = this.subject;
    switch (s.kind) {
      case 'body':
        return occ.bodyCode === s.code;
      case 'official':
        return occ.chairCode === s.code || occ.attendees.officials.includes(s.code);
      case 'agency':
        return (
          occ.attendees.agencies.includes(s.code) ||
          this.items(occ).some((i) => i.preparingAgencies.some((a) => a.code === s.code))
        );
    }
  }

  /** Whether the feed shows the occurrence: it concerns the subject and is not a hidden cancellation. */
  shows(occ: Occurrence): boolean {
    return this.concerns(occ) && (occ.status !== 'cancelled' || this.options.cancelled === 'show');
  }

  /** When an occurrence's data last changed: its own, its items', and official calendar decisions that moved it. */
  stampOf(occ: Occurrence): Date {
    const dates = [occ.updatedAt, ...this.items(occ).map((i) => i.updatedAt)];
    if (occ.holiday) {
      const days = [occ.holiday.originalDate, datePart(occ.localStart)];
      for (const a of this.data.adjustments) {
        const touches = a.date
          ? days.includes(a.date)
          : days.some((d) => !!a.from && !!a.to && d >= a.from && d <= a.to);
        if (touches) dates.push(a.createdAt);
      }
    }
    return latest(...dates);
  }

  private organizer(chairCode: string | null): EventSpec['organizer'] {
    const chair = chairCode ? this.dir.officials.get(chairCode) : undefined;
    return chair?.email ? { name: nfc(chair.name), email: chair.email } : null;
  }

  /** A VEVENT showing one occurrence as it takes place (an override when `recurrenceId` is set). */
  occurrenceEvent(occ: Occurrence, uid: string, recurrenceId: string | null): EventSpec {
    const cancelled = occ.status === 'cancelled';
    const url = weekPageUrl(this.settings.publicBaseUrl, occ.bodyCode, datePart(occ.localStart));
    return {
      uid,
      zone: occ.timeZone,
      start: occ.localStart,
      end: wallClock(occ.endUtc, occ.timeZone),
      startUtc: occ.startUtc,
      endUtc: occ.endUtc,
      recurrenceId,
      rrule: null,
      exdates: [],
      summary: eventSummary(occ.title, cancelled),
      description: occurrenceDescription(occ, this.items(occ), this.dir, url),
      location: nfc(occ.location),
      organizer: this.organizer(occ.chairCode),
      url,
      sequence: occ.sequence,
      stamp: this.stampOf(occ),
      cancelled,
      transparent: false,
      alarmMinutes: cancelled ? null : this.options.alarmMinutes,
    };
  }

  /** The occurrence generated at `original`, wherever it now takes place. */
  private occurrenceAt(series: Series, original: string, byOriginal: Map<string, Occurrence>): Occurrence | null {
    const found = byOriginal.get(original);
    if (found) return found;
    // Moved by hand far outside the padded window: look where the override put it.
    const id = occurrenceId(series.id, original);
    const override = (this.overridesBySeries.get(series.id) ?? []).find((o) => o.occurrenceId === id);
    if (!override?.start) return null;
    const day = datePart(override.start);
    return (
      expandSeries(series, [override], { from: day, to: day }, this.data.calendar).find((o) => o.id === id) ?? null
    );
  }

  private calendarKeyText: string | null = null;
  /** The calendar adjustments this plan's working calendar was built from (ids: adjustments are never edited). */
  private calendarKey(): string {
    return (this.calendarKeyText ??= this.data.adjustments.map((a) => a.id).join(','));
  }

  /** `expandSeries`, remembered in the data's `expansions` when it has them. */
  private expand(series: Series, overrides: OccurrenceOverride[], from: string, to: string): Occurrence[] {
    // Keyed by the series' and overrides' versions (memo.ts), so a map shared across schedule versions stays right.
    const key = `${ExpansionMemo.seriesKey(series)}|${ExpansionMemo.overridesKey(overrides)}|${this.calendarKey()}|${from}|${to}`;
    const known = this.data.expansions?.get(key);
    if (known) return known;
    const occurrences = expandSeries(series, overrides, { from, to }, this.data.calendar);
    this.data.expansions?.set(key, occurrences);
    return occurrences;
  }

  planSeries(series: Series): { blocks: EventSpec[][]; shown: Occurrence[] } {
    const { from, to } = this.window;
    const overrides = this.overridesBySeries.get(series.id) ?? [];
    const padded = this.expand(series, overrides, addDays(from, -PADDING_DAYS), addDays(to, PADDING_DAYS));

    if (this.options.expand) {
      const shown = padded.filter((o) => this.inWindow(o) && this.shows(o));
      return { blocks: shown.map((o) => [this.occurrenceEvent(o, expandedUid(o.id), null)]), shown };
    }

    // Every instance the rule generates in the padded window, wherever it now takes place: those
    // expanded above, and those moved by hand far away (an override says where).
    const padFrom = addDays(from, -PADDING_DAYS);
    const padTo = addDays(to, PADDING_DAYS);
    const byOriginal = new Map(padded.map((o) => [o.originalLocalStart, o]));
    for (const o of overrides) {
      const day = datePart(o.originalStart);
      if (day >= padFrom && day <= padTo && !byOriginal.has(o.originalStart)) {
        const occ = this.occurrenceAt(series, o.originalStart, byOriginal);
        if (occ) byOriginal.set(o.originalStart, occ);
      }
    }
    // The instances the feed speaks about: generated in the window, or taking place in it.
    const shown: Occurrence[] = [];
    for (const [original, occ] of [...byOriginal].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const day = datePart(original);
      if (((day >= from && day <= to) || this.inWindow(occ)) && this.shows(occ)) shown.push(occ);
    }
    if (shown.length === 0) return { blocks: [], shown };
    const uid = seriesUid(series.id);
    if (shown.length === 1) return { blocks: [[this.occurrenceEvent(shown[0]!, uid, null)]], shown };

    const first = shown[0]!.originalLocalStart;
    const last = shown[shown.length - 1]!.originalLocalStart;
    const shownOriginals = new Set(shown.map((o) => o.originalLocalStart));
    const within = (s: string) => s >= first && s <= last;
    // The rule's instances from first to last: known above when well inside the padded window
    // (an instance near its edge may have been moved out of it by a holiday), else from the rule.
    const known =
      datePart(first) >= addDays(padFrom, HOLIDAY_REACH_DAYS) && datePart(last) <= addDays(padTo, -HOLIDAY_REACH_DAYS);
    const instances = known
      ? [...byOriginal.keys()].filter(within).sort()
      : expandRule(series, datePart(first), datePart(last)).filter(within);
    const exdates = instances.filter((s) => !shownOriginals.has(s));
    let stamp = series.updatedAt;
    for (const s of exdates) {
      const occ = byOriginal.get(s);
      if (occ) stamp = latest(stamp, this.stampOf(occ));
    }
    const seriesUrl = monthPageUrl(this.settings.publicBaseUrl, series.bodyCode, this.window.month);
    const startUtc = localToUtc(first, series.timeZone);
    const endUtc = new Date(startUtc.getTime() + series.durationMinutes * 60_000);
    const master: EventSpec = {
      uid,
      zone: series.timeZone,
      start: first,
      end: wallClock(endUtc, series.timeZone),
      startUtc,
      endUtc,
      recurrenceId: null,
      rrule: feedRrule(series.rrule, series.startDate, localToUtc(last, series.timeZone)),
      exdates,
      summary: eventSummary(series.title, false),
      description: seriesDescription(series, this.dir, seriesUrl),
      location: nfc(series.location),
      organizer: this.organizer(series.chairCode),
      url: seriesUrl,
      sequence: series.sequence,
      stamp,
      cancelled: false,
      transparent: false,
      alarmMinutes: this.options.alarmMinutes,
    };
    const overridesOut = shown
      .filter((o) => this.differsFromRule(o, series))
      .map((o) => this.occurrenceEvent(o, uid, o.originalLocalStart));
    return { blocks: [[master, ...overridesOut]], shown };
  }

  /** An instance the master event alone would show wrongly (or too thinly). */
  private differsFromRule(occ: Occurrence, series: Series): boolean {
    return (
      occ.overridden ||
      occ.status !== 'scheduled' ||
      occ.localStart !== occ.originalLocalStart ||
      occ.sequence !== series.sequence ||
      this.items(occ).length > 0
    );
  }

  /** One event per shown occurrence with items the agency prepares: at the earliest due time of those items. */
  dueEvents(shown: Occurrence[], agencyCode: string): EventSpec[] {
    const events: EventSpec[] = [];
    for (const occ of shown) {
      if (occ.status === 'cancelled') continue;
      const items = this.items(occ).filter((i) => i.dueAt && i.preparingAgencies.some((a) => a.code === agencyCode));
      if (!items.length) continue;
      const due = new Date(Math.min(...items.map((i) => i.dueAt!.getTime())));
      const url = weekPageUrl(this.settings.publicBaseUrl, occ.bodyCode, datePart(occ.localStart));
      const texts = dueTexts(occ, items, agencyCode, this.dir, url);
      const at = wallClock(due, occ.timeZone);
      events.push({
        uid: dueUid(occ.id, agencyCode),
        zone: occ.timeZone,
        // An instant: it ends when it starts (DURATION:PT0S), the documents' deadline.
        start: at,
        end: at,
        startUtc: due,
        endUtc: due,
        recurrenceId: null,
        rrule: null,
        exdates: [],
        summary: texts.summary,
        description: texts.description,
        location: '',
        organizer: null,
        url,
        sequence: occ.sequence,
        stamp: latest(this.stampOf(occ), ...items.map((i) => i.updatedAt)),
        cancelled: false,
        transparent: true,
        alarmMinutes: this.options.alarmMinutes,
      });
    }
    return events;
  }
}
