/**
 * The import of a notice (issue 9): paste the text or upload a .txt/.docx, review everything the
 * importer recognised and every warning, confirm; a confirmed import stores the notice with all
 * its directives or nothing. `importUpload` parses the upload (multipart) before the CSRF check.
 */
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DOCX_TYPE, previewView } from '../directives/routes';
import { importInput } from '../directives/schemas';
import { CADENCE_LABELS, NOTICE_KIND_LABELS } from '../directives/wording';
import { actorOf } from '../http/auth';
import { isMultipart, readMultipart } from '../http/upload';
import { parseWith } from '../http/validate';
import { shortDate } from '../publishing/format';
import { html } from '../publishing/html';
import type { Services } from '../services';
import { ValidationError } from '../shared/errors';
import { userOf } from './auth';
import { CSS, noticePath, pageKit } from './directive-kit';
import { form, one, optional, select, submitForm, textarea, type FormState, type FormValues } from './forms';
import { page } from './layout';
import { problemVi } from './messages';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Reads the import form's upload with the shared multipart reader and hands the file on as form fields. */
export const importUpload: RequestHandler = (req: Request, _res, next: NextFunction) => {
  if (req.method !== 'POST' || !/^\/van-phong\/thong-bao\/nhap\/?$/i.test(req.path) || !isMultipart(req)) return next();
  readMultipart(req, { maxFileBytes: MAX_UPLOAD_BYTES }).then((form) => {
    const body: Record<string, string> = { ...form.fields };
    if (form.file) {
      body.fileName = form.file.name;
      if (form.file.data.length) body.fileBase64 = form.file.data.toString('base64');
    }
    if (form.tooLarge) body.fileTooLarge = '1';
    req.body = body;
    next();
  }, next);
};

export function directiveImportPages(s: Services): Router {
  const r = Router();
  const { zone, svc, assigneeOptions } = pageKit(s);
  // ---- import --------------------------------------------------------------------------------
  async function importPage(res: Response, state?: FormState): Promise<string> {
    const opts = await assigneeOptions();
    return page(
      { title: 'Nhập thông báo', user: userOf(res), crumbs: [{ href: '/van-phong/chi-dao', label: 'Theo dõi chỉ đạo' }, { href: '/van-phong/thong-bao', label: 'Thông báo' }] },
      html`${CSS}<h1>Nhập thông báo ý kiến chỉ đạo</h1>
<div class="card"><p>Dán toàn văn thông báo, hoặc tải tệp .txt hay .docx. Hệ thống nhận ra số, ngày, các mục, từng nhiệm vụ, cơ quan được giao và thời hạn, rồi cho xem lại trước khi lưu: chưa lưu gì cho đến khi xác nhận.</p>
<form method="post" action="/van-phong/thong-bao/nhap" enctype="multipart/form-data" novalidate class="stack" id="import-form"><input type="hidden" name="_csrf" value="${userOf(res)!.csrf}">${state?.general ? html`<p class="error-box" role="alert">${state.general}</p>` : ''}
${select({ name: 'bodyCode', label: 'Cơ quan ban hành', options: opts.bodies, blank: '(nhận ra từ văn bản)', state })}
${textarea({ name: 'text', label: 'Toàn văn thông báo', tall: true, state })}
<div class="field${state?.errors.file ? ' has-error' : ''}" data-field="file"><label for="f-file">Hoặc tải tệp (.txt, .docx)</label><input id="f-file" type="file" name="file" accept=".txt,.docx,text/plain,${DOCX_TYPE}">${state?.errors.file ? html`<div class="field-error" role="alert">${state.errors.file}</div>` : ''}</div>
<div><button type="submit">Xem lại</button></div></form></div>`,
    );
  }
  r.get('/van-phong/thong-bao/nhap', async (_req, res) => void res.send(await importPage(res)));

  /** The import's input from the form: the file if one was sent, else the pasted text. */
  function importFrom(v: FormValues) {
    if (one(v, 'fileTooLarge')) throw ValidationError.field('file', 'the file is too large (at most 5 MB)');
    const file = one(v, 'fileBase64');
    const name = one(v, 'fileName').toLowerCase();
    const bodyCode = optional(one(v, 'bodyCode'));
    const base = { ...(bodyCode ? { bodyCode } : {}), status: 'draft' };
    if (file && name.endsWith('.docx')) return parseWith(importInput, { ...base, docxBase64: file });
    if (file) return parseWith(importInput, { ...base, text: Buffer.from(file, 'base64').toString('utf8') });
    return parseWith(importInput, { ...base, text: one(v, 'text') });
  }

  r.post('/van-phong/thong-bao/nhap', async (req, res) => {
    const v = (req.body ?? {}) as FormValues;
    try {
      const input = importFrom(v);
      const preview = previewView(await svc.previewImport(input), await svc.directory(), zone);
      const user = userOf(res)!;
      const hidden = html`${input.text !== undefined ? html`<textarea name="text" hidden>${input.text}</textarea>` : html`<input type="hidden" name="docxBase64" value="${input.docxBase64}">`}${input.bodyCode ? html`<input type="hidden" name="bodyCode" value="${input.bodyCode}">` : ''}`;
      const n = preview.notice;
      res.send(
        page(
          { title: 'Xem lại thông báo', user, crumbs: [{ href: '/van-phong/thong-bao/nhap', label: 'Nhập thông báo' }] },
          html`${CSS}<h1>Xem lại trước khi lưu</h1>
<div class="card review-header"><p><strong>Cơ quan ban hành:</strong> ${n.bodyName ?? html`<span class="warn">chưa xác định</span>`} · <strong>Loại:</strong> ${NOTICE_KIND_LABELS[n.kind]} · <strong>Số:</strong> ${n.number || '(không có)'} · <strong>Ngày:</strong> ${n.date ? shortDate(n.date) : '(không có)'}${n.meetingDate ? html` · <strong>Ngày họp:</strong> ${shortDate(n.meetingDate)}` : ''}${n.occurrenceId ? html` · <strong>Buổi họp:</strong> ${n.occurrenceId}` : ''}</p>
<p><strong>Trích yếu:</strong> ${n.title}</p><p><strong>Mục:</strong> ${n.sections.length} · <strong>Nhiệm vụ:</strong> ${preview.directives.length} · <strong>Nơi nhận:</strong> ${n.recipients.length} · <strong>Ký:</strong> ${[n.signer.authority, n.signer.title, n.signer.name].filter(Boolean).join(' / ')}</p></div>
${n.warnings.length ? html`<ul class="warnings notice-warnings">${n.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
<div class="table-wrap"><table class="list responsive review"><thead><tr><th>TT</th><th>Mục</th><th>Nhiệm vụ</th><th>Thực hiện</th><th>Thời hạn</th><th>Cảnh báo</th></tr></thead><tbody>
${preview.directives.map((d) => html`<tr data-number="${d.number}"><td>${d.number}</td><td>${d.section ?? ''}</td><td>${d.text}</td><td>${d.assignees.map((a) => `${a.name}${d.assignees.length > 1 ? ` (${a.role === 'lead' ? 'chủ trì' : 'phối hợp'})` : ''}`).join('; ')}</td><td>${d.dueAt ? shortDate(d.dueAt.slice(0, 10)) : d.cadence ? `Thường xuyên (${CADENCE_LABELS[d.cadence]})` : ''}</td><td class="${d.warnings.length ? 'warn-cell' : ''}">${d.warnings.map((w) => html`<div class="warn">${w}</div>`)}</td></tr>`)}
</tbody></table></div>
${form('/van-phong/thong-bao/nhap/xac-nhan', user.csrf, html`${hidden}<div><button type="submit">Xác nhận và lưu toàn bộ</button> <a href="/van-phong/thong-bao/nhap">Quay lại</a></div>`, { id: 'confirm-import-form' })}`,
        ),
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const state: FormState = { values: { text: one(v, 'text'), bodyCode: one(v, 'bodyCode') }, errors: {}, general: null };
      for (const d of err.details) {
        const field = d.field === 'docxBase64' || d.field === 'file' ? 'file' : d.field === 'bodyCode' ? 'bodyCode' : 'text';
        state.errors[field] = problemVi(d.problem);
      }
      res.status(400).send(await importPage(res, state));
    }
  });
  r.post('/van-phong/thong-bao/nhap/xac-nhan', async (req, res) => {
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: [],
      action: async () => {
        const bodyCode = optional(one(v, 'bodyCode'));
        const input = parseWith(importInput, { ...(bodyCode ? { bodyCode } : {}), ...(one(v, 'docxBase64') ? { docxBase64: one(v, 'docxBase64') } : { text: one(v, 'text') }) });
        const n = await svc.confirmImport(input, actorOf(res));
        return `${noticePath(n.id)}?ok=imported`;
      },
      rerender: (state) => importPage(res, state),
    });
  });
  return r;
}
