/**
 * The Office's page of one occurrence: move, cancel or restore it, change its details, and edit
 * its agenda (add and edit items, assign preparing agencies by range, set statuses). Every form
 * calls the same use case as the API.
 */
import { Router, type Response } from 'express';
import { assignInput, itemInput, itemPatch } from '../agenda/schemas';
import { ITEM_KINDS, ITEM_STATUSES } from '../agenda/types';
import { actorOf, principalOf } from '../http/auth';
import { parseWith } from '../http/validate';
import { utcToLocal } from '../meetings/local-time';
import { cancelInput, detailsInput, moveInput } from '../meetings/schemas';
import { loadDirectory } from '../meetings/views';
import { clockTime, shortDate } from '../publishing/format';
import { html } from '../publishing/html';
import type { Services } from '../services';
import { ValidationError } from '../shared/errors';
import { userOf } from './auth';
import { form, input, itemNumberOf, itemStatusOf, numberOf, one, optional, select, submitForm, textarea, type FormState, type FormValues } from './forms';
import { page } from './layout';
import { DONE_MESSAGES, ITEM_KIND_LABELS, MEETING_KIND_LABELS, OCCURRENCE_STATUS_LABELS, ROLE_LABELS, STATUS_LABELS } from './messages';
import { isOverdue } from './readiness';
import { statusBadge } from './views';

const options = (labels: Record<string, string>, keys: readonly string[]) => keys.map((k) => ({ value: k, label: labels[k] ?? k }));
export const occurrencePath = (id: string) => `/van-phong/cuoc-hop/${encodeURIComponent(id)}`;

export function officeOccurrencePages(s: Services): Router {
  const r = Router();

  async function render(res: Response, id: string, forms: Record<string, FormState> = {}, done?: string): Promise<string> {
    const user = userOf(res)!;
    const occ = await s.meetings.getOccurrence(id);
    const [items, dir] = await Promise.all([s.agenda.list([id]), loadDirectory(s.orgRepos)]);
    const agencies = [...dir.agencies.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((a) => ({ value: a.code, label: a.name }));
    const now = s.clock.now();
    const path = occurrencePath(id);
    const date = occ.localStart.slice(0, 10);
    const due = (d: Date | null) => (d ? `${shortDate(utcToLocal(d, occ.timeZone).slice(0, 10))} ${clockTime(utcToLocal(d, occ.timeZone).slice(11, 16))}` : '');
    const f = (name: string) => forms[name];
    const nextNumber = Math.max(0, ...items.map((i) => i.number)) + 1;
    const rows = items
      .sort((a, b) => a.number - b.number)
      .map((i) => {
        const st = f(`status-${i.number}`);
        const ed = f(`item-${i.number}`);
        return html`<tr data-number="${i.number}"><td data-label="Số">${i.number}</td>
<td data-label="Nội dung">${i.title}${i.warnings.length ? html`<div class="muted">⚠ ${i.warnings.join(' ')}</div>` : ''}
<details${ed ? html` open` : ''}><summary>Sửa nội dung ${i.number}</summary>${form(`${path}/noi-dung/${i.number}`, user.csrf, html`${input({ name: 'title', label: 'Tên nội dung', value: i.title, state: ed })}${select({ name: 'kind', label: 'Loại', options: options(ITEM_KIND_LABELS, ITEM_KINDS), value: i.kind, state: ed })}<div><button type="submit">Lưu nội dung ${i.number}</button></div>`, { state: ed })}</details></td>
<td data-label="Cơ quan chuẩn bị">${i.preparingAgencies.map((a) => html`<div>${dir.agencies.get(a.code)?.name ?? a.code} <span class="muted">(${ROLE_LABELS[a.role]})</span></div>`)}</td>
<td data-label="Hạn nộp" class="${isOverdue(i, now) ? 'overdue' : ''}">${due(i.dueAt)}</td>
<td data-label="Trạng thái">${statusBadge(i.status, isOverdue(i, now))}
${form(`${path}/noi-dung/${i.number}/trang-thai`, user.csrf, html`${select({ name: 'status', label: 'Đổi trạng thái', options: options(STATUS_LABELS, ITEM_STATUSES), value: i.status, state: st })}<button type="submit" class="secondary">Cập nhật</button>`, { className: 'stack status-form', state: st })}</td></tr>`;
      });
    const cancelled = occ.status === 'cancelled';
    return page(
      { title: occ.title, user, done: done ?? null, crumbs: [{ href: '/van-phong', label: 'Văn phòng' }, { href: `/van-phong/lich/${occ.bodyCode}/${date.slice(0, 7)}`, label: `Lịch tháng ${Number(date.slice(5, 7))}/${date.slice(0, 4)}` }] },
      html`<h1>${occ.title}</h1>
<p class="occurrence-when"><strong>${clockTime(occ.localStart.slice(11, 16))} ngày ${shortDate(date)}</strong> <span class="badge ${occ.status}">${OCCURRENCE_STATUS_LABELS[occ.status]}</span> <span class="muted">${MEETING_KIND_LABELS[occ.kind]}${occ.originalLocalStart !== occ.localStart ? ` · theo lịch gốc: ${clockTime(occ.originalLocalStart.slice(11, 16))} ngày ${shortDate(occ.originalLocalStart.slice(0, 10))}` : ''}${occ.location ? ` · ${occ.location}` : ''}</span></p>
${occ.reason ? html`<p class="muted">Lý do: ${occ.reason}</p>` : ''}
${occ.warnings.length ? html`<ul class="warnings">${occ.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
<div class="grid two">
<div class="card"><h2>Dời buổi họp</h2>${form(`${path}/doi-lich`, user.csrf, html`${input({ name: 'date', label: 'Ngày mới', type: 'date', value: date, state: f('move') })}${input({ name: 'time', label: 'Giờ', type: 'time', value: occ.localStart.slice(11, 16), state: f('move') })}${input({ name: 'location', label: 'Địa điểm (để trống nếu không đổi)', state: f('move') })}${textarea({ name: 'reason', label: 'Lý do dời', state: f('move') })}<div><button type="submit">Dời lịch</button></div>`, { id: 'move-form', state: f('move') })}</div>
<div class="card">${cancelled
        ? html`<h2>Khôi phục buổi họp</h2>${form(`${path}/khoi-phuc`, user.csrf, html`<div><button type="submit">Khôi phục</button></div>`, { id: 'restore-form', state: f('restore') })}`
        : html`<h2>Hủy buổi họp</h2>${form(`${path}/huy`, user.csrf, html`${textarea({ name: 'reason', label: 'Lý do hủy', state: f('cancel') })}<div><button type="submit" class="danger">Hủy buổi họp</button></div>`, { id: 'cancel-form', state: f('cancel') })}`}
<h2>Thông tin buổi họp</h2>${form(`${path}/chi-tiet`, user.csrf, html`${input({ name: 'title', label: 'Tên cuộc họp', value: occ.title, state: f('details') })}${input({ name: 'location', label: 'Địa điểm', value: occ.location, state: f('details') })}${textarea({ name: 'description', label: 'Mô tả', value: occ.description, state: f('details') })}<div><button type="submit">Lưu thông tin</button></div>`, { id: 'details-form', state: f('details') })}</div>
</div>
<h2>Nội dung trình (${items.length})</h2>
<div class="table-wrap"><table class="list responsive agenda"><thead><tr><th>Số</th><th>Nội dung</th><th>Cơ quan chuẩn bị</th><th>Hạn nộp</th><th>Trạng thái</th></tr></thead><tbody>${rows}</tbody></table></div>
<div class="grid two">
<div class="card"><h2>Giao cơ quan chuẩn bị</h2>${form(`${path}/giao`, user.csrf, html`${input({ name: 'items', label: 'Các nội dung', hint: 'Ví dụ: 1-6 hoặc 7, 8', state: f('assign') })}${select({ name: 'agencyCode', label: 'Cơ quan', options: agencies, blank: '(chọn cơ quan)', state: f('assign') })}${select({ name: 'role', label: 'Vai trò', options: options(ROLE_LABELS, ['lead', 'coordinating']), value: 'lead', state: f('assign') })}${select({ name: 'mode', label: 'Cách giao', options: [{ value: 'replace', label: 'Thay cơ quan đang giao (cùng vai trò)' }, { value: 'add', label: 'Thêm cơ quan này' }], value: 'replace', state: f('assign') })}<div><button type="submit">Giao</button></div>`, { id: 'assign-form', state: f('assign') })}</div>
<div class="card"><h2>Thêm nội dung</h2>${form(`${path}/noi-dung`, user.csrf, html`${input({ name: 'number', label: 'Số thứ tự', type: 'number', value: String(nextNumber), state: f('add-item') })}${textarea({ name: 'title', label: 'Tên nội dung', state: f('add-item') })}${select({ name: 'kind', label: 'Loại', options: options(ITEM_KIND_LABELS, ITEM_KINDS), value: 'report', state: f('add-item') })}<div><button type="submit">Thêm</button></div>`, { id: 'add-item-form', state: f('add-item') })}</div>
</div>`,
    );
  }

  const idOf = (raw: unknown) => String(raw);
  const back = (id: string, ok: string) => `${occurrencePath(id)}?ok=${ok}`;

  r.get('/van-phong/cuoc-hop/:id', async (req, res) => {
    res.send(await render(res, idOf(req.params.id), {}, DONE_MESSAGES[String(req.query.ok ?? '')]));
  });

  r.post('/van-phong/cuoc-hop/:id/doi-lich', async (req, res) => {
    const id = idOf(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['date', 'time', 'location', 'reason'],
      action: async () => {
        const input = parseWith(moveInput, { date: one(v, 'date'), time: optional(one(v, 'time')), location: optional(one(v, 'location')), reason: one(v, 'reason') });
        await s.meetings.moveOccurrence(id, input);
        return back(id, 'moved');
      },
      rerender: (state) => render(res, id, { move: state }),
    });
  });

  r.post('/van-phong/cuoc-hop/:id/huy', async (req, res) => {
    const id = idOf(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['reason'],
      action: async () => {
        await s.meetings.cancelOccurrence(id, parseWith(cancelInput, { reason: one(v, 'reason') }).reason);
        return back(id, 'cancelled');
      },
      rerender: (state) => render(res, id, { cancel: state }),
    });
  });

  r.post('/van-phong/cuoc-hop/:id/khoi-phuc', async (req, res) => {
    const id = idOf(req.params.id);
    await submitForm(res, {
      values: {},
      fields: [],
      action: async () => {
        await s.meetings.restoreOccurrence(id);
        return back(id, 'restored');
      },
      rerender: (state) => render(res, id, { restore: state }),
    });
  });

  r.post('/van-phong/cuoc-hop/:id/chi-tiet', async (req, res) => {
    const id = idOf(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['title', 'location', 'description'],
      action: async () => {
        await s.meetings.updateOccurrenceDetails(id, parseWith(detailsInput, { title: one(v, 'title'), location: one(v, 'location'), description: one(v, 'description') }));
        return back(id, 'details');
      },
      rerender: (state) => render(res, id, { details: state }),
    });
  });

  r.post('/van-phong/cuoc-hop/:id/noi-dung', async (req, res) => {
    const id = idOf(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['number', 'title', 'kind'],
      action: async () => {
        const item = parseWith(itemInput, { number: numberOf(one(v, 'number')), title: one(v, 'title'), kind: one(v, 'kind') || undefined });
        await s.agenda.addItems(id, [item], actorOf(res));
        return back(id, 'item-added');
      },
      rerender: (state) => render(res, id, { 'add-item': state }),
    });
  });

  r.post('/van-phong/cuoc-hop/:id/noi-dung/:number', async (req, res) => {
    const id = idOf(req.params.id);
    const number = itemNumberOf(id, req.params.number);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['title', 'kind'],
      action: async () => {
        await s.agenda.updateItem(id, number, parseWith(itemPatch, { title: one(v, 'title'), kind: one(v, 'kind') || undefined }), actorOf(res));
        return back(id, 'item-saved');
      },
      rerender: (state) => render(res, id, { [`item-${number}`]: state }),
    });
  });

  r.post('/van-phong/cuoc-hop/:id/noi-dung/:number/trang-thai', async (req, res) => {
    const id = idOf(req.params.id);
    const number = itemNumberOf(id, req.params.number);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['status'],
      action: async () => {
        await s.agenda.setStatus(id, number, itemStatusOf(v), principalOf(res)!);
        return back(id, 'status');
      },
      rerender: (state) => render(res, id, { [`status-${number}`]: state }),
    });
  });

  r.post('/van-phong/cuoc-hop/:id/giao', async (req, res) => {
    const id = idOf(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['items', 'agencyCode', 'role', 'mode'],
      action: async () => {
        const agencyCode = one(v, 'agencyCode');
        if (!agencyCode) throw ValidationError.field('agencyCode', 'must not be empty');
        await s.agenda.assignRange(id, parseWith(assignInput, { items: one(v, 'items'), agencyCode, role: one(v, 'role') || undefined, mode: one(v, 'mode') || undefined }), actorOf(res));
        return back(id, 'assigned');
      },
      rerender: (state) => render(res, id, { assign: state }),
    });
  });

  return r;
}
