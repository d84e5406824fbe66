/**
 * Plain types of the feeds component: who a feed is for, how it is asked for, the data it is
 * built from, and the plan (VEVENT specifications) it becomes. The builder (`plan.ts`, `render.ts`)
 * is a pure function of these. A leaf of the component: it imports no other module of src/feeds, so
 * the builder's modules can all share it without import cycles.
 */
import type { AgendaItem } from '../agenda/types';
import type { StoredAdjustment } from '../calendar/adjustments';
import type { DayOffLookup } from '../meetings/occurrences';
import type { Meeting, MeetingKind, Occurrence, OccurrenceOverride, Series } from '../meetings/types';
import type { Directory } from '../meetings/views';

/** Whose meetings a feed shows. */
export type FeedSubject =
  /** Public feed of a body (`/feeds/public/<body>.ics`). */
  | { kind: 'body'; code: string }
  /** "My meetings" of an official: what they chair or attend. */
  | { kind: 'official'; code: string }
  /** "What we prepare" of an agency: meetings it attends or prepares items for, plus documents-due events. */
  | { kind: 'agency'; code: string };

export const CANCELLED_MODES = ['hide', 'show'] as const;
export type CancelledMode = (typeof CANCELLED_MODES)[number];

/** Per-request options, from the query string (see `schemas.ts`). */
export interface FeedOptions {
  /** Only these kinds of meeting; empty = all. */
  kinds: MeetingKind[];
  /** One plain VEVENT per occurrence instead of RRULE + overrides. */
  expand: boolean;
  /** hide: EXDATE (or left out when expanded); show: STATUS:CANCELLED events titled "[HỦY] …". */
  cancelled: CancelledMode;
  /** VALARM this many minutes before the start, or null for none. */
  alarmMinutes: number | null;
}

export const DEFAULT_OPTIONS: FeedOptions = { kinds: [], expand: false, cancelled: 'hide', alarmMinutes: null };

/** The local dates a feed covers (inclusive), and the key that names it in caches. */
export interface FeedWindow {
  from: string;
  to: string;
  /** Changes only when the window moves, e.g. `2023-05` for a month-snapped window. */
  key: string;
  /** The current month `YYYY-MM` (links to the monthly schedule page). */
  month: string;
  /** The instant the window last moved: Last-Modified is never earlier than this. */
  since: Date;
  /** The instant it moves next. */
  until: Date;
}

/** Everything a feed is built from, read once from the database. */
export interface FeedData {
  series: Series[];
  overrides: OccurrenceOverride[];
  /** One-off meetings and extra sessions whose actual local start date is in the window. */
  meetings: Meeting[];
  /** Agenda items of the occurrences concerned (may hold more; unknown occurrence ids are ignored). */
  items: AgendaItem[];
  directory: Directory;
  calendar: DayOffLookup;
  adjustments: StoredAdjustment[];
  /**
   * Series expansions already computed from this data, keyed by series id and window: the feeds
   * built from one snapshot (a public feed, each official's, each agency's) expand each series once.
   */
  expansions?: Map<string, Occurrence[]>;
  /** Events of other components for private feeds (directives' deadlines; see extra-events.ts). */
  extraEvents?: ExtraFeedEvent[];
}

/** Settings the builder needs (from config). */
export interface FeedBuildSettings {
  publicBaseUrl: string;
  defaultTimeZone: string;
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL, in minutes. */
  refreshMinutes: number;
}

/** One VEVENT. Local date-times are wall-clock values in `zone` (written with TZID). */
export interface EventSpec {
  uid: string;
  zone: string;
  start: string;
  /**
   * The end; equal to `start` for an instant (a documents-due time), written DURATION:PT0S. Null
   * (no DTEND, no DURATION) is never planned: strict readers want every event to state its end.
   */
  end: string | null;
  /** The instants of `start` and `end`. */
  startUtc: Date;
  endUtc: Date | null;
  recurrenceId: string | null;
  /** RRULE value, or null. */
  rrule: string | null;
  exdates: string[];
  summary: string;
  description: string;
  location: string;
  organizer: { name: string; email: string } | null;
  url: string | null;
  sequence: number;
  /** DTSTAMP and LAST-MODIFIED: when this event's data last changed. */
  stamp: Date;
  cancelled: boolean;
  /** TRANSP:TRANSPARENT (does not block time). */
  transparent: boolean;
  alarmMinutes: number | null;
}

export interface CalendarSpec {
  name: string;
  description: string;
  timeZone: string;
  refreshMinutes: number;
  events: EventSpec[];
}

/** An event another component adds to private feeds (see extra-events.ts, which reads and filters them). */
export interface ExtraFeedEvent {
  /** The private feeds that show it. */
  subjects: { kind: 'agency' | 'official'; code: string }[];
  /** The event; its alarm comes from the feed's options. */
  event: Omit<EventSpec, 'alarmMinutes'>;
}
