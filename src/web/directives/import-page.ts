/**
 * The import of a notice (`/van-phong/thong-bao/nhap`): paste the text or upload a .txt/.docx,
 * review everything the importer recognised and every warning, confirm; a confirmed import stores
 * the notice with all its directives or nothing. `importUpload` parses the upload (multipart)
 * before the CSRF check.
 */
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { importInput } from '../../directives/schemas';
import { previewView } from '../../directives/views';
import { actorOf } from '../../http/auth';
import { isMultipart, readMultipart } from '../../http/upload';
import { parseWith } from '../../http/validate';
import { ValidationError } from '../../shared/errors';
import { html, type SafeHtml } from '../../shared/html';
import { CADENCE_LABELS, NOTICE_KIND_LABELS, ROLE_WORDS, shortDate } from '../../shared/wording';
import { userOf } from '../auth';
import { formRoutes } from '../form-route';
import { form, one, optional, select, textarea, type FormState, type FormValues } from '../forms';
import { page } from '../layout';
import { problemVi } from '../messages';
import { DOCX_TYPE } from '../views';
import { BOARD_CRUMB, CSS, directiveKit, noticePath, type DirectivePagesDeps } from './kit';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const IMPORT_PATH = '/van-phong/thong-bao/nhap';

/** Reads the import form's upload with the shared multipart reader and hands the file on as form fields. */
export const importUpload: RequestHandler = (req: Request, _res, next: NextFunction) => {
  if (req.method !== 'POST' || !/^\/van-phong\/thong-bao\/nhap\/?$/i.test(req.path) || !isMultipart(req)) {
    next();
    return;
  }
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

type Preview = ReturnType<typeof previewView>;

/** Everything the importer recognised, and the confirm form carrying the same input. */
function reviewContent(preview: Preview, hidden: SafeHtml, csrf: string): SafeHtml {
  const n = preview.notice;
  const meta = html`<strong>Cơ quan ban hành:</strong> ${n.bodyName ?? html`<span class="warn">chưa xác định</span>`} \
· \
<strong>Loại:</strong> ${NOTICE_KIND_LABELS[n.kind]} · <strong>Số:</strong> ${n.number || '(không có)'} · \
<strong>Ngày:</strong> ${n.date ? shortDate(n.date) : '(không có)'}\
${n.meetingDate ? html` · <strong>Ngày họp:</strong> ${shortDate(n.meetingDate)}` : ''}\
${n.occurrenceId ? html` · <strong>Buổi họp:</strong> ${n.occurrenceId}` : ''}`;
  const signer = [n.signer.authority, n.signer.title, n.signer.name].filter(Boolean).join(' / ');
  const counts = html`<strong>Mục:</strong> ${n.sections.length} · \
<strong>Nhiệm vụ:</strong> ${preview.directives.length} · \
<strong>Nơi nhận:</strong> ${n.recipients.length} · <strong>Ký:</strong> ${signer}`;
  const rows = preview.directives.map((d) => {
    const several = d.assignees.length > 1;
    const assignees = d.assignees.map((a) => `${a.name}${several ? ` (${ROLE_WORDS[a.role]})` : ''}`).join('; ');
    const due = d.dueAt
      ? shortDate(d.dueAt.slice(0, 10))
      : d.cadence
        ? `Thường xuyên (${CADENCE_LABELS[d.cadence]})`
        : '';
    return html`<tr data-number="${d.number}"><td>${d.number}</td><td>${d.section ?? ''}</td><td>${d.text}</td>\
<td>${assignees}</td><td>${due}</td>\
<td class="${d.warnings.length ? 'warn-cell' : ''}">${d.warnings.map((w) => html`<div class="warn">${w}</div>`)}</td>\
</tr>`;
  });
  const warnings = n.warnings.length
    ? html`<ul class="warnings notice-warnings">${n.warnings.map((w) => html`<li>${w}</li>`)}</ul>`
    : '';
  const confirm = html`${hidden}<div>\
<button type="submit">Xác nhận và lưu toàn bộ</button> <a href="${IMPORT_PATH}">Quay lại</a></div>`;
  return html`${CSS}<h1>Xem lại trước khi lưu</h1>
<div class="card review-header"><p>${meta}</p>
<p><strong>Trích yếu:</strong> ${n.title}</p><p>${counts}</p></div>
${warnings}
<div class="table-wrap"><table class="list responsive review"><thead><tr><th>TT</th><th>Mục</th><th>Nhiệm vụ</th>\
<th>Thực hiện</th><th>Thời hạn</th><th>Cảnh báo</th></tr></thead><tbody>
${rows}
</tbody></table></div>
${form(`${IMPORT_PATH}/xac-nhan`, csrf, confirm, { id: 'confirm-import-form' })}`;
}

export function importPage(deps: DirectivePagesDeps): Router {
  const r = Router();
  const { zone, svc, assigneeOptions } = directiveKit(deps);

  async function render(res: Response, state?: FormState): Promise<string> {
    const opts = await assigneeOptions();
    const fileError = state?.errors.file;
    const file = html`<div class="field${fileError ? ' has-error' : ''}" data-field="file">\
<label for="f-file">Hoặc tải tệp (.txt, .docx)</label>\
<input id="f-file" type="file" name="file" accept=".txt,.docx,text/plain,${DOCX_TYPE}">\
${fileError ? html`<div class="field-error" role="alert">${fileError}</div>` : ''}</div>`;
    const general = state?.general ? html`<p class="error-box" role="alert">${state.general}</p>` : '';
    return page(
      {
        title: 'Nhập thông báo',
        user: userOf(res),
        crumbs: [BOARD_CRUMB, { href: '/van-phong/thong-bao', label: 'Thông báo' }],
      },
      html`${CSS}<h1>Nhập thông báo ý kiến chỉ đạo</h1>
<div class="card"><p>Dán toàn văn thông báo, hoặc tải tệp .txt hay .docx. Hệ thống nhận ra số, ngày, các mục, từng \
nhiệm vụ, \
cơ quan được giao và thời hạn, rồi cho xem lại trước khi lưu: chưa lưu gì cho đến khi xác nhận.</p>
<form method="post" action="${IMPORT_PATH}" enctype="multipart/form-data" novalidate class="stack" id="import-form">\
<input type="hidden" name="_csrf" value="${userOf(res)!.csrf}">${general}
${select({ name: 'bodyCode', label: 'Cơ quan ban hành', options: opts.bodies, blank: '(nhận ra từ văn bản)', state })}
${textarea({ name: 'text', label: 'Toàn văn thông báo', tall: true, state })}
${file}
<div><button type="submit">Xem lại</button></div></form></div>`,
    );
  }
  r.get(IMPORT_PATH, async (_req, res) => void res.send(await render(res)));

  // The review: not a stored change, so it answers with a page instead of a redirect.
  r.post(IMPORT_PATH, async (req, res) => {
    const v = (req.body ?? {}) as FormValues;
    let input: ReturnType<typeof importFrom>;
    let preview: Preview;
    try {
      input = importFrom(v);
      preview = previewView(await svc.previewImport(input), await svc.directory(), zone);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // Each problem goes to the upload, the issuing body or else the text.
      const state: FormState = {
        values: { text: one(v, 'text'), bodyCode: one(v, 'bodyCode') },
        errors: {},
        general: null,
      };
      for (const d of err.details) {
        const field =
          d.field === 'docxBase64' || d.field === 'file' ? 'file' : d.field === 'bodyCode' ? 'bodyCode' : 'text';
        state.errors[field] = problemVi(d.problem);
      }
      res.status(400).send(await render(res, state));
      return;
    }
    const hidden = html`${
      input.text !== undefined
        ? html`<textarea name="text" hidden>${input.text}</textarea>`
        : html`<input type="hidden" name="docxBase64" value="${input.docxBase64}">`
    }${input.bodyCode ? html`<input type="hidden" name="bodyCode" value="${input.bodyCode}">` : ''}`;
    const crumbs = [{ href: IMPORT_PATH, label: 'Nhập thông báo' }];
    res.send(
      page(
        { title: 'Xem lại thông báo', user: userOf(res), crumbs },
        reviewContent(preview, hidden, userOf(res)!.csrf),
      ),
    );
  });

  formRoutes(r, { params: () => null, redraw: (res, _p, forms) => render(res, forms.confirm) })(
    `${IMPORT_PATH}/xac-nhan`,
    {
      key: 'confirm',
      fields: [],
      schema: importInput,
      read: (v) => {
        const bodyCode = optional(one(v, 'bodyCode'));
        const docxBase64 = one(v, 'docxBase64');
        return { ...(bodyCode ? { bodyCode } : {}), ...(docxBase64 ? { docxBase64 } : { text: one(v, 'text') }) };
      },
      act: async (input, _p, res) => `${noticePath((await svc.confirmImport(input, actorOf(res))).id)}?ok=imported`,
    },
  );
  return r;
}
