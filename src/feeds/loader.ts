/**
 * Reads the schedule feeds are built from: one snapshot of every body's series, overrides,
 * meetings and agenda items around the feed window, with the organisation and the calendar
 * adjustments, in two database round trips. The service keeps the snapshot of the current
 * schedule version, so after an edit the first feed asked for reads the database once and every
 * other feed of that version is built from memory. `dataFor` narrows a snapshot to one feed.
 */
import type { AgendaRepository } from '../agenda/repository';
import type { AdjustmentRepository } from '../calendar/adjustments';
import { WorkingCalendar } from '../calendar/working-days';
import { addDays } from '../shared/wording';
import { expandRule } from '../meetings/recurrence';
import type { MeetingRepository } from '../meetings/repository';
import { occurrenceId } from '../meetings/types';
import { loadDirectory } from '../meetings/views';
import type { OrganisationRepositories } from '../organisation/repository';
import { NotFoundError } from '../shared/errors';
import type { FeedData, FeedSubject, FeedWindow } from './types';
import type { ExtraEventSource } from './extra-events';
import { ExpansionMemo } from './memo';

export interface FeedLoaderDeps {
  meetingRepo: MeetingRepository;
  agendaRepo: AgendaRepository;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  /** Events of other components for private feeds (set with the feeds service's `useEventSource`). */
  extraEvents?: ExtraEventSource | undefined;
}

/** Must cover the planner's padding (holiday moves reach into the window from outside it). */
const ID_PADDING_DAYS = 45;

/** Rule instances by series version and dates (see memo.ts): unchanged series are not expanded again. */
const ruleInstances = new ExpansionMemo<string[]>();

/**
 * Everything every feed of the window needs, for all bodies. Without `extraEvents: true` the
 * other components' events (private feeds only) are left out: the service loads them apart.
 */
export async function loadSchedule(
  deps: FeedLoaderDeps,
  window: FeedWindow,
  load: { extraEvents?: boolean } = { extraEvents: true },
): Promise<FeedData> {
  const [series, meetings, directory, adjustments] = await Promise.all([
    deps.meetingRepo.listSeries(),
    deps.meetingRepo.listMeetings({ fromDate: window.from, toDate: window.to }),
    loadDirectory(deps.orgRepos),
    deps.adjustments.list(),
  ]);
  // Agenda items of every occurrence a feed may show: the rule's instances around the window,
  // the meetings, and any overridden occurrence (an override can bring one in from anywhere).
  const ids = new Set(meetings.map((m) => m.id));
  const [from, to] = [addDays(window.from, -ID_PADDING_DAYS), addDays(window.to, ID_PADDING_DAYS)];
  for (const s of series) {
    for (const start of ruleInstances.get(`${ExpansionMemo.seriesKey(s)}|${from}|${to}`, () => expandRule(s, from, to)))
      ids.add(occurrenceId(s.id, start));
  }
  const [overrides, items] = await Promise.all([
    deps.meetingRepo.listOverrides(series.map((s) => s.id)),
    deps.agendaRepo.listByOccurrences([...ids]),
  ]);
  const missing = overrides.map((o) => o.occurrenceId).filter((id) => !ids.has(id));
  if (missing.length) items.push(...(await deps.agendaRepo.listByOccurrences(missing)));
  const extraEvents = deps.extraEvents && load.extraEvents ? await deps.extraEvents(window) : [];
  return {
    series,
    overrides,
    meetings,
    items,
    directory,
    calendar: new WorkingCalendar(adjustments),
    adjustments,
    expansions: new Map(),
    extraEvents,
  };
}

/** The part of a snapshot one feed reads; NotFound when its body, official or agency is unknown. */
export function dataFor(schedule: FeedData, subject: FeedSubject): FeedData {
  const { directory } = schedule;
  const known =
    subject.kind === 'body' ? directory.bodies : subject.kind === 'official' ? directory.officials : directory.agencies;
  if (!known.has(subject.code))
    throw new NotFoundError(
      subject.kind === 'body' ? 'Body' : subject.kind === 'official' ? 'Official' : 'Agency',
      subject.code,
    );
  if (subject.kind !== 'body') return schedule;
  return {
    ...schedule,
    series: schedule.series.filter((s) => s.bodyCode === subject.code),
    meetings: schedule.meetings.filter((m) => m.bodyCode === subject.code),
  };
}
