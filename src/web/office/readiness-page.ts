/**
 * The readiness board (`/van-phong/san-sang/<body>/<YYYY-MM>`): the month's items × the agencies
 * preparing them × status, overdue cells in red, counts per agency, the programme's warnings.
 */
import { Router } from 'express';
import type { AgendaRepository } from '../../agenda/repository';
import { utcToLocal } from '../../meetings/local-time';
import type { MeetingsService } from '../../meetings/service';
import { loadDirectory } from '../../meetings/views';
import type { OrganisationRepositories } from '../../organisation/repository';
import type { OrganisationService } from '../../organisation/service';
import { monthRange, shiftMonth } from '../../publishing/periods';
import type { PublishingService } from '../../publishing/service';
import type { Clock } from '../../shared/clock';
import { html, type SafeHtml } from '../../shared/html';
import { clockTime, ROLE_LABELS, shortDate } from '../../shared/wording';
import { userOf } from '../auth';
import { page } from '../layout';
import { readinessBoard, type Board, type BoardRow } from '../readiness';
import { labelOf, monthLabel, statusBadge } from '../views';
import { monthParams, OFFICE_CRUMB, occurrencePath } from './paths';

export interface ReadinessPageDeps {
  organisation: Pick<OrganisationService, 'getBody'>;
  meetings: Pick<MeetingsService, 'occurrencesIn'>;
  agendaRepo: Pick<AgendaRepository, 'listByOccurrences'>;
  publishing: Pick<PublishingService, 'draftProgramme'>;
  orgRepos: OrganisationRepositories;
  clock: Clock;
}

/** The items × agencies table, a heading row before each meeting. */
function boardTable(board: Board, due: (d: Date | null) => string): SafeHtml {
  const cell = (row: BoardRow, code: string) => {
    const c = row.cells[code];
    if (!c) return html`<td></td>`;
    return html`<td class="cell ${c.overdue ? 'overdue' : ''}" data-agency="${code}">\
${statusBadge(c.status, c.overdue)}\
<div class="role">${labelOf(ROLE_LABELS, c.role)}</div></td>`;
  };
  const rows = board.rows.map((row, i) => {
    const first = i === 0 || board.rows[i - 1]!.occurrenceId !== row.occurrenceId;
    const heading = first
      ? html`<tr class="meeting-row"><th colspan="${3 + board.agencies.length}">\
<a href="${occurrencePath(row.occurrenceId)}">${row.meeting}</a>, ngày ${shortDate(row.date)}</th></tr>`
      : '';
    const warnings = row.warnings.length ? html`<div class="muted">⚠ ${row.warnings.join(' ')}</div>` : '';
    return html`${heading}<tr data-number="${row.number}"><td>${row.number}</td>\
<td class="item-title">${row.title}${warnings}</td><td class="${row.overdue ? 'overdue' : ''}">${due(row.dueAt)}</td>
${board.agencies.map((a) => cell(row, a.code))}</tr>`;
  });
  const heads = board.agencies.map((a) => html`<th title="${a.name}">${a.shortName}</th>`);
  return html`<div class="table-wrap"><table class="list readiness"><thead><tr><th>Số</th>\
<th class="item-title">Nội dung</th><th>Hạn nộp</th>${heads}</tr></thead><tbody>
${rows}</tbody></table></div>`;
}

export function readinessPage(deps: ReadinessPageDeps): Router {
  const r = Router();
  r.get('/van-phong/san-sang/:body/:month', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    const body = await deps.organisation.getBody(bodyCode);
    const range = monthRange(month);
    const occs = await deps.meetings.occurrencesIn({ from: range.from, to: range.to, bodyCode });
    const [items, dir, doc] = await Promise.all([
      deps.agendaRepo.listByOccurrences(occs.map((o) => o.id)),
      loadDirectory(deps.orgRepos),
      deps.publishing.draftProgramme(bodyCode, month),
    ]);
    const board = readinessBoard(occs, items, dir, deps.clock.now());
    const due = (d: Date | null) => {
      if (!d) return '';
      const local = utcToLocal(d, body.timeZone);
      return `${shortDate(local.slice(0, 10))} ${clockTime(local.slice(11, 16))}`;
    };
    const summary = board.agencies.map(
      (a) => html`<tr><td data-label="Cơ quan">${a.name}</td><td data-label="Số nội dung">${a.total}</td>\
<td data-label="Đã nộp">${a.done}</td><td data-label="Quá hạn" class="${a.overdue ? 'overdue' : ''}">${a.overdue}</td>\
</tr>`,
    );
    const warnings = doc.warnings.length
      ? html`<div class="card"><h2>Cảnh báo</h2>\
<ul class="warnings">${doc.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>`
      : '';
    const crumbs = [OFFICE_CRUMB, { href: `/van-phong/lich/${bodyCode}/${month}`, label: `Lịch ${monthLabel(month)}` }];
    const table = board.rows.length
      ? boardTable(board, due)
      : html`<p class="muted">Tháng này chưa có nội dung trình nào.</p>`;
    res.send(
      page(
        { title: `Theo dõi ${monthLabel(month)}`, user: userOf(res), crumbs },
        html`<h1>Bảng theo dõi chuẩn bị nội dung, ${monthLabel(month)}</h1>\
<p class="muted">${body.name}. Ô đỏ: quá hạn nộp tài liệu mà chưa nộp.</p>
<nav class="nav-periods"><a href="/van-phong/san-sang/${bodyCode}/${shiftMonth(month, -1)}">‹ Tháng trước</a>\
<a href="/van-phong/san-sang/${bodyCode}/${shiftMonth(month, 1)}">Tháng sau ›</a></nav>
${warnings}
<h2>Theo cơ quan</h2><div class="table-wrap"><table class="list responsive agencies-summary"><thead><tr>\
<th>Cơ quan</th><th>Số nội dung</th><th>Đã nộp</th><th>Quá hạn</th></tr></thead><tbody>
${summary}</tbody></table></div>
<h2>Nội dung × cơ quan</h2>
${table}`,
      ),
    );
  });
  return r;
}
