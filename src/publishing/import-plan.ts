/**
 * What importing a programme's text would do, decided from the parsed text and the stored data,
 * before anything is written: which occurrence each session of part B lands on (the one on that
 * date, the month's session moved to it, an extra session of its series, or a one-off meeting),
 * the agenda with its agencies matched and the same warnings the seed loader keeps
 * (`applyAssignments`), what part A becomes, and every problem that blocks the import. Pure.
 *
 * The dry run shows this plan; confirming recomputes it and refuses when it differs from what the
 * Office reviewed (its `fingerprint`), so what is stored is what was shown.
 */
import { createHash } from 'node:crypto';
import { applyAssignments, type DocumentAssignment } from '../agenda/import';
import { formatItemRange, parseItemRange } from '../agenda/ranges';
import type { AgendaItem, ItemKind, PreparingAgency } from '../agenda/types';
import type { MeetingKind, Occurrence, Series } from '../meetings/types';
import { matchAgency, type AgencyName, type MatchHow } from '../organisation/match';
import type { Body } from '../organisation/types';
import type { ParsedNote, ParsedProgramme, ParsedSession } from './import-programme';
import { monthYear, shortDate } from '../shared/wording';

export interface PlannedAgency {
  text: string;
  code: string | null;
  name: string | null;
  how: MatchHow | null;
}

export interface PlannedAssignment {
  text: string;
  line: number;
  items: string;
  lead: PlannedAgency;
  coordinating: PlannedAgency[];
}

export interface PlannedItem {
  number: number;
  title: string;
  kind: ItemKind;
  preparingAgencies: PreparingAgency[];
  warnings: string[];
}

/** Where a session lands; `start` is local `YYYY-MM-DDTHH:mm`. */
export type SessionTarget =
  | { action: 'existing'; occurrenceId: string; start: string }
  | { action: 'move'; occurrenceId: string; from: string; start: string }
  | { action: 'extra'; occurrenceId: string; seriesId: string; start: string; timeAssumed: boolean }
  | { action: 'meeting'; occurrenceId: string; title: string; start: string; timeAssumed: boolean }
  | { action: 'skip'; reason: string };

export interface PlannedSession {
  label: string | null;
  heading: string;
  line: number;
  kind: MeetingKind;
  bodyCode: string;
  target: SessionTarget;
  /** new: stored on confirmation; unchanged: the occurrence has this agenda already; conflict: it has another one. */
  agenda: 'new' | 'unchanged' | 'conflict';
  existingItems: number;
  items: PlannedItem[];
  /** Inconsistencies of the list as a whole (a missing number, a number assigned but not listed). */
  agendaWarnings: string[];
  assignments: PlannedAssignment[];
}

export interface PlannedNote extends ParsedNote {
  /** The series that already holds a weekly slot, if one matches. */
  seriesId: string | null;
  seriesTitle: string | null;
}

export interface ImportPlan {
  bodyCode: string;
  month: string;
  documentNumber: string | null;
  partA: string | null;
  partAStatus: 'none' | 'new' | 'unchanged' | 'replaces';
  sessions: PlannedSession[];
  notes: PlannedNote[];
  recipients: string[];
  signature: string[];
  /** Shown, not blocking (Vietnamese). */
  warnings: string[];
  /** Blocking: nothing can be stored until the text or the data is corrected (Vietnamese). */
  problems: string[];
  /** Hash of what confirming would write. */
  fingerprint: string;
}

export interface PlanContext {
  bodyCode: string;
  month: string;
  bodies: Body[];
  agencies: AgencyName[];
  /** Series of the bodies concerned. */
  series: Series[];
  /** Occurrences of the month (cancelled ones included) of the bodies concerned. */
  occurrences: Occurrence[];
  /** Agenda items already stored on those occurrences. */
  items: AgendaItem[];
  /** Part A as stored for the month ('' when none). */
  currentPartA: string;
}

/** Sessions held once a month: the month's occurrence is moved to the date the programme gives. */
const MONTHLY_KINDS: readonly MeetingKind[] = ['regular-session', 'council-session'];
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

function agencyOf(text: string, ctx: PlanContext, problems: string[], sentence: string): PlannedAgency {
  const m = matchAgency(text, ctx.agencies, ctx.bodyCode);
  if (m.code !== null)
    return { text, code: m.code, name: ctx.agencies.find((a) => a.code === m.code)!.name, how: m.how };
  if (m.candidates.length) {
    const names = m.candidates.map((c) => ctx.agencies.find((a) => a.code === c)!.name);
    problems.push(
      `"${text}" (câu "${sentence}") có thể là ${names.join(' hoặc ')}: hãy ghi rõ tên cơ quan trong văn bản.`,
    );
  } else
    problems.push(
      `Không nhận ra cơ quan "${text}" (câu "${sentence}"): hãy thêm cơ quan này vào danh mục hoặc sửa tên trong văn bản.`,
    );
  return { text, code: null, name: null, how: null };
}

/** The body a session belongs to: the programme's, unless the heading names another kind of body of the same place. */
function sessionBody(s: ParsedSession, ctx: PlanContext, warnings: string[]): string {
  const own = ctx.bodies.find((b) => b.code === ctx.bodyCode)!;
  if (!s.bodyKind || s.bodyKind === own.kind) return own.code;
  const other = ctx.bodies.filter((b) => b.kind === s.bodyKind && b.level === own.level && b.place === own.place);
  if (other.length === 1) return other[0]!.code;
  warnings.push(
    `Phiên "${s.heading}" nêu một cơ quan khác ${own.name} nhưng không xác định được cơ quan đó: ghi vào ${own.name}.`,
  );
  return own.code;
}

function targetOf(s: ParsedSession, bodyCode: string, ctx: PlanContext, problems: string[]): SessionTarget {
  const where = s.label ? `Mục ${s.label}` : `Phiên ở dòng ${s.line}`;
  if (!s.date) return { action: 'skip', reason: 'văn bản không nêu ngày họp' };
  if (s.date.slice(0, 7) !== ctx.month) {
    problems.push(
      `${where}: ngày họp ${shortDate(s.date)} không thuộc tháng ${monthYear(ctx.month)} của chương trình.`,
    );
    return { action: 'skip', reason: `ngày ${shortDate(s.date)} ngoài tháng ${monthYear(ctx.month)}` };
  }
  const halfDayTime = s.halfDay === 'afternoon' ? '14:00' : '08:00';
  const candidates = ctx.series
    .filter((x) => x.bodyCode === bodyCode && x.kind === s.kind)
    .sort(
      (a, b) =>
        Number(b.startDate <= s.date! && (!b.endDate || b.endDate >= s.date!)) -
          Number(a.startDate <= s.date! && (!a.endDate || a.endDate >= s.date!)) || (a.id < b.id ? -1 : 1),
    );
  const series = candidates[0];
  if (!series) {
    const id = `${bodyCode}-${s.kind}-${s.date}`;
    const existing = ctx.occurrences.find((o) => o.id === id);
    if (existing) return { action: 'existing', occurrenceId: id, start: existing.localStart };
    const title = s.heading.split(/[:;]/)[0]!.trim().slice(0, 300) || 'Cuộc họp';
    return {
      action: 'meeting',
      occurrenceId: id,
      title,
      start: `${s.date}T${s.time ?? halfDayTime}`,
      timeAssumed: !s.time,
    };
  }
  const ofSeries = ctx.occurrences.filter((o) => o.seriesId === series.id && o.status !== 'cancelled');
  const onDay = ofSeries.find((o) => o.localStart.slice(0, 10) === s.date);
  if (onDay) {
    if (!s.time || onDay.localStart.slice(11, 16) === s.time)
      return { action: 'existing', occurrenceId: onDay.id, start: onDay.localStart };
    return { action: 'move', occurrenceId: onDay.id, from: onDay.localStart, start: `${s.date}T${s.time}` };
  }
  if (MONTHLY_KINDS.includes(s.kind) && ofSeries.length === 1) {
    const o = ofSeries[0]!;
    return {
      action: 'move',
      occurrenceId: o.id,
      from: o.localStart,
      start: `${s.date}T${s.time ?? o.localStart.slice(11, 16)}`,
    };
  }
  if (MONTHLY_KINDS.includes(s.kind) && ofSeries.length > 1)
    problems.push(
      `${where}: chuỗi "${series.title}" có ${ofSeries.length} phiên trong tháng ${monthYear(ctx.month)}, không rõ phiên nào họp ngày ${shortDate(s.date)}: hãy dời phiên đó trên trang phiên họp rồi nhập lại.`,
    );
  return {
    action: 'extra',
    occurrenceId: `${series.id}-${s.date}`,
    seriesId: series.id,
    start: `${s.date}T${s.time ?? series.startTime}`,
    timeAssumed: !s.time && series.timeAssumed === true,
  };
}

function planSession(s: ParsedSession, ctx: PlanContext, warnings: string[], problems: string[]): PlannedSession {
  const where = s.label ? `Mục ${s.label}` : `Phiên ở dòng ${s.line}`;
  const bodyCode = sessionBody(s, ctx, warnings);
  const target = targetOf(s, bodyCode, ctx, problems);
  const numbers = s.items.map((i) => i.number);
  const duplicated = numbers.filter((n, i) => numbers.indexOf(n) !== i);
  if (duplicated.length)
    problems.push(
      `${where}: số nội dung ${formatItemRange(duplicated)} xuất hiện hơn một lần; mỗi số chỉ được một nội dung.`,
    );

  const assignments: PlannedAssignment[] = s.assignments.map((a) => ({
    text: a.text,
    line: a.line,
    items: a.items,
    lead: agencyOf(a.agencyText, ctx, problems, a.text),
    coordinating: a.coordinatingTexts.map((t) => agencyOf(t, ctx, problems, a.text)),
  }));
  const readable = assignments.filter((a) => {
    try {
      return a.items !== '' && parseItemRange(a.items).length > 0;
    } catch {
      return false;
    }
  });
  const nameOf = (code: string) => ctx.agencies.find((a) => a.code === code)?.name ?? code;
  const documentAssignments: DocumentAssignment[] = readable
    .filter((a) => a.lead.code)
    .map((a) => ({ agencyCode: a.lead.code!, items: a.items, text: a.text }));
  const applied = applyAssignments([...new Set(numbers)], documentAssignments, nameOf);
  const byNumber = new Map(applied.items.map((i) => [i.number, i]));
  for (const a of readable) {
    for (const c of a.coordinating) {
      if (!c.code) continue;
      for (const n of parseItemRange(a.items)) {
        const item = byNumber.get(n);
        if (item && !item.preparingAgencies.some((p) => p.code === c.code))
          item.preparingAgencies.push({ code: c.code, role: 'coordinating' });
      }
    }
  }
  const items: PlannedItem[] = s.items.map((i) => ({
    number: i.number,
    title: i.title,
    kind: i.kind,
    preparingAgencies: byNumber.get(i.number)?.preparingAgencies ?? [],
    warnings: byNumber.get(i.number)?.warnings ?? [],
  }));

  let agenda: PlannedSession['agenda'] = 'new';
  let existingItems = 0;
  if (target.action !== 'skip') {
    const existing = ctx.items.filter((i) => i.occurrenceId === target.occurrenceId);
    existingItems = existing.length;
    if (existing.length) {
      const shape = (list: { number: number; title: string; preparingAgencies: PreparingAgency[] }[]) =>
        stableJson(
          [...list]
            .sort((a, b) => a.number - b.number)
            .map((i) => [
              i.number,
              i.title.normalize('NFC'),
              i.preparingAgencies.map((p) => `${p.code}:${p.role}`).sort(),
            ]),
        );
      agenda = shape(existing) === shape(items) ? 'unchanged' : 'conflict';
      if (agenda === 'conflict')
        problems.push(
          `${where}: phiên họp ngày ${shortDate(target.start.slice(0, 10))} đã có chương trình (${existing.length} nội dung) khác với văn bản; hãy sửa trực tiếp trên trang phiên họp.`,
        );
    }
  }
  return {
    label: s.label,
    heading: s.heading,
    line: s.line,
    kind: s.kind,
    bodyCode,
    target,
    agenda,
    existingItems,
    items,
    agendaWarnings: applied.agendaWarnings,
    assignments,
  };
}

/** The plan of an import (see the top of this file). */
export function planImport(parsed: ParsedProgramme, ctx: PlanContext): ImportPlan {
  const warnings = [...parsed.warnings];
  const problems: string[] = [];
  if (parsed.month && parsed.month !== ctx.month)
    problems.push(
      `Văn bản là chương trình tháng ${monthYear(parsed.month)}, không phải tháng ${monthYear(ctx.month)}.`,
    );
  const sessions = parsed.sessions.map((s) => planSession(s, ctx, warnings, problems));
  const notes: PlannedNote[] = parsed.notes.map((n) => {
    const series =
      n.kind === 'weekly' && n.weekday
        ? ctx.series.find(
            (x) =>
              x.bodyCode === ctx.bodyCode &&
              /FREQ=WEEKLY/.test(x.rrule) &&
              new RegExp(`BYDAY=[^;]*${BYDAY[n.weekday! - 1]}`).test(x.rrule),
          )
        : undefined;
    if (n.kind === 'weekly' && !series)
      warnings.push(
        `Mục ${n.label ?? ''} phần B là lịch hằng tuần nhưng chưa có chuỗi lịch họp tương ứng; hãy tạo chuỗi tại trang "Chuỗi lịch họp".`.replace(
          'Mục  ',
          'Mục ',
        ),
      );
    return { ...n, seriesId: series?.id ?? null, seriesTitle: series?.title ?? null };
  });
  const partA = parsed.partA;
  const current = ctx.currentPartA.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  const partAStatus: ImportPlan['partAStatus'] =
    partA === null ? 'none' : !current ? 'new' : current === partA.trim() ? 'unchanged' : 'replaces';
  if (partAStatus === 'replaces')
    warnings.push(`Phần A đã soạn cho tháng ${monthYear(ctx.month)} sẽ được thay bằng phần A của văn bản.`);
  const writable = sessions.filter((s) => s.target.action !== 'skip' && s.agenda === 'new');
  if (!writable.length && (partAStatus === 'none' || partAStatus === 'unchanged') && !problems.length) {
    if (sessions.some((s) => s.agenda === 'unchanged') || partAStatus === 'unchanged')
      warnings.push('Văn bản này đã được nhập: không có gì mới để lưu.');
    else problems.push('Không nhận ra phần A hay phiên họp nào có ngày và danh sách nội dung: không có gì để nhập.');
  }
  const fingerprint = createHash('sha256')
    .update(
      stableJson({
        partA: partAStatus === 'new' || partAStatus === 'replaces' ? partA : null,
        sessions: sessions.map((s) => ({
          target: s.target,
          agenda: s.agenda,
          items: s.items,
          agendaWarnings: s.agendaWarnings,
        })),
        problems,
      }),
    )
    .digest('hex')
    .slice(0, 32);
  return {
    bodyCode: ctx.bodyCode,
    month: ctx.month,
    documentNumber: parsed.documentNumber,
    partA,
    partAStatus,
    sessions,
    notes,
    recipients: parsed.recipients,
    signature: parsed.signature,
    warnings,
    problems,
    fingerprint,
  };
}
