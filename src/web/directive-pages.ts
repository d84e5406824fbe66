/**
 * Pages of directives (issue 9), Vietnamese, server-rendered, no JavaScript; every form calls the
 * same use case and zod schema as the API.
 * - The Office (`/van-phong/...`): the follow-up board (`/van-phong/chi-dao`, by notice, agency or
 *   status, filterable, overdue in red), notices (`/van-phong/thong-bao`: create, edit, issue, add
 *   directives, the official document, the follow-up report onto the next briefing), the import
 *   (`/van-phong/thong-bao/nhap`: paste or upload .txt/.docx, review everything recognised and
 *   every warning, confirm: all or nothing), one directive (edit its text and section, assign,
 *   deadline, cadence, status, extension decision, history), the follow-up report
 *   (`/van-phong/chi-dao/bao-cao`).
 * - An agency (`/co-quan/chi-dao`): its directives; report progress, mark reported done, request
 *   an extension.
 * - `/chi-dao/<id>` (the link in emails and feeds) leads to the right one of these.
 */
import { Router, type Response } from 'express';
import { DOCX_TYPE, XLSX_TYPE } from '../directives/routes';
import { followUpArticle, followUpDocx, followUpHtml, followUpModel, followUpXlsx, noticeDocument, noticeDocx, noticeHtml } from '../directives/documents';
import { isOpen } from '../directives/deadlines';
import { directiveInput, directivePatch, extensionDecisionInput, issueInput, noticeInput, noticePatch, statusInput } from '../directives/schemas';
import { NOTICE_KINDS } from '../directives/types';
import { directiveView, type DirectiveView } from '../directives/views';
import { DIRECTIVE_STATUS_LABELS, NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS, PROGRESS_LABELS } from '../directives/wording';
import { actorOf, principalOf } from '../http/auth';
import { parseWith } from '../http/validate';
import { utcToLocal } from '../meetings/local-time';
import { shortDate } from '../publishing/format';
import { html } from '../publishing/html';
import type { Services } from '../services';
import { localDate } from '../shared/schemas';
import { userOf } from './auth';
import { directiveAgencyPages } from './directive-agency-pages';
import { importUpload, directiveImportPages } from './directive-import-pages';
import { assigneesText, CADENCE_OPTIONS, CSS, dueText, noticeLabel, noticePath, officeDirectivePath, pageKit, STATUS_OPTIONS, statusBadge } from './directive-kit';
import { checkboxes, form, input, many, one, optional, select, submitForm, textarea, type FormState, type FormValues } from './forms';
import { page } from './layout';

/** The section select ('' = no section) and the text box of the add and edit forms, as the schemas take them. */
function sectionAndText(v: FormValues): { text: string; section: number | null } {
  const sec = one(v, 'section');
  return { text: one(v, 'text'), section: sec === '' ? null : Number(sec) };
}

export function directivePages(s: Services): Router {
  const r = Router();
  const { zone, svc, done, view, instantOf, assigneeOptions } = pageKit(s);
  r.use(directiveImportPages(s)); // before /van-phong/thong-bao/:id
  // ---- the board ---------------------------------------------------------------------------
  r.get('/van-phong/chi-dao', async (req, res) => {
    const q = { notice: String(req.query.notice ?? ''), agency: String(req.query.agency ?? ''), status: String(req.query.status ?? 'open'), group: String(req.query.group ?? 'notice'), body: String(req.query.body ?? '') };
    const all = await view(await svc.listDirectives({ ...(q.notice ? { notice: q.notice } : {}), ...(q.agency ? { agency: q.agency } : {}), ...(q.body ? { body: q.body } : {}) }));
    const followed = all.filter((v) => v.noticeStatus === 'issued' || !!q.notice); // drafts only when their notice is chosen
    const shown = followed.filter((v) => {
      if (q.status === 'all') return true;
      if (q.status === 'open') return v.status === 'assigned' || v.status === 'in-progress';
      if (q.status === 'overdue') return v.overdue;
      if (q.status === 'week') return v.dueThisWeek;
      if (q.status === 'standing') return v.standing && (v.status === 'assigned' || v.status === 'in-progress');
      return v.status === q.status;
    });
    const dir = await svc.directory();
    const groups = new Map<string, DirectiveView[]>();
    for (const v of shown) {
      const keys = q.group === 'agency' ? (v.assignees.length ? v.assignees.map((a) => a.name) : ['Chưa giao']) : q.group === 'status' ? [v.overdue ? 'Quá hạn' : v.dueThisWeek ? 'Đến hạn tuần này' : v.standing ? 'Thường xuyên' : DIRECTIVE_STATUS_LABELS[v.status]] : [`${v.noticeNumber ? `Thông báo số ${v.noticeNumber}` : 'Thông báo chưa có số'}: ${v.noticeTitle}`];
      for (const k of keys) groups.set(k, [...(groups.get(k) ?? []), v]);
    }
    const counts = { overdue: followed.filter((v) => v.overdue).length, week: followed.filter((v) => v.dueThisWeek).length, standing: followed.filter((v) => v.standing && isOpen(v)).length };
    const row = (v: DirectiveView) => html`<tr data-directive="${v.id}" class="${v.overdue ? 'overdue-row' : ''}${v.dueThisWeek ? ' due-week' : ''}${v.standing ? ' standing' : ''}">
<td data-label="Nhiệm vụ" class="text"><a href="${officeDirectivePath(v.id)}">${v.text.length > 220 ? `${v.text.slice(0, 217)}…` : v.text}</a>${v.warnings.length ? html`<div class="warn">⚠ ${v.warnings.join(' ')}</div>` : ''}</td>
<td data-label="Thực hiện">${assigneesText(v) || html`<em class="warn">Chưa giao</em>`}</td>
<td data-label="Thời hạn" class="due${v.overdue ? ' overdue' : ''}">${dueText(v)}</td>
<td data-label="Trạng thái">${statusBadge(v)}</td>
<td data-label="Báo cáo gần nhất">${v.latestReport ? `${shortDate(v.latestReport.date)}: ${v.latestReport.text}` : ''}</td></tr>`;
    const option = (value: string, label: string, current: string) => html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
    const notices = await svc.listNotices();
    res.send(
      page(
        { title: 'Theo dõi ý kiến chỉ đạo', user: userOf(res), done: done(req.query.ok), crumbs: [{ href: '/van-phong', label: 'Văn phòng' }] },
        html`${CSS}<h1>Theo dõi thực hiện ý kiến chỉ đạo</h1>
<p><a href="/van-phong/thong-bao">Các thông báo</a> · <a href="/van-phong/thong-bao/nhap">Nhập thông báo</a> · <a href="/van-phong/chi-dao/bao-cao">Báo cáo kết quả thực hiện</a></p>
<p class="summary"><span class="badge overdue">Quá hạn: ${counts.overdue}</span> <span class="badge">Đến hạn tuần này: ${counts.week}</span> <span class="badge">Thường xuyên: ${counts.standing}</span></p>
<form method="get" action="/van-phong/chi-dao" class="card filters" id="board-filters"><div class="grid">
<div class="field"><label for="f-status">Trạng thái</label><select id="f-status" name="status">${[['open', 'Đang thực hiện'], ['overdue', 'Quá hạn'], ['week', 'Đến hạn tuần này'], ['standing', 'Thường xuyên'], ['reported-done', 'Báo cáo hoàn thành (chờ xác nhận)'], ['done', 'Hoàn thành'], ['cancelled', 'Đã hủy'], ['all', 'Tất cả']].map(([v, l]) => option(v!, l!, q.status))}</select></div>
<div class="field"><label for="f-agency">Cơ quan, đơn vị</label><select id="f-agency" name="agency">${option('', 'Tất cả', q.agency)}${[...dir.agencies.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((a) => option(a.code, a.name, q.agency))}</select></div>
<div class="field"><label for="f-notice">Thông báo</label><select id="f-notice" name="notice">${option('', 'Tất cả', q.notice)}${notices.map((n) => option(n.id, `${noticeLabel(n)} - ${n.title.slice(0, 60)}`, q.notice))}</select></div>
<div class="field"><label for="f-group">Nhóm theo</label><select id="f-group" name="group">${[['notice', 'Thông báo'], ['agency', 'Cơ quan, đơn vị'], ['status', 'Tình trạng']].map(([v, l]) => option(v!, l!, q.group))}</select></div>
</div><div><button type="submit">Lọc</button></div></form>
${shown.length ? [...groups].map(([k, list]) => html`<h2>${k} (${list.length})</h2><div class="table-wrap"><table class="list responsive dir-board"><thead><tr><th>Nhiệm vụ</th><th>Thực hiện</th><th>Thời hạn</th><th>Trạng thái</th><th>Báo cáo gần nhất</th></tr></thead><tbody>${list.map(row)}</tbody></table></div>`) : html`<p class="muted">Không có nhiệm vụ nào.</p>`}`,
      ),
    );
  });

  // ---- notices -------------------------------------------------------------------------------
  async function noticesPage(res: Response, state?: FormState): Promise<string> {
    const list = await svc.listNotices();
    const opts = await assigneeOptions();
    return page(
      { title: 'Thông báo ý kiến chỉ đạo', user: userOf(res), crumbs: [{ href: '/van-phong', label: 'Văn phòng' }, { href: '/van-phong/chi-dao', label: 'Theo dõi chỉ đạo' }] },
      html`${CSS}<h1>Thông báo ý kiến chỉ đạo, kết luận</h1>
<p><a class="button" href="/van-phong/thong-bao/nhap">Nhập thông báo (dán văn bản, tải .txt/.docx)</a></p>
<div class="table-wrap"><table class="list responsive notices"><thead><tr><th>Số, ngày</th><th>Trích yếu</th><th>Loại</th><th>Trạng thái</th><th>Nhiệm vụ</th></tr></thead><tbody>
${list.map((n) => html`<tr data-notice="${n.id}"><td>${noticeLabel(n)}</td><td><a href="${noticePath(n.id)}">${n.title}</a></td><td>${NOTICE_KIND_LABELS[n.kind]}</td><td>${NOTICE_STATUS_LABELS[n.status]}</td><td>${n.directives.length}</td></tr>`)}
</tbody></table></div>
<div class="card"><h2>Tạo thông báo mới</h2>${form('/van-phong/thong-bao', userOf(res)!.csrf, html`${select({ name: 'bodyCode', label: 'Cơ quan ban hành', options: opts.bodies, state })}${select({ name: 'kind', label: 'Loại', options: NOTICE_KINDS.map((k) => ({ value: k, label: NOTICE_KIND_LABELS[k] })), state })}${textarea({ name: 'title', label: 'Trích yếu', state })}<div><button type="submit">Tạo dự thảo</button></div>`, { id: 'create-notice-form', state })}</div>`,
    );
  }
  r.get('/van-phong/thong-bao', async (_req, res) => void res.send(await noticesPage(res)));
  r.post('/van-phong/thong-bao', async (req, res) => {
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['bodyCode', 'kind', 'title'],
      action: async () => {
        const n = await svc.createNotice(parseWith(noticeInput, { bodyCode: one(v, 'bodyCode'), kind: one(v, 'kind'), title: one(v, 'title') }), actorOf(res));
        return `${noticePath(n.id)}?ok=created`;
      },
      rerender: (state) => noticesPage(res, state),
    });
  });

  async function noticePage(res: Response, id: string, forms: Record<string, FormState> = {}, ok?: string | null): Promise<string> {
    const user = userOf(res)!;
    const n = await svc.getNotice(id);
    const dir = await svc.directory();
    const list = n.directives.map((d) => directiveView(n, d, dir, svc.now(), zone));
    const f = (k: string) => forms[k];
    const sectionOptions = [{ value: '', label: '(không thuộc mục nào)' }, ...n.sections.map((sec, i) => ({ value: String(i), label: sec }))];
    return page(
      { title: n.title || 'Thông báo', user, done: ok ?? null, crumbs: [{ href: '/van-phong/chi-dao', label: 'Theo dõi chỉ đạo' }, { href: '/van-phong/thong-bao', label: 'Thông báo' }] },
      html`${CSS}<h1>${NOTICE_KIND_LABELS[n.kind]}: ${n.title}</h1>
<p><span class="badge">${NOTICE_STATUS_LABELS[n.status]}</span> ${noticeLabel(n)} · ${dir.bodies.get(n.bodyCode)?.name ?? n.bodyCode}${n.occurrenceId ? html` · <a href="/van-phong/cuoc-hop/${encodeURIComponent(n.occurrenceId)}">Buổi họp</a>` : ''} · <a href="${noticePath(id)}/van-ban">Bản in</a> · <a href="${noticePath(id)}/van-ban.docx">DOCX</a></p>
${n.warnings.length ? html`<ul class="warnings">${n.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
<div class="grid two">
<div class="card"><h2>Thông tin văn bản</h2>${form(`${noticePath(id)}/luu`, user.csrf, html`${input({ name: 'number', label: 'Số', value: n.number, hint: 'Ví dụ 123-TB/HU, 45/TB-UBND', state: f('notice') })}${input({ name: 'date', label: 'Ngày ban hành', type: 'date', value: n.date ?? '', state: f('notice') })}${textarea({ name: 'title', label: 'Trích yếu', value: n.title, state: f('notice') })}<div><button type="submit">Lưu</button></div>`, { id: 'notice-form', state: f('notice') })}
${n.status === 'draft' ? form(`${noticePath(id)}/ban-hanh`, user.csrf, html`<div><button type="submit">Ban hành</button></div>`, { id: 'issue-form', state: f('issue') }) : ''}</div>
<div class="card"><h2>Thêm nhiệm vụ</h2>${form(`${noticePath(id)}/them`, user.csrf, html`${select({ name: 'section', label: 'Mục', options: sectionOptions, state: f('add') })}${textarea({ name: 'text', label: 'Nội dung nhiệm vụ', state: f('add') })}<div><button type="submit">Thêm</button></div>`, { id: 'add-directive-form', state: f('add') })}
${n.occurrenceId ? form(`${noticePath(id)}/dua-vao-giao-ban`, user.csrf, html`<p class="muted">Đưa “Báo cáo kết quả thực hiện ý kiến chỉ đạo” vào chương trình buổi họp tiếp theo của cùng lịch họp.</p><div><button type="submit" class="secondary">Thêm vào buổi giao ban tiếp theo</button></div>`, { id: 'agenda-form', state: f('agenda') }) : ''}</div>
</div>
<h2>Nhiệm vụ (${list.length})</h2>
<div class="table-wrap"><table class="list responsive dir-board"><thead><tr><th>TT</th><th>Nhiệm vụ</th><th>Thực hiện</th><th>Thời hạn</th><th>Trạng thái</th></tr></thead><tbody>
${list.map((v) => html`<tr data-directive="${v.id}"><td>${v.number}</td><td class="text">${v.section ? html`<div class="muted">${v.section}</div>` : ''}<a href="${officeDirectivePath(v.id)}">${v.text}</a>${v.warnings.length ? html`<div class="warn">⚠ ${v.warnings.join(' ')}</div>` : ''}</td><td>${assigneesText(v) || html`<em class="warn">Chưa giao</em>`}</td><td class="${v.overdue ? 'overdue' : ''}">${dueText(v)}</td><td>${statusBadge(v)}</td></tr>`)}
</tbody></table></div>`,
    );
  }
  r.get('/van-phong/thong-bao/:id', async (req, res) => void res.send(await noticePage(res, String(req.params.id), {}, done(req.query.ok))));
  r.get('/van-phong/thong-bao/:id/van-ban', async (req, res) => {
    const doc = noticeDocument(await svc.getNotice(String(req.params.id)), await svc.directory());
    res.send(noticeHtml(doc));
  });
  r.get('/van-phong/thong-bao/:id/van-ban.docx', async (req, res) => {
    const doc = noticeDocument(await svc.getNotice(String(req.params.id)), await svc.directory());
    res.type(DOCX_TYPE).setHeader('Content-Disposition', 'attachment; filename="thong-bao.docx"');
    res.send(await noticeDocx(doc));
  });
  r.post('/van-phong/thong-bao/:id/luu', async (req, res) => {
    const id = String(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['number', 'date', 'title'],
      action: async () => {
        await svc.updateNotice(id, parseWith(noticePatch, { number: one(v, 'number'), date: optional(one(v, 'date')) ?? null, title: one(v, 'title') }), actorOf(res));
        return `${noticePath(id)}?ok=saved`;
      },
      rerender: (state) => noticePage(res, id, { notice: state }),
    });
  });
  r.post('/van-phong/thong-bao/:id/ban-hanh', async (req, res) => {
    const id = String(req.params.id);
    const n = await svc.getNotice(id);
    // The missing number or date is shown next to its field of the notice form.
    await submitForm(res, {
      values: { number: n.number, date: n.date ?? '', title: n.title },
      fields: ['number', 'date', 'title'],
      action: async () => {
        await svc.issueNotice(id, parseWith(issueInput, {}), actorOf(res));
        return `${noticePath(id)}?ok=issued`;
      },
      rerender: (state) => noticePage(res, id, { notice: state }),
    });
  });
  r.post('/van-phong/thong-bao/:id/them', async (req, res) => {
    const id = String(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['section', 'text'],
      action: async () => {
        await svc.addDirective(id, parseWith(directiveInput, sectionAndText(v)), actorOf(res));
        return `${noticePath(id)}?ok=added`;
      },
      rerender: (state) => noticePage(res, id, { add: state }),
    });
  });
  r.post('/van-phong/thong-bao/:id/dua-vao-giao-ban', async (req, res) => {
    const id = String(req.params.id);
    await submitForm(res, {
      values: {},
      fields: [],
      action: async () => {
        const out = await svc.addFollowUpToNextAgenda(id, actorOf(res));
        return `/van-phong/cuoc-hop/${encodeURIComponent(out.occurrenceId)}?ok=item-added`;
      },
      rerender: (state) => noticePage(res, id, { agenda: state }),
    });
  });

  // ---- one directive (the Office) ---------------------------------------------------------------
  async function directivePage(res: Response, id: string, forms: Record<string, FormState> = {}, ok?: string | null): Promise<string> {
    const user = userOf(res)!;
    const ref = await svc.getDirective(id);
    const [v] = await view([ref]);
    const opts = await assigneeOptions();
    const f = (k: string) => forms[k];
    const lead = v!.assignees.find((a) => a.role === 'lead');
    const local = v!.dueAt ? { date: v!.dueAt.slice(0, 10), time: v!.dueAt.slice(11, 16) } : { date: '', time: '17:00' };
    const pending = v!.extension;
    return page(
      { title: 'Nhiệm vụ', user, done: ok ?? null, crumbs: [{ href: '/van-phong/chi-dao', label: 'Theo dõi chỉ đạo' }, { href: noticePath(ref.notice.id), label: noticeLabel(ref.notice) }] },
      html`${CSS}<h1>Nhiệm vụ ${v!.number}${v!.section ? ` - ${v!.section}` : ''}</h1>
<div class="card"><p class="directive-text">${v!.text}</p><p>${statusBadge(v!)} · Thời hạn: <strong>${dueText(v!)}</strong> · Thực hiện: ${assigneesText(v!) || 'Chưa giao'} · ${PROGRESS_LABELS[v!.progress]}</p>
${v!.warnings.length ? html`<ul class="warnings">${v!.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}</div>
<div class="grid two">
<div class="card"><h2>Giao nhiệm vụ, thời hạn</h2>${form(`${officeDirectivePath(id)}/giao`, user.csrf, html`${select({ name: 'lead', label: 'Chủ trì', options: opts.lead, blank: '(chưa giao)', value: lead ? `${lead.kind}:${lead.code}` : '', state: f('assign') })}
${checkboxes({ name: 'coordinating', label: 'Phối hợp', options: opts.agencies, checked: v!.assignees.filter((a) => a.role === 'coordinating').map((a) => `${a.kind}:${a.code}`), state: f('assign') })}
${input({ name: 'dueDate', label: 'Thời hạn (ngày)', type: 'date', value: local.date, state: f('assign') })}${input({ name: 'dueTime', label: 'Giờ', type: 'time', value: local.time, state: f('assign') })}
${select({ name: 'cadence', label: 'Nhiệm vụ thường xuyên', options: CADENCE_OPTIONS, value: v!.cadence ?? '', state: f('assign') })}${input({ name: 'reason', label: 'Lý do đổi thời hạn (nếu có)', state: f('assign') })}<div><button type="submit">Lưu</button></div>`, { id: 'assign-form', state: f('assign') })}</div>
<div class="card"><h2>Trạng thái</h2>${form(`${officeDirectivePath(id)}/trang-thai`, user.csrf, html`${select({ name: 'status', label: 'Trạng thái mới', options: STATUS_OPTIONS, value: v!.status, state: f('status') })}${textarea({ name: 'note', label: 'Ghi chú (bắt buộc khi hủy)', state: f('status') })}<div><button type="submit">Cập nhật</button></div>`, { id: 'status-form', state: f('status') })}
${pending ? html`<h2>Đề nghị gia hạn</h2><p>${pending.requestedBy} đề nghị gia hạn đến <strong>${pending.proposedDueAt ? `${pending.proposedDueAt.slice(11, 16)} ${shortDate(pending.proposedDueAt.slice(0, 10))}` : ''}</strong>: ${pending.reason}</p>
${form(`${officeDirectivePath(id)}/gia-han`, user.csrf, html`${select({ name: 'decision', label: 'Quyết định', options: [{ value: 'granted', label: 'Đồng ý gia hạn' }, { value: 'refused', label: 'Không đồng ý' }], state: f('decision') })}${input({ name: 'note', label: 'Ghi chú', state: f('decision') })}<div><button type="submit">Quyết định</button></div>`, { id: 'decision-form', state: f('decision') })}` : ''}</div>
</div>
<div class="card"><h2>Sửa nội dung nhiệm vụ</h2>${form(`${officeDirectivePath(id)}/sua`, user.csrf, html`${select({ name: 'section', label: 'Mục', options: [{ value: '', label: '(không thuộc mục nào)' }, ...ref.notice.sections.map((sec, i) => ({ value: String(i), label: sec }))], value: ref.directive.section === null ? '' : String(ref.directive.section), state: f('edit') })}${textarea({ name: 'text', label: 'Nội dung nhiệm vụ', value: ref.directive.text, tall: true, state: f('edit') })}<div><button type="submit">Lưu nội dung</button></div>`, { id: 'edit-form', state: f('edit') })}</div>
<h2>Báo cáo tiến độ</h2>${v!.reports.length ? html`<ul>${v!.reports.map((rep) => html`<li>${shortDate(rep.date)}: ${rep.text}${rep.documentNumber ? ` (${rep.documentNumber})` : ''}${rep.link ? html` <a href="${rep.link}">liên kết</a>` : ''} <span class="muted">- ${rep.by}</span></li>`)}</ul>` : html`<p class="muted">Chưa có báo cáo.</p>`}
<h2>Lịch sử thời hạn</h2>${v!.deadlineHistory.length ? html`<ul>${v!.deadlineHistory.map((c) => html`<li>${c.from ? shortDate(c.from.slice(0, 10)) : '(chưa có)'} → ${c.to ? shortDate(c.to.slice(0, 10)) : '(không)'}: ${c.reason} <span class="muted">- ${c.by}</span></li>`)}</ul>` : html`<p class="muted">Chưa có.</p>`}
<h2>Lịch sử</h2><ul class="history">${[...ref.directive.history].reverse().map((h) => html`<li><strong>${utcToLocal(h.at, zone).replace('T', ' ')}</strong> ${h.by}: ${h.action}${Object.keys(h.changes).length ? html` <span class="muted">(${Object.entries(h.changes).map(([k, c]) => `${k}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join('; ')})</span>` : ''}</li>`)}</ul>`,
    );
  }
  r.get('/van-phong/chi-dao/bao-cao', async (req, res, next) => {
    const bodies = await s.orgRepos.bodies.list();
    const today = utcToLocal(svc.now(), zone).slice(0, 10);
    const body = String(req.query.body ?? bodies[0]?.code ?? '');
    const from = String(req.query.from ?? `${today.slice(0, 8)}01`);
    const to = String(req.query.to ?? today);
    const query = `body=${encodeURIComponent(body)}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    try {
      const model = await followUpModel(svc, body, parseWith(localDate, from, 'query.from'), parseWith(localDate, to, 'query.to'));
      res.send(
        page(
          { title: 'Báo cáo kết quả thực hiện ý kiến chỉ đạo', user: userOf(res), crumbs: [{ href: '/van-phong/chi-dao', label: 'Theo dõi chỉ đạo' }] },
          html`<form method="get" class="card" id="report-form"><div class="grid"><div class="field"><label for="f-body">Cơ quan</label><select id="f-body" name="body">${bodies.map((b) => html`<option value="${b.code}"${b.code === body ? html` selected` : ''}>${b.name}</option>`)}</select></div><div class="field"><label for="f-from">Từ ngày</label><input id="f-from" type="date" name="from" value="${from}"></div><div class="field"><label for="f-to">Đến ngày</label><input id="f-to" type="date" name="to" value="${to}"></div></div><div><button type="submit">Xem</button> <a href="/van-phong/chi-dao/bao-cao.docx?${query}">Tải DOCX</a> · <a href="/van-phong/chi-dao/bao-cao.xlsx?${query}">Tải XLSX</a> · <a href="/van-phong/chi-dao/bao-cao.html?${query}">Bản in</a></div></form>
<div class="rich">${followUpArticle(model)}</div>`,
        ),
      );
    } catch (err) {
      next(err);
    }
  });
  r.get(/^\/van-phong\/chi-dao\/bao-cao\.(html|docx|xlsx)$/, async (req, res) => {
    const ext = req.path.split('.').pop()!;
    const model = await followUpModel(svc, String(req.query.body ?? ''), String(req.query.from ?? ''), String(req.query.to ?? ''));
    if (ext === 'html') return void res.send(followUpHtml(model));
    res.type(ext === 'docx' ? DOCX_TYPE : XLSX_TYPE).setHeader('Content-Disposition', `attachment; filename="bao-cao-chi-dao.${ext}"`);
    res.send(ext === 'docx' ? await followUpDocx(model) : await followUpXlsx(model));
  });
  r.get('/van-phong/chi-dao/:id', async (req, res) => void res.send(await directivePage(res, String(req.params.id), {}, done(req.query.ok))));
  r.post('/van-phong/chi-dao/:id/giao', async (req, res) => {
    const id = String(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['lead', 'coordinating', 'dueDate', 'dueTime', 'cadence', 'reason'],
      aliases: { dueAt: 'dueDate', cadence: 'cadence' },
      action: async () => {
        const ref = await svc.getDirective(id);
        const parse = (x: string, role: 'lead' | 'coordinating') => {
          const [kind, code] = x.split(':');
          return { kind, code, role };
        };
        const lead = one(v, 'lead');
        const assignees = [...(lead ? [parse(lead, 'lead')] : []), ...many(v, 'coordinating').filter((x) => x !== lead).map((x) => parse(x, 'coordinating'))];
        const dueAt = await instantOf(ref.notice.bodyCode, one(v, 'dueDate'), one(v, 'dueTime'));
        const cadence = optional(one(v, 'cadence')) ?? null;
        const patch = parseWith(directivePatch, { assignees, dueAt: dueAt ?? null, cadence, ...(optional(one(v, 'reason')) ? { reason: one(v, 'reason') } : {}) });
        await svc.patchDirective(id, patch, principalOf(res)!);
        return `${officeDirectivePath(id)}?ok=assigned`;
      },
      rerender: (state) => directivePage(res, id, { assign: { ...state, errors: Object.fromEntries(Object.entries(state.errors).map(([k, e]) => [k === 'assignees' ? 'lead' : k, e])) } }),
    });
  });
  r.post('/van-phong/chi-dao/:id/sua', async (req, res) => {
    const id = String(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['section', 'text'],
      action: async () => {
        await svc.patchDirective(id, parseWith(directivePatch, sectionAndText(v)), principalOf(res)!);
        return `${officeDirectivePath(id)}?ok=edited`;
      },
      rerender: (state) => directivePage(res, id, { edit: state }),
    });
  });
  r.post('/van-phong/chi-dao/:id/trang-thai', async (req, res) => {
    const id = String(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['status', 'note'],
      action: async () => {
        const input = parseWith(statusInput, { status: one(v, 'status'), ...(optional(one(v, 'note')) ? { note: one(v, 'note') } : {}) });
        await svc.setStatus(id, input.status, principalOf(res)!, input.note);
        return `${officeDirectivePath(id)}?ok=status`;
      },
      rerender: (state) => directivePage(res, id, { status: state }),
    });
  });
  r.post('/van-phong/chi-dao/:id/gia-han', async (req, res) => {
    const id = String(req.params.id);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['decision', 'note'],
      action: async () => {
        await svc.decideExtension(id, parseWith(extensionDecisionInput, { decision: one(v, 'decision'), ...(optional(one(v, 'note')) ? { note: one(v, 'note') } : {}) }), principalOf(res)!);
        return `${officeDirectivePath(id)}?ok=decided`;
      },
      rerender: (state) => directivePage(res, id, { decision: state }),
    });
  });
  r.use(directiveAgencyPages(s));
  return r;
}

export { importUpload };
