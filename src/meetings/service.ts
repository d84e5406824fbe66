import { loadWorkingCalendar, type AdjustmentRepository } from '../calendar/adjustments';
import type { WorkingCalendar } from '../calendar/working-days';
import type { OrganisationService, References } from '../organisation/service';
import type { OrganisationRepositories } from '../organisation/repository';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/db';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { runWithIntent, type IntentRepository } from '../shared/intents';
import { addDays } from '../shared/wording';
import { expandSeries, meetingToOccurrence, mergeOccurrences } from './occurrences';
import { expandRule } from './recurrence';
import type { MeetingRepository } from './repository';
import type { DetailsInput, ExtraSessionInput, MeetingInput, MoveInput, SeriesInput, SeriesPatch } from './schemas';
import { parseOccurrenceId, type Attendees, type Meeting, type Occurrence, type Series } from './types';

export interface MeetingsDeps {
  repo: MeetingRepository;
  organisation: Pick<OrganisationService, 'assertReferences'>;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  intents: IntentRepository;
  clock: Clock;
  defaultTimeZone: string;
  /**
   * Told after occurrences changed (moved, cancelled, restored, own details, a rule or the working
   * calendar): the agenda re-times its documents-due dates. Wired by the composition root, so
   * meetings never imports the components above it (as organisation's `onChange`). It runs inside
   * the change's intent and again from the completion pass after a crash: it must be idempotent.
   */
  onOccurrencesChanged?: (change: OccurrencesChange) => Promise<void>;
}

/** Which occurrences changed: some by id, or all of them. */
export interface OccurrencesChange {
  occurrenceIds?: string[];
  all?: boolean;
}

/**
 * Intent kind of a change to occurrences: tell `onOccurrencesChanged`, then bump the schedule
 * version. The stored name is the historical 'due-dates' (intents written before are still completed).
 */
export const OCCURRENCES_CHANGED_INTENT = 'due-dates';

/** The change an intent's stored payload names. */
function changeOf(payload: Record<string, unknown>): OccurrencesChange {
  const ids = payload.occurrenceIds;
  return { all: payload.all === true, occurrenceIds: Array.isArray(ids) ? ids.map(String) : [] };
}

export interface Window {
  from: string;
  to: string;
  bodyCode?: string | undefined;
}

export type MeetingsService = ReturnType<typeof meetingsService>;

/** Use cases of meeting series, one-off meetings and single occurrences. */
export function meetingsService(deps: MeetingsDeps) {
  const { repo, organisation, adjustments } = deps;

  function referencesOf(input: {
    bodyCode?: string;
    chairCode?: string | null;
    attendees?: Attendees | null;
  }): References {
    return {
      ...(input.bodyCode ? { bodyCode: { field: 'bodyCode', code: input.bodyCode } } : {}),
      officials: [
        ...(input.chairCode ? [{ field: 'chairCode', code: input.chairCode }] : []),
        ...(input.attendees?.officials ?? []).map((c, i) => ({ field: `attendees.officials.${i}`, code: c })),
      ],
      agencies: (input.attendees?.agencies ?? []).map((c, i) => ({ field: `attendees.agencies.${i}`, code: c })),
    };
  }

  async function timeZoneFor(bodyCode: string, given?: string): Promise<string> {
    if (given) return given;
    return (await deps.orgRepos.bodies.get(bodyCode))?.timeZone ?? deps.defaultTimeZone;
  }

  /** Every occurrence (rule-generated and one-off) whose actual local date is in the window. */
  async function occurrencesIn(window: Window, calendar?: WorkingCalendar): Promise<Occurrence[]> {
    const cal = calendar ?? (await loadWorkingCalendar(adjustments));
    const series = await repo.listSeries(window.bodyCode ? { bodyCode: window.bodyCode } : {});
    const overrides = await repo.listOverrides(series.map((s) => s.id));
    const bySeries = new Map<string, typeof overrides>();
    for (const o of overrides) bySeries.set(o.seriesId, [...(bySeries.get(o.seriesId) ?? []), o]);
    const generated = series.map((s) =>
      expandSeries(s, bySeries.get(s.id) ?? [], { from: window.from, to: window.to }, cal),
    );
    const meetings = await repo.listMeetings({
      fromDate: window.from,
      toDate: window.to,
      ...(window.bodyCode ? { bodyCode: window.bodyCode } : {}),
    });
    return mergeOccurrences([...generated, meetings.map(meetingToOccurrence)]);
  }

  /** Finds one occurrence by id, or throws NotFound. */
  async function getOccurrence(id: string, calendar?: WorkingCalendar): Promise<Occurrence> {
    const meeting = await repo.getMeeting(id);
    if (meeting) return meetingToOccurrence(meeting);
    const parsed = parseOccurrenceId(id);
    const series = parsed ? await repo.getSeries(parsed.seriesId) : null;
    if (!parsed || !series) throw new NotFoundError('Occurrence', id);
    const originalDate = parsed.originalLocalStart.slice(0, 10);
    if (!expandRule(series, originalDate, originalDate).includes(parsed.originalLocalStart))
      throw new NotFoundError('Occurrence', id);
    const override = await repo.getOverride(id);
    const actualDate = override?.start?.slice(0, 10) ?? originalDate;
    const [lo, hi] = [originalDate, actualDate].sort() as [string, string];
    const cal = calendar ?? (await loadWorkingCalendar(adjustments));
    const found = expandSeries(
      series,
      override ? [override] : [],
      { from: addDays(lo, -40), to: addDays(hi, 40) },
      cal,
    ).find((o) => o.id === id);
    if (!found) throw new NotFoundError('Occurrence', id);
    return found;
  }

  /** The idempotent work behind an occurrences-changed intent (also the completion pass's handler). */
  async function completeChange(change: OccurrencesChange): Promise<void> {
    await deps.onOccurrencesChanged?.(change);
    await repo.bumpScheduleVersion();
  }

  /** Records the intent, does the work, then completes the change (see src/shared/intents.ts). */
  function withChange<T>(change: OccurrencesChange, work: () => Promise<T>): Promise<T> {
    return runWithIntent(deps.intents, OCCURRENCES_CHANGED_INTENT, { ...change }, async () => {
      const result = await work();
      await completeChange(change);
      return result;
    });
  }

  /**
   * Writes one change of an occurrence (one document: an override or a one-off meeting), then
   * tells `onOccurrencesChanged` (the agenda re-times its items' due dates). The intent recorded
   * first lets any instance finish if this process dies half-way.
   */
  async function changeOccurrence(id: string, write: () => Promise<unknown>): Promise<Occurrence> {
    await withChange({ occurrenceIds: [id] }, write);
    return getOccurrence(id);
  }

  async function seriesOrThrow(id: string): Promise<Series> {
    const series = await repo.getSeries(id);
    if (!series) throw new NotFoundError('Series', id);
    return series;
  }

  return {
    occurrencesIn,
    getOccurrence,
    /** After a working-calendar change: every occurrence may move (holiday policy), so every due date may. */
    calendarChanged: () => withChange({ all: true }, () => Promise.resolve(undefined)),
    /** Handlers of the completion pass (src/shared/intents.ts) for this component's intents. */
    intentHandlers: {
      [OCCURRENCES_CHANGED_INTENT]: (p: Record<string, unknown>) => completeChange(changeOf(p)),
    },
    scheduleVersion: () => repo.scheduleVersion(),

    listSeries: (bodyCode?: string) => repo.listSeries(bodyCode ? { bodyCode } : {}),
    getSeries: seriesOrThrow,

    async createSeries(input: SeriesInput): Promise<Series> {
      await organisation.assertReferences(referencesOf(input));
      const id = input.id ?? newId('series');
      if (await repo.getSeries(id))
        throw new ConflictError(`Series '${id}' already exists.`, [{ field: 'id', problem: 'is already taken' }]);
      const { id: _ignored, ...rest } = input;
      const series = await repo.createSeries({
        ...rest,
        id,
        timeZone: await timeZoneFor(input.bodyCode, input.timeZone),
        warnings: [],
      });
      await repo.bumpScheduleVersion();
      return series;
    },

    /** Optimistic: the patch applies to the series as read (its SEQUENCE), else 409 after a few tries. */
    async updateSeries(id: string, patch: SeriesPatch): Promise<Series> {
      await organisation.assertReferences(referencesOf(patch));
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await seriesOrThrow(id);
        const merged = { ...current, ...patch };
        if (merged.endDate && merged.endDate < merged.startDate)
          throw ValidationError.field('endDate', 'must not be before startDate');
        // The rule or time may have changed: every occurrence of the series may have moved.
        const updated = await runWithIntent(deps.intents, OCCURRENCES_CHANGED_INTENT, { all: true }, async () => {
          const written = await repo.updateSeries(id, patch, current.sequence);
          if (written) await completeChange({ all: true });
          return written;
        });
        if (updated) return updated;
      }
      throw new ConflictError(`Series '${id}' is being changed by someone else; try again.`);
    },

    /** A one-off meeting, or (with `seriesId`) an extra session; `timeAssumed` when its time is an estimate inherited from the series. */
    async createMeeting(
      input: MeetingInput,
      seriesId: string | null = null,
      extra: { timeAssumed?: boolean } = {},
    ): Promise<Meeting> {
      await organisation.assertReferences(referencesOf(input));
      const id = input.id ?? newId('meeting');
      if (await repo.getMeeting(id))
        throw new ConflictError(`Meeting '${id}' already exists.`, [{ field: 'id', problem: 'is already taken' }]);
      const meeting = await repo.createMeeting({
        id,
        seriesId,
        title: input.title,
        kind: input.kind,
        bodyCode: input.bodyCode,
        chairCode: input.chairCode,
        attendees: input.attendees,
        location: input.location,
        start: `${input.date}T${input.time}`,
        durationMinutes: input.durationMinutes,
        timeZone: await timeZoneFor(input.bodyCode, input.timeZone),
        cancelled: false,
        reason: null,
        originalStart: null,
        description: input.description,
        warnings: [],
        ...(extra.timeAssumed ? { timeAssumed: true } : {}),
      });
      await repo.bumpScheduleVersion();
      return meeting;
    },

    /** An extra session of a series (phiên họp bổ sung): a meeting that inherits the series' details. */
    async addExtraSession(seriesId: string, input: ExtraSessionInput): Promise<Meeting> {
      const s = await seriesOrThrow(seriesId);
      return this.createMeeting(
        {
          title: input.title ?? s.title,
          kind: s.kind,
          bodyCode: s.bodyCode,
          chairCode: s.chairCode,
          attendees: s.attendees,
          location: input.location ?? s.location,
          date: input.date,
          time: input.time ?? s.startTime,
          durationMinutes: input.durationMinutes ?? s.durationMinutes,
          timeZone: s.timeZone,
          description: input.reason ? `${s.description}${s.description ? '\n' : ''}${input.reason}` : s.description,
        },
        seriesId,
        { timeAssumed: input.time === undefined && s.timeAssumed === true },
      );
    },

    async moveOccurrence(id: string, input: MoveInput): Promise<Occurrence> {
      const occ = await getOccurrence(id);
      const start = `${input.date}T${input.time ?? occ.localStart.slice(11, 16)}`;
      return changeOccurrence(id, async () => {
        if (occ.meetingId) {
          const meeting = (await repo.getMeeting(occ.meetingId))!;
          await repo.updateMeeting(meeting.id, {
            start,
            originalStart: meeting.originalStart ?? meeting.start,
            cancelled: false,
            reason: input.reason,
            ...(input.durationMinutes !== undefined ? { durationMinutes: input.durationMinutes } : {}),
            ...(input.location !== undefined ? { location: input.location } : {}),
          });
        } else {
          await repo.upsertOverride(
            { occurrenceId: id, seriesId: occ.seriesId!, originalStart: occ.originalLocalStart },
            {
              start,
              cancelled: false,
              reason: input.reason,
              ...(input.durationMinutes !== undefined ? { durationMinutes: input.durationMinutes } : {}),
              ...(input.location !== undefined ? { location: input.location } : {}),
            },
          );
        }
      });
    },

    async cancelOccurrence(id: string, reason: string): Promise<Occurrence> {
      const occ = await getOccurrence(id);
      return changeOccurrence(id, async () => {
        if (occ.meetingId) await repo.updateMeeting(occ.meetingId, { cancelled: true, reason });
        else
          await repo.upsertOverride(
            { occurrenceId: id, seriesId: occ.seriesId!, originalStart: occ.originalLocalStart },
            { cancelled: true, reason },
          );
      });
    },

    /** Undoes a cancellation (the occurrence keeps any move). */
    async restoreOccurrence(id: string): Promise<Occurrence> {
      const occ = await getOccurrence(id);
      if (occ.status !== 'cancelled') throw new ConflictError(`Occurrence '${id}' is not cancelled.`);
      return changeOccurrence(id, async () => {
        if (occ.meetingId) await repo.updateMeeting(occ.meetingId, { cancelled: false, reason: null });
        else
          await repo.upsertOverride(
            { occurrenceId: id, seriesId: occ.seriesId!, originalStart: occ.originalLocalStart },
            { cancelled: false, reason: null },
          );
      });
    },

    /** Own title, description, place or attendees for one occurrence (null resets to the series'). */
    async updateOccurrenceDetails(id: string, input: DetailsInput): Promise<Occurrence> {
      const occ = await getOccurrence(id);
      await organisation.assertReferences(referencesOf({ attendees: input.attendees ?? null }));
      if (occ.meetingId) {
        const patch: Partial<Meeting> = {};
        if (input.title) patch.title = input.title;
        if (input.description !== undefined) patch.description = input.description ?? '';
        if (input.location !== undefined) patch.location = input.location ?? '';
        if (input.attendees) patch.attendees = input.attendees;
        return changeOccurrence(id, () => repo.updateMeeting(occ.meetingId!, patch));
      }
      return changeOccurrence(id, () =>
        repo.upsertOverride(
          { occurrenceId: id, seriesId: occ.seriesId!, originalStart: occ.originalLocalStart },
          input,
        ),
      );
    },

    /** Adds occurrence-level warnings (e.g. kept from an imported document); `$addToSet`, so nothing is lost to a concurrent write. */
    async addOccurrenceWarnings(id: string, warnings: string[]): Promise<void> {
      const occ = await getOccurrence(id);
      if (occ.meetingId) await repo.addMeetingWarnings(occ.meetingId, warnings);
      else
        await repo.addOverrideWarnings(
          { occurrenceId: id, seriesId: occ.seriesId!, originalStart: occ.originalLocalStart },
          warnings,
        );
      await repo.bumpScheduleVersion();
    },
  };
}
