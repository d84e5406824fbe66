/**
 * The Office's page of one occurrence (`/van-phong/cuoc-hop/<id>`): move, cancel or restore it,
 * change its details, and edit its agenda (add and edit items, assign preparing agencies by range,
 * set statuses). Every form calls the same use case and schema as the API.
 */
import { Router, type Response } from 'express';
import { assignInput, itemInput, itemPatch, statusInput } from '../../agenda/schemas';
import type { AgendaService } from '../../agenda/service';
import { ITEM_KINDS, ITEM_STATUSES, type AgendaItem } from '../../agenda/types';
import { actorOf, principalOf } from '../../http/auth';
import { utcToLocal } from '../../meetings/local-time';
import { cancelInput, detailsInput, moveInput } from '../../meetings/schemas';
import type { MeetingsService } from '../../meetings/service';
import type { Occurrence } from '../../meetings/types';
import { loadDirectory, type Directory } from '../../meetings/views';
import type { OrganisationRepositories } from '../../organisation/repository';
import { html, type SafeHtml } from '../../shared/html';
import type { Clock } from '../../shared/clock';
import { ValidationError } from '../../shared/errors';
import { when } from '../../publishing/compare';
import {
  clockTime,
  ITEM_KIND_LABELS,
  ITEM_STATUS_LABELS,
  MEETING_KIND_LABELS,
  OCCURRENCE_STATUS_LABELS,
  ROLE_LABELS,
  shortDate,
} from '../../shared/wording';
import { userOf } from '../auth';
import { formRoutes, NO_INPUT, noticeOf } from '../form-route';
import { form, input, itemNumberOf, numberOf, one, optional, optionsOf, select, textarea } from '../forms';
import type { FormState } from '../forms';
import { page } from '../layout';
import { DONE_MESSAGES } from '../messages';
import { isOverdue } from '../readiness';
import { monthLabel, statusBadge } from '../views';
import { OFFICE_CRUMB, occurrencePath } from './paths';

export interface OccurrencePageDeps {
  meetings: Pick<
    MeetingsService,
    'getOccurrence' | 'moveOccurrence' | 'cancelOccurrence' | 'restoreOccurrence' | 'updateOccurrenceDetails'
  >;
  agenda: Pick<AgendaService, 'list' | 'addItems' | 'updateItem' | 'setStatus' | 'assignRange'>;
  orgRepos: OrganisationRepositories;
  clock: Clock;
}

type Forms = Record<string, FormState>;

const submit = (label: string, cls = '') =>
  html`<div><button type="submit"${cls ? html` class="${cls}"` : ''}>${label}</button></div>`;

/** One row of the agenda: the item, its edit form, agencies, due date and status form. */
function itemRow(
  i: AgendaItem,
  ctx: { path: string; csrf: string; dir: Directory; now: Date; zone: string; forms: Forms },
) {
  const edited = ctx.forms[`item-${i.number}`];
  const status = ctx.forms[`status-${i.number}`];
  const overdue = isOverdue(i, ctx.now);
  const local = i.dueAt ? utcToLocal(i.dueAt, ctx.zone) : null;
  const due = local ? `${shortDate(local.slice(0, 10))} ${clockTime(local.slice(11, 16))}` : '';
  const kinds = optionsOf(ITEM_KIND_LABELS, ITEM_KINDS);
  const editFields = html`${input({ name: 'title', label: 'Tên nội dung', value: i.title, state: edited })}${select({
    name: 'kind',
    label: 'Loại',
    options: kinds,
    value: i.kind,
    state: edited,
  })}`;
  const editForm = form(
    `${ctx.path}/noi-dung/${i.number}`,
    ctx.csrf,
    html`${editFields}${submit(`Lưu nội dung ${i.number}`)}`,
    {
      state: edited,
    },
  );
  const statusSelect = select({
    name: 'status',
    label: 'Đổi trạng thái',
    options: optionsOf(ITEM_STATUS_LABELS, ITEM_STATUSES),
    value: i.status,
    state: status,
  });
  const statusForm = form(
    `${ctx.path}/noi-dung/${i.number}/trang-thai`,
    ctx.csrf,
    html`${statusSelect}<button type="submit" class="secondary">Cập nhật</button>`,
    { className: 'stack status-form', state: status },
  );
  const agencies = i.preparingAgencies.map(
    (a) =>
      html`<div>${ctx.dir.agencies.get(a.code)?.name ?? a.code} <span class="muted">(${ROLE_LABELS[a.role]})</span>\
</div>`,
  );
  const warnings = i.warnings.length ? html`<div class="muted">⚠ ${i.warnings.join(' ')}</div>` : '';
  return html`<tr data-number="${i.number}"><td data-label="Số">${i.number}</td>
<td data-label="Nội dung">${i.title}${warnings}
<details${edited ? html` open` : ''}><summary>Sửa nội dung ${i.number}</summary>${editForm}</details></td>
<td data-label="Cơ quan chuẩn bị">${agencies}</td>
<td data-label="Hạn nộp" class="${overdue ? 'overdue' : ''}">${due}</td>
<td data-label="Trạng thái">${statusBadge(i.status, overdue)}
${statusForm}</td></tr>`;
}

/** Move, cancel or restore, and the details of the meeting. */
function meetingForms(occ: Occurrence, path: string, csrf: string, f: (k: string) => FormState | undefined): SafeHtml {
  const date = occ.localStart.slice(0, 10);
  const move = f('move');
  const moveFields = html`${input({ name: 'date', label: 'Ngày mới', type: 'date', value: date, state: move })}${input({
    name: 'time',
    label: 'Giờ',
    type: 'time',
    value: occ.localStart.slice(11, 16),
    state: move,
  })}${input({ name: 'location', label: 'Địa điểm (để trống nếu không đổi)', state: move })}${textarea({
    name: 'reason',
    label: 'Lý do dời',
    state: move,
  })}`;
  const moveForm = form(`${path}/doi-lich`, csrf, html`${moveFields}${submit('Dời lịch')}`, {
    id: 'move-form',
    state: move,
  });
  const cancelOrRestore =
    occ.status === 'cancelled'
      ? html`<h2>Khôi phục buổi họp</h2>${form(`${path}/khoi-phuc`, csrf, submit('Khôi phục'), {
          id: 'restore-form',
          state: f('restore'),
        })}`
      : html`<h2>Hủy buổi họp</h2>${form(
          `${path}/huy`,
          csrf,
          html`${textarea({ name: 'reason', label: 'Lý do hủy', state: f('cancel') })}\
${submit('Hủy buổi họp', 'danger')}`,
          { id: 'cancel-form', state: f('cancel') },
        )}`;
  const details = f('details');
  const detailFields = html`${input({ name: 'title', label: 'Tên cuộc họp', value: occ.title, state: details })}${input(
    {
      name: 'location',
      label: 'Địa điểm',
      value: occ.location,
      state: details,
    },
  )}${textarea({ name: 'description', label: 'Mô tả', value: occ.description, state: details })}`;
  const detailsForm = form(`${path}/chi-tiet`, csrf, html`${detailFields}${submit('Lưu thông tin')}`, {
    id: 'details-form',
    state: details,
  });
  return html`<div class="grid two">
<div class="card"><h2>Dời buổi họp</h2>${moveForm}</div>
<div class="card">${cancelOrRestore}
<h2>Thông tin buổi họp</h2>${detailsForm}</div>
</div>`;
}

/** Assign preparing agencies by range, and add an item. */
function agendaForms(
  path: string,
  csrf: string,
  dir: Directory,
  nextNumber: number,
  f: (k: string) => FormState | undefined,
) {
  const agencies = [...dir.agencies.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map((a) => ({ value: a.code, label: a.name }));
  const assign = f('assign');
  const modes = [
    { value: 'replace', label: 'Thay cơ quan đang giao (cùng vai trò)' },
    { value: 'add', label: 'Thêm cơ quan này' },
  ];
  const assignFields = html`${input({
    name: 'items',
    label: 'Các nội dung',
    hint: 'Ví dụ: 1-6 hoặc 7, 8',
    state: assign,
  })}${select({
    name: 'agencyCode',
    label: 'Cơ quan',
    options: agencies,
    blank: '(chọn cơ quan)',
    state: assign,
  })}${select({
    name: 'role',
    label: 'Vai trò',
    options: optionsOf(ROLE_LABELS, ['lead', 'coordinating']),
    value: 'lead',
    state: assign,
  })}${select({ name: 'mode', label: 'Cách giao', options: modes, value: 'replace', state: assign })}`;
  const add = f('add-item');
  const addFields = html`${input({
    name: 'number',
    label: 'Số thứ tự',
    type: 'number',
    value: String(nextNumber),
    state: add,
  })}${textarea({ name: 'title', label: 'Tên nội dung', state: add })}${select({
    name: 'kind',
    label: 'Loại',
    options: optionsOf(ITEM_KIND_LABELS, ITEM_KINDS),
    value: 'report',
    state: add,
  })}`;
  return html`<div class="grid two">
<div class="card"><h2>Giao cơ quan chuẩn bị</h2>${form(`${path}/giao`, csrf, html`${assignFields}${submit('Giao')}`, {
    id: 'assign-form',
    state: assign,
  })}</div>
<div class="card"><h2>Thêm nội dung</h2>${form(`${path}/noi-dung`, csrf, html`${addFields}${submit('Thêm')}`, {
    id: 'add-item-form',
    state: add,
  })}</div>
</div>`;
}

export function occurrencePage(deps: OccurrencePageDeps): Router {
  const r = Router();
  const done = noticeOf(DONE_MESSAGES);

  async function render(res: Response, id: string, forms: Forms = {}, ok: string | null = null): Promise<string> {
    const user = userOf(res)!;
    const occ = await deps.meetings.getOccurrence(id);
    const [items, dir] = await Promise.all([deps.agenda.list([id]), loadDirectory(deps.orgRepos)]);
    const path = occurrencePath(id);
    const date = occ.localStart.slice(0, 10);
    const f = (name: string) => forms[name];
    const nextNumber = Math.max(0, ...items.map((i) => i.number)) + 1;
    const ctx = { path, csrf: user.csrf, dir, now: deps.clock.now(), zone: occ.timeZone, forms };
    const rows = items.sort((a, b) => a.number - b.number).map((i) => itemRow(i, ctx));
    const original =
      occ.originalLocalStart !== occ.localStart ? ` · theo lịch gốc: ${when(occ.originalLocalStart)}` : '';
    const where = occ.location ? ` · ${occ.location}` : '';
    const badge = html`<span class="badge ${occ.status}">${OCCURRENCE_STATUS_LABELS[occ.status]}</span>`;
    const month = {
      href: `/van-phong/lich/${occ.bodyCode}/${date.slice(0, 7)}`,
      label: `Lịch ${monthLabel(date.slice(0, 7))}`,
    };
    const warnings = occ.warnings.length
      ? html`<ul class="warnings">${occ.warnings.map((w) => html`<li>${w}</li>`)}</ul>`
      : '';
    const table = html`<div class="table-wrap"><table class="list responsive agenda"><thead><tr><th>Số</th>\
<th>Nội dung</th>\
<th>Cơ quan chuẩn bị</th><th>Hạn nộp</th><th>Trạng thái</th></tr></thead><tbody>${rows}</tbody></table></div>`;
    return page(
      { title: occ.title, user, done: ok, crumbs: [OFFICE_CRUMB, month] },
      html`<h1>${occ.title}</h1>
<p class="occurrence-when"><strong>${when(occ.localStart)}</strong> ${badge} \
<span class="muted">${MEETING_KIND_LABELS[occ.kind]}${original}${where}</span></p>
${occ.reason ? html`<p class="muted">Lý do: ${occ.reason}</p>` : ''}
${warnings}
${meetingForms(occ, path, user.csrf, f)}
<h2>Nội dung trình (${items.length})</h2>
${table}
${agendaForms(path, user.csrf, dir, nextNumber, f)}`,
    );
  }

  const back = (id: string, ok: string) => `${occurrencePath(id)}?ok=${ok}`;
  r.get('/van-phong/cuoc-hop/:id', async (req, res) => {
    res.send(await render(res, String(req.params.id), {}, done(req.query.ok)));
  });

  const post = formRoutes(r, { params: (req) => String(req.params.id), redraw: render });
  post('/van-phong/cuoc-hop/:id/doi-lich', {
    key: 'move',
    fields: ['date', 'time', 'location', 'reason'],
    schema: moveInput,
    read: (v) => ({
      date: one(v, 'date'),
      time: optional(one(v, 'time')),
      location: optional(one(v, 'location')),
      reason: one(v, 'reason'),
    }),
    act: async (input, id) => {
      await deps.meetings.moveOccurrence(id, input);
      return back(id, 'moved');
    },
  });
  post('/van-phong/cuoc-hop/:id/huy', {
    key: 'cancel',
    fields: ['reason'],
    schema: cancelInput,
    read: (v) => ({ reason: one(v, 'reason') }),
    act: async (input, id) => {
      await deps.meetings.cancelOccurrence(id, input.reason);
      return back(id, 'cancelled');
    },
  });
  post('/van-phong/cuoc-hop/:id/khoi-phuc', {
    key: 'restore',
    fields: [],
    schema: NO_INPUT,
    shown: () => ({}),
    act: async (_input, id) => {
      await deps.meetings.restoreOccurrence(id);
      return back(id, 'restored');
    },
  });
  post('/van-phong/cuoc-hop/:id/chi-tiet', {
    key: 'details',
    fields: ['title', 'location', 'description'],
    schema: detailsInput,
    read: (v) => ({ title: one(v, 'title'), location: one(v, 'location'), description: one(v, 'description') }),
    act: async (input, id) => {
      await deps.meetings.updateOccurrenceDetails(id, input);
      return back(id, 'details');
    },
  });
  post('/van-phong/cuoc-hop/:id/noi-dung', {
    key: 'add-item',
    fields: ['number', 'title', 'kind'],
    schema: itemInput,
    read: (v) => ({ number: numberOf(one(v, 'number')), title: one(v, 'title'), kind: one(v, 'kind') || undefined }),
    act: async (item, id, res) => {
      await deps.agenda.addItems(id, [item], actorOf(res));
      return back(id, 'item-added');
    },
  });

  // Forms of one item: the number in the address must be a positive whole number (else 404).
  const item = formRoutes(r, {
    params: (req) => {
      const id = String(req.params.id);
      return { id, number: itemNumberOf(id, req.params.number) };
    },
    redraw: (res, p, forms) => render(res, p.id, forms),
  });
  item('/van-phong/cuoc-hop/:id/noi-dung/:number', {
    key: (p) => `item-${p.number}`,
    fields: ['title', 'kind'],
    schema: itemPatch,
    read: (v) => ({ title: one(v, 'title'), kind: one(v, 'kind') || undefined }),
    act: async (patch, p, res) => {
      await deps.agenda.updateItem(p.id, p.number, patch, actorOf(res));
      return back(p.id, 'item-saved');
    },
  });
  item('/van-phong/cuoc-hop/:id/noi-dung/:number/trang-thai', {
    key: (p) => `status-${p.number}`,
    fields: ['status'],
    schema: statusInput,
    read: (v) => ({ status: one(v, 'status') }),
    act: async (input, p, res) => {
      await deps.agenda.setStatus(p.id, p.number, input.status, principalOf(res)!);
      return back(p.id, 'status');
    },
  });

  post('/van-phong/cuoc-hop/:id/giao', {
    key: 'assign',
    fields: ['items', 'agencyCode', 'role', 'mode'],
    schema: assignInput,
    read: (v) => {
      const agencyCode = one(v, 'agencyCode');
      if (!agencyCode) throw ValidationError.field('agencyCode', 'must not be empty');
      return {
        items: one(v, 'items'),
        agencyCode,
        role: one(v, 'role') || undefined,
        mode: one(v, 'mode') || undefined,
      };
    },
    act: async (input, id, res) => {
      await deps.agenda.assignRange(id, input, actorOf(res));
      return back(id, 'assigned');
    },
  });
  return r;
}
