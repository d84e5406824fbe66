/**
 * The agency's page (`/co-quan`): the items it prepares, their due dates and statuses; it marks an
 * item as being prepared or submitted (the agenda use case checks that the item is its own).
 */
import { Router, type Response } from 'express';
import type { OrganisationRepositories } from '../../organisation/repository';
import { statusInput } from '../../agenda/schemas';
import type { AgendaService } from '../../agenda/service';
import type { AgendaItem, ItemStatus } from '../../agenda/types';
import { principalOf } from '../../http/auth';
import { utcToLocal } from '../../meetings/local-time';
import type { MeetingsService } from '../../meetings/service';
import type { Occurrence } from '../../meetings/types';
import { when } from '../../publishing/compare';
import type { Clock } from '../../shared/clock';
import { NotFoundError } from '../../shared/errors';
import { html } from '../../shared/html';
import { ROLE_LABELS } from '../../shared/wording';
import { userOf } from '../auth';
import { formRoutes, noticeOf } from '../form-route';
import { form, itemNumberOf, one, type FormState } from '../forms';
import { page } from '../layout';
import { DONE_MESSAGES } from '../messages';
import { isOverdue } from '../readiness';
import { statusBadge } from '../views';

export interface AgencyItemsPageDeps {
  orgRepos: Pick<OrganisationRepositories, 'agencies'>;
  agenda: Pick<AgendaService, 'listByAgency' | 'setStatus'>;
  meetings: Pick<MeetingsService, 'getOccurrence'>;
  clock: Clock;
  defaultTimeZone: string;
}

const keyOf = (occurrenceId: string, number: number) => `${occurrenceId}#${number}`;

export function agencyItemsPage(deps: AgencyItemsPageDeps): Router {
  const r = Router();
  const done = noticeOf(DONE_MESSAGES);

  /** The items' meetings: one that no longer exists is null (its items are left out); other failures throw. */
  async function meetingsOf(items: AgendaItem[]): Promise<Map<string, Occurrence | null>> {
    const occs = new Map<string, Occurrence | null>();
    for (const id of new Set(items.map((i) => i.occurrenceId))) {
      const occ = await deps.meetings.getOccurrence(id).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      });
      occs.set(id, occ);
    }
    return occs;
  }

  async function render(
    res: Response,
    forms: Record<string, FormState> = {},
    ok: string | null = null,
  ): Promise<string> {
    const user = userOf(res)!;
    const agencyCode = user.principal.agencyCode;
    const agency = agencyCode ? await deps.orgRepos.agencies.get(agencyCode) : null;
    const items = agencyCode ? await deps.agenda.listByAgency(agencyCode) : [];
    const occs = await meetingsOf(items);
    const now = deps.clock.now();
    const at = (d: Date) => when(utcToLocal(d, deps.defaultTimeZone));
    const row = (i: AgendaItem) => {
      const occ = occs.get(i.occurrenceId)!;
      const key = keyOf(i.occurrenceId, i.number);
      const state = forms[key];
      const overdue = isOverdue(i, now);
      const role = i.preparingAgencies.find((a) => a.code === agencyCode)?.role ?? 'lead';
      const action = `/co-quan/noi-dung/${encodeURIComponent(i.occurrenceId)}/${i.number}/trang-thai`;
      const button = (status: ItemStatus, label: string, cls = '') =>
        i.status === status
          ? ''
          : form(
              action,
              user.csrf,
              html`<input type="hidden" name="status" value="${status}">\
<button type="submit" class="${cls}">${label}</button>`,
              { className: 'inline' },
            );
      const preparing = ['assigned', 'returned'].includes(i.status)
        ? button('preparing', 'Đang chuẩn bị', 'secondary')
        : '';
      const submitted = ['assigned', 'preparing', 'returned'].includes(i.status)
        ? button('submitted', 'Đã nộp tài liệu')
        : '';
      const general = state?.general ? html`<p class="error-box">${state.general}</p>` : '';
      const error = state?.errors.status ? html`<p class="field-error">${state.errors.status}</p>` : '';
      return html`<tr data-item="${key}" data-number="${i.number}"><td data-label="Cuộc họp">${occ.title}<br>\
<span class="muted">${when(occ.localStart)}${occ.status === 'cancelled' ? ' (đã hủy)' : ''}</span></td>
<td data-label="Nội dung">${i.number}. ${i.title} <span class="muted">(${ROLE_LABELS[role]})</span>${general}\
${error}</td>
<td data-label="Hạn nộp" class="${overdue ? 'overdue' : ''}">${i.dueAt ? at(i.dueAt) : ''}</td>
<td data-label="Trạng thái">${statusBadge(i.status, overdue)}</td>
<td data-label="Cập nhật">${preparing} ${submitted}</td></tr>`;
    };
    const rows = items
      .filter((i) => occs.get(i.occurrenceId))
      .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0) || a.number - b.number)
      .map(row);
    const table = rows.length
      ? html`<div class="table-wrap"><table class="list responsive agency-items"><thead><tr><th>Cuộc họp</th>\
<th>Nội dung</th><th>Hạn nộp tài liệu</th><th>Trạng thái</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>`
      : html`<p class="muted">Chưa có nội dung nào được giao.</p>`;
    return page(
      { title: agency?.name ?? 'Cơ quan', user, done: ok },
      html`<h1>${agency?.name ?? 'Cơ quan'}: nội dung được giao chuẩn bị</h1>
<p><a href="/co-quan/chi-dao">Nhiệm vụ được giao theo ý kiến chỉ đạo</a></p>
${agencyCode ? '' : html`<p class="error-box">Khóa này không gắn với cơ quan nào.</p>`}
${table}`,
    );
  }

  r.get('/co-quan', async (req, res) => void res.send(await render(res, {}, done(req.query.ok))));

  const post = formRoutes(r, {
    params: (req) => {
      const id = String(req.params.id);
      return { id, number: itemNumberOf(id, req.params.number) };
    },
    redraw: (res, _p, forms) => render(res, forms),
  });
  post('/co-quan/noi-dung/:id/:number/trang-thai', {
    key: (p) => keyOf(p.id, p.number),
    fields: ['status'],
    schema: statusInput,
    read: (v) => ({ status: one(v, 'status') }),
    act: async (input, p, res) => {
      await deps.agenda.setStatus(p.id, p.number, input.status, principalOf(res)!);
      return '/co-quan?ok=status';
    },
  });
  return r;
}
