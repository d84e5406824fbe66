import type { Occurrence } from '../meetings/types';
import { loadDirectory, occurrenceView, personView, type Directory } from '../meetings/views';
import { toOffsetIso } from '../meetings/local-time';
import type { OrganisationRepositories } from '../organisation/repository';
import type { AgendaService } from './service';
import type { AgendaItem } from './types';

/** The API shape of an agenda item. */
export function agendaItemView(item: AgendaItem, dir: Directory, zone: string) {
  return {
    number: item.number,
    title: item.title,
    kind: item.kind,
    preparingAgencies: item.preparingAgencies.map((a) => ({
      code: a.code,
      name: dir.agencies.get(a.code)?.name ?? a.code,
      role: a.role,
    })),
    leader: personView(dir, item.leaderCode),
    dueAt: item.dueAt ? toOffsetIso(item.dueAt, zone) : null,
    dueAtFixed: item.dueAtFixed,
    status: item.status,
    warnings: item.warnings,
    carriedFrom: item.carriedFrom,
    carriedTo: item.carriedTo,
    updatedAt: item.updatedAt.toISOString(),
  };
}
export type AgendaItemView = ReturnType<typeof agendaItemView>;

/** The API shape of an occurrence with its agenda (`GET /api/occurrences`). */
export function occurrenceWithAgendaView(occ: Occurrence, items: AgendaItem[], dir: Directory) {
  return {
    ...occurrenceView(occ, dir),
    agenda: items.sort((a, b) => a.number - b.number).map((i) => agendaItemView(i, dir, occ.timeZone)),
  };
}
export type OccurrenceView = ReturnType<typeof occurrenceWithAgendaView>;

/**
 * Attaches agendas to occurrences and renders them; with `agencyCode`, keeps those the agency
 * attends or prepares for.
 */
export function occurrenceViews(
  occs: Occurrence[],
  items: AgendaItem[],
  dir: Directory,
  agencyCode?: string,
): OccurrenceView[] {
  const byOcc = new Map<string, AgendaItem[]>();
  for (const i of items) byOcc.set(i.occurrenceId, [...(byOcc.get(i.occurrenceId) ?? []), i]);
  const concerns = (o: Occurrence) =>
    !agencyCode ||
    o.attendees.agencies.includes(agencyCode) ||
    (byOcc.get(o.id) ?? []).some((i) => i.preparingAgencies.some((a) => a.code === agencyCode));
  return occs.filter(concerns).map((o) => occurrenceWithAgendaView(o, byOcc.get(o.id) ?? [], dir));
}

/**
 * Renders occurrences with their agendas: what the meetings routes answer with, handed to them
 * by the composition (src/app.ts), so meetings never imports the agenda.
 */
export function occurrencePresenter(deps: { agenda: Pick<AgendaService, 'list'>; orgRepos: OrganisationRepositories }) {
  return async (occs: Occurrence[], agencyCode?: string): Promise<OccurrenceView[]> => {
    const [items, dir] = await Promise.all([deps.agenda.list(occs.map((o) => o.id)), loadDirectory(deps.orgRepos)]);
    return occurrenceViews(occs, items, dir, agencyCode);
  };
}
