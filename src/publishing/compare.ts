/**
 * What changed between two versions of a document: meetings added, moved (old → new time),
 * cancelled or removed, and agenda changes; plus the other parts (part A, signature, list). Pure.
 */
import { clockTime, shortDate } from './format';
import type { MeetingEntry, MeetingItem, PublishedDocument } from './types';

export interface MeetingRef {
  id: string;
  title: string;
  start: string;
}

export interface MovedMeeting extends MeetingRef {
  from: string;
  to: string;
}

export interface AgendaChange {
  meeting: MeetingRef;
  added: MeetingItem[];
  removed: MeetingItem[];
  retitled: { number: number; from: string; to: string }[];
  reassigned: { number: number; from: string; to: string }[];
}

export interface Comparison {
  added: MeetingRef[];
  removed: MeetingRef[];
  cancelled: (MeetingRef & { reason: string | null })[];
  restored: MeetingRef[];
  moved: MovedMeeting[];
  /** Place, chair or attendees changed. */
  changed: (MeetingRef & { fields: string[] })[];
  agenda: AgendaChange[];
  otherChanges: string[];
  /** True when a meeting or an agenda changed (who attends or prepares must be told). */
  meetingsChanged: boolean;
  /** The changes as Vietnamese sentences, for pages and notices. */
  lines: string[];
}

const ref = (m: MeetingEntry): MeetingRef => ({ id: m.id, title: m.title, start: m.start });
/** "14h00 ngày 23/5/2023". */
export const when = (localStart: string): string => `${clockTime(localStart.slice(11, 16))} ngày ${shortDate(localStart.slice(0, 10))}`;
const agencyText = (i: MeetingItem) => i.agencies.map((a) => (a.role === 'coordinating' ? `${a.name} (phối hợp)` : a.name)).join(', ') || '(chưa giao)';
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function agendaChange(before: MeetingEntry, after: MeetingEntry): AgendaChange | null {
  const old = new Map(before.items.map((i) => [i.number, i]));
  const cur = new Map(after.items.map((i) => [i.number, i]));
  const change: AgendaChange = {
    meeting: ref(after),
    added: after.items.filter((i) => !old.has(i.number)),
    removed: before.items.filter((i) => !cur.has(i.number)),
    retitled: [],
    reassigned: [],
  };
  for (const i of after.items) {
    const o = old.get(i.number);
    if (!o) continue;
    if (o.title !== i.title) change.retitled.push({ number: i.number, from: o.title, to: i.title });
    if (agencyText(o) !== agencyText(i)) change.reassigned.push({ number: i.number, from: agencyText(o), to: agencyText(i) });
  }
  return change.added.length || change.removed.length || change.retitled.length || change.reassigned.length ? change : null;
}

/** Compares `before` with `after` (two versions, or a version and the current draft). */
export function compareDocuments(before: PublishedDocument, after: PublishedDocument): Comparison {
  const old = new Map(before.meetings.map((m) => [m.id, m]));
  const cur = new Map(after.meetings.map((m) => [m.id, m]));
  const c: Comparison = { added: [], removed: [], cancelled: [], restored: [], moved: [], changed: [], agenda: [], otherChanges: [], meetingsChanged: false, lines: [] };

  for (const m of after.meetings) {
    const o = old.get(m.id);
    if (!o) {
      if (m.status !== 'cancelled') c.added.push(ref(m));
      continue;
    }
    if (m.status === 'cancelled' && o.status !== 'cancelled') c.cancelled.push({ ...ref(m), reason: m.reason });
    if (m.status !== 'cancelled' && o.status === 'cancelled') c.restored.push(ref(m));
    if (m.start !== o.start) c.moved.push({ ...ref(m), from: o.start, to: m.start });
    const fields = [
      ...(m.location !== o.location ? ['địa điểm'] : []),
      ...(!same(m.chair, o.chair) ? ['chủ trì'] : []),
      ...(!same(m.officials, o.officials) || !same(m.agencies, o.agencies) ? ['thành phần'] : []),
      ...(m.title !== o.title ? ['tên cuộc họp'] : []),
    ];
    if (fields.length) c.changed.push({ ...ref(m), fields });
    const a = agendaChange(o, m);
    if (a) c.agenda.push(a);
  }
  for (const o of before.meetings) if (!cur.has(o.id) && o.status !== 'cancelled') c.removed.push(ref(o));

  if (before.type === 'programme' && after.type === 'programme' && before.partA.markdown !== after.partA.markdown) c.otherChanges.push('Phần A (nhiệm vụ trọng tâm) thay đổi.');
  if (!same(before.signature, after.signature)) c.otherChanges.push('Khối chữ ký thay đổi.');
  if (!same(before.recipients, after.recipients)) c.otherChanges.push('Nơi nhận thay đổi.');

  c.meetingsChanged = [c.added, c.removed, c.cancelled, c.restored, c.moved, c.changed, c.agenda].some((l) => l.length > 0);
  c.lines = comparisonLines(c);
  return c;
}

/** The comparison as Vietnamese sentences. */
export function comparisonLines(c: Comparison): string[] {
  const lines: string[] = [];
  for (const m of c.added) lines.push(`Thêm: ${m.title}, ${when(m.start)}.`);
  for (const m of c.moved) lines.push(`Dời: ${m.title}, từ ${when(m.from)} sang ${when(m.to)}.`);
  for (const m of c.cancelled) lines.push(`Hủy: ${m.title}, ${when(m.start)}${m.reason ? ` (${m.reason})` : ''}.`);
  for (const m of c.restored) lines.push(`Khôi phục: ${m.title}, ${when(m.start)}.`);
  for (const m of c.removed) lines.push(`Bỏ khỏi lịch: ${m.title}, ${when(m.start)}.`);
  for (const m of c.changed) lines.push(`Thay đổi ${m.fields.join(', ')}: ${m.title}, ${when(m.start)}.`);
  for (const a of c.agenda) {
    const where = `${a.meeting.title} (${shortDate(a.meeting.start.slice(0, 10))})`;
    for (const i of a.added) lines.push(`${where}: thêm nội dung ${i.number}. ${i.title}`);
    for (const i of a.removed) lines.push(`${where}: bỏ nội dung ${i.number}. ${i.title}`);
    for (const r of a.retitled) lines.push(`${where}: nội dung ${r.number} đổi tên từ "${r.from}" thành "${r.to}".`);
    for (const r of a.reassigned) lines.push(`${where}: nội dung ${r.number} đổi cơ quan chuẩn bị từ ${r.from} sang ${r.to}.`);
  }
  lines.push(...c.otherChanges);
  return lines;
}
