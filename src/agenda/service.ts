import type { Principal } from '../access/api-keys';
import { loadWorkingCalendar, type AdjustmentRepository } from '../calendar/adjustments';
import type { MeetingsService } from '../meetings/service';
import type { Occurrence } from '../meetings/types';
import type { OrganisationService } from '../organisation/service';
import type { OrganisationRepositories } from '../organisation/repository';
import type { MeetingRepository } from '../meetings/repository';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { runWithIntent, type IntentRepository } from '../shared/intents';
import { addDays } from '../shared/wording';
import { dueAt } from './due';
import type { AgendaRepository, NewItem, NewItemWithId } from './repository';
import { dueDateRetimer } from './retime';
import type { AssignInput, ItemInput, ItemPatch } from './schemas';
import {
  AGENCY_SETTABLE_STATUSES,
  type AgendaItem,
  type HistoryEntry,
  type ItemStatus,
  type PreparingAgency,
} from './types';

export interface AgendaDeps {
  repo: AgendaRepository;
  meetings: MeetingsService;
  meetingRepo: MeetingRepository;
  organisation: OrganisationService;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  intents: IntentRepository;
  clock: Clock;
}

/** Intent kinds of agenda changes that write several documents (completed by `agendaIntentHandlers`). */
export const AGENDA_INTENTS = {
  items: 'agenda-items',
  assign: 'agenda-assign',
  carryOver: 'agenda-carry-over',
} as const;

/** How many times an optimistic update reads again after losing to a concurrent change, before a 409. */
const CAS_ATTEMPTS = 60;

export type AgendaService = ReturnType<typeof agendaService>;

/** The fields of `after` whose value differs from `before`'s, as history changes. */
function diff(before: object, after: object): HistoryEntry['changes'] {
  const previous = new Map<string, unknown>(Object.entries(before));
  const changes: HistoryEntry['changes'] = {};
  for (const [k, v] of Object.entries(after)) {
    const was = previous.get(k);
    if (JSON.stringify(was) !== JSON.stringify(v)) changes[k] = { from: was ?? null, to: v };
  }
  return changes;
}

/** A conflict found by the completion pass is final (the batch was undone); anything else is retried. */
function ignoreConflict(err: unknown): void {
  if (!(err instanceof ConflictError)) throw err;
}

/** Use cases of agenda items: add, edit, assign ranges, statuses, carry-over, with a history of every change. */
export function agendaService(deps: AgendaDeps) {
  const { repo, meetings, organisation } = deps;
  const retimer = dueDateRetimer(deps);

  async function defaultDue(occ: Occurrence): Promise<Date> {
    const body = await deps.orgRepos.bodies.get(occ.bodyCode);
    return dueAt(
      occ.localStart,
      occ.timeZone,
      body?.documentDueWorkingDays ?? 3,
      await loadWorkingCalendar(deps.adjustments),
    );
  }

  function agencyRefs(list: PreparingAgency[], field: string) {
    return list.map((a, i) => ({ field: `${field}.${i}.code`, code: a.code }));
  }

  async function itemOrThrow(occurrenceId: string, number: number): Promise<AgendaItem> {
    const item = await repo.get(occurrenceId, number);
    if (!item) throw new NotFoundError('Agenda item', `${occurrenceId}#${number}`);
    return item;
  }

  const entry = (by: string, action: string, changes: HistoryEntry['changes'] = {}): HistoryEntry => ({
    at: deps.clock.now(),
    by,
    action,
    changes,
  });

  /**
   * Optimistic concurrency on one item: read it, let `decide` compute the change from what was
   * read, write it only if nobody changed the item meanwhile (its revision), else read again.
   * `decide` returns null when there is nothing to change. A 409 after CAS_ATTEMPTS losses.
   */
  async function changeItem(
    id: string,
    label: string,
    decide: (
      item: AgendaItem,
    ) => { patch: Partial<NewItem> & { carriedTo?: string | null }; history: HistoryEntry } | null,
  ): Promise<AgendaItem> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const item = await repo.getById(id);
      if (!item) throw new NotFoundError('Agenda item', label);
      const change = decide(item);
      if (!change) return item;
      const updated = await repo.updateIfRev(id, item.rev, change.patch, change.history);
      if (updated) return updated;
      await new Promise((ok) => setTimeout(ok, Math.random() * Math.min(50, 3 * (attempt + 1))));
    }
    throw new ConflictError(`Agenda item ${label} is being changed by someone else at the same moment; try again.`);
  }

  /** Stores a batch whole or not at all: an item number taken meanwhile undoes the batch (idempotent). */
  async function completeItems(payload: {
    occurrenceId: string;
    records: NewItemWithId[];
    history: HistoryEntry;
  }): Promise<AgendaItem[]> {
    const stored = await repo.insertWithIds(payload.records, payload.history);
    if (stored.length < payload.records.length) {
      await repo.removeMany(stored.map((i) => i.id));
      const got = new Set(stored.map((i) => i.id));
      const lost = payload.records.filter((r) => !got.has(r.id)).map((r) => r.number);
      throw new ConflictError(
        `Item numbers were taken by another change meanwhile: ${lost.join(', ')}. Nothing was stored.`,
        [{ field: 'number', problem: `item ${lost.join(', ')} already exists` }],
      );
    }
    await deps.meetingRepo.bumpScheduleVersion();
    return stored;
  }

  /** Applies "items N-M to agency X" to each item: an atomic `$push` to add, optimistic updates to change roles. */
  async function completeAssign(payload: {
    occurrenceId: string;
    itemIds: string[];
    input: AssignInput;
    by: string;
    at: Date;
  }): Promise<AgendaItem[]> {
    const { input, by } = payload;
    const historyAt = new Date(payload.at);
    const out: AgendaItem[] = [];
    for (const id of payload.itemIds) {
      const target = { code: input.agencyCode, role: input.role };
      if (input.mode === 'add') {
        const added = await repo.addAgencyIfAbsent(id, target, {
          at: historyAt,
          by,
          action: 'assigned',
          changes: { agency: { from: null, to: `${target.code} (${target.role})` } },
        });
        if (added) {
          out.push(added);
          continue;
        }
      }
      out.push(
        await changeItem(id, id, (item) => {
          // Keep everyone else (in replace mode: except others in the same role); the agency keeps its place if listed.
          const kept = item.preparingAgencies.filter(
            (a) => a.code === input.agencyCode || input.mode === 'add' || a.role !== input.role,
          );
          const preparingAgencies = kept.some((a) => a.code === input.agencyCode)
            ? kept
                .filter(
                  (a, i) => a.code !== input.agencyCode || kept.findIndex((b) => b.code === input.agencyCode) === i,
                )
                .map((a) => (a.code === input.agencyCode ? target : a))
            : [...kept, target];
          const changes = diff(item, { preparingAgencies });
          return Object.keys(changes).length
            ? { patch: { preparingAgencies }, history: { at: historyAt, by, action: 'assigned', changes } }
            : null;
        }),
      );
    }
    await deps.meetingRepo.bumpScheduleVersion();
    return out;
  }

  /** Inserts the carried copy under an id chosen beforehand, then links the deferred item to it (both idempotent). */
  async function completeCarryOver(payload: {
    sourceId: string;
    record: NewItemWithId;
    by: string;
    at: Date;
  }): Promise<AgendaItem> {
    const at = new Date(payload.at);
    const [created] = await repo.insertWithIds([payload.record], {
      at,
      by: payload.by,
      action: 'carried-over',
      changes: { carriedFrom: { from: null, to: payload.record.carriedFrom } },
    });
    if (!created)
      throw new ConflictError(
        `Item number ${payload.record.number} was taken on ${payload.record.occurrenceId} meanwhile; try again.`,
      );
    const to = `${created.occurrenceId}#${created.number}`;
    const link: HistoryEntry = {
      at,
      by: payload.by,
      action: 'carried-over',
      changes: { carriedTo: { from: null, to } },
    };
    await changeItem(payload.sourceId, payload.sourceId, (item) =>
      item.carriedTo ? null : { patch: { carriedTo: to }, history: link },
    );
    await deps.meetingRepo.bumpScheduleVersion();
    return created;
  }

  return {
    /** Wired as the meetings' `onOccurrencesChanged`: re-times the documents-due dates of the changed occurrences. */
    occurrencesChanged: retimer.occurrencesChanged,
    list: (occurrenceIds: string[]) => repo.listByOccurrences(occurrenceIds),
    listByAgency: (agencyCode: string) => repo.listByAgency(agencyCode),

    /** Adds one or more items to an occurrence's agenda; all are checked before any is stored. */
    async addItems(
      occurrenceId: string,
      items: ItemInput[],
      by: string,
      extra: { warnings?: string[][] } = {},
    ): Promise<AgendaItem[]> {
      const occ = await meetings.getOccurrence(occurrenceId);
      await organisation.assertReferences({
        agencies: items.flatMap((it, i) =>
          agencyRefs(it.preparingAgencies, items.length > 1 ? `items.${i}.preparingAgencies` : 'preparingAgencies'),
        ),
        officials: items.flatMap((it, i) =>
          it.leaderCode
            ? [{ field: items.length > 1 ? `items.${i}.leaderCode` : 'leaderCode', code: it.leaderCode }]
            : [],
        ),
      });
      const existing = new Set((await repo.listByOccurrences([occurrenceId])).map((i) => i.number));
      const taken = items.map((it, i) => ({ it, i })).filter(({ it }) => existing.has(it.number));
      if (taken.length) {
        throw new ConflictError(
          `Item numbers already used on this agenda: ${taken.map(({ it }) => it.number).join(', ')}.`,
          taken.map(({ it, i }) => ({
            field: items.length > 1 ? `items.${i}.number` : 'number',
            problem: `item ${it.number} already exists`,
          })),
        );
      }
      const due = await defaultDue(occ);
      const records: NewItemWithId[] = items.map((it, i) => ({
        id: newId('item'),
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
      const payload = { occurrenceId, records, history: entry(by, 'created') };
      return runWithIntent(deps.intents, AGENDA_INTENTS.items, payload, () => completeItems(payload));
    },

    async updateItem(occurrenceId: string, number: number, patch: ItemPatch, by: string): Promise<AgendaItem> {
      const item = await itemOrThrow(occurrenceId, number);
      await organisation.assertReferences({
        agencies: agencyRefs(patch.preparingAgencies ?? [], 'preparingAgencies'),
        officials: patch.leaderCode ? [{ field: 'leaderCode', code: patch.leaderCode }] : [],
      });
      const next: Partial<NewItem> = { ...patch };
      if (patch.dueAt === null) {
        // Back to the computed date.
        next.dueAt = await defaultDue(await meetings.getOccurrence(occurrenceId));
        next.dueAtFixed = false;
      } else if (patch.dueAt) next.dueAtFixed = true;
      let changed = false;
      const updated = await changeItem(item.id, `${occurrenceId}#${number}`, (current) => {
        const changes = diff(current, next);
        if (!Object.keys(changes).length) return null;
        changed = true;
        return { patch: next, history: entry(by, 'updated', changes) };
      });
      if (changed) await deps.meetingRepo.bumpScheduleVersion();
      return updated;
    },

    /** "Items 1-6 to Phòng Tài chính - Kế hoạch" in one request; every number must exist. */
    async assignRange(occurrenceId: string, input: AssignInput, by: string): Promise<AgendaItem[]> {
      await meetings.getOccurrence(occurrenceId);
      await organisation.assertReferences({ agencies: [{ field: 'agencyCode', code: input.agencyCode }] });
      const items = (await repo.listByOccurrences([occurrenceId])).filter((i) => input.items.includes(i.number));
      const missing = input.items.filter((n) => !items.some((i) => i.number === n));
      if (missing.length) throw ValidationError.field('items', `no item ${missing.join(', ')} on this agenda`);
      const payload = { occurrenceId, itemIds: items.map((i) => i.id), input, by, at: deps.clock.now() };
      return runWithIntent(deps.intents, AGENDA_INTENTS.assign, payload, () => completeAssign(payload));
    },

    /** The Office sets any status; an agency key only preparing/submitted on its own items. */
    async setStatus(
      occurrenceId: string,
      number: number,
      status: ItemStatus,
      principal: Principal,
      note?: string,
    ): Promise<AgendaItem> {
      const item = await itemOrThrow(occurrenceId, number);
      if (principal.role !== 'office') {
        const own = principal.role === 'agency' && item.preparingAgencies.some((a) => a.code === principal.agencyCode);
        if (!own) throw new ForbiddenError("An agency key may only update its own agency's items.");
        if (!AGENCY_SETTABLE_STATUSES.includes(status))
          throw new ForbiddenError(`An agency may set only: ${AGENCY_SETTABLE_STATUSES.join(', ')}.`);
      }
      const who = `${principal.name} (${principal.role})`;
      let changed = false;
      const updated = await changeItem(item.id, `${occurrenceId}#${number}`, (current) => {
        if (current.status === status) return null;
        changed = true;
        const changes = {
          status: { from: current.status, to: status },
          ...(note ? { note: { from: null, to: note } } : {}),
        };
        return { patch: { status }, history: entry(who, 'status', changes) };
      });
      if (changed) await deps.meetingRepo.bumpScheduleVersion();
      return updated;
    },

    /** Carries a deferred item to the next occurrence of the same series, as its next number. */
    async carryOver(occurrenceId: string, number: number, by: string): Promise<AgendaItem> {
      const item = await itemOrThrow(occurrenceId, number);
      if (item.status !== 'deferred')
        throw new ConflictError(`Item ${number} is '${item.status}'; only a deferred item can be carried over.`, [
          { field: 'status', problem: 'must be deferred' },
        ]);
      if (item.carriedTo) throw new ConflictError(`Item ${number} was already carried to ${item.carriedTo}.`);
      const occ = await meetings.getOccurrence(occurrenceId);
      if (!occ.seriesId)
        throw new ConflictError('This meeting belongs to no series: there is no next occurrence to carry the item to.');
      const from = occ.localStart.slice(0, 10);
      const next = (
        await meetings.occurrencesIn({ from: addDays(from, 1), to: addDays(from, 400), bodyCode: occ.bodyCode })
      ).find((o) => o.seriesId === occ.seriesId && o.status !== 'cancelled' && o.localStart > occ.localStart);
      if (!next) throw new ConflictError('The series has no later occurrence to carry the item to.');
      const numbers = (await repo.listByOccurrences([next.id])).map((i) => i.number);
      const record: NewItemWithId = {
        // One carried copy per item: a concurrent second carry-over finds this id taken and returns the same copy.
        id: `${item.id}-carried`,
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
      };
      const payload = { sourceId: item.id, record, by, at: deps.clock.now() };
      return runWithIntent(deps.intents, AGENDA_INTENTS.carryOver, payload, () => completeCarryOver(payload));
    },

    async history(occurrenceId: string, number: number): Promise<HistoryEntry[]> {
      return (await itemOrThrow(occurrenceId, number)).history;
    },

    /** Handlers of the completion pass (src/shared/intents.ts) for this component's intents. */
    intentHandlers: {
      [AGENDA_INTENTS.items]: async (p: Record<string, unknown>) => {
        await completeItems(p as Parameters<typeof completeItems>[0]).catch(ignoreConflict);
      },
      [AGENDA_INTENTS.assign]: async (p: Record<string, unknown>) => {
        await completeAssign(p as Parameters<typeof completeAssign>[0]);
      },
      [AGENDA_INTENTS.carryOver]: async (p: Record<string, unknown>) => {
        await completeCarryOver(p as Parameters<typeof completeCarryOver>[0]).catch(ignoreConflict);
      },
    },
  };
}
