/**
 * One instance's in-memory copy of the schedule at one schedule version: series, overrides,
 * meetings, agenda items, the organisation and the calendar adjustments. It answers the read
 * methods of the repositories with the same filters and sort orders as the database queries
 * (see src/readmodel/index.ts), and takes the documents the instance's own writes return, so the
 * writing instance never has to read the database again to see its write.
 *
 * Lookup structures (items by occurrence, meetings by start, …) are derived lazily and dropped on
 * any change of their collection; reads return fresh arrays of shared records, which callers must
 * not mutate (under jest the records are frozen, so a mutation fails the test that makes it).
 */
import type { AgendaItem } from '../agenda/types';
import type { StoredAdjustment } from '../calendar/adjustments';
import type { Meeting, OccurrenceOverride, Series } from '../meetings/types';
import { compareBodies, type Agency, type Body, type Official } from '../organisation/types';

export type OrgKind = 'bodies' | 'agencies' | 'officials';
type OrgRecord = Body | Agency | Official;

const FREEZE = process.env.NODE_ENV === 'test';
function freeze<T>(value: T): T {
  if (!FREEZE || value === null || typeof value !== 'object' || Object.isFrozen(value) || value instanceof Date)
    return value;
  for (const v of Object.values(value as Record<string, unknown>)) freeze(v);
  return Object.freeze(value);
}

/** Mongo's ascending order of possibly-missing values: null and missing first. */
function ascending<T>(key: (x: T) => string | number | null | undefined): (a: T, b: T) => number {
  return (a, b) => {
    const [x, y] = [key(a) ?? null, key(b) ?? null];
    if (x === y) return 0;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  };
}
const byDue = ascending<AgendaItem>((i) => (i.dueAt ? i.dueAt.getTime() : null));

export interface SnapshotData {
  version: number;
  updatedAt: Date | null;
  series: Series[];
  overrides: OccurrenceOverride[];
  meetings: Meeting[];
  items: AgendaItem[];
  bodies: Body[];
  agencies: Agency[];
  officials: Official[];
  adjustments: StoredAdjustment[];
}

export class ScheduleSnapshot {
  version: number;
  updatedAt: Date | null;
  readonly loadedAt = Date.now();
  private readonly series = new Map<string, Series>();
  private readonly overrides = new Map<string, OccurrenceOverride>();
  private readonly meetings = new Map<string, Meeting>();
  private readonly items = new Map<string, AgendaItem>();
  private readonly org: Record<OrgKind, Map<string, OrgRecord>> = {
    bodies: new Map(),
    agencies: new Map(),
    officials: new Map(),
  };
  private adjustments: StoredAdjustment[] = [];

  // Derived lazily, dropped on change.
  private seriesSorted: Series[] | null = null;
  private meetingsSorted: Meeting[] | null = null;
  private overridesBySeries: Map<string, OccurrenceOverride[]> | null = null;
  private itemsByOcc: Map<string, AgendaItem[]> | null = null;
  private itemsByDue: AgendaItem[] | null = null;
  private readonly orgSorted = new Map<OrgKind, OrgRecord[]>();

  constructor(data: SnapshotData) {
    this.version = data.version;
    this.updatedAt = data.updatedAt;
    for (const s of data.series) this.series.set(s.id, freeze(s));
    for (const o of data.overrides) this.overrides.set(o.occurrenceId, freeze(o));
    for (const m of data.meetings) this.meetings.set(m.id, freeze(m));
    for (const i of data.items) this.items.set(i.id, freeze(i));
    for (const kind of ['bodies', 'agencies', 'officials'] as const)
      for (const r of data[kind]) this.org[kind].set(r.code, freeze(r));
    this.adjustments = freeze(data.adjustments);
  }

  /** Counts, for the memory report and logs. */
  get counts() {
    return {
      series: this.series.size,
      overrides: this.overrides.size,
      meetings: this.meetings.size,
      items: this.items.size,
      bodies: this.org.bodies.size,
      agencies: this.org.agencies.size,
      officials: this.org.officials.size,
      adjustments: this.adjustments.length,
    };
  }

  // --- meetings repository -------------------------------------------------------------------

  getSeries(id: string): Series | null {
    return this.series.get(String(id)) ?? null;
  }
  /** Sorted by id, like `listSeries`. */
  listSeries(filter: { bodyCode?: string } = {}): Series[] {
    this.seriesSorted ??= [...this.series.values()].sort(ascending((s) => s.id));
    return filter.bodyCode ? this.seriesSorted.filter((s) => s.bodyCode === filter.bodyCode) : [...this.seriesSorted];
  }
  getOverride(occurrenceId: string): OccurrenceOverride | null {
    return this.overrides.get(String(occurrenceId)) ?? null;
  }
  listOverrides(seriesIds: string[]): OccurrenceOverride[] {
    if (!this.overridesBySeries) {
      this.overridesBySeries = new Map();
      for (const o of this.overrides.values()) {
        const list = this.overridesBySeries.get(o.seriesId);
        if (list) list.push(o);
        else this.overridesBySeries.set(o.seriesId, [o]);
      }
    }
    const out: OccurrenceOverride[] = [];
    for (const id of new Set(seriesIds.map(String))) out.push(...(this.overridesBySeries.get(id) ?? []));
    return out;
  }
  getMeeting(id: string): Meeting | null {
    return this.meetings.get(String(id)) ?? null;
  }
  /** Same filter as the repository's query (`start` between fromDate and `${toDate}T99`), sorted by start. */
  listMeetings(filter: { fromDate?: string; toDate?: string; bodyCode?: string; seriesId?: string } = {}): Meeting[] {
    this.meetingsSorted ??= [...this.meetings.values()].sort(ascending((m) => m.start));
    const hi = filter.toDate ? `${filter.toDate}T99` : null;
    return this.meetingsSorted.filter(
      (m) =>
        (!filter.bodyCode || m.bodyCode === filter.bodyCode) &&
        (!filter.seriesId || m.seriesId === filter.seriesId) &&
        (!filter.fromDate || m.start >= filter.fromDate) &&
        (!hi || m.start <= hi),
    );
  }

  setSeries(s: Series): void {
    this.series.set(s.id, freeze(s));
    this.seriesSorted = null;
  }
  setOverride(o: OccurrenceOverride): void {
    this.overrides.set(o.occurrenceId, freeze(o));
    this.overridesBySeries = null;
  }
  setMeeting(m: Meeting): void {
    this.meetings.set(m.id, freeze(m));
    this.meetingsSorted = null;
  }

  // --- agenda repository ---------------------------------------------------------------------

  private byOccurrence(): Map<string, AgendaItem[]> {
    if (!this.itemsByOcc) {
      this.itemsByOcc = new Map();
      for (const i of this.items.values()) {
        const list = this.itemsByOcc.get(i.occurrenceId);
        if (list) list.push(i);
        else this.itemsByOcc.set(i.occurrenceId, [i]);
      }
      for (const list of this.itemsByOcc.values()) list.sort((a, b) => a.number - b.number);
    }
    return this.itemsByOcc;
  }
  /** Every item, sorted by occurrence id, then number. */
  listAllItems(): AgendaItem[] {
    return this.listByOccurrences([...this.byOccurrence().keys()]);
  }
  /** Sorted by occurrence id, then number. */
  listByOccurrences(occurrenceIds: string[]): AgendaItem[] {
    const index = this.byOccurrence();
    const ids = [...new Set(occurrenceIds.map(String))].sort();
    const out: AgendaItem[] = [];
    for (const id of ids) {
      const list = index.get(id);
      if (list) out.push(...list);
    }
    return out;
  }
  private dueOrder(): AgendaItem[] {
    return (this.itemsByDue ??= [...this.items.values()].sort(byDue));
  }
  listByAgency(agencyCode: string): AgendaItem[] {
    const code = String(agencyCode);
    return this.dueOrder().filter((i) => i.preparingAgencies.some((a) => a.code === code));
  }
  listDueBetween(from: Date, to: Date): AgendaItem[] {
    const [lo, hi] = [from.getTime(), to.getTime()];
    return this.dueOrder().filter((i) => i.dueAt !== null && i.dueAt.getTime() >= lo && i.dueAt.getTime() <= hi);
  }
  getItem(occurrenceId: string, number: number): AgendaItem | null {
    return (
      this.byOccurrence()
        .get(String(occurrenceId))
        ?.find((i) => i.number === Number(number)) ?? null
    );
  }
  getItemById(id: string): AgendaItem | null {
    return this.items.get(String(id)) ?? null;
  }
  setItem(item: AgendaItem): void {
    this.items.set(item.id, freeze(item));
    this.itemsByOcc = null;
    this.itemsByDue = null;
  }
  deleteItem(id: string): void {
    if (!this.items.delete(String(id))) return;
    this.itemsByOcc = null;
    this.itemsByDue = null;
  }

  // --- organisation --------------------------------------------------------------------------

  /** Sorted by code (bodies then in their political order), filtered by exact field values. */
  listOrg<T extends OrgRecord>(kind: OrgKind, filter: Record<string, unknown> = {}): T[] {
    let sorted = this.orgSorted.get(kind);
    if (!sorted) {
      sorted = [...this.org[kind].values()].sort(ascending((r) => r.code));
      this.orgSorted.set(kind, sorted);
    }
    const entries = Object.entries(filter).filter(([, v]) => typeof v === 'string');
    const out = (
      entries.length
        ? sorted.filter((r) => entries.every(([k, v]) => (r as unknown as Record<string, unknown>)[k] === v))
        : [...sorted]
    ) as T[];
    return kind === 'bodies' ? ((out as unknown as Body[]).sort(compareBodies) as unknown as T[]) : out;
  }
  // The caller names the record type of `kind` (the map holds only that kind's records), as with listOrg and
  // getManyOrg; readmodel/index.ts passes it explicitly, so the parameter cannot become its constraint here alone.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed read of one kind's records, named by the caller
  getOrg<T extends OrgRecord>(kind: OrgKind, code: string): T | null {
    return (this.org[kind].get(String(code)) as T | undefined) ?? null;
  }
  getManyOrg<T extends OrgRecord>(kind: OrgKind, codes: string[]): T[] {
    const out: T[] = [];
    for (const code of new Set(codes.map(String))) {
      const r = this.org[kind].get(code);
      if (r) out.push(r as T);
    }
    return out;
  }
  countOrg(kind: OrgKind): number {
    return this.org[kind].size;
  }
  setOrg(kind: OrgKind, record: OrgRecord): void {
    this.org[kind].set(record.code, freeze(record));
    this.orgSorted.delete(kind);
  }

  // --- calendar adjustments ------------------------------------------------------------------

  listAdjustments(): StoredAdjustment[] {
    return [...this.adjustments];
  }
  setAdjustments(list: StoredAdjustment[]): void {
    this.adjustments = freeze(list);
  }
}
