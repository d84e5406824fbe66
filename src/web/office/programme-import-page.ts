/**
 * The Office's "import the programme from its text" pages
 * (`/van-phong/chuong-trinh/<body>/<YYYY-MM>/nhap`): paste the text or upload a .txt/.docx, review
 * everything recognised (part A, sessions and where each lands, items, preparing agencies,
 * warnings, blocking problems), then confirm. Nothing is stored before "Xác nhận nhập"; the
 * confirmation carries the preview's fingerprint, so a change made meanwhile sends the Office
 * back to the review instead of storing something it did not see.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { actorOf } from '../../http/auth';
import { fileOf, isMultipart, readMultipart } from '../../http/upload';
import type { OrganisationService } from '../../organisation/service';
import type { ImportPlan, PlannedSession, SessionTarget } from '../../publishing/import-plan';
import type { ProgrammeImportService } from '../../publishing/import-service';
import { uploadedText } from '../../publishing/import-text';
import { markdownToHtml } from '../../publishing/part-a';
import { ConflictError, ValidationError } from '../../shared/errors';
import { html, raw, type SafeHtml } from '../../shared/html';
import { ITEM_KIND_LABELS, MEETING_KIND_LABELS, shortDate } from '../../shared/wording';
import { userOf } from '../auth';
import { csrfField, one, type FormValues } from '../forms';
import { page } from '../layout';
import { problemVi } from '../messages';
import { labelOf, monthLabel } from '../views';
import { monthParams, OFFICE_CRUMB, occurrencePath } from './paths';

export interface ProgrammeImportPageDeps {
  organisation: Pick<OrganisationService, 'getBody'>;
  programmeImport: Pick<ProgrammeImportService, 'preview' | 'confirm'>;
}

/** The largest upload, as the API's import takes (src/publishing/import-routes.ts). */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const PATH = /^\/van-phong\/chuong-trinh\/[^/]+\/[^/]+\/nhap\/?$/i;
const local = (start: string) => `${start.slice(11, 16)}, ${shortDate(start.slice(0, 10))}`;
const baseOf = (bodyCode: string, month: string) => `/van-phong/chuong-trinh/${bodyCode}/${month}`;

/** Problems of an upload, in Vietnamese (the API names them in English). */
const UPLOAD_VI: [RegExp, string][] = [
  [/old Word \.doc/, 'là tệp Word .doc cũ: hãy lưu thành .docx (hoặc dán nội dung) rồi thử lại'],
  [/not a \.docx/, 'không phải tệp .docx'],
  [/could not be read as a Word document/, 'không đọc được như một tệp Word'],
  [/not UTF-8 text/, 'không phải văn bản UTF-8: hãy tải lên tệp .txt lưu dạng UTF-8 hoặc tệp .docx'],
  [/^is empty/, 'trống: hãy dán nội dung chương trình hoặc tải lên tệp .txt, .docx'],
  [/larger than/, `lớn hơn ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`],
];
const uploadVi = (problem: string) => UPLOAD_VI.find(([re]) => re.test(problem))?.[1] ?? problemVi(problem);

/**
 * Reads the upload form of the import page (multipart) before the CSRF check, which reads `_csrf`
 * from `req.body`: only for a signed-in Office user on that page; the file goes to `res.locals.upload`.
 */
export async function programmeImportUpload(req: Request, res: Response, next: NextFunction): Promise<void> {
  const office = userOf(res)?.principal.role === 'office';
  if (req.method !== 'POST' || !PATH.test(req.path) || !isMultipart(req) || !office) {
    next();
    return;
  }
  try {
    const form = await readMultipart(req, { maxFileBytes: MAX_UPLOAD_BYTES });
    req.body = form.fields;
    try {
      res.locals.upload = fileOf(form, MAX_UPLOAD_BYTES);
    } catch (err) {
      res.locals.uploadError = err; // shown on the page, after the CSRF check
    }
    next();
  } catch (err) {
    next(err);
  }
}

function targetText(t: SessionTarget): SafeHtml {
  switch (t.action) {
    case 'existing':
      return html`Ghi vào phiên họp đã có lúc <strong>${local(t.start)}</strong> \
(<a href="${occurrencePath(t.occurrenceId)}">xem</a>).`;
    case 'move':
      return html`Dời phiên họp của tháng từ ${local(t.from)} sang <strong>${local(t.start)}</strong> theo văn bản.`;
    case 'extra':
      return html`Thêm phiên họp bổ sung của chuỗi lịch lúc <strong>${local(t.start)}</strong>\
${t.timeAssumed ? ' (giờ dự kiến theo chuỗi)' : ''}.`;
    case 'meeting':
      return html`Tạo cuộc họp mới "${t.title}" lúc <strong>${local(t.start)}</strong>\
${t.timeAssumed ? ' (giờ dự kiến)' : ''}.`;
    default:
      return html`<span class="warn">Không nhập: ${t.reason}.</span>`;
  }
}

/** The name of a preparing agency as the plan matched it. */
function nameOf(s: PlannedSession, code: string): string {
  for (const a of s.assignments) {
    if (a.lead.code === code) return a.lead.name!;
    const c = a.coordinating.find((x) => x.code === code);
    if (c) return c.name!;
  }
  return code;
}

const HOW: Record<string, string> = {
  'short-name': 'tên viết tắt',
  initials: 'chữ viết tắt',
  'without-level': 'tên không kèm cấp',
};

function sessionCard(s: PlannedSession): SafeHtml {
  const agenda =
    s.agenda === 'unchanged'
      ? html`<p class="muted">Phiên họp đã có đúng chương trình này (${s.existingItems} nội dung): không lưu lại.</p>`
      : s.agenda === 'conflict'
        ? html`<p class="error-box">Phiên họp đã có chương trình khác (${s.existingItems} nội dung).</p>`
        : '';
  const warnings = s.agendaWarnings.length
    ? html`<ul class="warnings agenda-warnings">${s.agendaWarnings.map((w) => html`<li>${w}</li>`)}</ul>`
    : '';
  const agencies = (i: PlannedSession['items'][number]) =>
    i.preparingAgencies.length
      ? i.preparingAgencies
          .map((a) => (a.role === 'coordinating' ? `${nameOf(s, a.code)} (phối hợp)` : nameOf(s, a.code)))
          .join('; ')
      : html`<span class="warn">Chưa giao</span>`;
  const items = s.items.map((i) => {
    const itemWarnings = i.warnings.length ? html`<div class="muted item-warning">⚠ ${i.warnings.join(' ')}</div>` : '';
    return html`<tr data-number="${i.number}"><td>${i.number}</td><td>${i.title}${itemWarnings}</td>\
<td>${labelOf(ITEM_KIND_LABELS, i.kind)}</td><td class="agencies">${agencies(i)}</td></tr>`;
  });
  const assignments = s.assignments.map((a) => {
    const how =
      a.lead.how !== 'name'
        ? html` <span class="muted">(nhận theo ${HOW[a.lead.how ?? ''] ?? 'tên không dấu'})</span>`
        : '';
    const lead = a.lead.code
      ? html`<strong>${a.lead.name}</strong>${how}`
      : html`<span class="warn">không nhận ra cơ quan</span>`;
    return html`<li>"${a.text}" → ${lead}, nội dung ${a.items}</li>`;
  });
  return html`<div class="card import-session" data-session="${s.label ?? s.line}">
<h3>${s.label ? `${s.label}. ` : ''}${s.heading}</h3>
<p>${labelOf(MEETING_KIND_LABELS, s.kind)} · ${targetText(s.target)}</p>${agenda}
${warnings}
<div class="table-wrap"><table class="list import-items"><thead><tr><th>Số</th><th>Nội dung</th><th>Loại</th>\
<th>Cơ quan chuẩn bị</th></tr></thead><tbody>
${items}
</tbody></table></div>
<h4>Câu giao chuẩn bị</h4><ul class="assignments">${assignments}</ul>
</div>`;
}

const PART_A_STATUS: Record<string, string> = {
  unchanged: 'Phần A giống phần A đã lưu: không lưu lại.',
  replaces: 'Phần A đã soạn sẽ được thay bằng phần A của văn bản.',
};

function review(plan: ImportPlan, text: string, csrf: string): SafeHtml {
  const base = baseOf(plan.bodyCode, plan.month);
  const partA =
    plan.partAStatus === 'none'
      ? html`<p class="muted">Văn bản không có phần A.</p>`
      : html`<p>${PART_A_STATUS[plan.partAStatus] ?? 'Phần A sẽ được lưu.'}</p><details><summary>Xem phần A</summary>\
<div class="rich">${raw(markdownToHtml(plan.partA ?? ''))}</div></details>`;
  const problems = plan.problems.length
    ? html`<div class="error-box" role="alert" id="import-problems"><strong>Chưa nhập được:</strong>\
<ul>${plan.problems.map((p) => html`<li>${p}</li>`)}</ul></div>`
    : '';
  const warnings = plan.warnings.length
    ? html`<div class="card"><h3>Cảnh báo khi đọc văn bản</h3>\
<ul class="warnings import-warnings">${plan.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>`
    : '';
  const note = (n: ImportPlan['notes'][number]) => {
    const series = n.seriesTitle ? `đã có chuỗi lịch: ${n.seriesTitle}` : 'chưa có chuỗi lịch tương ứng';
    return html`<li>${n.label ? `${n.label}. ` : ''}${n.text}\
${n.kind === 'weekly' ? html` <span class="muted">(${series})</span>` : ''}</li>`;
  };
  const notes = plan.notes.length
    ? html`<div class="card"><h3>Các mục khác của phần B (không tạo lịch)</h3>\
<ul class="import-notes">${plan.notes.map(note)}</ul></div>`
    : '';
  const signature =
    plan.signature.length || plan.recipients.length
      ? html`<div class="card"><h3>Nơi nhận và chữ ký (chỉ để đối chiếu, không nhập)</h3>\
<p>${plan.signature.join(' / ')}</p>\
<ul>${plan.recipients.map((r) => html`<li>${r}</li>`)}</ul>\
<p class="muted">Nơi nhận và khối chữ ký của văn bản ban hành được sửa ở mục "Thiết lập văn bản".</p></div>`
      : '';
  const confirm = plan.problems.length
    ? html`<p><a href="${base}/nhap">Sửa văn bản và xem trước lại</a></p>`
    : html`<form method="post" action="${base}/nhap/xac-nhan" class="stack" id="confirm-import-form">${csrfField(csrf)}\
<input type="hidden" name="expect" value="${plan.fingerprint}"><textarea name="text" hidden>
${text}</textarea><div><button type="submit">Xác nhận nhập</button> <a href="${base}/nhap">Hủy, nhập văn bản khác</a>\
</div></form>`;
  return html`<h2>Kết quả nhận dạng</h2>
${problems}
${warnings}
<div class="card"><h3>Phần A: Nhiệm vụ trọng tâm</h3>${partA}</div>
<h3>Phần B: Các phiên họp</h3>
${plan.sessions.length ? plan.sessions.map(sessionCard) : html`<p class="muted">Không thấy phiên họp nào.</p>`}
${notes}
${signature}
${confirm}`;
}

/** The upload form: paste the text or choose a file. */
function uploadForm(csrf: string, base: string, text: string, error: string | null): SafeHtml {
  const accept = '.txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return html`<div class="card"><form method="post" action="${base}/nhap" enctype="multipart/form-data" novalidate \
class="stack" id="import-form">${csrfField(csrf)}${error ? html`<p class="error-box" role="alert">${error}</p>` : ''}
<div class="field"><label for="f-text">Dán nội dung chương trình</label><textarea id="f-text" name="text" class="tall">
${text}</textarea><div class="hint">Gồm phần A (nhiệm vụ trọng tâm) và phần B (các phiên họp với danh sách nội dung \
đánh số và các câu "(… chuẩn bị nội dung …)").</div></div>
<div class="field"><label for="f-file">Hoặc tải lên tệp .txt hoặc .docx</label>\
<input id="f-file" type="file" name="file" accept="${accept}">\
<div class="hint">Khi chọn tệp, nội dung trong ô trên không được dùng.</div></div>
<div><button type="submit">Xem trước</button></div></form></div>`;
}

const CONFLICT_VI =
  'Dữ liệu hoặc văn bản đã thay đổi từ lúc xem trước: hãy xem lại kết quả dưới đây rồi xác nhận lần nữa.';

export function programmeImportPage(deps: ProgrammeImportPageDeps): Router {
  const r = Router();

  async function shell(
    res: Response,
    p: { bodyCode: string; month: string },
    content: SafeHtml,
    title = 'Nhập chương trình từ văn bản',
  ) {
    const body = await deps.organisation.getBody(p.bodyCode);
    const crumbs = [OFFICE_CRUMB, { href: baseOf(p.bodyCode, p.month), label: `Chương trình ${monthLabel(p.month)}` }];
    return page(
      { title, user: userOf(res), crumbs },
      html`<h1>Nhập chương trình công tác ${monthLabel(p.month)} từ văn bản</h1>\
<p class="muted">${body.name}. Chưa có gì được lưu cho đến khi bấm "Xác nhận nhập".</p>${content}`,
    );
  }

  r.get('/van-phong/chuong-trinh/:body/:month/nhap', async (req, res) => {
    const p = monthParams(req.params);
    res.send(await shell(res, p, uploadForm(userOf(res)!.csrf, baseOf(p.bodyCode, p.month), '', null)));
  });

  r.post('/van-phong/chuong-trinh/:body/:month/nhap', async (req, res) => {
    const p = monthParams(req.params);
    const values = (req.body ?? {}) as FormValues;
    const csrf = userOf(res)!.csrf;
    const failed = async (message: string, text = one(values, 'text')) =>
      void res.status(400).send(await shell(res, p, uploadForm(csrf, baseOf(p.bodyCode, p.month), text, message)));
    const uploadError = res.locals.uploadError as ValidationError | undefined;
    if (uploadError) return failed(`Tệp tải lên ${uploadVi(uploadError.details[0]?.problem ?? '')}.`);
    let text = one(values, 'text');
    const file = res.locals.upload as { field: string; name: string; type: string; data: Buffer } | null | undefined;
    if (file && file.data.length) {
      try {
        text = await uploadedText(file);
      } catch (err) {
        if (err instanceof ValidationError)
          return failed(`Tệp "${file.name}" ${uploadVi(err.details[0]?.problem ?? '')}.`);
        throw err;
      }
    }
    if (!text.trim()) return failed('Hãy dán nội dung chương trình hoặc chọn tệp .txt, .docx.');
    const plan = await deps.programmeImport.preview(p.bodyCode, p.month, text);
    res.send(await shell(res, p, review(plan, text, csrf), 'Xem trước khi nhập chương trình'));
  });

  r.post('/van-phong/chuong-trinh/:body/:month/nhap/xac-nhan', async (req, res) => {
    const p = monthParams(req.params);
    const values = req.body as FormValues;
    const text = one(values, 'text');
    const expect = one(values, 'expect') || undefined;
    try {
      await deps.programmeImport.confirm(p.bodyCode, p.month, text, expect, actorOf(res));
    } catch (err) {
      if (!(err instanceof ValidationError) && !(err instanceof ConflictError)) throw err;
      // The review again, as the data reads now, with what stopped the import.
      const plan = await deps.programmeImport.preview(p.bodyCode, p.month, text);
      const why = err instanceof ConflictError ? CONFLICT_VI : 'Chưa nhập được: xem các lỗi dưới đây.';
      const content = html`<p class="error-box" role="alert" id="confirm-error">${why}</p>\
${review(plan, text, userOf(res)!.csrf)}`;
      res
        .status(err instanceof ConflictError ? 409 : 400)
        .send(await shell(res, p, content, 'Xem trước khi nhập chương trình'));
      return;
    }
    res.redirect(303, `${baseOf(p.bodyCode, p.month)}?ok=import`);
  });
  return r;
}
