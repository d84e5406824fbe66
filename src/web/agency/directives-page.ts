/**
 * An agency's directives (`/co-quan/chi-dao`): its open and past directives, with forms to report
 * progress, mark one reported done and ask for an extension; and `/chi-dao/<id>`, the link of
 * emails and feeds, which leads each signed-in user to the right page.
 */
import { Router, type Response } from 'express';
import { isOpen } from '../../directives/deadlines';
import { extensionInput, reportInput } from '../../directives/schemas';
import type { DirectiveView } from '../../directives/views';
import { principalOf } from '../../http/auth';
import { html } from '../../shared/html';
import { shortDate } from '../../shared/wording';
import { userOf } from '../auth';
import {
  assigneesText,
  CSS,
  directiveKit,
  done,
  dueText,
  officeDirectivePath,
  statusBadge,
  type DirectivePagesDeps,
} from '../directives/kit';
import { formRoutes, NO_INPUT } from '../form-route';
import { form, input, one, optional, textarea, type FormState } from '../forms';
import { page } from '../layout';

type Forms = Record<string, FormState>;

/** One directive of the agency, with its forms while it is open. */
function card(v: DirectiveView, csrf: string, forms: Forms) {
  const f = (k: string) => forms[`${k}-${v.id}`];
  const base = `/co-quan/chi-dao/${encodeURIComponent(v.id)}`;
  const open = v.status === 'assigned' || v.status === 'in-progress';
  const notice = `${v.noticeNumber ? `Thông báo số ${v.noticeNumber}` : 'Thông báo'}: ${v.noticeTitle}\
${v.section ? ` · ${v.section}` : ''}`;
  const proposed = v.extension?.proposedDueAt ? shortDate(v.extension.proposedDueAt.slice(0, 10)) : '';
  const extension = v.extension ? html` · <span class="badge">Đang xin gia hạn đến ${proposed}</span>` : '';
  const latest = v.latestReport
    ? html`<p class="muted">Báo cáo gần nhất (${shortDate(v.latestReport.date)}): ${v.latestReport.text}</p>`
    : '';
  const reportFields = html`${textarea({ name: 'text', label: 'Kết quả, tiến độ', state: f('report') })}\
${input({ name: 'documentNumber', label: 'Số văn bản báo cáo (nếu có)', state: f('report') })}\
${input({ name: 'link', label: 'Liên kết (nếu có)', state: f('report') })}<div>\
<button type="submit">Gửi báo cáo</button></div>`;
  const extFields = html`${input({
    name: 'proposedDate',
    label: 'Đề nghị gia hạn đến ngày',
    type: 'date',
    state: f('ext'),
  })}\
${textarea({ name: 'reason', label: 'Lý do', state: f('ext') })}<div>\
<button type="submit" class="secondary">Gửi đề nghị</button></div>`;
  const report = form(`${base}/bao-cao`, csrf, reportFields, { className: 'stack report-form', state: f('report') });
  const doneForm = form(`${base}/hoan-thanh`, csrf, html`<button type="submit">Báo cáo đã hoàn thành</button>`, {
    className: 'inline done-form',
    state: f('done'),
  });
  const askExtension =
    v.dueAt && !v.extension
      ? html`<details${f('ext') ? html` open` : ''}><summary>Xin gia hạn</summary>\
${form(`${base}/gia-han`, csrf, extFields, { className: 'stack extension-form', state: f('ext') })}</details>`
      : '';
  const actions = open
    ? html`<details${f('report') ? html` open` : ''}><summary>Báo cáo tiến độ</summary>${report}</details>
${doneForm}
${askExtension}`
    : '';
  return html`<div class="card directive" id="d-${v.id}" data-directive="${v.id}">
<p class="muted">${notice}</p>
<p><strong>${v.text}</strong></p>
<p>${statusBadge(v)} · Thời hạn: <span class="${v.overdue ? 'badge overdue' : ''}">${dueText(v)}</span> · \
Thực hiện: ${assigneesText(v)}${extension}</p>
${latest}
${actions}</div>`;
}

export function agencyDirectivesPage(deps: DirectivePagesDeps): Router {
  const r = Router();
  const { svc, view, instantOf } = directiveKit(deps);

  async function render(res: Response, forms: Forms = {}, ok: string | null = null): Promise<string> {
    const user = userOf(res)!;
    const agencyCode = user.principal.agencyCode;
    const agency = agencyCode ? await deps.orgRepos.agencies.get(agencyCode) : null;
    const list = agencyCode
      ? (await view(await svc.listDirectives({ agency: agencyCode }))).filter((v) => v.noticeStatus === 'issued')
      : [];
    const rank = (v: DirectiveView) => (v.overdue ? 0 : isOpen(v) ? 1 : 2);
    const cards = list
      .sort((a, b) => rank(a) - rank(b) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'))
      .map((v) => card(v, user.csrf, forms));
    const counts = `Quá hạn: ${list.filter((v) => v.overdue).length} · \
Đến hạn tuần này: ${list.filter((v) => v.dueThisWeek).length} · Tổng: ${list.length}`;
    return page(
      { title: 'Nhiệm vụ được giao', user, done: ok, crumbs: [{ href: '/co-quan', label: 'Cơ quan' }] },
      html`${CSS}<h1>${agency?.name ?? 'Cơ quan'}: nhiệm vụ được giao theo ý kiến chỉ đạo</h1>
<p class="muted">${counts}</p>
${cards.length ? cards : html`<p class="muted">Chưa có nhiệm vụ nào.</p>`}`,
    );
  }
  r.get('/co-quan/chi-dao', async (req, res) => void res.send(await render(res, {}, done(req.query.ok))));

  const post = formRoutes(r, {
    params: (req) => String(req.params.id),
    redraw: (res, _id, forms) => render(res, forms),
  });
  post('/co-quan/chi-dao/:id/bao-cao', {
    key: (id) => `report-${id}`,
    fields: ['text', 'documentNumber', 'link'],
    schema: reportInput,
    read: (v) => {
      const documentNumber = optional(one(v, 'documentNumber'));
      const link = optional(one(v, 'link'));
      return { text: one(v, 'text'), ...(documentNumber ? { documentNumber } : {}), ...(link ? { link } : {}) };
    },
    act: async (input, id, res) => {
      await svc.addReport(id, input, principalOf(res)!);
      return `/co-quan/chi-dao?ok=report#d-${id}`;
    },
  });
  post('/co-quan/chi-dao/:id/hoan-thanh', {
    key: (id) => `done-${id}`,
    fields: [],
    schema: NO_INPUT,
    act: async (_input, id, res) => {
      await svc.setStatus(id, 'reported-done', principalOf(res)!);
      return `/co-quan/chi-dao?ok=status#d-${id}`;
    },
  });
  post('/co-quan/chi-dao/:id/gia-han', {
    key: (id) => `ext-${id}`,
    fields: ['proposedDate', 'reason'],
    aliases: { proposedDueAt: 'proposedDate' },
    schema: extensionInput,
    read: async (v, id) => {
      const ref = await svc.getDirective(id);
      const proposedDueAt = await instantOf(ref.notice.bodyCode, one(v, 'proposedDate'), '17:00');
      return { reason: one(v, 'reason'), proposedDueAt };
    },
    act: async (input, id, res) => {
      await svc.requestExtension(id, input, principalOf(res)!);
      return `/co-quan/chi-dao?ok=extension#d-${id}`;
    },
  });

  // The link of emails and feeds.
  r.get('/chi-dao/:id', (req, res) => {
    const id = String(req.params.id);
    const user = userOf(res);
    if (!user) res.redirect(303, `/dang-nhap?next=${encodeURIComponent(req.originalUrl)}`);
    else res.redirect(303, user.principal.role === 'office' ? officeDirectivePath(id) : `/co-quan/chi-dao#d-${id}`);
  });
  return r;
}
