/**
 * What changed between two versions of a document: meetings added, moved (old → new time),
 * cancelled or removed, and agenda changes; plus the other parts (part A, signature, list). Pure.
 */
import { clockTime, shortDate } from '../shared/wording';
import type { MeetingEntry, MeetingItem, PublishedDocument } from './types';

export interface MeetingRef {
  id: string;
  title: string;
  start: string;
}

export interface MovedMeeting extends MeetingRef {
  from: string;
  to: string;
  /**
   * Set when one end of the move lies outside the document's period (month or week): 'out' when
   * the meeting left the period (`to` is outside), 'in' when it came from another one (`from` is).
   */
  across?: 'out' | 'in';
}

/**
 * Where an occurrence is now, for ids found in only one of the two documents: did it leave the
 * period (moved to another month) or come into it, rather than being removed or added?
 */
export interface Whereabouts {
  /** Local `YYYY-MM-DDTHH:mm` where it takes place now. */
  start: string;
  /** Where the schedule had it before anyone moved it (the rule's date after its holiday policy). */
  scheduledStart: string;
  status: string;
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
  /** The compared documents' period: a month (programme) or a week (schedule). */
  periodKind: 'month' | 'week';
  /** The changes as Vietnamese sentences, for pages and notices. */
  lines: string[];
}

const ref = (m: MeetingEntry): MeetingRef => ({ id: m.id, title: m.title, start: m.start });
/** "14h00 ngày 23/5/2023". */
export const when = (localStart: string): string =>
  `${clockTime(localStart.slice(11, 16))} ngày ${shortDate(localStart.slice(0, 10))}`;
const agencyText = (i: MeetingItem) =>
  i.agencies.map((a) => (a.role === 'coordinating' ? `${a.name} (phối hợp)` : a.name)).join(', ') || '(chưa giao)';
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
    if (agencyText(o) !== agencyText(i))
      change.reassigned.push({ number: i.number, from: agencyText(o), to: agencyText(i) });
  }
  return change.added.length || change.removed.length || change.retitled.length || change.reassigned.length
    ? change
    : null;
}

/** True when a local date-time falls inside the document's month or week. */
export function inPeriod(doc: PublishedDocument, localStart: string): boolean {
  const date = localStart.slice(0, 10);
  return doc.type === 'programme' ? date.slice(0, 7) === doc.period : date >= doc.from && date <= doc.to;
}

/** Ids of meetings in only one of the two documents: the ones whose whereabouts tell a move from an addition or removal. */
export function unmatchedMeetingIds(before: PublishedDocument, after: PublishedDocument): string[] {
  const a = new Set(before.meetings.map((m) => m.id));
  const b = new Set(after.meetings.map((m) => m.id));
  return [...a, ...b].filter((id) => !(a.has(id) && b.has(id)));
}

/**
 * Compares `before` with `after` (two versions, or a version and the current draft). `whereabouts`
 * (by occurrence id, for the ids of `unmatchedMeetingIds`) turns a meeting that moved out of the
 * period, or into it, into a move instead of a removal or an addition.
 */
export function compareDocuments(
  before: PublishedDocument,
  after: PublishedDocument,
  whereabouts: ReadonlyMap<string, Whereabouts> = new Map(),
): Comparison {
  const old = new Map(before.meetings.map((m) => [m.id, m]));
  const cur = new Map(after.meetings.map((m) => [m.id, m]));
  const c: Comparison = {
    added: [],
    removed: [],
    cancelled: [],
    restored: [],
    moved: [],
    changed: [],
    agenda: [],
    otherChanges: [],
    meetingsChanged: false,
    periodKind: before.type === 'programme' ? 'month' : 'week',
    lines: [],
  };

  for (const m of after.meetings) {
    const o = old.get(m.id);
    if (!o) {
      const w = whereabouts.get(m.id);
      // Came from another period: the schedule had it outside this one.
      if (m.status !== 'cancelled' && w && !inPeriod(before, w.scheduledStart))
        c.moved.push({ ...ref(m), from: w.scheduledStart, to: m.start, across: 'in' });
      else if (m.status !== 'cancelled') c.added.push(ref(m));
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
  for (const o of before.meetings) {
    if (cur.has(o.id) || o.status === 'cancelled') continue;
    const w = whereabouts.get(o.id);
    // Still held, now outside this period: a move to another month (or week), not a removal.
    if (w && w.status !== 'cancelled' && !inPeriod(after, w.start))
      c.moved.push({ ...ref(o), from: o.start, to: w.start, across: 'out' });
    else c.removed.push(ref(o));
  }

  if (before.type === 'programme' && after.type === 'programme' && before.partA.markdown !== after.partA.markdown)
    c.otherChanges.push('Phần A (nhiệm vụ trọng tâm) thay đổi.');
  // Headers are compared between published versions only: a draft's number and date are dots.
  if (before.publication && after.publication) {
    if (before.header.issuer !== after.header.issuer || before.header.issuerParent !== after.header.issuerParent)
      c.otherChanges.push('Tên cơ quan ban hành thay đổi.');
    if (before.header.numberLine !== after.header.numberLine)
      c.otherChanges.push(
        `Số, ký hiệu văn bản đổi từ "${before.header.numberLine}" thành "${after.header.numberLine}".`,
      );
  }
  if (!same(before.signature, after.signature)) c.otherChanges.push('Khối chữ ký thay đổi.');
  if (!same(before.recipients, after.recipients)) c.otherChanges.push('Nơi nhận thay đổi.');

  c.meetingsChanged = [c.added, c.removed, c.cancelled, c.restored, c.moved, c.changed, c.agenda].some(
    (l) => l.length > 0,
  );
  c.lines = comparisonLines(c);
  return c;
}

/**
 * A move in words: "từ 8h00 ngày 26/6/2023 sang 8h00 ngày 3/7/2023 (ngoài tháng này)".
 * @example moveText({ from: '2023-06-26T08:00', to: '2023-07-03T08:00', across: 'out' }, 'month')
 */
export function moveText(m: Pick<MovedMeeting, 'from' | 'to' | 'across'>, periodKind: 'month' | 'week'): string {
  const outside = ` (ngoài ${periodKind === 'month' ? 'tháng' : 'tuần'} này)`;
  return `từ ${when(m.from)}${m.across === 'in' ? outside : ''} sang ${when(m.to)}${m.across === 'out' ? outside : ''}`;
}

/** The comparison as Vietnamese sentences. */
export function comparisonLines(c: Comparison): string[] {
  const lines: string[] = [];
  for (const m of c.added) lines.push(`Thêm: ${m.title}, ${when(m.start)}.`);
  for (const m of c.moved) lines.push(`Dời: ${m.title}, ${moveText(m, c.periodKind)}.`);
  for (const m of c.cancelled) lines.push(`Hủy: ${m.title}, ${when(m.start)}${m.reason ? ` (${m.reason})` : ''}.`);
  for (const m of c.restored) lines.push(`Khôi phục: ${m.title}, ${when(m.start)}.`);
  for (const m of c.removed) lines.push(`Bỏ khỏi lịch: ${m.title}, ${when(m.start)}.`);
  for (const m of c.changed) lines.push(`Thay đổi ${m.fields.join(', ')}: ${m.title}, ${when(m.start)}.`);
  for (const a of c.agenda) {
    const where = `${a.meeting.title} (${shortDate(a.meeting.start.slice(0, 10))})`;
    for (const i of a.added) lines.push(`${where}: thêm nội dung ${i.number}. ${i.title}`);
    for (const i of a.removed) lines.push(`${where}: bỏ nội dung ${i.number}. ${i.title}`);
    for (const r of a.retitled) lines.push(`${where}: nội dung ${r.number} đổi tên từ "${r.from}" thành "${r.to}".`);
    for (const r of a.reassigned)
      lines.push(`${where}: nội dung ${r.number} đổi cơ quan chuẩn bị từ ${r.from} sang ${r.to}.`);
  }
  lines.push(...c.otherChanges);
  return lines;
}
