/**
 * The Vietnamese text of feeds: calendar names, event titles and descriptions. Pure; every string
 * leaves here in Unicode NFC. Dates, times, kinds, roles and statuses are the shared wording
 * (src/shared/wording.ts), so a feed says what the pages and the emails say.
 */
import { formatItemRange } from '../agenda/ranges';
import type { AgendaItem } from '../agenda/types';
import { wallClock } from './zoned';
import {
  ASSUMED_TIME_NOTE,
  dateTimeText,
  ITEM_STATUS_WORDS,
  MEETING_KIND_LABELS,
  ROLE_LABELS,
  ROLE_WORDS,
  shortDate,
} from '../shared/wording';
import type { MeetingKind, Occurrence, Series } from '../meetings/types';
import type { Directory } from '../meetings/views';
import type { FeedSubject, FeedWindow } from './types';

export const MESSAGES = {
  cancelledPrefix: '[HỦY] ',
  calendarOfBody: (name: string) => `Lịch họp ${name}`,
  calendarOfOfficial: (name: string) => `Lịch họp của ${name}`,
  calendarOfAgency: (name: string) => `Lịch họp và hạn gửi tài liệu của ${name}`,
  describeBody: (name: string, from: string, to: string) => `Các cuộc họp của ${name} từ ${from} đến ${to}.`,
  describeOfficial: (name: string, from: string, to: string) =>
    `Các cuộc họp ${name} chủ trì hoặc dự, từ ${from} đến ${to}.`,
  describeAgency: (name: string, from: string, to: string) =>
    `Các cuộc họp ${name} dự hoặc chuẩn bị nội dung, và hạn gửi tài liệu, từ ${from} đến ${to}.`,
  chair: 'Chủ trì',
  attendees: 'Thành phần',
  agenda: 'Nội dung',
  due: 'Hạn gửi tài liệu',
  reason: 'Lý do',
  movedFrom: (when: string) => `Dời từ ${when}.`,
  cancelled: 'Đã hủy.',
  prepares: 'Chuẩn bị',
  unassigned: 'chưa giao cơ quan chuẩn bị',
  meeting: 'Cuộc họp',
  itemsPrepared: (agency: string) => `Nội dung ${agency} chuẩn bị:`,
  dueTitle: (title: string, range: string) => `Hạn gửi tài liệu: ${title} (nội dung ${range})`,
  status: 'trạng thái',
  link: 'Chi tiết',
  timeAssumed: 'Giờ họp là dự kiến (văn bản nguồn không nêu giờ).',
} as const;

export const nfc = (s: string): string => s.normalize('NFC');

/** Calendar name (NAME, X-WR-CALNAME) of a feed, e.g. "Lịch họp Ủy ban nhân dân huyện Lục Ngạn (Giao ban)". */
export function feedName(subject: FeedSubject, subjectName: string, kinds: MeetingKind[]): string {
  const kindsText = kinds.length ? ` (${kinds.map((k) => MEETING_KIND_LABELS[k]).join(', ')})` : '';
  const base =
    subject.kind === 'body'
      ? MESSAGES.calendarOfBody(subjectName)
      : subject.kind === 'official'
        ? MESSAGES.calendarOfOfficial(subjectName)
        : MESSAGES.calendarOfAgency(subjectName);
  return nfc(base + kindsText);
}

/** The name of a feed's subject (body, official or agency) from the directory; its code when unknown. */
export function subjectName(subject: FeedSubject, dir: Directory): string {
  const found =
    subject.kind === 'body'
      ? dir.bodies.get(subject.code)
      : subject.kind === 'official'
        ? dir.officials.get(subject.code)
        : dir.agencies.get(subject.code);
  return found?.name ?? subject.code;
}

/** Calendar name (NAME, X-WR-CALNAME) and description (X-WR-CALDESC) of a feed. */
export function calendarTitles(
  subject: FeedSubject,
  kinds: MeetingKind[],
  dir: Directory,
  window: FeedWindow,
): { name: string; description: string } {
  const [from, to] = [shortDate(window.from), shortDate(window.to)];
  const who = subjectName(subject, dir);
  const describe =
    subject.kind === 'body'
      ? MESSAGES.describeBody
      : subject.kind === 'official'
        ? MESSAGES.describeOfficial
        : MESSAGES.describeAgency;
  return { name: feedName(subject, who, kinds), description: nfc(describe(who, from, to)) };
}

export function eventSummary(title: string, cancelled: boolean): string {
  return nfc(cancelled ? `${MESSAGES.cancelledPrefix}${title}` : title);
}

function officialName(dir: Directory, code: string): string {
  return dir.officials.get(code)?.name ?? code;
}

function agencyName(dir: Directory, code: string): string {
  return dir.agencies.get(code)?.name ?? code;
}

/** "Chuẩn bị: A, B" or "Chủ trì: A; phối hợp: B". */
function preparingText(item: AgendaItem, dir: Directory): string {
  const lead = item.preparingAgencies.filter((a) => a.role === 'lead').map((a) => agencyName(dir, a.code));
  const coordinating = item.preparingAgencies
    .filter((a) => a.role === 'coordinating')
    .map((a) => agencyName(dir, a.code));
  if (!lead.length && !coordinating.length) return MESSAGES.unassigned;
  if (!coordinating.length) return `${MESSAGES.prepares}: ${lead.join(', ')}`;
  return `${ROLE_LABELS.lead}: ${lead.join(', ') || '—'}; ${ROLE_WORDS.coordinating}: ${coordinating.join(', ')}`;
}

function agendaLines(items: AgendaItem[], dir: Directory): string[] {
  return [...items]
    .sort((a, b) => a.number - b.number)
    .map(
      (i) =>
        `${i.number}. ${i.title.trim()} — ${preparingText(i, dir)}${i.status === 'deferred' ? ` (${ITEM_STATUS_WORDS.deferred})` : ''}`,
    );
}

/** Distinct due instants of items, as local text ("17:00, Thứ Năm ngày 18/5/2023"). */
function dueText(items: AgendaItem[], zone: string): string | null {
  const instants = [...new Set(items.flatMap((i) => (i.dueAt ? [i.dueAt.getTime()] : [])))].sort((a, b) => a - b);
  if (!instants.length) return null;
  return instants.map((t) => dateTimeText(wallClock(new Date(t), zone))).join('; ');
}

function peopleLines(
  chairCode: string | null,
  attendees: { officials: string[]; agencies: string[] },
  dir: Directory,
): string[] {
  const lines: string[] = [];
  if (chairCode) lines.push(`${MESSAGES.chair}: ${officialName(dir, chairCode)}`);
  const names = [
    ...attendees.officials.map((c) => officialName(dir, c)),
    ...attendees.agencies.map((c) => agencyName(dir, c)),
  ];
  if (names.length) lines.push(`${MESSAGES.attendees}: ${names.join(', ')}`);
  return lines;
}

/** DESCRIPTION of a series' master event: its description, chair and attendees. */
export function seriesDescription(series: Series, dir: Directory, url: string | null): string {
  const lines = [
    ...(series.timeAssumed ? [MESSAGES.timeAssumed] : []),
    ...(series.description ? [series.description.trim()] : []),
    ...peopleLines(series.chairCode, series.attendees, dir),
  ];
  if (url) lines.push(`${MESSAGES.link}: ${url}`);
  return nfc(lines.join('\n'));
}

/**
 * DESCRIPTION of one occurrence: a status line (moved / cancelled and why), its description,
 * chair, attendees, the numbered agenda with preparing agencies, the documents' due time.
 */
export function occurrenceDescription(
  occ: Occurrence,
  items: AgendaItem[],
  dir: Directory,
  url: string | null,
): string {
  const lines: string[] = [];
  if (occ.status === 'cancelled') lines.push(MESSAGES.cancelled);
  else if (occ.localStart !== occ.originalLocalStart)
    lines.push(MESSAGES.movedFrom(dateTimeText(occ.originalLocalStart)));
  if (occ.reason) lines.push(`${MESSAGES.reason}: ${occ.reason.trim()}`);
  if (occ.timeAssumed) lines.push(MESSAGES.timeAssumed);
  if (occ.description) lines.push(occ.description.trim());
  lines.push(...peopleLines(occ.chairCode, occ.attendees, dir));
  if (items.length) {
    lines.push(`${MESSAGES.agenda}:`, ...agendaLines(items, dir));
    const due = dueText(items, occ.timeZone);
    if (due) lines.push(`${MESSAGES.due}: ${due}`);
  }
  if (url) lines.push(`${MESSAGES.link}: ${url}`);
  return nfc(lines.join('\n'));
}

/** SUMMARY and DESCRIPTION of an agency's documents-due event for one occurrence. */
export function dueTexts(
  occ: Occurrence,
  items: AgendaItem[],
  agencyCode: string,
  dir: Directory,
  url: string | null,
): { summary: string; description: string } {
  const sorted = [...items].sort((a, b) => a.number - b.number);
  const summary = MESSAGES.dueTitle(occ.title, formatItemRange(sorted.map((i) => i.number)));
  const agency = dir.agencies.get(agencyCode);
  const lines = [
    `${MESSAGES.meeting}: ${occ.title} — ${dateTimeText(occ.localStart)}${occ.timeAssumed ? ` ${ASSUMED_TIME_NOTE}` : ''}`,
    `${MESSAGES.due}: ${dueText(sorted, occ.timeZone) ?? ''}`,
    MESSAGES.itemsPrepared(agency?.name ?? agencyCode),
    ...sorted.map((i) => {
      const role =
        i.preparingAgencies.find((a) => a.code === agencyCode)?.role === 'coordinating'
          ? ROLE_WORDS.coordinating
          : ROLE_WORDS.lead;
      return `${i.number}. ${i.title.trim()} (${role}; ${MESSAGES.status}: ${ITEM_STATUS_WORDS[i.status]})`;
    }),
  ];
  if (url) lines.push(`${MESSAGES.link}: ${url}`);
  return { summary: nfc(summary), description: nfc(lines.join('\n')) };
}
