/**
 * The Office's programme editor (`/van-phong/chuong-trinh/<body>/<YYYY-MM>`): warnings, part A in
 * Markdown, the document settings (signature block, Nơi nhận, number line), what changed since the
 * last version, publish, versions; and the draft as printable HTML and DOCX.
 */
import { Router, type Response } from 'express';
import { actorOf } from '../../http/auth';
import type { OrganisationService } from '../../organisation/service';
import { markdownToHtml } from '../../publishing/part-a';
import { shiftMonth } from '../../publishing/periods';
import { renderDocx } from '../../publishing/render-docx';
import { documentPage } from '../../publishing/render-html';
import type { PublishingService } from '../../publishing/service';
import { partAInput, recipientLines, settingsInput } from '../../publishing/settings';
import { html, raw } from '../../shared/html';
import { userOf } from '../auth';
import { formRoutes, noticeOf } from '../form-route';
import { form, input, one, textarea, type FormState } from '../forms';
import { page } from '../layout';
import { DONE_MESSAGES } from '../messages';
import { DOCX_TYPE, monthLabel } from '../views';
import { monthParams, OFFICE_CRUMB } from './paths';
import { publishRoute, publishSection } from './publish-section';

export interface ProgrammePageDeps {
  publishing: Pick<
    PublishingService,
    'draftProgramme' | 'settings' | 'savePartA' | 'saveSettings' | 'versions' | 'pathOf' | 'compare' | 'publish'
  >;
  organisation: Pick<OrganisationService, 'getBody'>;
}

type Params = { bodyCode: string; month: string };
type Settings = Awaited<ReturnType<PublishingService['settings']>>;

const PART_A_HINT = '### cho đề mục; để một dòng trống giữa các đoạn; **chữ đậm**, *chữ nghiêng*; - cho gạch đầu dòng.';
const ISSUE_DATE_LABEL =
  'Ngày ban hành ghi trên văn bản (để trống: ngày bấm ban hành; ' +
  'bản điều chỉnh chỉ dùng ngày này khi nó mới hơn ngày của bản trước)';

function settingsFields(settings: Settings, state: FormState | undefined) {
  return html`${input({
    name: 'signatureAuthority',
    label: 'Thẩm quyền ký',
    value: settings.signatureAuthority,
    hint: 'Ví dụ: TL. CHỦ TỊCH hoặc TM. ỦY BAN NHÂN DÂN',
    state,
  })}
${input({ name: 'signatureTitle', label: 'Chức vụ người ký', value: settings.signatureTitle, state })}
${input({ name: 'signerName', label: 'Họ tên người ký', value: settings.signerName, state })}
${input({ name: 'issueDate', label: ISSUE_DATE_LABEL, type: 'date', value: settings.issueDate ?? '', state })}
${input({
  name: 'numberTemplate',
  label: 'Dòng số văn bản',
  value: settings.numberTemplate,
  hint: '{number} là chỗ ghi số',
  state,
})}
${textarea({ name: 'recipients', label: 'Nơi nhận (mỗi dòng một nơi)', value: settings.recipients.join('\n'), state })}
<div><button type="submit">Lưu thiết lập</button></div>`;
}

export function programmePage(deps: ProgrammePageDeps): Router {
  const r = Router();
  const done = noticeOf(DONE_MESSAGES);

  async function render(res: Response, p: Params, forms: Record<string, FormState> = {}, ok: string | null = null) {
    const { bodyCode, month } = p;
    const user = userOf(res)!;
    const [doc, settings, body] = await Promise.all([
      deps.publishing.draftProgramme(bodyCode, month),
      deps.publishing.settings(bodyCode, month),
      deps.organisation.getBody(bodyCode),
    ]);
    const base = `/van-phong/chuong-trinh/${bodyCode}/${month}`;
    const partAState = forms['part-a'];
    const partAValue = partAState?.values.markdown;
    const preview = markdownToHtml(typeof partAValue === 'string' ? partAValue : settings.partA);
    const partAField = textarea({
      name: 'markdown',
      label: 'Nội dung (Markdown)',
      value: settings.partA,
      state: partAState,
      tall: true,
      hint: PART_A_HINT,
    });
    const partAForm = form(
      `${base}/phan-a`,
      user.csrf,
      html`${partAField}<div><button type="submit">Lưu phần A</button></div>`,
      {
        id: 'part-a-form',
        state: partAState,
      },
    );
    const settingsForm = form(`${base}/thiet-lap`, user.csrf, settingsFields(settings, forms.settings), {
      id: 'settings-form',
      state: forms.settings,
    });
    const warnings = doc.warnings.length
      ? html`<div class="card"><h2>Cảnh báo (không in ra văn bản)</h2>\
<ul class="warnings office-warnings">${doc.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>`
      : '';
    const publish = await publishSection(
      deps,
      res,
      { kind: 'programme', bodyCode, period: month, base },
      forms.publish,
    );
    const crumbs = [OFFICE_CRUMB, { href: `/van-phong/lich/${bodyCode}/${month}`, label: `Lịch ${monthLabel(month)}` }];
    return page(
      { title: `Chương trình ${monthLabel(month)}`, user, done: ok, crumbs },
      html`<h1>Chương trình công tác ${monthLabel(month)}: ${body.name}</h1>
<nav class="nav-periods"><a href="/van-phong/chuong-trinh/${bodyCode}/${shiftMonth(month, -1)}">‹ Tháng trước</a>\
<a href="/van-phong/chuong-trinh/${bodyCode}/${shiftMonth(month, 1)}">Tháng sau ›</a>
<a href="${base}/du-thao">Xem bản dự thảo (A4)</a><a href="${base}/du-thao.docx">Tải DOCX dự thảo</a>\
<a href="/van-phong/san-sang/${bodyCode}/${month}">Bảng theo dõi</a><a href="${base}/nhap">Nhập từ văn bản</a></nav>
${warnings}
<div class="grid two">
<div class="card"><h2>Phần A: Nhiệm vụ trọng tâm</h2>${partAForm}
<details><summary>Xem trước phần A</summary><div class="rich">${raw(preview)}</div></details></div>
<div class="card"><h2>Thiết lập văn bản</h2>${settingsForm}</div>
</div>
${publish}`,
    );
  }

  r.get('/van-phong/chuong-trinh/:body/:month', async (req, res) => {
    res.send(await render(res, monthParams(req.params), {}, done(req.query.ok)));
  });
  r.get('/van-phong/chuong-trinh/:body/:month/du-thao', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    const doc = await deps.publishing.draftProgramme(bodyCode, month);
    const toolbar = html`<span class="draft">DỰ THẢO: chưa ban hành.</span> \
<a href="/van-phong/chuong-trinh/${bodyCode}/${month}">Về trang soạn thảo</a> <a href="du-thao.docx">Tải DOCX</a>`;
    res.send(documentPage(doc, toolbar));
  });
  r.get('/van-phong/chuong-trinh/:body/:month/du-thao.docx', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    const doc = await deps.publishing.draftProgramme(bodyCode, month);
    const file = `chuong-trinh-cong-tac-${bodyCode}-${month}-du-thao.docx`;
    res.type(DOCX_TYPE).setHeader('Content-Disposition', `attachment; filename="${file}"`);
    res.send(await renderDocx(doc));
  });

  const post = formRoutes(r, { params: (req) => monthParams(req.params), redraw: render });
  const back = (p: Params, ok: string) => `/van-phong/chuong-trinh/${p.bodyCode}/${p.month}?ok=${ok}`;
  post('/van-phong/chuong-trinh/:body/:month/phan-a', {
    key: 'part-a',
    fields: ['markdown'],
    schema: partAInput,
    read: (v) => ({ markdown: one(v, 'markdown') }),
    act: async (input, p, res) => {
      await deps.publishing.savePartA(p.bodyCode, p.month, input.markdown, actorOf(res));
      return back(p, 'part-a');
    },
  });
  post('/van-phong/chuong-trinh/:body/:month/thiet-lap', {
    key: 'settings',
    fields: ['signatureAuthority', 'signatureTitle', 'signerName', 'issueDate', 'numberTemplate', 'recipients'],
    schema: settingsInput,
    read: (v) => ({
      signatureAuthority: one(v, 'signatureAuthority'),
      signatureTitle: one(v, 'signatureTitle'),
      signerName: one(v, 'signerName'),
      issueDate: one(v, 'issueDate') || null,
      numberTemplate: one(v, 'numberTemplate'),
      recipients: recipientLines(one(v, 'recipients')),
    }),
    act: async (patch, p, res) => {
      await deps.publishing.saveSettings(p.bodyCode, p.month, patch, actorOf(res));
      return back(p, 'settings');
    },
  });
  publishRoute(r, deps, {
    kind: 'programme',
    path: '/van-phong/chuong-trinh/:body/:month/ban-hanh',
    params: monthParams,
    period: (p) => p.month,
    redraw: render,
  });
  return r;
}
