/**
 * Expansions of recurring series remembered across schedule versions (issue 10: the first feed
 * after an edit is built from memory in a few milliseconds). An entry is keyed by everything its
 * result depends on: the series' id, SEQUENCE and last change, the overrides' ids, SEQUENCEs and
 * last changes, the calendar adjustments' ids, and the dates. A write changes one of these (every
 * series and override write sets `updatedAt`), so an edited series is expanded again while the
 * others are reused. Bounded: cleared when it grows past `MAX_ENTRIES`.
 */
import type { OccurrenceOverride, Series } from '../meetings/types';

const MAX_ENTRIES = 20_000;

export class ExpansionMemo<T> {
  private readonly entries = new Map<string, T>();

  static seriesKey(series: Series): string {
    return `${series.id}#${series.sequence}@${series.updatedAt instanceof Date ? series.updatedAt.getTime() : String(series.updatedAt)}`;
  }

  static overridesKey(overrides: OccurrenceOverride[]): string {
    let key = '';
    for (const o of overrides)
      key += `${o.occurrenceId}#${o.sequence}@${o.updatedAt instanceof Date ? o.updatedAt.getTime() : String(o.updatedAt)};`;
    return key;
  }

  get(key: string, compute: () => T): T {
    let hit = this.entries.get(key);
    if (hit === undefined) {
      hit = compute();
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, hit);
    }
    return hit;
  }

  clear(): void {
    this.entries.clear();
  }
}
