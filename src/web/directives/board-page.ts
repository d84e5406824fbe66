/**
 * The Office's follow-up board (`/van-phong/chi-dao`): directives by notice, agency or status,
 * filterable, overdue in red, due this week, standing tasks.
 */
import { Router } from 'express';
import { isOpen } from '../../directives/deadlines';
import type { DirectiveView } from '../../directives/views';
import { html } from '../../shared/html';
import { DIRECTIVE_STATUS_LABELS, shortDate } from '../../shared/wording';
import { userOf } from '../auth';
import { textOf } from '../forms';
import { page } from '../layout';
import { OFFICE_CRUMB } from '../office/paths';
import { assigneesText, CSS, directiveKit, done, dueText, noticeLabel, officeDirectivePath, statusBadge } from './kit';
import type { DirectivePagesDeps } from './kit';

type Query = { notice: string; agency: string; status: string; group: string; body: string };

const STATUS_FILTERS = [
  ['open', 'Đang thực hiện'],
  ['overdue', 'Quá hạn'],
  ['week', 'Đến hạn tuần này'],
  ['standing', 'Thường xuyên'],
  ['reported-done', 'Báo cáo hoàn thành (chờ xác nhận)'],
  ['done', 'Hoàn thành'],
  ['cancelled', 'Đã hủy'],
  ['all', 'Tất cả'],
] as const;
const GROUPS = [
  ['notice', 'Thông báo'],
  ['agency', 'Cơ quan, đơn vị'],
  ['status', 'Tình trạng'],
] as const;

/** Whether a directive passes the status filter. */
function shownBy(status: string, v: DirectiveView): boolean {
  const open = v.status === 'assigned' || v.status === 'in-progress';
  if (status === 'all') return true;
  if (status === 'open') return open;
  if (status === 'overdue') return v.overdue;
  if (status === 'week') return v.dueThisWeek;
  if (status === 'standing') return v.standing && open;
  return v.status === status;
}

/** The group headings a directive is listed under. */
function groupsOf(group: string, v: DirectiveView): string[] {
  if (group === 'agency') return v.assignees.length ? v.assignees.map((a) => a.name) : ['Chưa giao'];
  if (group === 'status') {
    return [
      v.overdue
        ? 'Quá hạn'
        : v.dueThisWeek
          ? 'Đến hạn tuần này'
          : v.standing
            ? 'Thường xuyên'
            : DIRECTIVE_STATUS_LABELS[v.status],
    ];
  }
  return [`${v.noticeNumber ? `Thông báo số ${v.noticeNumber}` : 'Thông báo chưa có số'}: ${v.noticeTitle}`];
}

function row(v: DirectiveView) {
  const cls = `${v.overdue ? 'overdue-row' : ''}${v.dueThisWeek ? ' due-week' : ''}${v.standing ? ' standing' : ''}`;
  const text = v.text.length > 220 ? `${v.text.slice(0, 217)}…` : v.text;
  const warnings = v.warnings.length ? html`<div class="warn">⚠ ${v.warnings.join(' ')}</div>` : '';
  const report = v.latestReport ? `${shortDate(v.latestReport.date)}: ${v.latestReport.text}` : '';
  return html`<tr data-directive="${v.id}" class="${cls}">
<td data-label="Nhiệm vụ" class="text"><a href="${officeDirectivePath(v.id)}">${text}</a>${warnings}</td>
<td data-label="Thực hiện">${assigneesText(v) || html`<em class="warn">Chưa giao</em>`}</td>
<td data-label="Thời hạn" class="due${v.overdue ? ' overdue' : ''}">${dueText(v)}</td>
<td data-label="Trạng thái">${statusBadge(v)}</td>
<td data-label="Báo cáo gần nhất">${report}</td></tr>`;
}

const option = (value: string, label: string, current: string) =>
  html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;

export function boardPage(deps: DirectivePagesDeps) {
  const r = Router();
  const { svc, view } = directiveKit(deps);
  r.get('/van-phong/chi-dao', async (req, res) => {
    const param = (name: string, fallback = '') => textOf(req.query[name], fallback);
    const q: Query = {
      notice: param('notice'),
      agency: param('agency'),
      status: param('status', 'open'),
      group: param('group', 'notice'),
      body: param('body'),
    };
    const filter = {
      ...(q.notice ? { notice: q.notice } : {}),
      ...(q.agency ? { agency: q.agency } : {}),
      ...(q.body ? { body: q.body } : {}),
    };
    const all = await view(await svc.listDirectives(filter));
    // Drafts only when their notice is chosen.
    const followed = all.filter((v) => v.noticeStatus === 'issued' || !!q.notice);
    const shown = followed.filter((v) => shownBy(q.status, v));
    const dir = await svc.directory();
    const groups = new Map<string, DirectiveView[]>();
    for (const v of shown) for (const k of groupsOf(q.group, v)) groups.set(k, [...(groups.get(k) ?? []), v]);
    const counts = {
      overdue: followed.filter((v) => v.overdue).length,
      week: followed.filter((v) => v.dueThisWeek).length,
      standing: followed.filter((v) => v.standing && isOpen(v)).length,
    };
    const notices = await svc.listNotices();
    const agencies = [...dir.agencies.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const select = (id: string, name: string, label: string, options: unknown) =>
      html`<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${name}">${options}</select>\
</div>`;
    const filters = html`<form method="get" action="/van-phong/chi-dao" class="card filters" id="board-filters">\
<div class="grid">
${select(
  'f-status',
  'status',
  'Trạng thái',
  STATUS_FILTERS.map(([v, l]) => option(v, l, q.status)),
)}
${select('f-agency', 'agency', 'Cơ quan, đơn vị', [
  option('', 'Tất cả', q.agency),
  ...agencies.map((a) => option(a.code, a.name, q.agency)),
])}
${select('f-notice', 'notice', 'Thông báo', [
  option('', 'Tất cả', q.notice),
  ...notices.map((n) => option(n.id, `${noticeLabel(n)} - ${n.title.slice(0, 60)}`, q.notice)),
])}
${select(
  'f-group',
  'group',
  'Nhóm theo',
  GROUPS.map(([v, l]) => option(v, l, q.group)),
)}
</div><div><button type="submit">Lọc</button></div></form>`;
    const tables = [...groups].map(
      ([
        k,
        list,
      ]) => html`<h2>${k} (${list.length})</h2><div class="table-wrap"><table class="list responsive dir-board">\
<thead><tr><th>Nhiệm vụ</th><th>Thực hiện</th><th>Thời hạn</th><th>Trạng thái</th><th>Báo cáo gần nhất</th></tr>\
</thead>\
<tbody>${list.map(row)}</tbody></table></div>`,
    );
    const links = html`<a href="/van-phong/thong-bao">Các thông báo</a> · \
<a href="/van-phong/thong-bao/nhap">Nhập thông báo</a> · \
<a href="/van-phong/chi-dao/bao-cao">Báo cáo kết quả thực hiện</a>`;
    const summary = html`<span class="badge overdue">Quá hạn: ${counts.overdue}</span> \
<span class="badge">Đến hạn tuần này: ${counts.week}</span> <span class="badge">Thường xuyên: ${counts.standing}\
</span>`;
    res.send(
      page(
        { title: 'Theo dõi ý kiến chỉ đạo', user: userOf(res), done: done(req.query.ok), crumbs: [OFFICE_CRUMB] },
        html`${CSS}<h1>Theo dõi thực hiện ý kiến chỉ đạo</h1>
<p>${links}</p>
<p class="summary">${summary}</p>
${filters}
${shown.length ? tables : html`<p class="muted">Không có nhiệm vụ nào.</p>`}`,
      ),
    );
  });
  return r;
}
