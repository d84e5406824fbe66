/**
 * Shared pieces of both documents: meeting entries (what versions are compared on), the header,
 * and the warnings shown to the Office. Pure.
 */
import type { AgendaItem } from '../agenda/types';
import { utcToLocal } from '../meetings/local-time';
import type { Occurrence } from '../meetings/types';
import type { Directory } from '../meetings/views';
import type { Body } from '../organisation/types';
import { upperVi } from './format';
import { placeDateLine, shortDate } from '../shared/wording';
import { bodyDefaults, type ProgrammeSettings } from './settings';
import type { DocumentBody, DocumentHeader, MeetingEntry, MeetingItem } from './types';

/** What every builder needs: the body, its period's occurrences and agenda items, names for codes. */
export interface BuildContext {
  body: Body;
  occurrences: Occurrence[];
  items: AgendaItem[];
  directory: Directory;
  settings: ProgrammeSettings;
}

export function documentBody(body: Body): DocumentBody {
  return {
    code: body.code,
    name: body.name,
    shortName: body.shortName,
    kind: body.kind,
    place: body.place,
    parentName: body.parentName,
    timeZone: body.timeZone,
  };
}

/** Administrative units a body's name can end with, before the place's own name. */
const UNIT = '(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)';

/**
 * The issuer's name as printed: a body with no superior issuer over it (UBND, HĐND of a district)
 * prints the organ and the place on two lines (Nghị định 30/2020, Phụ lục I), e.g.
 * "ỦY BAN NHÂN DÂN\nHUYỆN LỤC NGẠN"; under a parent, or when the name does not end with its unit
 * and place, it is one line.
 * @example issuerName({ name: 'Ủy ban nhân dân huyện Lục Ngạn', place: 'Lục Ngạn', parentName: '' }) === 'ỦY BAN NHÂN DÂN\nHUYỆN LỤC NGẠN'
 */
export function issuerName(body: Pick<Body, 'name' | 'place' | 'parentName'>): string {
  const name = body.name.normalize('NFC').trim();
  const place = (body.place ?? '').normalize('NFC').trim();
  if (!(body.parentName ?? '').trim() && place) {
    const escaped = place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`^(.*?\\S)\\s+(${UNIT}\\s+${escaped})$`, 'iu').exec(name);
    if (m) return `${upperVi(m[1]!)}\n${upperVi(m[2]!)}`;
  }
  return upperVi(name);
}

/** The decree's header; `number` and `issueDate` are null in a draft (printed as dots). */
export function documentHeader(
  body: Body,
  settings: ProgrammeSettings,
  opts: { number: string | null; issueDate: string | null; year: number; numbered: boolean },
): DocumentHeader {
  const d = bodyDefaults(body);
  return {
    issuerParent: upperVi(body.parentName ?? ''),
    issuer: issuerName(body),
    numberLine: opts.numbered ? settings.numberTemplate.replace('{number}', opts.number ?? '...') : '',
    placeDateLine: placeDateLine(body.place, opts.issueDate, opts.year),
    nation: d.nation ?? 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: d.motto ?? 'Độc lập - Tự do - Hạnh phúc',
  };
}

function itemsOf(occurrenceId: string, items: AgendaItem[], dir: Directory): MeetingItem[] {
  return items
    .filter((i) => i.occurrenceId === occurrenceId)
    .sort((a, b) => a.number - b.number)
    .map((i) => ({
      number: i.number,
      title: i.title,
      agencies: i.preparingAgencies.map((a) => ({
        code: a.code,
        name: dir.agencies.get(a.code)?.name ?? a.code,
        role: a.role,
      })),
    }));
}

const person = (dir: Directory, code: string) => ({ code, name: dir.officials.get(code)?.name ?? code });

export function meetingEntries(occs: Occurrence[], items: AgendaItem[], dir: Directory): MeetingEntry[] {
  return occs.map((o) => ({
    id: o.id,
    seriesId: o.seriesId,
    title: o.title,
    kind: o.kind,
    start: o.localStart,
    end: utcToLocal(o.endUtc, o.timeZone),
    status: o.status,
    location: o.location,
    chair: o.chairCode ? person(dir, o.chairCode) : null,
    officials: o.attendees.officials.map((c) => person(dir, c)),
    agencies: o.attendees.agencies.map((c) => ({ code: c, name: dir.agencies.get(c)?.name ?? c })),
    reason: o.reason,
    items: itemsOf(o.id, items, dir),
    ...(o.timeAssumed ? { timeAssumed: true as const } : {}),
  }));
}

/**
 * Inconsistencies the Office should see before publishing (kept from the source document or found
 * now), each naming the meeting and item: "Phiên họp ... (23/5/2023), nội dung 8: ...".
 */
export function officeWarnings(occs: Occurrence[], items: AgendaItem[]): string[] {
  const out: string[] = [];
  for (const o of occs) {
    if (o.status === 'cancelled') continue;
    const where = `${o.title} (${shortDate(o.localStart.slice(0, 10))})`;
    for (const w of o.warnings) out.push(`${where}: ${w}`);
    for (const i of items.filter((x) => x.occurrenceId === o.id).sort((a, b) => a.number - b.number)) {
      for (const w of i.warnings) out.push(`${where}, nội dung ${i.number}: ${w}`);
      if (!i.preparingAgencies.length && !i.warnings.length)
        out.push(`${where}, nội dung ${i.number}: chưa có cơ quan chuẩn bị.`);
    }
  }
  return [...new Set(out)];
}
