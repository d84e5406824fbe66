/**
 * The Office's page of one notice (`/van-phong/thong-bao/<id>`): its number, date and summary,
 * issue it, add directives, put the follow-up report onto the next briefing; the notice in
 * official form (printable HTML and DOCX); its directives.
 */
import { Router, type Response } from 'express';
import { noticeDocument, noticeDocx, noticeHtml } from '../../directives/documents';
import { directiveInput, issueInput, noticePatch } from '../../directives/schemas';
import { directiveView } from '../../directives/views';
import { actorOf } from '../../http/auth';
import { html } from '../../shared/html';
import { NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS } from '../../shared/wording';
import { userOf } from '../auth';
import { formRoutes, NO_INPUT } from '../form-route';
import { form, input, one, optional, select, textarea, type FormState, type FormValues } from '../forms';
import { page } from '../layout';
import { occurrencePath } from '../office/paths';
import { DOCX_TYPE } from '../views';
import {
  assigneesText,
  BOARD_CRUMB,
  CSS,
  directiveKit,
  done,
  dueText,
  noticeLabel,
  noticePath,
  officeDirectivePath,
  statusBadge,
  type DirectivePagesDeps,
} from './kit';

/** The section select ('' = no section) and the text box of the add and edit forms, as the schemas take them. */
export function sectionAndText(v: FormValues): { text: string; section: number | null } {
  const sec = one(v, 'section');
  return { text: one(v, 'text'), section: sec === '' ? null : Number(sec) };
}

/** The section options of a notice: none, or one of its headings by index. */
export const sectionOptions = (sections: string[]) => [
  { value: '', label: '(không thuộc mục nào)' },
  ...sections.map((sec, i) => ({ value: String(i), label: sec })),
];

const submit = (label: string, cls = '') =>
  html`<div><button type="submit"${cls ? html` class="${cls}"` : ''}>${label}</button></div>`;

export function noticePage(deps: DirectivePagesDeps): Router {
  const r = Router();
  const { zone, svc } = directiveKit(deps);

  async function render(res: Response, id: string, forms: Record<string, FormState> = {}, ok: string | null = null) {
    const user = userOf(res)!;
    const n = await svc.getNotice(id);
    const dir = await svc.directory();
    const list = n.directives.map((d) => directiveView(n, d, dir, svc.now(), zone));
    const f = (k: string) => forms[k];
    const path = noticePath(id);
    const notice = f('notice');
    const noticeFields = html`${input({
      name: 'number',
      label: 'Số',
      value: n.number,
      hint: 'Ví dụ 123-TB/HU, 45/TB-UBND',
      state: notice,
    })}\
${input({ name: 'date', label: 'Ngày ban hành', type: 'date', value: n.date ?? '', state: notice })}\
${textarea({ name: 'title', label: 'Trích yếu', value: n.title, state: notice })}${submit('Lưu')}`;
    const issue =
      n.status === 'draft'
        ? form(`${path}/ban-hanh`, user.csrf, submit('Ban hành'), { id: 'issue-form', state: f('issue') })
        : '';
    const addFields = html`${select({
      name: 'section',
      label: 'Mục',
      options: sectionOptions(n.sections),
      state: f('add'),
    })}\
${textarea({ name: 'text', label: 'Nội dung nhiệm vụ', state: f('add') })}${submit('Thêm')}`;
    const followUp = n.occurrenceId
      ? form(
          `${path}/dua-vao-giao-ban`,
          user.csrf,
          html`<p class="muted">Đưa “Báo cáo kết quả thực hiện ý kiến chỉ đạo” vào chương trình buổi họp tiếp theo của \
cùng lịch họp.</p>\
${submit('Thêm vào buổi giao ban tiếp theo', 'secondary')}`,
          { id: 'agenda-form', state: f('agenda') },
        )
      : '';
    const rows = list.map((v) => {
      const section = v.section ? html`<div class="muted">${v.section}</div>` : '';
      const warnings = v.warnings.length ? html`<div class="warn">⚠ ${v.warnings.join(' ')}</div>` : '';
      return html`<tr data-directive="${v.id}"><td>${v.number}</td>\
<td class="text">${section}<a href="${officeDirectivePath(v.id)}">${v.text}</a>${warnings}</td>\
<td>${assigneesText(v) || html`<em class="warn">Chưa giao</em>`}</td>\
<td class="${v.overdue ? 'overdue' : ''}">${dueText(v)}</td>\
<td>${statusBadge(v)}</td></tr>`;
    });
    const meeting = n.occurrenceId ? html` · <a href="${occurrencePath(n.occurrenceId)}">Buổi họp</a>` : '';
    const warnings = n.warnings.length
      ? html`<ul class="warnings">${n.warnings.map((w) => html`<li>${w}</li>`)}</ul>`
      : '';
    return page(
      {
        title: n.title || 'Thông báo',
        user,
        done: ok,
        crumbs: [BOARD_CRUMB, { href: '/van-phong/thong-bao', label: 'Thông báo' }],
      },
      html`${CSS}<h1>${NOTICE_KIND_LABELS[n.kind]}: ${n.title}</h1>
<p><span class="badge">${NOTICE_STATUS_LABELS[n.status]}</span> ${noticeLabel(n)} · \
${dir.bodies.get(n.bodyCode)?.name ?? n.bodyCode}\
${meeting} · <a href="${path}/van-ban">Bản in</a> · <a href="${path}/van-ban.docx">DOCX</a></p>
${warnings}
<div class="grid two">
<div class="card"><h2>Thông tin văn bản</h2>\
${form(`${path}/luu`, user.csrf, noticeFields, { id: 'notice-form', state: notice })}
${issue}</div>
<div class="card"><h2>Thêm nhiệm vụ</h2>\
${form(`${path}/them`, user.csrf, addFields, { id: 'add-directive-form', state: f('add') })}
${followUp}</div>
</div>
<h2>Nhiệm vụ (${list.length})</h2>
<div class="table-wrap"><table class="list responsive dir-board"><thead><tr><th>TT</th><th>Nhiệm vụ</th>\
<th>Thực hiện</th>\
<th>Thời hạn</th><th>Trạng thái</th></tr></thead><tbody>
${rows}
</tbody></table></div>`,
    );
  }

  r.get(
    '/van-phong/thong-bao/:id',
    async (req, res) => void res.send(await render(res, String(req.params.id), {}, done(req.query.ok))),
  );
  r.get('/van-phong/thong-bao/:id/van-ban', async (req, res) => {
    res.send(noticeHtml(noticeDocument(await svc.getNotice(String(req.params.id)), await svc.directory())));
  });
  r.get('/van-phong/thong-bao/:id/van-ban.docx', async (req, res) => {
    const doc = noticeDocument(await svc.getNotice(String(req.params.id)), await svc.directory());
    res.type(DOCX_TYPE).setHeader('Content-Disposition', 'attachment; filename="thong-bao.docx"');
    res.send(await noticeDocx(doc));
  });

  const post = formRoutes(r, { params: (req) => String(req.params.id), redraw: render });
  post('/van-phong/thong-bao/:id/luu', {
    key: 'notice',
    fields: ['number', 'date', 'title'],
    schema: noticePatch,
    read: (v) => ({ number: one(v, 'number'), date: optional(one(v, 'date')) ?? null, title: one(v, 'title') }),
    act: async (patch, id, res) => {
      await svc.updateNotice(id, patch, actorOf(res));
      return `${noticePath(id)}?ok=saved`;
    },
  });
  // Issuing: a missing number or date is shown next to its field of the notice form, with the stored values.
  const issue = formRoutes(r, {
    params: async (req) => svc.getNotice(String(req.params.id)),
    redraw: (res, n, forms) => render(res, n.id, forms),
  });
  issue('/van-phong/thong-bao/:id/ban-hanh', {
    key: 'notice',
    fields: ['number', 'date', 'title'],
    schema: issueInput,
    read: () => ({}),
    shown: (n) => ({ number: n.number, date: n.date ?? '', title: n.title }),
    act: async (input, n, res) => {
      await svc.issueNotice(n.id, input, actorOf(res));
      return `${noticePath(n.id)}?ok=issued`;
    },
  });
  post('/van-phong/thong-bao/:id/them', {
    key: 'add',
    fields: ['section', 'text'],
    schema: directiveInput,
    read: sectionAndText,
    act: async (input, id, res) => {
      await svc.addDirective(id, input, actorOf(res));
      return `${noticePath(id)}?ok=added`;
    },
  });
  post('/van-phong/thong-bao/:id/dua-vao-giao-ban', {
    key: 'agenda',
    fields: [],
    schema: NO_INPUT,
    shown: () => ({}),
    act: async (_input, id, res) => {
      const out = await svc.addFollowUpToNextAgenda(id, actorOf(res));
      return `${occurrencePath(out.occurrenceId)}?ok=item-added`;
    },
  });
  return r;
}
