/**
 * An agency's directives (issue 9): its open and past directives, with forms to report progress,
 * mark one reported done and ask for an extension; and `/chi-dao/<id>`, the link of emails and
 * feeds, which leads each signed-in user to the right page.
 */
import { Router, type Response } from 'express';
import { isOpen } from '../directives/deadlines';
import { extensionInput, reportInput } from '../directives/schemas';
import type { DirectiveView } from '../directives/views';
import { principalOf } from '../http/auth';
import { parseWith } from '../http/validate';
import { shortDate } from '../publishing/format';
import { html } from '../publishing/html';
import type { Services } from '../services';
import { userOf } from './auth';
import { assigneesText, CSS, dueText, officeDirectivePath, pageKit, statusBadge } from './directive-kit';
import { form, input, one, optional, submitForm, textarea, type FormState, type FormValues } from './forms';
import { page } from './layout';

export function directiveAgencyPages(s: Services): Router {
  const r = Router();
  const { svc, done, view, instantOf } = pageKit(s);
  // ---- an agency -------------------------------------------------------------------------------
  async function agencyPage(res: Response, forms: Record<string, FormState> = {}, ok?: string | null): Promise<string> {
    const user = userOf(res)!;
    const agencyCode = user.principal.agencyCode;
    const agency = agencyCode ? await s.orgRepos.agencies.get(agencyCode) : null;
    const list = agencyCode ? (await view(await svc.listDirectives({ agency: agencyCode }))).filter((v) => v.noticeStatus === 'issued') : [];
    const rank = (v: DirectiveView) => (v.overdue ? 0 : isOpen(v) ? 1 : 2);
    const cards = list
      .sort((a, b) => rank(a) - rank(b) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'))
      .map((v) => {
        const f = (k: string) => forms[`${k}-${v.id}`];
        const base = `/co-quan/chi-dao/${encodeURIComponent(v.id)}`;
        const open = v.status === 'assigned' || v.status === 'in-progress';
        return html`<div class="card directive" id="d-${v.id}" data-directive="${v.id}">
<p class="muted">${v.noticeNumber ? `Thông báo số ${v.noticeNumber}` : 'Thông báo'}: ${v.noticeTitle}${v.section ? ` · ${v.section}` : ''}</p>
<p><strong>${v.text}</strong></p>
<p>${statusBadge(v)} · Thời hạn: <span class="${v.overdue ? 'badge overdue' : ''}">${dueText(v)}</span> · Thực hiện: ${assigneesText(v)}${v.extension ? html` · <span class="badge">Đang xin gia hạn đến ${v.extension.proposedDueAt ? shortDate(v.extension.proposedDueAt.slice(0, 10)) : ''}</span>` : ''}</p>
${v.latestReport ? html`<p class="muted">Báo cáo gần nhất (${shortDate(v.latestReport.date)}): ${v.latestReport.text}</p>` : ''}
${open
  ? html`<details${f('report') ? html` open` : ''}><summary>Báo cáo tiến độ</summary>${form(`${base}/bao-cao`, user.csrf, html`${textarea({ name: 'text', label: 'Kết quả, tiến độ', state: f('report') })}${input({ name: 'documentNumber', label: 'Số văn bản báo cáo (nếu có)', state: f('report') })}${input({ name: 'link', label: 'Liên kết (nếu có)', state: f('report') })}<div><button type="submit">Gửi báo cáo</button></div>`, { className: 'stack report-form', state: f('report') })}</details>
${form(`${base}/hoan-thanh`, user.csrf, html`<button type="submit">Báo cáo đã hoàn thành</button>`, { className: 'inline done-form', state: f('done') })}
${v.dueAt && !v.extension ? html`<details${f('ext') ? html` open` : ''}><summary>Xin gia hạn</summary>${form(`${base}/gia-han`, user.csrf, html`${input({ name: 'proposedDate', label: 'Đề nghị gia hạn đến ngày', type: 'date', state: f('ext') })}${textarea({ name: 'reason', label: 'Lý do', state: f('ext') })}<div><button type="submit" class="secondary">Gửi đề nghị</button></div>`, { className: 'stack extension-form', state: f('ext') })}</details>` : ''}`
  : ''}</div>`;
      });
    return page(
      { title: 'Nhiệm vụ được giao', user, done: ok ?? null, crumbs: [{ href: '/co-quan', label: 'Cơ quan' }] },
      html`${CSS}<h1>${agency?.name ?? 'Cơ quan'}: nhiệm vụ được giao theo ý kiến chỉ đạo</h1>
<p class="muted">Quá hạn: ${list.filter((v) => v.overdue).length} · Đến hạn tuần này: ${list.filter((v) => v.dueThisWeek).length} · Tổng: ${list.length}</p>
${cards.length ? cards : html`<p class="muted">Chưa có nhiệm vụ nào.</p>`}`,
    );
  }
  r.get('/co-quan/chi-dao', async (req, res) => void res.send(await agencyPage(res, {}, done(req.query.ok))));
  const agencyPost = (path: string, key: string, fields: string[], aliases: Record<string, string>, run: (id: string, v: FormValues, res: Response) => Promise<string>) =>
    r.post(`/co-quan/chi-dao/:id/${path}`, async (req, res) => {
      const id = String(req.params.id);
      const v = req.body as FormValues;
      await submitForm(res, { values: v, fields, aliases, action: () => run(id, v, res), rerender: (state) => agencyPage(res, { [`${key}-${id}`]: state }) });
    });
  agencyPost('bao-cao', 'report', ['text', 'documentNumber', 'link'], {}, async (id, v, res) => {
    const input = parseWith(reportInput, { text: one(v, 'text'), ...(optional(one(v, 'documentNumber')) ? { documentNumber: one(v, 'documentNumber') } : {}), ...(optional(one(v, 'link')) ? { link: one(v, 'link') } : {}) });
    await svc.addReport(id, input, principalOf(res)!);
    return `/co-quan/chi-dao?ok=report#d-${id}`;
  });
  agencyPost('hoan-thanh', 'done', [], {}, async (id, _v, res) => {
    await svc.setStatus(id, 'reported-done', principalOf(res)!);
    return `/co-quan/chi-dao?ok=status#d-${id}`;
  });
  agencyPost('gia-han', 'ext', ['proposedDate', 'reason'], { proposedDueAt: 'proposedDate' }, async (id, v, res) => {
    const ref = await svc.getDirective(id);
    const proposedDueAt = await instantOf(ref.notice.bodyCode, one(v, 'proposedDate'), '17:00');
    await svc.requestExtension(id, parseWith(extensionInput, { reason: one(v, 'reason'), proposedDueAt }), principalOf(res)!);
    return `/co-quan/chi-dao?ok=extension#d-${id}`;
  });

  // ---- the link of emails and feeds ---------------------------------------------------------------
  r.get('/chi-dao/:id', (req, res) => {
    const id = String(req.params.id);
    const user = userOf(res);
    if (!user) return res.redirect(303, `/dang-nhap?next=${encodeURIComponent(req.originalUrl)}`);
    res.redirect(303, user.principal.role === 'office' ? officeDirectivePath(id) : `/co-quan/chi-dao#d-${id}`);
  });
  return r;
  return r;
}
