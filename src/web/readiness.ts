/**
 * The readiness board: the month's agenda items × the agencies preparing them × status, with
 * overdue items (documents due, not yet submitted) flagged. Pure.
 */
import type { AgendaItem } from '../agenda/types';
import type { Occurrence } from '../meetings/types';
import type { Directory } from '../meetings/views';

/** Statuses that mean the documents have arrived (or the item no longer needs them). */
const DONE = new Set(['submitted', 'ready', 'considered', 'deferred']);

export interface BoardCell {
  role: string;
  status: string;
  overdue: boolean;
}

export interface BoardRow {
  occurrenceId: string;
  meeting: string;
  date: string;
  number: number;
  title: string;
  status: string;
  dueAt: Date | null;
  overdue: boolean;
  warnings: string[];
  /** By agency code. */
  cells: Record<string, BoardCell>;
}

export interface Board {
  agencies: { code: string; name: string; shortName: string; total: number; done: number; overdue: number }[];
  rows: BoardRow[];
}

export function isOverdue(item: Pick<AgendaItem, 'dueAt' | 'status'>, now: Date): boolean {
  return !!item.dueAt && item.dueAt.getTime() < now.getTime() && !DONE.has(item.status);
}

export function readinessBoard(occs: Occurrence[], items: AgendaItem[], dir: Directory, now: Date): Board {
  const live = occs.filter((o) => o.status !== 'cancelled');
  const rows: BoardRow[] = [];
  const counts = new Map<string, { total: number; done: number; overdue: number }>();
  for (const o of live) {
    for (const item of items.filter((i) => i.occurrenceId === o.id).sort((a, b) => a.number - b.number)) {
      const overdue = isOverdue(item, now);
      const cells: Record<string, BoardCell> = {};
      for (const a of item.preparingAgencies) {
        cells[a.code] = { role: a.role, status: item.status, overdue };
        const c = counts.get(a.code) ?? { total: 0, done: 0, overdue: 0 };
        c.total++;
        if (DONE.has(item.status)) c.done++;
        if (overdue) c.overdue++;
        counts.set(a.code, c);
      }
      rows.push({
        occurrenceId: o.id,
        meeting: o.title,
        date: o.localStart.slice(0, 10),
        number: item.number,
        title: item.title,
        status: item.status,
        dueAt: item.dueAt,
        overdue,
        warnings: item.warnings,
        cells,
      });
    }
  }
  const agencies = [...counts.entries()]
    .map(([code, c]) => ({
      code,
      name: dir.agencies.get(code)?.name ?? code,
      shortName: dir.agencies.get(code)?.shortName ?? code,
      ...c,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return { agencies, rows };
}
