/**
 * Events other components add to private feeds (the directives component: deadlines of an
 * agency's or an official's directives). They are read with the schedule snapshot (loader.ts),
 * so they are as fresh as the schedule version the writes bump, and planned into the feeds of
 * the subjects they name only: public feeds never show them.
 */
import type { EventSpec, ExtraFeedEvent, FeedOptions, FeedSubject, FeedWindow } from './types';

// The type lives in types.ts (shared by the plan without an import cycle); its users import it from here.
export type { ExtraFeedEvent } from './types';

/** Reads the extra events of a window (all subjects). */
export type ExtraEventSource = (window: FeedWindow) => Promise<ExtraFeedEvent[]>;

/**
 * The extra events a feed shows: those naming its subject, not a body's (public) feed, not a feed
 * narrowed to kinds of meeting, starting within the window.
 */
export function extraEventsFor(
  events: ExtraFeedEvent[] | undefined,
  subject: FeedSubject,
  options: FeedOptions,
  window: FeedWindow,
): EventSpec[] {
  if (!events?.length || subject.kind === 'body' || options.kinds.length) return [];
  return events
    .filter((e) => e.subjects.some((s) => s.kind === subject.kind && s.code === subject.code))
    .filter((e) => e.event.start.slice(0, 10) >= window.from && e.event.start.slice(0, 10) <= window.to)
    .map((e) => ({ ...e.event, alarmMinutes: options.alarmMinutes }));
}
