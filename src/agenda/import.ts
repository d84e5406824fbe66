import { formatItemRange, parseItemRange } from './ranges';
import type { PreparingAgency } from './types';

/** An assignment sentence as a document writes it: "Thanh tra huyện chuẩn bị nội dung 7, 8". */
export interface DocumentAssignment {
  agencyCode: string;
  /** The numbers as written: "1-6", "7, 8". */
  items: string;
  /** The sentence itself, kept for the warnings. */
  text: string;
}

export interface ImportedItem {
  number: number;
  preparingAgencies: PreparingAgency[];
  warnings: string[];
}

/**
 * Applies a document's assignments to its numbered items the way the document states them, and
 * lists every inconsistency instead of fixing it: a gap in the numbering, an assignment naming an
 * item that is not listed, an item claimed by several agencies, an item nobody prepares.
 * Warnings are Vietnamese: they are shown to the Office.
 *
 * @example applyAssignments([1, 2], [{agencyCode: 'tc', items: '1-3', text: 'TC chuẩn bị 1-3'}], n => n)
 *   // item 3 is missing → an agenda warning; items 1 and 2 get agency 'tc'
 */
export function applyAssignments(
  numbers: number[],
  assignments: DocumentAssignment[],
  agencyName: (code: string) => string,
): { items: ImportedItem[]; agendaWarnings: string[] } {
  const listed = [...numbers].sort((a, b) => a - b);
  const items = new Map<number, ImportedItem>(
    listed.map((n) => [n, { number: n, preparingAgencies: [], warnings: [] }]),
  );
  const claims = new Map<number, DocumentAssignment[]>();
  const agendaWarnings: string[] = [];

  for (let i = 1; i < listed.length; i++) {
    const prev = listed[i - 1]!;
    const cur = listed[i]!;
    if (cur - prev > 1) {
      const gap = Array.from({ length: cur - prev - 1 }, (_, k) => prev + 1 + k);
      agendaWarnings.push(
        `Văn bản nguồn không có nội dung số ${formatItemRange(gap)} (danh sách chuyển từ ${prev} sang ${cur}).`,
      );
    }
  }

  for (const a of assignments) {
    const wanted = parseItemRange(a.items);
    const absent = wanted.filter((n) => !items.has(n));
    if (absent.length) {
      agendaWarnings.push(
        `Văn bản giao "${a.text}" nhưng không có nội dung số ${formatItemRange(absent)} trong danh sách.`,
      );
    }
    for (const n of wanted) {
      const item = items.get(n);
      if (!item) continue;
      if (!item.preparingAgencies.some((p) => p.code === a.agencyCode))
        item.preparingAgencies.push({ code: a.agencyCode, role: 'lead' });
      claims.set(n, [...(claims.get(n) ?? []), a]);
    }
  }

  for (const item of items.values()) {
    const by = claims.get(item.number) ?? [];
    const agencies = [...new Set(by.map((a) => a.agencyCode))];
    if (agencies.length > 1) {
      item.warnings.push(
        `Nội dung ${item.number} được giao cho ${agencies.length} cơ quan: ${by.map((a) => `${agencyName(a.agencyCode)} ("${a.text}")`).join('; ')}.`,
      );
    }
    if (!agencies.length) item.warnings.push(`Văn bản nguồn không giao cơ quan chuẩn bị nội dung ${item.number}.`);
  }
  return { items: [...items.values()], agendaWarnings };
}
