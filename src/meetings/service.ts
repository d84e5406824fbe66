import type { AgendaRepository } from '../agenda/repository';
import { dueAt } from '../agenda/due';
import { loadWorkingCalendar, type AdjustmentRepository } from '../calendar/adjustments';
import type { WorkingCalendar } from '../calendar/working-days';
import type { OrganisationService, References } from '../organisation/service';
import type { OrganisationRepositories } from '../organisation/repository';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/db';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { runWithIntent, type IntentRepository } from '../shared/intents';
import { addDays } from './local-time';
import { expandSeries, meetingToOccurrence, mergeOccurrences } from './occurrences';
import { expandRule } from './recurrence';
import type { MeetingRepository } from './repository';
import type { DetailsInput, ExtraSessionInput, MeetingInput, MoveInput, SeriesInput, SeriesPatch } from './schemas';
import { parseOccurrenceId, type Attendees, type Meeting, type Occurrence, type Series } from './types';

export interface MeetingsDeps {
  repo: MeetingRepository;
  agenda: AgendaRepository;
  organisation: OrganisationService;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  intents: IntentRepository;
  clock: Clock;
  defaultTimeZone: string;
}

/** Intent kind: re-time the documents-due dates of some occurrences (or of all), then bump the schedule version. */
export const DUE_DATES_INTENT = 'due-dates';
export interface DueDatesPayload {
  occurrenceIds?: string[];
  all?: boolean;
}

/** How many times a re-timing re-reads its occurrences to catch a concurrent move. */
const RETIME_ROUNDS = 5;

export interface Window {
  from: string;
  to: string;
  bodyCode?: string | undefined;
}

export type MeetingsService = ReturnType<typeof meetingsService>;

/** Use cases of meeting series, one-off meetings and single occurrences. */
export function meetingsService(deps: MeetingsDeps) {
  const { repo, agenda, organisation, adjustments } = deps;

  function referencesOf(input: { bodyCode?: string; chairCode?: string | null; attendees?: Attendees | null }): References {
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
    const generated = series.map((s) => expandSeries(s, bySeries.get(s.id) ?? [], { from: window.from, to: window.to }, cal));
    const meetings = await repo.listMeetings({ fromDate: window.from, toDate: window.to, ...(window.bodyCode ? { bodyCode: window.bodyCode } : {}) });
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
    if (!expandRule(series, originalDate, originalDate).includes(parsed.originalLocalStart)) throw new NotFoundError('Occurrence', id);
    const override = await repo.getOverride(id);
    const actualDate = override?.start?.slice(0, 10) ?? originalDate;
    const [lo, hi] = [originalDate, actualDate].sort() as [string, string];
    const cal = calendar ?? (await loadWorkingCalendar(adjustments));
    const found = expandSeries(series, override ? [override] : [], { from: addDays(lo, -40), to: addDays(hi, 40) }, cal).find((o) => o.id === id);
    if (!found) throw new NotFoundError('Occurrence', id);
    return found;
  }

  /** Re-times the documents-due dates of the occurrences' items (those not fixed by hand). */
  async function recomputeDueDates(occurrences: Occurrence[], calendar: WorkingCalendar): Promise<void> {
    const items = await agenda.listByOccurrences(occurrences.map((o) => o.id));
    if (!items.length) return;
    const byId = new Map(occurrences.map((o) => [o.id, o]));
    const bodies = new Map((await deps.orgRepos.bodies.list()).map((b) => [b.code, b]));
    for (const item of items) {
      const occ = byId.get(item.occurrenceId)!;
      const due = dueAt(occ.localStart, occ.timeZone, bodies.get(occ.bodyCode)?.documentDueWorkingDays ?? 3, calendar);
      if (!item.dueAtFixed && item.dueAt?.getTime() !== due.getTime()) await agenda.setDueAt(item.id, due);
    }
  }

  /**
   * Re-times the due dates of these occurrences' items from their current times, then checks
   * that no move happened meanwhile (a concurrent move may have written between our read and our
   * writes); if one did, it goes again, so the last writer always leaves the dates of the last time.
   */
  async function retimeDueDates(ids: string[]): Promise<void> {
    const startsOf = async (cal: WorkingCalendar) => {
      const found: Occurrence[] = [];
      for (const id of ids) {
        try {
          found.push(await getOccurrence(id, cal));
        } catch (err) {
          if (!(err instanceof NotFoundError)) throw err;
        }
      }
      return found;
    };
    const key = (occs: Occurrence[]) => occs.map((o) => `${o.id}@${o.localStart}`).join('|');
    for (let round = 0; round < RETIME_ROUNDS; round++) {
      const cal = await loadWorkingCalendar(adjustments);
      const occs = await startsOf(cal);
      await recomputeDueDates(occs, cal);
      if (key(await startsOf(cal)) === key(occs)) return;
    }
  }

  /** The idempotent work behind a `due-dates` intent (also the completion pass's handler). */
  async function completeDueDates(payload: DueDatesPayload): Promise<void> {
    if (payload.all) await refreshDueDates();
    else await retimeDueDates(payload.occurrenceIds ?? []);
    await repo.bumpScheduleVersion();
  }

  /**
   * Writes one change of an occurrence (one document: an override or a one-off meeting), then
   * re-times its items' due dates. The intent recorded first lets any instance finish the
   * re-timing if this process dies half-way.
   */
  async function changeOccurrence(id: string, write: () => Promise<unknown>): Promise<Occurrence> {
    const payload: DueDatesPayload = { occurrenceIds: [id] };
    return runWithIntent(deps.intents, DUE_DATES_INTENT, { ...payload }, async () => {
      await write();
      await completeDueDates(payload);
      return getOccurrence(id);
    });
  }

  async function seriesOrThrow(id: string): Promise<Series> {
    const series = await repo.getSeries(id);
    if (!series) throw new NotFoundError('Series', id);
    return series;
  }

  /** Re-times due dates of every occurrence from a month ago on (after a working-calendar change). */
  async function refreshDueDates(): Promise<void> {
    const cal = await loadWorkingCalendar(adjustments);
    const today = deps.clock.now().toISOString().slice(0, 10);
    await recomputeDueDates(await occurrencesIn({ from: addDays(today, -31), to: addDays(today, 400) }, cal), cal);
  }

  return {
    occurrencesIn,
    getOccurrence,
    recomputeDueDates,
    refreshDueDates,
    completeDueDates,
    /** After a working-calendar change: every due date may move. */
    calendarChanged: () => runWithIntent(deps.intents, DUE_DATES_INTENT, { all: true }, () => completeDueDates({ all: true })),
    scheduleVersion: () => repo.scheduleVersion(),

    listSeries: (bodyCode?: string) => repo.listSeries(bodyCode ? { bodyCode } : {}),
    getSeries: seriesOrThrow,

    async createSeries(input: SeriesInput): Promise<Series> {
      await organisation.assertReferences(referencesOf(input));
      const id = input.id ?? newId('series');
      if (await repo.getSeries(id)) throw new ConflictError(`Series '${id}' already exists.`, [{ field: 'id', problem: 'is already taken' }]);
      const { id: _ignored, ...rest } = input;
      void _ignored;
      const series = await repo.createSeries({ ...rest, id, timeZone: await timeZoneFor(input.bodyCode, input.timeZone), warnings: [] });
      await repo.bumpScheduleVersion();
      return series;
    },

    /** Optimistic: the patch applies to the series as read (its SEQUENCE), else 409 after a few tries. */
    async updateSeries(id: string, patch: SeriesPatch): Promise<Series> {
      await organisation.assertReferences(referencesOf(patch as SeriesInput));
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await seriesOrThrow(id);
        const merged = { ...current, ...patch };
        if (merged.endDate && merged.endDate < merged.startDate) throw ValidationError.field('endDate', 'must not be before startDate');
        // The rule or time may have changed: re-time the due dates of agenda items.
        const updated = await runWithIntent(deps.intents, DUE_DATES_INTENT, { all: true }, async () => {
          const written = await repo.updateSeries(id, patch as Partial<Series>, current.sequence);
          if (written) await completeDueDates({ all: true });
          return written;
        });
        if (updated) return updated;
      }
      throw new ConflictError(`Series '${id}' is being changed by someone else; try again.`);
    },

    /** A one-off meeting, or (with `seriesId`) an extra session; `timeAssumed` when its time is an estimate inherited from the series. */
    async createMeeting(input: MeetingInput, seriesId: string | null = null, extra: { timeAssumed?: boolean } = {}): Promise<Meeting> {
      await organisation.assertReferences(referencesOf(input));
      const id = input.id ?? newId('meeting');
      if (await repo.getMeeting(id)) throw new ConflictError(`Meeting '${id}' already exists.`, [{ field: 'id', problem: 'is already taken' }]);
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
        else await repo.upsertOverride({ occurrenceId: id, seriesId: occ.seriesId!, originalStart: occ.originalLocalStart }, { cancelled: true, reason });
      });
    },

    /** Undoes a cancellation (the occurrence keeps any move). */
    async restoreOccurrence(id: string): Promise<Occurrence> {
      const occ = await getOccurrence(id);
      if (occ.status !== 'cancelled') throw new ConflictError(`Occurrence '${id}' is not cancelled.`);
      return changeOccurrence(id, async () => {
        if (occ.meetingId) await repo.updateMeeting(occ.meetingId, { cancelled: false, reason: null });
        else await repo.upsertOverride({ occurrenceId: id, seriesId: occ.seriesId!, originalStart: occ.originalLocalStart }, { cancelled: false, reason: null });
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
      return changeOccurrence(id, () => repo.upsertOverride({ occurrenceId: id, seriesId: occ.seriesId!, originalStart: occ.originalLocalStart }, input as Record<string, never>));
    },

    /** Adds occurrence-level warnings (e.g. kept from an imported document); `$addToSet`, so nothing is lost to a concurrent write. */
    async addOccurrenceWarnings(id: string, warnings: string[]): Promise<void> {
      const occ = await getOccurrence(id);
      if (occ.meetingId) await repo.addMeetingWarnings(occ.meetingId, warnings);
      else await repo.addOverrideWarnings({ occurrenceId: id, seriesId: occ.seriesId!, originalStart: occ.originalLocalStart }, warnings);
      await repo.bumpScheduleVersion();
    },
  };
}
