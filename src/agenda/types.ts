export const ITEM_KINDS = ['report', 'draft-decision', 'plan', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** assigned → preparing → submitted → (returned → preparing …) → ready → considered; or deferred. */
export const ITEM_STATUSES = [
  'assigned',
  'preparing',
  'submitted',
  'returned',
  'ready',
  'considered',
  'deferred',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses an agency key may set on its own items; the Office may set any. */
export const AGENCY_SETTABLE_STATUSES: readonly ItemStatus[] = ['preparing', 'submitted'];

export const AGENCY_ROLES = ['lead', 'coordinating'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export interface PreparingAgency {
  code: string;
  /** lead = chủ trì / chuẩn bị; coordinating = phối hợp. */
  role: AgencyRole;
}

export interface HistoryEntry {
  at: Date;
  by: string;
  action: string;
  /** field → {from, to} */
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** A numbered item (nội dung trình) on the agenda of one occurrence. */
export interface AgendaItem {
  id: string;
  occurrenceId: string;
  seriesId: string | null;
  number: number;
  title: string;
  kind: ItemKind;
  preparingAgencies: PreparingAgency[];
  /** Official code of the leader in charge, or null. */
  leaderCode: string | null;
  dueAt: Date | null;
  /** True when dueAt was set by hand: moving the meeting then leaves it alone. */
  dueAtFixed: boolean;
  status: ItemStatus;
  /** Inconsistencies kept from the source document, shown, never silently fixed. */
  warnings: string[];
  /** Where a deferred item was carried to / from (`<occurrenceId>#<number>`). */
  carriedTo: string | null;
  carriedFrom: string | null;
  history: HistoryEntry[];
  /** Revision: grows with every change; a change applies only to the revision it was computed from. */
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}
