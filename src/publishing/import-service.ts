/**
 * The use case "import the monthly programme from its text": a dry run that shows everything
 * recognised and every inconsistency, and a confirmation that stores it all or nothing.
 *
 * A confirmed import writes several documents (the agenda items of each session, the session
 * itself when it is moved or added, the warnings on it, part A). We cannot make that one atomic
 * write, so it is an intent (src/shared/intents.ts): the plan is recomputed and checked against
 * what the Office reviewed, every id is chosen beforehand and recorded with the work, then the
 * writes run in an order that keeps "nothing" possible until the one step that can fail for
 * good: first every session's items (insert under the chosen ids; an item number taken by
 * someone else meanwhile removes what this import inserted and ends it, nothing else written),
 * then the moves and added sessions, the warnings ($addToSet), part A (a plain set), each
 * idempotent. A crash anywhere leaves the intent, and the completion pass of any instance
 * redoes the same writes to the end. The alternative, one document holding the whole imported
 * programme, would be atomic but would make the agenda items something other than the items
 * every other page, feed and reminder reads.
 */
import { dueAt } from '../agenda/due';
import type { AgendaRepository, NewItemWithId } from '../agenda/repository';
import type { HistoryEntry } from '../agenda/types';
import { loadWorkingCalendar, type AdjustmentRepository } from '../calendar/adjustments';
import type { MeetingRepository } from '../meetings/repository';
import type { MeetingInput } from '../meetings/schemas';
import type { MeetingsService } from '../meetings/service';
import type { OrganisationRepositories } from '../organisation/repository';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/db';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import type { IntentRepository } from '../shared/intents';
import type { Logger } from '../shared/logger';
import { parseProgrammeText } from './import-programme';
import { planImport, type ImportPlan, type SessionTarget } from './import-plan';
import { monthRange } from './periods';
import type { PublishingService } from './service';

export const PROGRAMME_IMPORT_INTENT = 'programme-import';

export interface ProgrammeImportDeps {
  publishing: Pick<PublishingService, 'settings' | 'savePartA'>;
  meetings: MeetingsService;
  meetingRepo: MeetingRepository;
  agendaRepo: AgendaRepository;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  intents: IntentRepository;
  clock: Clock;
  logger: Logger;
}

interface SessionWork {
  target: Exclude<SessionTarget, { action: 'skip' }>;
  occurrenceId: string;
  records: NewItemWithId[];
  agendaWarnings: string[];
  /** The meeting to create for an extra session or a one-off meeting. */
  meeting: (MeetingInput & { id: string }) | null;
  seriesId: string | null;
  timeAssumed: boolean;
}

interface ImportPayload {
  bodyCode: string;
  month: string;
  by: string;
  at: Date;
  partA: string | null;
  sessions: SessionWork[];
}

export interface ImportResult {
  plan: ImportPlan;
  /** False when there was nothing new to store (the same text imported again). */
  stored: boolean;
  /** Occurrences whose agenda was stored. */
  occurrenceIds: string[];
  items: number;
}

const viMonth = (month: string) => `${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

export function programmeImportService(deps: ProgrammeImportDeps) {
  async function preview(bodyCode: string, month: string, text: string): Promise<ImportPlan> {
    const body = await deps.orgRepos.bodies.get(bodyCode);
    if (!body) throw new NotFoundError('Body', bodyCode);
    if (!text.trim())
      throw ValidationError.field('text', 'is empty: paste the programme text or upload a .txt or .docx file');
    const parsed = parseProgrammeText(text);
    const range = monthRange(month);
    const [bodies, agencies, allSeries, settings] = await Promise.all([
      deps.orgRepos.bodies.list(),
      deps.orgRepos.agencies.list(),
      deps.meetingRepo.listSeries(),
      deps.publishing.settings(bodyCode, month),
    ]);
    const occurrences = (await deps.meetings.occurrencesIn({ from: range.from, to: range.to })).filter((o) =>
      bodies.some((b) => b.code === o.bodyCode),
    );
    const items = await deps.agendaRepo.listByOccurrences(occurrences.map((o) => o.id));
    return planImport(parsed, {
      bodyCode,
      month,
      bodies,
      agencies,
      series: allSeries,
      occurrences,
      items,
      currentPartA: settings.partA ?? '',
    });
  }

  /** Items first (the one step that can fail for good), then meetings, warnings and part A; every step idempotent. */
  async function complete(p: ImportPayload): Promise<void> {
    const history: HistoryEntry = {
      at: new Date(p.at),
      by: p.by,
      action: 'created',
      changes: { source: { from: null, to: `chương trình công tác tháng ${viMonth(p.month)} (nhập từ văn bản)` } },
    };
    const inserted: string[] = [];
    for (const s of p.sessions) {
      const stored = await deps.agendaRepo.insertWithIds(s.records, history);
      inserted.push(...stored.map((i) => i.id));
      if (stored.length < s.records.length) {
        await deps.agendaRepo.removeMany(inserted);
        const got = new Set(stored.map((i) => i.id));
        const lost = s.records.filter((r) => !got.has(r.id)).map((r) => r.number);
        throw new ConflictError(
          `Item numbers ${lost.join(', ')} of ${s.occurrenceId} were taken by another change meanwhile; nothing of the import was stored.`,
          [{ field: 'text', problem: `item ${lost.join(', ')} already exists` }],
        );
      }
    }
    for (const s of p.sessions) {
      const t = s.target;
      if (t.action === 'move') {
        const occ = await deps.meetings.getOccurrence(t.occurrenceId);
        if (occ.localStart !== t.start)
          await deps.meetings.moveOccurrence(t.occurrenceId, {
            date: t.start.slice(0, 10),
            time: t.start.slice(11, 16),
            reason: `Theo chương trình công tác tháng ${viMonth(p.month)}`,
          });
      } else if (s.meeting && !(await deps.meetingRepo.getMeeting(s.meeting.id))) {
        await deps.meetings
          .createMeeting(s.meeting, s.seriesId, { timeAssumed: s.timeAssumed })
          .catch((err: unknown) => {
            if (!(err instanceof ConflictError)) throw err; // created by an earlier try meanwhile
          });
      }
      if (s.agendaWarnings.length) await deps.meetings.addOccurrenceWarnings(s.occurrenceId, s.agendaWarnings);
    }
    if (p.partA !== null) await deps.publishing.savePartA(p.bodyCode, p.month, p.partA, p.by);
    await deps.meetingRepo.bumpScheduleVersion();
  }

  return {
    preview,

    /**
     * Stores what the dry run showed. `expected` is the dry run's fingerprint: when the text or
     * the data changed since (another change to that agenda, a new agency), the import is refused
     * so that the Office reviews it again.
     */
    async confirm(
      bodyCode: string,
      month: string,
      text: string,
      expected: string | undefined,
      by: string,
    ): Promise<ImportResult> {
      const plan = await preview(bodyCode, month, text);
      if (plan.problems.length)
        throw new ValidationError(
          plan.problems.map((problem) => ({ field: 'text', problem })),
          'The programme cannot be imported as it is.',
        );
      if (expected && expected !== plan.fingerprint)
        throw new ConflictError('The text or the schedule changed since the preview; review the import again.', [
          { field: 'expect', problem: 'does not match the current preview' },
        ]);
      const body = (await deps.orgRepos.bodies.get(bodyCode))!;
      const calendar = await loadWorkingCalendar(deps.adjustments);
      const series = new Map((await deps.meetingRepo.listSeries()).map((x) => [x.id, x]));
      const sessions: SessionWork[] = [];
      for (const s of plan.sessions) {
        const t = s.target;
        if (t.action === 'skip' || s.agenda !== 'new') continue;
        const sessionBody = s.bodyCode === body.code ? body : (await deps.orgRepos.bodies.get(s.bodyCode))!;
        const zone = sessionBody.timeZone;
        const due = dueAt(t.start, zone, sessionBody.documentDueWorkingDays ?? 3, calendar);
        const of = t.action === 'extra' ? series.get(t.seriesId)! : null;
        const seriesId =
          t.action === 'extra'
            ? t.seriesId
            : t.action === 'meeting'
              ? null
              : (await deps.meetings.getOccurrence(t.occurrenceId)).seriesId;
        const records: NewItemWithId[] = s.items.map((i, k) => ({
          id: newId('item'),
          occurrenceId: t.occurrenceId,
          seriesId,
          number: i.number,
          title: i.title,
          kind: i.kind,
          preparingAgencies: i.preparingAgencies,
          leaderCode: null,
          dueAt: due,
          dueAtFixed: false,
          status: 'assigned',
          warnings: s.items[k]!.warnings,
          carriedFrom: null,
        }));
        const [date, time] = [t.start.slice(0, 10), t.start.slice(11, 16)];
        const meeting: SessionWork['meeting'] =
          t.action === 'extra'
            ? {
                id: t.occurrenceId,
                title: of!.title,
                kind: of!.kind,
                bodyCode: of!.bodyCode,
                chairCode: of!.chairCode,
                attendees: of!.attendees,
                location: of!.location,
                date,
                time,
                durationMinutes: of!.durationMinutes,
                timeZone: of!.timeZone,
                description: `${of!.description}${of!.description ? '\n' : ''}Phiên họp theo chương trình công tác tháng ${viMonth(month)}.`,
              }
            : t.action === 'meeting'
              ? {
                  id: t.occurrenceId,
                  title: t.title,
                  kind: s.kind,
                  bodyCode: s.bodyCode,
                  chairCode: null,
                  attendees: { officials: [], agencies: [] },
                  location: '',
                  date,
                  time,
                  durationMinutes: 240,
                  description: `Theo chương trình công tác tháng ${viMonth(month)}.`,
                }
              : null;
        sessions.push({
          target: t,
          occurrenceId: t.occurrenceId,
          records,
          agendaWarnings: s.agendaWarnings,
          meeting,
          seriesId: t.action === 'extra' ? t.seriesId : null,
          timeAssumed: t.action === 'extra' || t.action === 'meeting' ? t.timeAssumed : false,
        });
      }
      const partA = plan.partAStatus === 'new' || plan.partAStatus === 'replaces' ? plan.partA : null;
      if (!sessions.length && partA === null) return { plan, stored: false, occurrenceIds: [], items: 0 };
      const payload: ImportPayload = { bodyCode, month, by, at: deps.clock.now(), partA, sessions };
      const intent = await deps.intents.record(
        PROGRAMME_IMPORT_INTENT,
        payload as unknown as Record<string, unknown>,
        payload.at,
      );
      try {
        await complete(payload);
      } catch (err) {
        // A conflict is final (the import undid its items): nothing is left for the completion pass.
        if (err instanceof ConflictError) await deps.intents.done(intent);
        throw err;
      }
      await deps.intents.done(intent);
      deps.logger.info('programme imported', {
        body: bodyCode,
        month,
        sessions: sessions.length,
        items: sessions.reduce((n, s) => n + s.records.length, 0),
        by,
      });
      return {
        plan,
        stored: true,
        occurrenceIds: sessions.map((s) => s.occurrenceId),
        items: sessions.reduce((n, s) => n + s.records.length, 0),
      };
    },

    /** Handlers of the completion pass (src/shared/intents.ts). A conflict is final: the import undid itself. */
    intentHandlers: {
      [PROGRAMME_IMPORT_INTENT]: async (p: Record<string, unknown>) => {
        await complete(p as unknown as ImportPayload).catch((err: unknown) => {
          if (!(err instanceof ConflictError)) throw err;
          deps.logger.warn('programme import abandoned', { body: p.bodyCode, month: p.month, error: err.message });
        });
      },
    },
  };
}

export type ProgrammeImportService = ReturnType<typeof programmeImportService>;
