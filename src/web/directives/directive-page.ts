/**
 * The Office's page of one directive (`/van-phong/chi-dao/<id>`): assign it with a deadline or a
 * reporting cadence, change its status, decide an extension request, edit its text and section;
 * its reports, deadline history and history.
 */
import { Router, type Response } from 'express';
import { directivePatch, extensionDecisionInput, statusInput } from '../../directives/schemas';
import type { DirectiveRef } from '../../directives/types';
import type { DirectiveView } from '../../directives/views';
import { principalOf } from '../../http/auth';
import { utcToLocal } from '../../meetings/local-time';
import { html, type SafeHtml } from '../../shared/html';
import { PROGRESS_LABELS, shortDate } from '../../shared/wording';
import { userOf } from '../auth';
import { formRoutes } from '../form-route';
import { checkboxes, form, input, many, one, optional, select, textarea, type FormState } from '../forms';
import { page } from '../layout';
import {
  assigneesText,
  BOARD_CRUMB,
  CADENCE_OPTIONS,
  CSS,
  directiveKit,
  done,
  dueText,
  noticeLabel,
  noticePath,
  officeDirectivePath,
  STATUS_OPTIONS,
  statusBadge,
  type DirectivePagesDeps,
} from './kit';
import { sectionAndText, sectionOptions } from './notice-page';

type Forms = Record<string, FormState>;
const submit = (label: string) => html`<div><button type="submit">${label}</button></div>`;
const DECISIONS = [
  { value: 'granted', label: 'Đồng ý gia hạn' },
  { value: 'refused', label: 'Không đồng ý' },
];

/** Lead, coordinating agencies, deadline, cadence. */
function assignFields(
  v: DirectiveView,
  opts: { lead: Option[]; agencies: Option[] },
  state: FormState | undefined,
): SafeHtml {
  const lead = v.assignees.find((a) => a.role === 'lead');
  const coordinating = v.assignees.filter((a) => a.role === 'coordinating').map((a) => `${a.kind}:${a.code}`);
  const local = v.dueAt ? { date: v.dueAt.slice(0, 10), time: v.dueAt.slice(11, 16) } : { date: '', time: '17:00' };
  const leadValue = lead ? `${lead.kind}:${lead.code}` : '';
  return html`${select({
    name: 'lead',
    label: 'Chủ trì',
    options: opts.lead,
    blank: '(chưa giao)',
    value: leadValue,
    state,
  })}
${checkboxes({ name: 'coordinating', label: 'Phối hợp', options: opts.agencies, checked: coordinating, state })}
${input({ name: 'dueDate', label: 'Thời hạn (ngày)', type: 'date', value: local.date, state })}\
${input({ name: 'dueTime', label: 'Giờ', type: 'time', value: local.time, state })}
${select({ name: 'cadence', label: 'Nhiệm vụ thường xuyên', options: CADENCE_OPTIONS, value: v.cadence ?? '', state })}\
${input({ name: 'reason', label: 'Lý do đổi thời hạn (nếu có)', state })}${submit('Lưu')}`;
}
type Option = { value: string; label: string };

/** Reports, deadline history and the history of every change. */
function histories(v: DirectiveView, ref: DirectiveRef, zone: string): SafeHtml {
  const reports = v.reports.length
    ? html`<ul>${v.reports.map((rep) => {
        const number = rep.documentNumber ? ` (${rep.documentNumber})` : '';
        const link = rep.link ? html` <a href="${rep.link}">liên kết</a>` : '';
        return html`<li>${shortDate(rep.date)}: ${rep.text}${number}\
${link} <span class="muted">- ${rep.by}</span></li>`;
      })}</ul>`
    : html`<p class="muted">Chưa có báo cáo.</p>`;
  const day = (d: string | null, none: string) => (d ? shortDate(d.slice(0, 10)) : none);
  const deadlines = v.deadlineHistory.length
    ? html`<ul>${v.deadlineHistory.map(
        (c) =>
          html`<li>${day(c.from, '(chưa có)')} → ${day(c.to, '(không)')}: ${c.reason} <span class="muted">- ${c.by}\
</span></li>`,
      )}</ul>`
    : html`<p class="muted">Chưa có.</p>`;
  const entries = [...ref.directive.history].reverse().map((h) => {
    const changes = Object.entries(h.changes)
      .map(([k, c]) => `${k}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`)
      .join('; ');
    const detail = changes ? html` <span class="muted">(${changes})</span>` : '';
    return html`<li><strong>${utcToLocal(h.at, zone).replace('T', ' ')}</strong> ${h.by}: ${h.action}${detail}</li>`;
  });
  return html`<h2>Báo cáo tiến độ</h2>${reports}
<h2>Lịch sử thời hạn</h2>${deadlines}
<h2>Lịch sử</h2><ul class="history">${entries}</ul>`;
}

export function directivePage(deps: DirectivePagesDeps): Router {
  const r = Router();
  const { zone, svc, view, instantOf, assigneeOptions } = directiveKit(deps);

  async function render(res: Response, id: string, forms: Forms = {}, ok: string | null = null): Promise<string> {
    const user = userOf(res)!;
    const ref = await svc.getDirective(id);
    const v = (await view([ref]))[0]!;
    const opts = await assigneeOptions();
    const f = (k: string) => forms[k];
    const path = officeDirectivePath(id);
    const pending = v.extension;
    const statusFields = html`${select({
      name: 'status',
      label: 'Trạng thái mới',
      options: STATUS_OPTIONS,
      value: v.status,
      state: f('status'),
    })}\
${textarea({ name: 'note', label: 'Ghi chú (bắt buộc khi hủy)', state: f('status') })}${submit('Cập nhật')}`;
    const proposed = pending?.proposedDueAt
      ? `${pending.proposedDueAt.slice(11, 16)} ${shortDate(pending.proposedDueAt.slice(0, 10))}`
      : '';
    const decisionFields = html`${select({
      name: 'decision',
      label: 'Quyết định',
      options: DECISIONS,
      state: f('decision'),
    })}\
${input({ name: 'note', label: 'Ghi chú', state: f('decision') })}${submit('Quyết định')}`;
    const extension = pending
      ? html`<h2>Đề nghị gia hạn</h2>\
<p>${pending.requestedBy} đề nghị gia hạn đến <strong>${proposed}</strong>: ${pending.reason}</p>
${form(`${path}/gia-han`, user.csrf, decisionFields, { id: 'decision-form', state: f('decision') })}`
      : '';
    const section = ref.directive.section === null ? '' : String(ref.directive.section);
    const editFields = html`${select({
      name: 'section',
      label: 'Mục',
      options: sectionOptions(ref.notice.sections),
      value: section,
      state: f('edit'),
    })}\
${textarea({ name: 'text', label: 'Nội dung nhiệm vụ', value: ref.directive.text, tall: true, state: f('edit') })}\
${submit('Lưu nội dung')}`;
    const warnings = v.warnings.length
      ? html`<ul class="warnings">${v.warnings.map((w) => html`<li>${w}</li>`)}</ul>`
      : '';
    const crumbs = [BOARD_CRUMB, { href: noticePath(ref.notice.id), label: noticeLabel(ref.notice) }];
    return page(
      { title: 'Nhiệm vụ', user, done: ok, crumbs },
      html`${CSS}<h1>Nhiệm vụ ${v.number}${v.section ? ` - ${v.section}` : ''}</h1>
<div class="card"><p class="directive-text">${v.text}</p>\
<p>${statusBadge(v)} · Thời hạn: <strong>${dueText(v)}</strong> · \
Thực hiện: ${assigneesText(v) || 'Chưa giao'} · ${PROGRESS_LABELS[v.progress]}</p>
${warnings}</div>
<div class="grid two">
<div class="card"><h2>Giao nhiệm vụ, thời hạn</h2>\
${form(`${path}/giao`, user.csrf, assignFields(v, opts, f('assign')), { id: 'assign-form', state: f('assign') })}</div>
<div class="card"><h2>Trạng thái</h2>\
${form(`${path}/trang-thai`, user.csrf, statusFields, { id: 'status-form', state: f('status') })}
${extension}</div>
</div>
<div class="card"><h2>Sửa nội dung nhiệm vụ</h2>\
${form(`${path}/sua`, user.csrf, editFields, { id: 'edit-form', state: f('edit') })}</div>
${histories(v, ref, zone)}`,
    );
  }

  r.get(
    '/van-phong/chi-dao/:id',
    async (req, res) => void res.send(await render(res, String(req.params.id), {}, done(req.query.ok))),
  );

  const post = formRoutes(r, { params: (req) => String(req.params.id), redraw: render });
  const back = (id: string, ok: string) => `${officeDirectivePath(id)}?ok=${ok}`;
  post('/van-phong/chi-dao/:id/giao', {
    key: 'assign',
    fields: ['lead', 'coordinating', 'dueDate', 'dueTime', 'cadence', 'reason'],
    aliases: { dueAt: 'dueDate', assignees: 'lead' },
    schema: directivePatch,
    read: async (v, id) => {
      const ref = await svc.getDirective(id);
      const assignee = (x: string, role: 'lead' | 'coordinating') => {
        const [kind, code] = x.split(':');
        return { kind, code, role };
      };
      const lead = one(v, 'lead');
      const coordinating = many(v, 'coordinating').filter((x) => x !== lead);
      const assignees = [
        ...(lead ? [assignee(lead, 'lead')] : []),
        ...coordinating.map((x) => assignee(x, 'coordinating')),
      ];
      const dueAt = await instantOf(ref.notice.bodyCode, one(v, 'dueDate'), one(v, 'dueTime'));
      const reason = optional(one(v, 'reason'));
      return {
        assignees,
        dueAt: dueAt ?? null,
        cadence: optional(one(v, 'cadence')) ?? null,
        ...(reason ? { reason } : {}),
      };
    },
    act: async (patch, id, res) => {
      await svc.patchDirective(id, patch, principalOf(res)!);
      return back(id, 'assigned');
    },
  });
  post('/van-phong/chi-dao/:id/sua', {
    key: 'edit',
    fields: ['section', 'text'],
    schema: directivePatch,
    read: sectionAndText,
    act: async (patch, id, res) => {
      await svc.patchDirective(id, patch, principalOf(res)!);
      return back(id, 'edited');
    },
  });
  post('/van-phong/chi-dao/:id/trang-thai', {
    key: 'status',
    fields: ['status', 'note'],
    schema: statusInput,
    read: (v) => ({ status: one(v, 'status'), ...(optional(one(v, 'note')) ? { note: one(v, 'note') } : {}) }),
    act: async (input, id, res) => {
      await svc.setStatus(id, input.status, principalOf(res)!, input.note);
      return back(id, 'status');
    },
  });
  post('/van-phong/chi-dao/:id/gia-han', {
    key: 'decision',
    fields: ['decision', 'note'],
    schema: extensionDecisionInput,
    read: (v) => ({ decision: one(v, 'decision'), ...(optional(one(v, 'note')) ? { note: one(v, 'note') } : {}) }),
    act: async (input, id, res) => {
      await svc.decideExtension(id, input, principalOf(res)!);
      return back(id, 'decided');
    },
  });
  return r;
}
