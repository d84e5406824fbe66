/**
 * The planning use case: load the schedule of the planning window, ask the pure planner what
 * should exist (plan.ts, changes.ts), compare with the outbox (reconcile.ts) and write the
 * difference. Writes to existing deliveries happen under a claim lock (repository.ts), so a
 * dispatcher sending a delivery at the same moment is never overwritten.
 */
import type { AgendaRepository } from '../agenda/repository';
import type { AgendaItem } from '../agenda/types';
import { loadWorkingCalendar, type AdjustmentRepository } from '../calendar/adjustments';
import { utcToLocal } from '../meetings/local-time';
import { addDays } from '../shared/wording';
import type { MeetingsService } from '../meetings/service';
import type { Occurrence } from '../meetings/types';
import { loadDirectory } from '../meetings/views';
import type { OrganisationRepositories } from '../organisation/repository';
import type { Logger } from '../shared/logger';
import { detectChanges } from './changes';
import { isOpen, reminderLinks } from './facts';
import { normaliseEmail } from './keys';
import { planDeliveries } from './plan';
import { reconcile, type Reconciliation, type StoredSummary } from './reconcile';
import type { DeliveryRepository } from './repository';
import type { Sender } from './render';
import { withDefaults, type ReminderStores } from './stores';
import type { PlanningSource } from './sources';
import type { Delivery, NotifiedState, OptOutKind, PlannedDelivery, ReminderSettings } from './types';

/** Occurrences from yesterday to this many days ahead are planned (offsets + due + digest span). */
export const PLANNING_WINDOW_DAYS = 60;
const PLANNER_LEASE_MS = 60_000;

export interface PlannerDeps {
  deliveries: DeliveryRepository;
  stores: ReminderStores;
  meetings: MeetingsService;
  agendaRepo: AgendaRepository;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  logger: Logger;
  publicBaseUrl: string;
  defaultTimeZone: string;
  /** Other components planning into the same outbox (see sources.ts). */
  sources?: PlanningSource[];
}

export interface PlannerOptions {
  /** Escalation addresses for bodies whose settings name no office agency (OFFICE_EMAIL). */
  officeEmails: string[];
  sender: Sender;
}

export interface Computed {
  now: Date;
  planned: PlannedDelivery[];
  notices: PlannedDelivery[];
  states: NotifiedState[];
  knownStates: Set<string>;
  reconciliation: Reconciliation;
}

export interface PlanReport {
  planned: number;
  inserted: number;
  notices: number;
  refreshed: number;
  muted: number;
  expired: number;
  /** Writes skipped because a dispatcher held the delivery; retried on the next pass. */
  busy: number;
}

export function plannerOf(deps: PlannerDeps, options: PlannerOptions) {
  const links = reminderLinks(deps.publicBaseUrl);

  /** Why a pending delivery is no longer wanted (recorded on the muted delivery). */
  function whyNotFor(
    occs: Map<string, Occurrence>,
    items: Map<string, AgendaItem>,
    optedOut: (e: string, k: OptOutKind) => boolean,
  ) {
    return (s: StoredSummary): string => {
      const [kind, occId, itemNumber, recipient] = s.key.split(':') as [string, string, string, string];
      if (kind !== 'escalation' && optedOut(recipient, kind as OptOutKind)) return 'recipient opted out';
      const occ = occs.get(occId);
      if (occId !== '-' && !occ) return 'meeting no longer in the planning window (moved far away or deleted)';
      if (occ?.status === 'cancelled') return 'meeting cancelled';
      const item = itemNumber !== '-' ? items.get(`${occId}#${itemNumber}`) : undefined;
      if (itemNumber !== '-' && !item) return 'agenda item removed';
      if (item && !isOpen(item)) return `item ${item.status}`;
      return 'no longer planned (time, recipients or settings changed)';
    };
  }

  async function compute(now: Date): Promise<Computed> {
    const today = utcToLocal(now, deps.defaultTimeZone).slice(0, 10);
    const calendar = await loadWorkingCalendar(deps.adjustments);
    const [occurrences, directory, settings, optOuts, stored] = await Promise.all([
      deps.meetings.occurrencesIn({ from: addDays(today, -1), to: addDays(today, PLANNING_WINDOW_DAYS) }, calendar),
      loadDirectory(deps.orgRepos),
      deps.stores.settings.all(),
      deps.stores.optOuts.all(),
      deps.deliveries.storedForPlanning(),
    ]);
    const [items, notified] = await Promise.all([
      deps.agendaRepo.listByOccurrences(occurrences.map((o) => o.id)),
      deps.stores.notified.getMany(occurrences.map((o) => o.id)),
    ]);
    const optedOutSet = new Set(optOuts.map((o) => `${o.email}|${o.kind}`));
    const optedOut = (email: string, kind: OptOutKind) => optedOutSet.has(`${email}|${kind}`);
    const settingsOf = (bodyCode: string): ReminderSettings => settings.get(bodyCode) ?? withDefaults(bodyCode, null);
    const officeEmailsOf = (bodyCode: string): string[] => {
      const code = settingsOf(bodyCode).officeAgencyCode;
      const emails = code ? (directory.agencies.get(code)?.emails ?? []) : options.officeEmails;
      return [...new Set(emails.filter((e) => e.includes('@')).map(normaliseEmail))];
    };

    // Other components' deliveries (directives: sources.ts) join the schedule's before reconciling.
    const sourced = await Promise.all(
      (deps.sources ?? []).map((src) => src.plan({ now, directory, calendar, optedOut, officeEmailsOf, links })),
    );
    const digestExtras = (agencyCode: string, at: Date, until: Date) =>
      sourced.flatMap((p) => p.digestEntries?.(agencyCode, at, until) ?? []);
    const planned = planDeliveries({
      now,
      occurrences,
      items,
      directory,
      settingsOf,
      calendar,
      officeEmailsOf,
      optedOut,
      links,
      defaultTimeZone: deps.defaultTimeZone,
      digestExtras,
    });
    for (const p of sourced) planned.push(...p.deliveries);
    const changes = detectChanges({
      now,
      occurrences,
      items,
      notified,
      directory,
      links,
      optedOut,
      organizer: options.sender,
    });
    const occMap = new Map(occurrences.map((o) => [o.id, o]));
    const itemMap = new Map(items.map((i) => [`${i.occurrenceId}#${i.number}`, i]));
    const reconciliation = reconcile(planned, changes.notices, stored, now, whyNotFor(occMap, itemMap, optedOut));
    return {
      now,
      planned,
      notices: changes.notices,
      states: changes.states,
      knownStates: new Set(notified.keys()),
      reconciliation,
    };
  }

  /**
   * Writes one change under a claim: `patch` changes the open delivery in place, `finish` moves it
   * to the log. False when a dispatcher holds the delivery right now (retried next pass).
   */
  async function underLock(
    key: string,
    owner: string,
    now: Date,
    allowed: string[],
    change: { patch?: (d: Delivery) => Partial<Delivery>; finish?: Partial<Delivery> },
  ): Promise<boolean> {
    const current = await deps.deliveries.getOpen(key);
    if (!current || !allowed.includes(current.state)) return true; // nothing to do any more
    const lock = await deps.deliveries.lock(current, owner, now, PLANNER_LEASE_MS);
    if (!lock) return false;
    const fresh = lock.first ? current : await deps.deliveries.getOpen(key);
    if (!fresh || !allowed.includes(fresh.state) || lock.number <= fresh.claims) {
      await deps.deliveries.release(lock);
      return true;
    }
    if (change.finish) {
      await deps.deliveries.finish(lock, fresh, change.finish, now);
      await deps.deliveries.dropOpen([key]);
    } else if (!(await deps.deliveries.writeLocked(lock, fresh.claims, change.patch!(fresh), now)))
      await deps.deliveries.release(lock);
    return true;
  }

  async function apply(c: Computed, owner: string): Promise<PlanReport> {
    const { now, reconciliation: r } = c;
    const report: PlanReport = {
      planned: c.planned.length,
      inserted: 0,
      notices: 0,
      refreshed: 0,
      muted: 0,
      expired: 0,
      busy: 0,
    };
    const { inserted } = await deps.deliveries.insertNew(r.inserts, now);
    deps.deliveries.retainSettled(new Set([...c.planned, ...c.notices].map((p) => p.key)));
    report.inserted = inserted;
    report.notices = r.inserts.filter((i) => i.planned.kind === 'change').length;
    // After the notices exist: a crash in between only means detecting the change again.
    await deps.stores.notified.record(c.states, c.knownStates);

    for (const f of r.refreshes) {
      const p = f.planned;
      const ok = await underLock(f.key, owner, now, ['pending', 'muted'], {
        patch: (d) => ({
          state: 'pending',
          reason: null,
          group: p.group,
          dueAt: p.dueAt,
          expiresAt: p.expiresAt,
          data: p.data,
          dataHash: p.dataHash,
          agencyCode: p.agencyCode,
          officialCode: p.officialCode,
          // A delivery waiting for a retry keeps its backoff unless the new time is later.
          nextAttemptAt: d.attempts > 0 && d.nextAttemptAt > p.dueAt ? d.nextAttemptAt : p.dueAt,
        }),
      });
      if (ok) report.refreshed++;
      else report.busy++;
    }
    for (const m of r.mutes) {
      if (await underLock(m.key, owner, now, ['pending'], { patch: () => ({ state: 'muted', reason: m.reason }) }))
        report.muted++;
      else report.busy++;
    }
    for (const e of r.expires) {
      if (await underLock(e.key, owner, now, ['pending', 'muted'], { finish: { state: 'expired', reason: e.reason } }))
        report.expired++;
      else report.busy++;
    }
    return report;
  }

  return {
    compute,
    apply,
    /** One planning pass at `now`. */
    async plan(now: Date, owner = 'planner'): Promise<PlanReport> {
      const report = await apply(await compute(now), owner);
      if (report.inserted || report.refreshed || report.muted || report.expired)
        deps.logger.info('reminders planned', { ...report });
      return report;
    },
  };
}

export type Planner = ReturnType<typeof plannerOf>;
