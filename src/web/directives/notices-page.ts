/**
 * The Office's list of notices (`/van-phong/thong-bao`) and the form that creates a draft.
 */
import { Router, type Response } from 'express';
import { noticeInput } from '../../directives/schemas';
import { NOTICE_KINDS } from '../../directives/types';
import { actorOf } from '../../http/auth';
import { html } from '../../shared/html';
import { NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS } from '../../shared/wording';
import { userOf } from '../auth';
import { formRoutes } from '../form-route';
import { form, one, select, textarea, type FormState } from '../forms';
import { page } from '../layout';
import { OFFICE_CRUMB } from '../office/paths';
import { BOARD_CRUMB, CSS, directiveKit, noticeLabel, noticePath, type DirectivePagesDeps } from './kit';

export function noticesPage(deps: DirectivePagesDeps): Router {
  const r = Router();
  const { svc, assigneeOptions } = directiveKit(deps);

  async function render(res: Response, state?: FormState): Promise<string> {
    const list = await svc.listNotices();
    const opts = await assigneeOptions();
    const rows = list.map(
      (n) => html`<tr data-notice="${n.id}"><td>${noticeLabel(n)}</td><td><a href="${noticePath(n.id)}">${n.title}</a>\
</td>\
<td>${NOTICE_KIND_LABELS[n.kind]}</td><td>${NOTICE_STATUS_LABELS[n.status]}</td><td>${n.directives.length}</td></tr>`,
    );
    const kinds = NOTICE_KINDS.map((k) => ({ value: k, label: NOTICE_KIND_LABELS[k] }));
    const fields = html`${select({ name: 'bodyCode', label: 'Cơ quan ban hành', options: opts.bodies, state })}\
${select({ name: 'kind', label: 'Loại', options: kinds, state })}\
${textarea({ name: 'title', label: 'Trích yếu', state })}\
<div><button type="submit">Tạo dự thảo</button></div>`;
    return page(
      { title: 'Thông báo ý kiến chỉ đạo', user: userOf(res), crumbs: [OFFICE_CRUMB, BOARD_CRUMB] },
      html`${CSS}<h1>Thông báo ý kiến chỉ đạo, kết luận</h1>
<p><a class="button" href="/van-phong/thong-bao/nhap">Nhập thông báo (dán văn bản, tải .txt/.docx)</a></p>
<div class="table-wrap"><table class="list responsive notices"><thead><tr><th>Số, ngày</th><th>Trích yếu</th>\
<th>Loại</th>\
<th>Trạng thái</th><th>Nhiệm vụ</th></tr></thead><tbody>
${rows}
</tbody></table></div>
<div class="card"><h2>Tạo thông báo mới</h2>\
${form('/van-phong/thong-bao', userOf(res)!.csrf, fields, { id: 'create-notice-form', state })}</div>`,
    );
  }

  r.get('/van-phong/thong-bao', async (_req, res) => void res.send(await render(res)));
  formRoutes(r, { params: () => null, redraw: (res, _p, forms) => render(res, forms.create) })('/van-phong/thong-bao', {
    key: 'create',
    fields: ['bodyCode', 'kind', 'title'],
    schema: noticeInput,
    read: (v) => ({ bodyCode: one(v, 'bodyCode'), kind: one(v, 'kind'), title: one(v, 'title') }),
    act: async (input, _p, res) => `${noticePath((await svc.createNotice(input, actorOf(res))).id)}?ok=created`,
  });
  return r;
}
