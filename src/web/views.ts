/**
 * Pieces of pages shared by the public and Office views: a meeting with its agenda, a comparison
 * of two versions, status badges. Pure rendering.
 */
import type { Comparison } from '../publishing/compare';
import { when } from '../publishing/compare';
import { html, type SafeHtml } from '../shared/html';
import type { Publication } from '../publishing/repository';
import type { MeetingEntry } from '../publishing/types';
import {
  dayHeading,
  ITEM_STATUS_LABELS,
  MEETING_KIND_LABELS,
  meetingTime,
  OCCURRENCE_STATUS_LABELS,
  shortDate,
} from '../shared/wording';

/**
 * The label of a code from one of the wording module's tables, or the code itself when it has none.
 * @example labelOf(ITEM_STATUS_LABELS, 'submitted') === 'Đã nộp'
 */
export const labelOf = (table: Record<string, string>, code: string): string => table[code] ?? code;

/** @example monthLabel('2023-05') === 'tháng 5/2023' */
export const monthLabel = (month: string): string => `tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

/** An item's status as a badge, red when its documents are overdue. */
export const statusBadge = (status: string, overdue = false): SafeHtml =>
  html`<span class="badge ${status}${overdue ? ' overdue' : ''}">${labelOf(ITEM_STATUS_LABELS, status)}\
${overdue ? ' - quá hạn' : ''}</span>`;

/** One meeting with its agenda, as the public month and week views show it. */
export function meetingCard(m: MeetingEntry, opts: { link?: string; openAgenda?: boolean } = {}): SafeHtml {
  const status = labelOf(OCCURRENCE_STATUS_LABELS, m.status);
  const badge = m.status === 'scheduled' ? '' : html` <span class="badge ${m.status}">${status}</span>`;
  const attendees = [
    ...m.officials.filter((o) => o.code !== m.chair?.code).map((o) => o.name),
    ...m.agencies.map((a) => a.name),
  ];
  const title = opts.link ? html`<a href="${opts.link}">${m.title}</a>` : m.title;
  const preparing = (i: MeetingEntry['items'][number]) => {
    if (!i.agencies.length) return '';
    const names = i.agencies.map((a) => (a.role === 'coordinating' ? `${a.name} phối hợp` : a.name)).join(', ');
    return html` <span class="muted">(${names} chuẩn bị)</span>`;
  };
  const items = m.items.map((i) => html`<li value="${i.number}">${i.title}${preparing(i)}</li>`);
  const agenda = m.items.length
    ? html`<details${opts.openAgenda ? html` open` : ''}><summary>Nội dung trình (${m.items.length})</summary>\
<ol>${items}</ol></details>`
    : '';
  return html`<div class="meeting ${m.status}" data-occurrence="${m.id}">
<div><span class="when">${meetingTime(m.start.slice(11, 16), m.timeAssumed)}</span> <span class="title">${title}</span>\
${badge} <span class="muted">${labelOf(MEETING_KIND_LABELS, m.kind)}</span></div>
${m.chair ? html`<div class="muted">Chủ trì: ${m.chair.name}</div>` : ''}\
${m.location ? html`<div class="muted">Địa điểm: ${m.location}</div>` : ''}
${attendees.length ? html`<div class="muted">Thành phần: ${attendees.join('; ')}</div>` : ''}
${m.status !== 'scheduled' && m.reason ? html`<div class="muted">Lý do: ${m.reason}</div>` : ''}
${agenda}
</div>`;
}

/** Meetings grouped by day, each day with its heading. */
export function meetingsByDay(meetings: MeetingEntry[], link?: (m: MeetingEntry) => string): SafeHtml {
  const days = [...new Set(meetings.map((m) => m.start.slice(0, 10)))].sort();
  if (!days.length) return html`<p class="muted">Không có cuộc họp nào.</p>`;
  const cards = (d: string) =>
    meetings.filter((m) => m.start.slice(0, 10) === d).map((m) => meetingCard(m, link ? { link: link(m) } : {}));
  const day = (d: string) => html`<section class="day" data-date="${d}"><h3>${dayHeading(d)}</h3>${cards(d)}</section>`;
  return html`${days.map(day)}`;
}

/** What changed between two versions (or a version and today's data). */
export function comparisonView(c: Comparison): SafeHtml {
  const list = (title: string, cls: string, lines: SafeHtml[]) =>
    lines.length ? html`<h3>${title}</h3><ul class="${cls}">${lines.map((l) => html`<li>${l}</li>`)}</ul>` : '';
  const agenda = c.agenda.flatMap((a) => {
    const where = `${a.meeting.title} (${shortDate(a.meeting.start.slice(0, 10))})`;
    return [
      ...a.added.map((i) => html`${where}: thêm nội dung ${i.number}. ${i.title}`),
      ...a.removed.map((i) => html`${where}: bỏ nội dung ${i.number}. ${i.title}`),
      ...a.retitled.map((r) => html`${where}: nội dung ${r.number} đổi tên từ “${r.from}” thành “${r.to}”`),
      ...a.reassigned.map(
        (r) => html`${where}: nội dung ${r.number}, cơ quan chuẩn bị: ${r.from} → <strong>${r.to}</strong>`,
      ),
    ];
  });
  const empty = !c.lines.length;
  const outside = `(ngoài ${c.periodKind === 'week' ? 'tuần' : 'tháng'} này)`;
  return html`<div class="comparison">
${empty ? html`<p>Không có thay đổi.</p>` : ''}
${list(
  'Cuộc họp thêm mới',
  'added',
  c.added.map((m) => html`${m.title}, ${when(m.start)}`),
)}
${list(
  'Cuộc họp dời lịch',
  'moved',
  c.moved.map(
    (m) => html`${m.title}: ${when(m.from)}\
${m.across === 'in' ? ` ${outside}` : ''} → <strong>${when(m.to)}</strong>${m.across === 'out' ? ` ${outside}` : ''}`,
  ),
)}
${list(
  'Cuộc họp bị hủy',
  'cancelled',
  c.cancelled.map(
    (m) => html`${m.title}, ${when(m.start)}\
${m.reason ? ` (${m.reason})` : ''}`,
  ),
)}
${list(
  'Cuộc họp khôi phục',
  'restored',
  c.restored.map((m) => html`${m.title}, ${when(m.start)}`),
)}
${list(
  'Cuộc họp bỏ khỏi lịch',
  'removed',
  c.removed.map((m) => html`${m.title}, ${when(m.start)}`),
)}
${list(
  'Thay đổi thông tin cuộc họp',
  'changed',
  c.changed.map(
    (m) => html`${m.title}, ${when(m.start)}: \
${m.fields.join(', ')}`,
  ),
)}
${list('Thay đổi nội dung trình', 'agenda', agenda)}
${list(
  'Thay đổi khác',
  'other',
  c.otherChanges.map((t) => html`${t}`),
)}
</div>`;
}

/** The versions of one document, with links. */
export function versionsTable(path: string, versions: Publication[], zoneDate: (d: Date) => string): SafeHtml {
  if (!versions.length) return html`<p class="muted">Chưa ban hành bản nào.</p>`;
  const compare = (from: number, to: number) =>
    html` · <a href="${path}/compare?from=${from}&amp;to=${to}">So sánh với bản trước</a>`;
  return html`<div class="table-wrap"><table class="list responsive versions"><thead><tr><th>Bản</th><th>Số</th>\
<th>Ngày ban hành</th><th>Người ban hành</th><th>Ghi chú</th><th></th></tr></thead><tbody>
${versions.map(
  (v, i) => html`<tr data-version="${v.version}"><td data-label="Bản">\
<a href="${path}/versions/${v.version}">${v.label}</a></td><td data-label="Số">${v.documentNumber ?? ''}</td>\
<td data-label="Ngày">${zoneDate(v.publishedAt)}</td><td data-label="Người ban hành">${v.publishedBy}</td>\
<td data-label="Ghi chú">${v.note}</td>
<td><a href="${path}/versions/${v.version}.docx">DOCX</a>\
${i > 0 ? compare(versions[i - 1]!.version, v.version) : ''}</td></tr>`,
)}</tbody></table></div>`;
}

/** Content types of the downloads the pages offer. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
