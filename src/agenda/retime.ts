import { loadWorkingCalendar, type AdjustmentRepository } from '../calendar/adjustments';
import type { WorkingCalendar } from '../calendar/working-days';
import { addDays } from '../shared/wording';
import type { MeetingsService, OccurrencesChange } from '../meetings/service';
import type { Occurrence } from '../meetings/types';
import type { OrganisationRepositories } from '../organisation/repository';
import type { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import { dueAt } from './due';
import type { AgendaRepository } from './repository';

/** How many times a re-timing re-reads its occurrences to catch a concurrent move. */
const RETIME_ROUNDS = 5;

export interface RetimeDeps {
  repo: AgendaRepository;
  meetings: Pick<MeetingsService, 'getOccurrence' | 'occurrencesIn'>;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  clock: Clock;
}

/**
 * Keeps the documents-due dates of agenda items with their meetings. The meetings component
 * announces which occurrences changed (moved, cancelled, restored, a rule or the working calendar
 * changed) through its `onOccurrencesChanged` callback, wired in the composition root; this
 * answers by re-timing the items whose date was not fixed by hand. Idempotent: it runs inside the
 * meetings' intent, and again from the completion pass after a crash.
 */
export function dueDateRetimer(deps: RetimeDeps) {
  const { repo, meetings, adjustments } = deps;

  /** Re-times the documents-due dates of the occurrences' items (those not fixed by hand). */
  async function recomputeDueDates(occurrences: Occurrence[], calendar: WorkingCalendar): Promise<void> {
    const items = await repo.listByOccurrences(occurrences.map((o) => o.id));
    if (!items.length) return;
    const byId = new Map(occurrences.map((o) => [o.id, o]));
    const bodies = new Map((await deps.orgRepos.bodies.list()).map((b) => [b.code, b]));
    for (const item of items) {
      const occ = byId.get(item.occurrenceId);
      if (!occ) continue;
      const due = dueAt(occ.localStart, occ.timeZone, bodies.get(occ.bodyCode)?.documentDueWorkingDays ?? 3, calendar);
      if (!item.dueAtFixed && item.dueAt?.getTime() !== due.getTime()) await repo.setDueAt(item.id, due);
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
          found.push(await meetings.getOccurrence(id, cal));
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

  /** Re-times due dates of every occurrence from a month ago on (after a rule or working-calendar change). */
  async function refreshDueDates(): Promise<void> {
    const cal = await loadWorkingCalendar(adjustments);
    const today = deps.clock.now().toISOString().slice(0, 10);
    await recomputeDueDates(
      await meetings.occurrencesIn({ from: addDays(today, -31), to: addDays(today, 400) }, cal),
      cal,
    );
  }

  return {
    recomputeDueDates,
    refreshDueDates,
    /** The agenda's answer to the meetings' `onOccurrencesChanged`. */
    async occurrencesChanged(change: OccurrencesChange): Promise<void> {
      if (change.all) await refreshDueDates();
      else await retimeDueDates(change.occurrenceIds ?? []);
    },
  };
}
