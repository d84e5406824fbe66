import type { AgendaItem } from '../agenda/types';
import type { OrganisationRepositories } from '../organisation/repository';
import type { Agency, Body, Official } from '../organisation/types';
import { localToUtc, toOffsetIso } from './local-time';
import type { Occurrence } from './types';

/** Names for codes, loaded once per request (the organisation is small). */
export interface Directory {
  bodies: Map<string, Body>;
  agencies: Map<string, Agency>;
  officials: Map<string, Official>;
}

export async function loadDirectory(repos: OrganisationRepositories): Promise<Directory> {
  const [bodies, agencies, officials] = await Promise.all([repos.bodies.list(), repos.agencies.list(), repos.officials.list()]);
  return {
    bodies: new Map(bodies.map((b) => [b.code, b])),
    agencies: new Map(agencies.map((a) => [a.code, a])),
    officials: new Map(officials.map((o) => [o.code, o])),
  };
}

function personView(dir: Directory, code: string | null) {
  if (!code) return null;
  const o = dir.officials.get(code);
  return { code, name: o?.name ?? code, title: o?.title ?? '' };
}

export function agendaItemView(item: AgendaItem, dir: Directory, zone: string) {
  return {
    number: item.number,
    title: item.title,
    kind: item.kind,
    preparingAgencies: item.preparingAgencies.map((a) => ({ code: a.code, name: dir.agencies.get(a.code)?.name ?? a.code, role: a.role })),
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

/** The API shape of an occurrence (the contract other parts rely on). */
export function occurrenceView(occ: Occurrence, items: AgendaItem[], dir: Directory) {
  return {
    id: occ.id,
    seriesId: occ.seriesId,
    meetingId: occ.meetingId,
    title: occ.title,
    kind: occ.kind,
    body: occ.bodyCode,
    start: toOffsetIso(occ.startUtc, occ.timeZone),
    end: toOffsetIso(occ.endUtc, occ.timeZone),
    timeZone: occ.timeZone,
    /** Where the rule had put it, when it now takes place elsewhere (moved by hand or by the holiday policy). */
    originalStart: occ.originalLocalStart !== occ.localStart ? toOffsetIso(localToUtc(occ.originalLocalStart, occ.timeZone), occ.timeZone) : null,
    location: occ.location,
    status: occ.status,
    /** The time is an estimate, not stated by the source ("giờ dự kiến"). */
    timeAssumed: occ.timeAssumed === true,
    holiday: occ.holiday,
    reason: occ.reason,
    chair: personView(dir, occ.chairCode),
    attendees: {
      officials: occ.attendees.officials.map((c) => personView(dir, c)!),
      agencies: occ.attendees.agencies.map((c) => ({ code: c, name: dir.agencies.get(c)?.name ?? c })),
    },
    description: occ.description,
    warnings: occ.warnings,
    sequence: occ.sequence,
    updatedAt: occ.updatedAt.toISOString(),
    agenda: items.sort((a, b) => a.number - b.number).map((i) => agendaItemView(i, dir, occ.timeZone)),
  };
}
export type OccurrenceView = ReturnType<typeof occurrenceView>;

/** Attaches agendas to occurrences and renders them; with `agencyCode`, keeps those the agency attends or prepares for. */
export function occurrenceViews(occs: Occurrence[], items: AgendaItem[], dir: Directory, agencyCode?: string): OccurrenceView[] {
  const byOcc = new Map<string, AgendaItem[]>();
  for (const i of items) byOcc.set(i.occurrenceId, [...(byOcc.get(i.occurrenceId) ?? []), i]);
  return occs
    .filter((o) => !agencyCode || o.attendees.agencies.includes(agencyCode) || (byOcc.get(o.id) ?? []).some((i) => i.preparingAgencies.some((a) => a.code === agencyCode)))
    .map((o) => occurrenceView(o, byOcc.get(o.id) ?? [], dir));
}
