/** Bodies, agencies and officials are data: nothing in the code assumes a district, commune or province. */

export const BODY_KINDS = ['party-committee', 'people-council', 'people-committee', 'other'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const LEVELS = ['province', 'district', 'commune'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * The usual political order of the bodies of one level of government, as documents and pages list
 * them: the Party committee, then the People's Council, then the People's Committee.
 */
export const BODY_KIND_ORDER: Record<BodyKind, number> = {
  'party-committee': 0,
  'people-council': 1,
  'people-committee': 2,
  other: 3,
};
const LEVEL_ORDER: Record<Level, number> = { province: 0, district: 1, commune: 2 };

/**
 * Sort order of bodies everywhere (API lists, pages, feeds, subscribe page): higher level first,
 * then the political order of their kinds (Huyện ủy, HĐND, UBND), then by name.
 */
export function compareBodies(
  a: Pick<Body, 'level' | 'kind' | 'name' | 'code'>,
  b: Pick<Body, 'level' | 'kind' | 'name' | 'code'>,
): number {
  return (
    (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) ||
    (BODY_KIND_ORDER[a.kind] ?? 9) - (BODY_KIND_ORDER[b.kind] ?? 9) ||
    a.name.localeCompare(b.name, 'vi') ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** A body that meets: Huyện ủy, HĐND, UBND of a district, commune or province. */
export interface Body {
  id: string;
  code: string;
  /** Full name, e.g. "Ủy ban nhân dân huyện Lục Ngạn". */
  name: string;
  /** Short name used in titles, e.g. "UBND huyện". */
  shortName: string;
  kind: BodyKind;
  level: Level;
  /** Place name for "<place>, ngày ... tháng ... năm ..." lines, e.g. "Lục Ngạn". */
  place: string;
  /** Issuing body one level up, shown above the body's name in official headers, e.g. "UBND TỈNH BẮC GIANG". */
  parentName: string;
  timeZone: string;
  /** Documents are due this many working days before a meeting (default 3). */
  documentDueWorkingDays: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An agency that prepares items (cơ quan chuẩn bị): a division, the police, a mass organisation... */
export interface Agency {
  id: string;
  code: string;
  name: string;
  shortName: string;
  bodyCode: string;
  emails: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface Official {
  id: string;
  code: string;
  name: string;
  /** Title (chức vụ), e.g. "Chủ tịch UBND huyện". */
  title: string;
  bodyCode: string;
  agencyCode: string | null;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
}
