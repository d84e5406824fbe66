/**
 * The numbered agenda of a session with the preparing agencies written the way the Office writes
 * them: after the last item an agency prepares, one line "(Phòng Tài chính - Kế hoạch chuẩn bị nội
 * dung từ 1-6)". Pure.
 */
import { formatItemRange } from '../agenda/ranges';
import type { AgendaLine, MeetingItem } from './types';

interface Group {
  code: string;
  name: string;
  role: string;
  numbers: number[];
  /** Order of first appearance, to keep lines after one item in the document's order. */
  order: number;
}

/**
 * "từ 1-6" for one run, "7, 8" or "1-3, 5" otherwise.
 * @example rangeText([1, 2, 3, 4, 5, 6]) === 'từ 1-6'; rangeText([7, 8]) === '7, 8'
 */
export function rangeText(numbers: number[]): string {
  const text = formatItemRange(numbers);
  return /^\d+-\d+$/.test(text) ? `từ ${text}` : text;
}

/** "(Thanh tra huyện chuẩn bị nội dung 7, 8)"; a coordinating agency "phối hợp chuẩn bị". */
export function preparingText(name: string, role: string, numbers: number[]): string {
  return `(${name} ${role === 'coordinating' ? 'phối hợp chuẩn bị' : 'chuẩn bị'} nội dung ${rangeText(numbers)})`;
}

/**
 * Items in number order, each agency's line after the last item it prepares (lead agencies before
 * coordinating ones, then in order of first appearance).
 *
 * @example agendaLines([{number: 7, ...thanh-tra}, {number: 8, ...thanh-tra + cong-an}])
 *   // 7. …, 8. …, (Thanh tra huyện chuẩn bị nội dung 7, 8), (Công an huyện chuẩn bị nội dung 8)
 */
export function agendaLines(items: MeetingItem[]): AgendaLine[] {
  const sorted = [...items].sort((a, b) => a.number - b.number);
  const groups = new Map<string, Group>();
  let order = 0;
  for (const item of sorted) {
    for (const a of item.agencies) {
      const key = `${a.role}:${a.code}`;
      const g = groups.get(key) ?? { code: a.code, name: a.name, role: a.role, numbers: [], order: order++ };
      g.numbers.push(item.number);
      groups.set(key, g);
    }
  }
  const after = new Map<number, Group[]>();
  for (const g of groups.values()) {
    const last = g.numbers[g.numbers.length - 1]!;
    after.set(last, [...(after.get(last) ?? []), g]);
  }
  const lines: AgendaLine[] = [];
  for (const item of sorted) {
    lines.push({ type: 'item', number: item.number, text: item.title });
    const notes = (after.get(item.number) ?? []).sort(
      (a, b) =>
        a.numbers[0]! - b.numbers[0]! || (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1) || a.order - b.order,
    );
    for (const g of notes) lines.push({ type: 'preparing', text: preparingText(g.name, g.role, g.numbers) });
  }
  return lines;
}
