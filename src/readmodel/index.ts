/**
 * The read model: each instance keeps the schedule in memory (a `ScheduleSnapshot` of one schedule
 * version) and answers reads from it instead of the database. It wraps the repositories of the
 * composition root (src/services.ts), so the use cases above them are unchanged.
 *
 * **Which reads use it.** The wrapped repositories answer from memory when the caller runs in
 * "snapshot mode": every GET/HEAD request (`middleware`), the feeds and the reminder planner
 * (`repos('always')`). Reads inside writes (POST, PATCH, DELETE, the completion pass, CLIs) go to
 * the database as before: optimistic concurrency compares revisions and SEQUENCEs that must be
 * current, whatever another instance just wrote.
 *
 * **Freshness.** The snapshot carries the schedule version it was loaded at (the version is read
 * before the data, so the data is at least that new). Every write of the schedule bumps the
 * version (meetings, agenda, organisation, adjustments, directives, programme import):
 * - the writing instance patches its snapshot with the documents its writes return and, when its
 *   bump is the next version (nobody else wrote meanwhile), relabels the snapshot without reading
 *   anything; otherwise the next read reloads it. Either way its next request sees the write.
 * - other instances read the version (one `findById` on `meta`) every `pollMs` (READ_MODEL_POLL_MS,
 *   default 500 ms) and reload on a change: an edit shows on every instance within pollMs plus one
 *   reload (about 0.1-0.3 s on the local database for the seed), and at once on the writer.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import type { AgendaRepository } from '../agenda/repository';
import type { AdjustmentRepository } from '../calendar/adjustments';
import type { MeetingRepository } from '../meetings/repository';
import type { OrganisationRepositories, CodeRepository } from '../organisation/repository';
import type { Agency, Body, Official } from '../organisation/types';
import type { Logger } from '../shared/logger';
import { ScheduleSnapshot, type OrgKind } from './snapshot';

export { ScheduleSnapshot } from './snapshot';

export interface ReadModelRepos {
  meetingRepo: MeetingRepository;
  agendaRepo: AgendaRepository;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
}

export interface ReadModelSettings {
  /** How often other instances' writes are looked for (ms); 0 turns polling off (one instance). */
  pollMs: number;
}
export const DEFAULT_READ_MODEL_SETTINGS: ReadModelSettings = { pollMs: 500 };

type Patch = (s: ScheduleSnapshot) => void;
type Version = { version: number; updatedAt: Date | null };

export type ReadModel = ReturnType<typeof readModel>;

export function readModel(raw: ReadModelRepos, settings: Partial<ReadModelSettings> = {}, logger?: Logger) {
  const { pollMs } = { ...DEFAULT_READ_MODEL_SETTINGS, ...settings };
  const mode = new AsyncLocalStorage<boolean>();
  let snapshot: ScheduleSnapshot | null = null;
  /** The newest version this instance knows of (its own bumps, the poll). */
  let known: Version = { version: -1, updatedAt: null };
  /** The load in flight, with the patches of writes made meanwhile (applied to its result). */
  let loading: { promise: Promise<ScheduleSnapshot>; patches: Patch[] } | null = null;
  let loads = 0;
  let lastLoadMs = 0;

  function learn(v: Version): void {
    if (v.version > known.version) known = v;
  }

  async function loadOnce(): Promise<ScheduleSnapshot> {
    const patches: Patch[] = [];
    const started = performance.now();
    const promise = (async () => {
      const version = await raw.meetingRepo.scheduleVersion();
      const [series, meetings, items, bodies, agencies, officials, adjustments] = await Promise.all([
        raw.meetingRepo.listSeries(),
        raw.meetingRepo.listMeetings(),
        raw.agendaRepo.listAll(),
        raw.orgRepos.bodies.list(),
        raw.orgRepos.agencies.list(),
        raw.orgRepos.officials.list(),
        raw.adjustments.list(),
      ]);
      const overrides = await raw.meetingRepo.listOverrides(series.map((s) => s.id));
      const next = new ScheduleSnapshot({
        ...version,
        series,
        overrides,
        meetings,
        items,
        bodies,
        agencies,
        officials,
        adjustments,
      });
      for (const p of patches) p(next);
      return next;
    })();
    loading = { promise, patches };
    try {
      const next = await promise;
      learn(next);
      if (!snapshot || next.version >= snapshot.version) snapshot = next;
      loads++;
      lastLoadMs = performance.now() - started;
      logger?.debug('read model loaded', { version: next.version, ms: Math.round(lastLoadMs), ...next.counts });
      return next;
    } finally {
      if (loading?.promise === promise) loading = null;
    }
  }

  /** The snapshot of the newest known version (loaded if needed; concurrent callers share a load). */
  async function current(): Promise<ScheduleSnapshot> {
    for (;;) {
      const s = snapshot;
      if (s && s.version >= known.version) return s;
      const l = loading;
      const got = l ? await l.promise.catch(() => null) : await loadOnce();
      if (got && got.version >= known.version) return got;
      if (!l && !got) throw new Error('read model: load failed');
    }
  }

  /** Applies a write's result to the snapshot and to a load in flight. */
  function patch(p: Patch): void {
    if (snapshot) p(snapshot);
    loading?.patches.push(p);
  }
  /** A write whose result is unknown: the next read reloads. */
  function drop(): void {
    snapshot = null;
  }

  // --- the wrapped repositories ----------------------------------------------------------------

  function wrap(always: boolean) {
    const inSnapshot = () => always || mode.getStore() === true;
    /** A read: from memory in snapshot mode, else from the database. */
    const read =
      <A extends unknown[], R>(fromDb: (...a: A) => Promise<R>, fromSnapshot: (s: ScheduleSnapshot, ...a: A) => R) =>
      async (...a: A): Promise<R> =>
        inSnapshot() ? fromSnapshot(await current(), ...a) : fromDb(...a);
    /** A write: passes through, then patches the snapshot with what it returned. */
    const write =
      <A extends unknown[], R>(fn: (...a: A) => Promise<R>, apply: (s: ScheduleSnapshot, result: R, ...a: A) => void) =>
      async (...a: A): Promise<R> => {
        const result = await fn(...a);
        patch((s) => apply(s, result, ...a));
        return result;
      };
    /** A write whose document must be read back (an updateOne): read by id, then patched. */
    const writeThenReload =
      <A extends unknown[], R, D>(
        fn: (...a: A) => Promise<R>,
        reread: (...a: A) => Promise<D>,
        apply: (s: ScheduleSnapshot, doc: D, ...a: A) => void,
      ) =>
      async (...a: A): Promise<R> => {
        const result = await fn(...a);
        const doc = await reread(...a);
        patch((s) => apply(s, doc, ...a));
        return result;
      };

    const m = raw.meetingRepo;
    const meetingRepo: MeetingRepository = {
      ...m,
      getSeries: read(m.getSeries, (s, id) => s.getSeries(id)),
      listSeries: read(m.listSeries, (s, f) => s.listSeries(f)),
      getOverride: read(m.getOverride, (s, id) => s.getOverride(id)),
      listOverrides: read(m.listOverrides, (s, ids) => s.listOverrides(ids)),
      getMeeting: read(m.getMeeting, (s, id) => s.getMeeting(id)),
      listMeetings: read(m.listMeetings, (s, f) => s.listMeetings(f)),
      scheduleVersion: read(m.scheduleVersion, (s) => ({ version: s.version, updatedAt: s.updatedAt })),
      createSeries: write(m.createSeries, (s, r) => s.setSeries(r)),
      updateSeries: write(m.updateSeries, (s, r) => r && s.setSeries(r)),
      upsertOverride: write(m.upsertOverride, (s, r) => s.setOverride(r)),
      addOverrideWarnings: writeThenReload(
        m.addOverrideWarnings,
        (key) => m.getOverride(key.occurrenceId),
        (s, doc) => (doc ? s.setOverride(doc) : undefined),
      ),
      createMeeting: write(m.createMeeting, (s, r) => s.setMeeting(r)),
      updateMeeting: write(m.updateMeeting, (s, r) => r && s.setMeeting(r)),
      addMeetingWarnings: writeThenReload(
        m.addMeetingWarnings,
        (id) => m.getMeeting(id),
        (s, doc) => (doc ? s.setMeeting(doc) : undefined),
      ),
      bumpScheduleVersion: bump,
    };
    const g = raw.agendaRepo;
    const setItems = (s: ScheduleSnapshot, items: Awaited<ReturnType<AgendaRepository['listAll']>>) =>
      items.forEach((i) => s.setItem(i));
    const agendaRepo: AgendaRepository = {
      ...g,
      listAll: read(g.listAll, (s) => s.listAllItems()),
      listByOccurrences: read(g.listByOccurrences, (s, ids) => s.listByOccurrences(ids)),
      listByAgency: read(g.listByAgency, (s, code) => s.listByAgency(code)),
      listDueBetween: read(g.listDueBetween, (s, from, to) => s.listDueBetween(from, to)),
      get: read(g.get, (s, occ, n) => s.getItem(occ, n)),
      getById: read(g.getById, (s, id) => s.getItemById(id)),
      // insertMany calls this.insertWithIds: bound to the wrapped object, so it is patched once.
      insertWithIds: write(g.insertWithIds, (s, r) => setItems(s, r)),
      update: write(g.update, (s, r) => r && s.setItem(r)),
      updateIfRev: write(g.updateIfRev, (s, r) => r && s.setItem(r)),
      addAgencyIfAbsent: write(g.addAgencyIfAbsent, (s, r) => r && s.setItem(r)),
      removeMany: write(g.removeMany, (s, _r, ids) => ids.forEach((id) => s.deleteItem(id))),
      remove: write(g.remove, (s, _r, id) => s.deleteItem(id)),
      setDueAt: writeThenReload(
        g.setDueAt,
        (id) => g.getById(id),
        (s, doc, id) => (doc ? s.setItem(doc) : s.deleteItem(id)),
      ),
    };
    const org = <T extends Body | Agency | Official>(kind: OrgKind, r: CodeRepository<T>): CodeRepository<T> => ({
      ...r,
      list: read(r.list, (s, f) => s.listOrg<T>(kind, (f ?? {}) as Record<string, unknown>)),
      get: read(r.get, (s, code) => s.getOrg<T>(kind, code)),
      getMany: read(r.getMany, (s, codes) => s.getManyOrg<T>(kind, codes)),
      count: read(r.count, (s) => s.countOrg(kind)),
      create: write(r.create, (s, rec) => s.setOrg(kind, rec)),
      update: write(r.update, (s, rec) => rec && s.setOrg(kind, rec)),
    });
    const orgRepos: OrganisationRepositories = {
      bodies: org('bodies', raw.orgRepos.bodies),
      agencies: org('agencies', raw.orgRepos.agencies),
      officials: org('officials', raw.orgRepos.officials),
    };
    const a = raw.adjustments;
    const relistAdjustments = async () => {
      const list = await a.list();
      patch((s) => s.setAdjustments(list));
    };
    const adjustments: AdjustmentRepository = {
      ...a,
      list: read(a.list, (s) => s.listAdjustments()),
      async create(input) {
        const created = await a.create(input);
        await relistAdjustments();
        return created;
      },
      /** The seed loader records decisions with it: bumped here, so running instances see them. */
      async ensure(input) {
        const added = await a.ensure(input);
        if (added) {
          await relistAdjustments();
          await bump();
        }
        return added;
      },
      async remove(id) {
        const removed = await a.remove(id);
        await relistAdjustments();
        return removed;
      },
    };
    return { meetingRepo, agendaRepo, orgRepos, adjustments };
  }

  /** Bumps the version; relabels the snapshot when this bump is the only change since it. */
  async function bump(): Promise<number> {
    const n = await raw.meetingRepo.bumpScheduleVersion();
    const v = await raw.meetingRepo.scheduleVersion();
    if (snapshot && !loading && snapshot.version === n - 1 && v.version === n) {
      snapshot.version = n;
      snapshot.updatedAt = v.updatedAt;
    }
    learn(v.version >= n ? v : { version: n, updatedAt: v.updatedAt });
    return n;
  }

  // --- polling -------------------------------------------------------------------------------

  let timer: NodeJS.Timeout | null = null;
  let polling = false;
  /** Completed reads of the version (by the timer or `poll`): what /healthz reports with the version. */
  let polls = 0;
  async function poll(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      learn(await raw.meetingRepo.scheduleVersion());
      polls++;
    } catch (err) {
      logger?.debug('read model: version poll failed', { error: String((err as Error)?.message ?? err) });
    } finally {
      polling = false;
    }
  }

  const always = wrap(true);
  const contextual = wrap(false);

  return {
    /** Repositories answering from memory in snapshot mode (GET/HEAD requests, `inSnapshot`). */
    repos: contextual,
    /** Repositories always answering from memory (feeds, the reminder planner). */
    alwaysRepos: always,
    /** Runs GET and HEAD requests in snapshot mode. */
    middleware(): RequestHandler {
      return (req, _res, next) => (req.method === 'GET' || req.method === 'HEAD' ? mode.run(true, next) : next());
    },
    /** True when the caller runs in snapshot mode (a GET or HEAD request, `inSnapshot`). */
    snapshotMode: (): boolean => mode.getStore() === true,
    /** The newest schedule version this instance knows of (its own bumps, the poll). */
    knownVersion: (): number => known.version,
    /** Bumps the schedule version for a change the snapshot does not hold (publishing settings). */
    bump,
    /** Runs `f` (and everything it awaits) in snapshot mode. */
    inSnapshot: <T>(f: () => T): T => mode.run(true, f),
    /** The snapshot of the newest known version. */
    current,
    /** The loaded snapshot if it is current, without waiting (the feeds' short path). */
    currentSync: (): ScheduleSnapshot | null => (snapshot && snapshot.version >= known.version ? snapshot : null),
    /** Starts polling the version (unref'd timer); `stop` ends it. */
    start(): void {
      if (timer || pollMs <= 0) return;
      void poll();
      timer = setInterval(() => void poll(), pollMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
    /** Reads the version now (tests; an instance that must not wait for the next poll). */
    poll,
    /** Forgets the snapshot: the next read reloads (benchmarks measure loads with it). */
    drop,
    stats: () => ({
      version: snapshot?.version ?? null,
      knownVersion: known.version,
      loads,
      lastLoadMs,
      counts: snapshot?.counts ?? null,
      pollMs,
      polls,
    }),
  };
}
