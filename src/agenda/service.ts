import type { Principal } from '../access/api-keys';
import { loadWorkingCalendar, type AdjustmentRepository } from '../calendar/adjustments';
import type { MeetingsService } from '../meetings/service';
import type { Occurrence } from '../meetings/types';
import type { OrganisationService } from '../organisation/service';
import type { OrganisationRepositories } from '../organisation/repository';
import type { MeetingRepository } from '../meetings/repository';
import type { Clock } from '../shared/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { addDays } from '../meetings/local-time';
import { dueAt } from './due';
import type { AgendaRepository, NewItem } from './repository';
import type { AssignInput, ItemInput, ItemPatch } from './schemas';
import { AGENCY_SETTABLE_STATUSES, type AgendaItem, type HistoryEntry, type ItemStatus, type PreparingAgency } from './types';

export interface AgendaDeps {
  repo: AgendaRepository;
  meetings: MeetingsService;
  meetingRepo: MeetingRepository;
  organisation: OrganisationService;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  clock: Clock;
}

export type AgendaService = ReturnType<typeof agendaService>;

function diff(before: Record<string, unknown>, after: Record<string, unknown>): HistoryEntry['changes'] {
  const changes: HistoryEntry['changes'] = {};
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) changes[k] = { from: before[k] ?? null, to: v };
  }
  return changes;
}

/** Use cases of agenda items: add, edit, assign ranges, statuses, carry-over, with a history of every change. */
export function agendaService(deps: AgendaDeps) {
  const { repo, meetings, organisation } = deps;

  async function defaultDue(occ: Occurrence): Promise<Date> {
    const body = await deps.orgRepos.bodies.get(occ.bodyCode);
    return dueAt(occ.localStart, occ.timeZone, body?.documentDueWorkingDays ?? 3, await loadWorkingCalendar(deps.adjustments));
  }

  function agencyRefs(list: PreparingAgency[], field: string) {
    return list.map((a, i) => ({ field: `${field}.${i}.code`, code: a.code }));
  }

  async function itemOrThrow(occurrenceId: string, number: number): Promise<AgendaItem> {
    const item = await repo.get(occurrenceId, number);
    if (!item) throw new NotFoundError('Agenda item', `${occurrenceId}#${number}`);
    return item;
  }

  const entry = (by: string, action: string, changes: HistoryEntry['changes'] = {}): HistoryEntry => ({ at: deps.clock.now(), by, action, changes });

  return {
    list: (occurrenceIds: string[]) => repo.listByOccurrences(occurrenceIds),
    listByAgency: (agencyCode: string) => repo.listByAgency(agencyCode),

    /** Adds one or more items to an occurrence's agenda; all are checked before any is stored. */
    async addItems(occurrenceId: string, items: ItemInput[], by: string, extra: { warnings?: string[][] } = {}): Promise<AgendaItem[]> {
      const occ = await meetings.getOccurrence(occurrenceId);
      await organisation.assertReferences({
        agencies: items.flatMap((it, i) => agencyRefs(it.preparingAgencies, items.length > 1 ? `items.${i}.preparingAgencies` : 'preparingAgencies')),
        officials: items.flatMap((it, i) => (it.leaderCode ? [{ field: items.length > 1 ? `items.${i}.leaderCode` : 'leaderCode', code: it.leaderCode }] : [])),
      });
      const existing = new Set((await repo.listByOccurrences([occurrenceId])).map((i) => i.number));
      const taken = items.map((it, i) => ({ it, i })).filter(({ it }) => existing.has(it.number));
      if (taken.length) {
        throw new ConflictError(
          `Item numbers already used on this agenda: ${taken.map(({ it }) => it.number).join(', ')}.`,
          taken.map(({ it, i }) => ({ field: items.length > 1 ? `items.${i}.number` : 'number', problem: `item ${it.number} already exists` })),
        );
      }
      const due = await defaultDue(occ);
      const records: NewItem[] = items.map((it, i) => ({
        occurrenceId,
        seriesId: occ.seriesId,
        number: it.number,
        title: it.title,
        kind: it.kind,
        preparingAgencies: it.preparingAgencies,
        leaderCode: it.leaderCode,
        dueAt: it.dueAt ?? due,
        dueAtFixed: it.dueAt !== undefined,
        status: 'assigned',
        warnings: extra.warnings?.[i] ?? [],
        carriedFrom: null,
      }));
      const created = await repo.insertMany(records, entry(by, 'created'));
      await deps.meetingRepo.bumpScheduleVersion();
      return created;
    },

    async updateItem(occurrenceId: string, number: number, patch: ItemPatch, by: string): Promise<AgendaItem> {
      const item = await itemOrThrow(occurrenceId, number);
      await organisation.assertReferences({
        agencies: agencyRefs(patch.preparingAgencies ?? [], 'preparingAgencies'),
        officials: patch.leaderCode ? [{ field: 'leaderCode', code: patch.leaderCode }] : [],
      });
      const next: Partial<NewItem> = { ...patch } as Partial<NewItem>;
      if (patch.dueAt === null) {
        // Back to the computed date.
        next.dueAt = await defaultDue(await meetings.getOccurrence(occurrenceId));
        next.dueAtFixed = false;
      } else if (patch.dueAt) next.dueAtFixed = true;
      const changes = diff(item as unknown as Record<string, unknown>, next as Record<string, unknown>);
      if (!Object.keys(changes).length) return item;
      const updated = (await repo.update(item.id, next, entry(by, 'updated', changes)))!;
      await deps.meetingRepo.bumpScheduleVersion();
      return updated;
    },

    /** "Items 1-6 to Phòng Tài chính - Kế hoạch" in one request; every number must exist. */
    async assignRange(occurrenceId: string, input: AssignInput, by: string): Promise<AgendaItem[]> {
      await meetings.getOccurrence(occurrenceId);
      await organisation.assertReferences({ agencies: [{ field: 'agencyCode', code: input.agencyCode }] });
      const items = (await repo.listByOccurrences([occurrenceId])).filter((i) => input.items.includes(i.number));
      const missing = input.items.filter((n) => !items.some((i) => i.number === n));
      if (missing.length) throw ValidationError.field('items', `no item ${missing.join(', ')} on this agenda`);
      const out: AgendaItem[] = [];
      for (const item of items) {
        const others = item.preparingAgencies.filter((a) => a.code !== input.agencyCode && (input.mode === 'add' || a.role !== input.role));
        const preparingAgencies = [...others, { code: input.agencyCode, role: input.role }];
        const changes = diff(item as unknown as Record<string, unknown>, { preparingAgencies });
        out.push(Object.keys(changes).length ? (await repo.update(item.id, { preparingAgencies }, entry(by, 'assigned', changes)))! : item);
      }
      await deps.meetingRepo.bumpScheduleVersion();
      return out;
    },

    /** The Office sets any status; an agency key only preparing/submitted on its own items. */
    async setStatus(occurrenceId: string, number: number, status: ItemStatus, principal: Principal, note?: string): Promise<AgendaItem> {
      const item = await itemOrThrow(occurrenceId, number);
      if (principal.role !== 'office') {
        const own = principal.role === 'agency' && item.preparingAgencies.some((a) => a.code === principal.agencyCode);
        if (!own) throw new ForbiddenError("An agency key may only update its own agency's items.");
        if (!AGENCY_SETTABLE_STATUSES.includes(status)) throw new ForbiddenError(`An agency may set only: ${AGENCY_SETTABLE_STATUSES.join(', ')}.`);
      }
      if (item.status === status) return item;
      const changes = { status: { from: item.status, to: status }, ...(note ? { note: { from: null, to: note } } : {}) };
      const updated = (await repo.update(item.id, { status }, entry(`${principal.name} (${principal.role})`, 'status', changes)))!;
      await deps.meetingRepo.bumpScheduleVersion();
      return updated;
    },

    /** Carries a deferred item to the next occurrence of the same series, as its next number. */
    async carryOver(occurrenceId: string, number: number, by: string): Promise<AgendaItem> {
      const item = await itemOrThrow(occurrenceId, number);
      if (item.status !== 'deferred') throw new ConflictError(`Item ${number} is '${item.status}'; only a deferred item can be carried over.`, [{ field: 'status', problem: 'must be deferred' }]);
      if (item.carriedTo) throw new ConflictError(`Item ${number} was already carried to ${item.carriedTo}.`);
      const occ = await meetings.getOccurrence(occurrenceId);
      if (!occ.seriesId) throw new ConflictError('This meeting belongs to no series: there is no next occurrence to carry the item to.');
      const from = occ.localStart.slice(0, 10);
      const next = (await meetings.occurrencesIn({ from: addDays(from, 1), to: addDays(from, 400), bodyCode: occ.bodyCode }))
        .find((o) => o.seriesId === occ.seriesId && o.status !== 'cancelled' && o.localStart > occ.localStart);
      if (!next) throw new ConflictError('The series has no later occurrence to carry the item to.');
      const numbers = (await repo.listByOccurrences([next.id])).map((i) => i.number);
      const [created] = await repo.insertMany(
        [{
          occurrenceId: next.id,
          seriesId: next.seriesId,
          number: Math.max(0, ...numbers) + 1,
          title: item.title,
          kind: item.kind,
          preparingAgencies: item.preparingAgencies,
          leaderCode: item.leaderCode,
          dueAt: await defaultDue(next),
          dueAtFixed: false,
          status: 'assigned',
          warnings: item.warnings,
          carriedFrom: `${occurrenceId}#${number}`,
        }],
        entry(by, 'carried-over', { carriedFrom: { from: null, to: `${occurrenceId}#${number}` } }),
      );
      await repo.update(item.id, { carriedTo: `${next.id}#${created!.number}` }, entry(by, 'carried-over', { carriedTo: { from: null, to: `${next.id}#${created!.number}` } }));
      await deps.meetingRepo.bumpScheduleVersion();
      return created!;
    },

    async history(occurrenceId: string, number: number): Promise<HistoryEntry[]> {
      return (await itemOrThrow(occurrenceId, number)).history;
    },
  };
}
