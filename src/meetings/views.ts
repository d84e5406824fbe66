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
  const [bodies, agencies, officials] = await Promise.all([
    repos.bodies.list(),
    repos.agencies.list(),
    repos.officials.list(),
  ]);
  return {
    bodies: new Map(bodies.map((b) => [b.code, b])),
    agencies: new Map(agencies.map((a) => [a.code, a])),
    officials: new Map(officials.map((o) => [o.code, o])),
  };
}

/** An official named by code, as views show them (the code alone when unknown). */
export function personView(dir: Directory, code: string | null) {
  if (!code) return null;
  const o = dir.officials.get(code);
  return { code, name: o?.name ?? code, title: o?.title ?? '' };
}

/**
 * The API shape of an occurrence (the contract other parts rely on), without its agenda: the
 * agenda component adds that (src/agenda/views.ts), as meetings knows nothing of agendas.
 */
export function occurrenceView(occ: Occurrence, dir: Directory) {
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
    originalStart:
      occ.originalLocalStart !== occ.localStart
        ? toOffsetIso(localToUtc(occ.originalLocalStart, occ.timeZone), occ.timeZone)
        : null,
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
  };
}
