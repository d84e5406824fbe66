/**
 * The agency's page: the items it prepares, their due dates and statuses; it marks an item as
 * being prepared or submitted (the agenda use case checks that the item is its own).
 */
import { Router, type Response } from 'express';
import type { ItemStatus } from '../agenda/types';
import { principalOf } from '../http/auth';
import { utcToLocal } from '../meetings/local-time';
import type { Occurrence } from '../meetings/types';
import { clockTime, shortDate } from '../publishing/format';
import { html } from '../publishing/html';
import type { Services } from '../services';
import { NotFoundError } from '../shared/errors';
import { userOf } from './auth';
import { form, itemNumberOf, itemStatusOf, submitForm, type FormState, type FormValues } from './forms';
import { page } from './layout';
import { DONE_MESSAGES, ROLE_LABELS } from './messages';
import { isOverdue } from './readiness';
import { statusBadge } from './views';

export function agencyPages(s: Services): Router {
  const r = Router();

  async function render(res: Response, forms: Record<string, FormState> = {}, ok?: string | null): Promise<string> {
    const user = userOf(res)!;
    const agencyCode = user.principal.agencyCode;
    const agency = agencyCode ? await s.orgRepos.agencies.get(agencyCode) : null;
    const items = agencyCode ? await s.agenda.listByAgency(agencyCode) : [];
    const occs = new Map<string, Occurrence | null>();
    for (const id of new Set(items.map((i) => i.occurrenceId))) {
      // An item of a meeting that no longer exists is left out; any other failure is a real error.
      occs.set(id, await s.meetings.getOccurrence(id).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      }));
    }
    const now = s.clock.now();
    const zone = s.settings.defaultTimeZone;
    const at = (d: Date) => `${clockTime(utcToLocal(d, zone).slice(11, 16))} ngày ${shortDate(utcToLocal(d, zone).slice(0, 10))}`;
    const rows = items
      .filter((i) => occs.get(i.occurrenceId))
      .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0) || a.number - b.number)
      .map((i) => {
        const occ = occs.get(i.occurrenceId)!;
        const key = `${i.occurrenceId}#${i.number}`;
        const overdue = isOverdue(i, now);
        const role = i.preparingAgencies.find((a) => a.code === agencyCode)?.role ?? 'lead';
        const action = `/co-quan/noi-dung/${encodeURIComponent(i.occurrenceId)}/${i.number}/trang-thai`;
        const button = (status: ItemStatus, label: string, cls = '') =>
          i.status === status ? '' : form(action, user.csrf, html`<input type="hidden" name="status" value="${status}"><button type="submit" class="${cls}">${label}</button>`, { className: 'inline' });
        return html`<tr data-item="${key}" data-number="${i.number}"><td data-label="Cuộc họp">${occ.title}<br><span class="muted">${clockTime(occ.localStart.slice(11, 16))} ngày ${shortDate(occ.localStart.slice(0, 10))}${occ.status === 'cancelled' ? ' (đã hủy)' : ''}</span></td>
<td data-label="Nội dung">${i.number}. ${i.title} <span class="muted">(${ROLE_LABELS[role]})</span>${forms[key]?.general ? html`<p class="error-box">${forms[key]!.general}</p>` : ''}${forms[key]?.errors.status ? html`<p class="field-error">${forms[key]!.errors.status}</p>` : ''}</td>
<td data-label="Hạn nộp" class="${overdue ? 'overdue' : ''}">${i.dueAt ? at(i.dueAt) : ''}</td>
<td data-label="Trạng thái">${statusBadge(i.status, overdue)}</td>
<td data-label="Cập nhật">${['assigned', 'returned'].includes(i.status) ? button('preparing', 'Đang chuẩn bị', 'secondary') : ''} ${['assigned', 'preparing', 'returned'].includes(i.status) ? button('submitted', 'Đã nộp tài liệu') : ''}</td></tr>`;
      });
    return page(
      { title: agency?.name ?? 'Cơ quan', user, done: ok ?? null },
      html`<h1>${agency?.name ?? 'Cơ quan'}: nội dung được giao chuẩn bị</h1>
<p><a href="/co-quan/chi-dao">Nhiệm vụ được giao theo ý kiến chỉ đạo</a></p>
${agencyCode ? '' : html`<p class="error-box">Khóa này không gắn với cơ quan nào.</p>`}
${rows.length ? html`<div class="table-wrap"><table class="list responsive agency-items"><thead><tr><th>Cuộc họp</th><th>Nội dung</th><th>Hạn nộp tài liệu</th><th>Trạng thái</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p class="muted">Chưa có nội dung nào được giao.</p>`}`,
    );
  }

  r.get('/co-quan', async (req, res) => void res.send(await render(res, {}, DONE_MESSAGES[String(req.query.ok ?? '')] ?? null)));

  r.post('/co-quan/noi-dung/:id/:number/trang-thai', async (req, res) => {
    const id = String(req.params.id);
    const number = itemNumberOf(id, req.params.number);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['status'],
      action: async () => {
        await s.agenda.setStatus(id, number, itemStatusOf(v), principalOf(res)!);
        return '/co-quan?ok=status';
      },
      rerender: (state) => render(res, { [`${id}#${number}`]: state }),
    });
  });
  return r;
}
