/**
 * Office pages for publishing: the programme editor (warnings, part A, document settings, what
 * changed since the last version, publish, versions), the weekly schedule's publishing page, the
 * draft previews, and the readiness board.
 */
import { Router, type Response } from 'express';
import { actorOf } from '../http/auth';
import { parseWith } from '../http/validate';
import { utcToLocal } from '../meetings/local-time';
import { loadDirectory } from '../meetings/views';
import { clockTime, shortDate } from '../publishing/format';
import { html, raw } from '../publishing/html';
import { markdownToHtml } from '../publishing/part-a';
import { monthPeriod, monthRange, shiftMonth, weekPeriod } from '../publishing/periods';
import { renderDocx } from '../publishing/render-docx';
import { documentPage } from '../publishing/render-html';
import { publishInput } from '../publishing/routes';
import { partAInput, recipientLines, settingsInput } from '../publishing/settings';
import type { DocumentKind } from '../publishing/types';
import type { Services } from '../services';
import { code } from '../shared/schemas';
import { userOf } from './auth';
import { form, input, one, submitForm, textarea, type FormState, type FormValues } from './forms';
import { page } from './layout';
import { DONE_MESSAGES, ROLE_LABELS } from './messages';
import { occurrencePath } from './office-occurrence';
import { readinessBoard } from './readiness';
import { comparisonView, statusBadge, versionsTable } from './views';

const monthLabel = (month: string) => `tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

export function officeProgrammePages(s: Services): Router {
  const r = Router();
  const done = (q: unknown) => DONE_MESSAGES[String(q ?? '')] ?? null;
  const localDay = (d: Date, zone: string) => shortDate(utcToLocal(d, zone).slice(0, 10));

  async function publishSection(res: Response, kind: DocumentKind, bodyCode: string, period: string, base: string, state?: FormState) {
    const user = userOf(res)!;
    const [versions, body] = await Promise.all([s.publishing.versions(kind, bodyCode, period), s.organisation.getBody(bodyCode)]);
    const latest = versions[versions.length - 1];
    const path = s.publishing.pathOf(kind, bodyCode, period);
    const pending = latest ? (await s.publishing.compare(kind, bodyCode, period, latest.version, 'current')).comparison : null;
    const button = latest ? `Ban hành bản điều chỉnh lần ${latest.version}` : 'Ban hành';
    return html`<h2>Ban hành</h2>
${latest ? html`<div class="card pending"><h3>Thay đổi so với ${latest.label}</h3>${comparisonView(pending!)}</div>` : ''}
<div class="card">${form(
      `${base}/ban-hanh`,
      user.csrf,
      html`${input({ name: 'documentNumber', label: kind === 'programme' ? 'Số văn bản' : 'Số văn bản (nếu có)', value: latest?.documentNumber ?? '', hint: 'Số do văn thư cấp, ví dụ 45', state })}${input({ name: 'issueDate', label: 'Ngày ban hành ghi trên văn bản', type: 'date', hint: 'Để trống: ngày trong thiết lập văn bản nếu có và mới hơn bản trước, không thì ngày hôm nay.', state })}${textarea({ name: 'note', label: 'Ghi chú (lý do điều chỉnh)', state })}<div><button type="submit">${button}</button></div>`,
      { id: 'publish-form', state },
    )}</div>
<h2>Các bản đã ban hành</h2>${versionsTable(path, versions, (d) => localDay(d, body.timeZone))}`;
  }

  async function editor(res: Response, bodyCode: string, month: string, forms: Record<string, FormState> = {}, ok?: string | null): Promise<string> {
    const user = userOf(res)!;
    const [doc, settings, body] = await Promise.all([s.publishing.draftProgramme(bodyCode, month), s.publishing.settings(bodyCode, month), s.organisation.getBody(bodyCode)]);
    const base = `/van-phong/chuong-trinh/${bodyCode}/${month}`;
    const partAValue = forms['part-a']?.values.markdown;
    return page(
      { title: `Chương trình ${monthLabel(month)}`, user, done: ok ?? null, crumbs: [{ href: '/van-phong', label: 'Văn phòng' }, { href: `/van-phong/lich/${bodyCode}/${month}`, label: `Lịch ${monthLabel(month)}` }] },
      html`<h1>Chương trình công tác ${monthLabel(month)}: ${body.name}</h1>
<nav class="nav-periods"><a href="/van-phong/chuong-trinh/${bodyCode}/${shiftMonth(month, -1)}">‹ Tháng trước</a><a href="/van-phong/chuong-trinh/${bodyCode}/${shiftMonth(month, 1)}">Tháng sau ›</a>
<a href="${base}/du-thao">Xem bản dự thảo (A4)</a><a href="${base}/du-thao.docx">Tải DOCX dự thảo</a><a href="/van-phong/san-sang/${bodyCode}/${month}">Bảng theo dõi</a><a href="${base}/nhap">Nhập từ văn bản</a></nav>
${doc.warnings.length ? html`<div class="card"><h2>Cảnh báo (không in ra văn bản)</h2><ul class="warnings office-warnings">${doc.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>` : ''}
<div class="grid two">
<div class="card"><h2>Phần A: Nhiệm vụ trọng tâm</h2>${form(`${base}/phan-a`, user.csrf, html`${textarea({ name: 'markdown', label: 'Nội dung (Markdown)', value: settings.partA, state: forms['part-a'], tall: true, hint: '### cho đề mục; để một dòng trống giữa các đoạn; **chữ đậm**, *chữ nghiêng*; - cho gạch đầu dòng.' })}<div><button type="submit">Lưu phần A</button></div>`, { id: 'part-a-form', state: forms['part-a'] })}
<details><summary>Xem trước phần A</summary><div class="rich">${raw(markdownToHtml(typeof partAValue === 'string' ? partAValue : settings.partA))}</div></details></div>
<div class="card"><h2>Thiết lập văn bản</h2>${form(
        `${base}/thiet-lap`,
        user.csrf,
        html`${input({ name: 'signatureAuthority', label: 'Thẩm quyền ký', value: settings.signatureAuthority, hint: 'Ví dụ: TL. CHỦ TỊCH hoặc TM. ỦY BAN NHÂN DÂN', state: forms.settings })}
${input({ name: 'signatureTitle', label: 'Chức vụ người ký', value: settings.signatureTitle, state: forms.settings })}
${input({ name: 'signerName', label: 'Họ tên người ký', value: settings.signerName, state: forms.settings })}
${input({ name: 'issueDate', label: 'Ngày ban hành ghi trên văn bản (để trống: ngày bấm ban hành; bản điều chỉnh chỉ dùng ngày này khi nó mới hơn ngày của bản trước)', type: 'date', value: settings.issueDate ?? '', state: forms.settings })}
${input({ name: 'numberTemplate', label: 'Dòng số văn bản', value: settings.numberTemplate, hint: '{number} là chỗ ghi số', state: forms.settings })}
${textarea({ name: 'recipients', label: 'Nơi nhận (mỗi dòng một nơi)', value: settings.recipients.join('\n'), state: forms.settings })}
<div><button type="submit">Lưu thiết lập</button></div>`,
        { id: 'settings-form', state: forms.settings },
      )}</div>
</div>
${await publishSection(res, 'programme', bodyCode, month, base, forms.publish)}`,
    );
  }

  const monthParams = (p: Record<string, unknown>) => ({ bodyCode: parseWith(code, p.body, 'body'), month: parseWith(monthPeriod, p.month, 'month') });
  const weekParams = (p: Record<string, unknown>) => ({ bodyCode: parseWith(code, p.body, 'body'), week: parseWith(weekPeriod, p.week, 'week') });

  r.get('/van-phong/chuong-trinh/:body/:month', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    res.send(await editor(res, bodyCode, month, {}, done(req.query.ok)));
  });
  for (const [suffix, format] of [['du-thao', 'html'], ['du-thao.docx', 'docx']] as const) {
    r.get(`/van-phong/chuong-trinh/:body/:month/${suffix}`, async (req, res) => {
      const { bodyCode, month } = monthParams(req.params);
      const doc = await s.publishing.draftProgramme(bodyCode, month);
      if (format === 'docx') {
        res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').setHeader('Content-Disposition', `attachment; filename="chuong-trinh-cong-tac-${bodyCode}-${month}-du-thao.docx"`);
        return void res.send(await renderDocx(doc));
      }
      res.send(documentPage(doc, html`<span class="draft">DỰ THẢO: chưa ban hành.</span> <a href="/van-phong/chuong-trinh/${bodyCode}/${month}">Về trang soạn thảo</a> <a href="du-thao.docx">Tải DOCX</a>`));
    });
  }
  r.post('/van-phong/chuong-trinh/:body/:month/phan-a', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['markdown'],
      action: async () => {
        await s.publishing.savePartA(bodyCode, month, parseWith(partAInput, { markdown: one(v, 'markdown') }).markdown, actorOf(res));
        return `/van-phong/chuong-trinh/${bodyCode}/${month}?ok=part-a`;
      },
      rerender: (state) => editor(res, bodyCode, month, { 'part-a': state }),
    });
  });
  r.post('/van-phong/chuong-trinh/:body/:month/thiet-lap', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['signatureAuthority', 'signatureTitle', 'signerName', 'issueDate', 'numberTemplate', 'recipients'],
      action: async () => {
        const patch = parseWith(settingsInput, {
          signatureAuthority: one(v, 'signatureAuthority'),
          signatureTitle: one(v, 'signatureTitle'),
          signerName: one(v, 'signerName'),
          issueDate: one(v, 'issueDate') || null,
          numberTemplate: one(v, 'numberTemplate'),
          recipients: recipientLines(one(v, 'recipients')),
        });
        await s.publishing.saveSettings(bodyCode, month, patch, actorOf(res));
        return `/van-phong/chuong-trinh/${bodyCode}/${month}?ok=settings`;
      },
      rerender: (state) => editor(res, bodyCode, month, { settings: state }),
    });
  });
  r.post('/van-phong/chuong-trinh/:body/:month/ban-hanh', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['documentNumber', 'issueDate', 'note'],
      action: async () => {
        const out = await s.publishing.publish('programme', bodyCode, month, parseWith(publishInput, { documentNumber: one(v, 'documentNumber'), issueDate: one(v, 'issueDate') || undefined, note: one(v, 'note') }), actorOf(res));
        return `/programmes/${bodyCode}/${month}/versions/${out.publication.version}`;
      },
      rerender: (state) => editor(res, bodyCode, month, { publish: state }),
    });
  });

  async function weekPage(res: Response, bodyCode: string, week: string, state?: FormState, ok?: string | null): Promise<string> {
    const doc = await s.publishing.draftSchedule(bodyCode, week);
    const base = `/van-phong/lich-tuan/${bodyCode}/${week}`;
    return page(
      { title: `Lịch tuần ${week}`, user: userOf(res), done: ok ?? null, crumbs: [{ href: '/van-phong', label: 'Văn phòng' }] },
      html`<h1>Lịch công tác tuần: ${doc.body.name}</h1><p>${doc.subtitle}</p>
<nav class="nav-periods"><a href="/schedules/${bodyCode}/${week}">Bản in hiện hành</a><a href="/lich/${bodyCode}/tuan/${week}">Xem trên web</a></nav>
${doc.warnings.length ? html`<ul class="warnings">${doc.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
${await publishSection(res, 'schedule', bodyCode, week, base, state)}`,
    );
  }
  r.get('/van-phong/lich-tuan/:body/:week', async (req, res) => {
    const { bodyCode, week } = weekParams(req.params);
    res.send(await weekPage(res, bodyCode, week, undefined, done(req.query.ok)));
  });
  r.post('/van-phong/lich-tuan/:body/:week/ban-hanh', async (req, res) => {
    const { bodyCode, week } = weekParams(req.params);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['documentNumber', 'issueDate', 'note'],
      action: async () => {
        const out = await s.publishing.publish('schedule', bodyCode, week, parseWith(publishInput, { documentNumber: one(v, 'documentNumber'), issueDate: one(v, 'issueDate') || undefined, note: one(v, 'note') }), actorOf(res));
        return `/schedules/${bodyCode}/${week}/versions/${out.publication.version}`;
      },
      rerender: (state) => weekPage(res, bodyCode, week, state),
    });
  });

  r.get('/van-phong/san-sang/:body/:month', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    const body = await s.organisation.getBody(bodyCode);
    const range = monthRange(month);
    const occs = await s.meetings.occurrencesIn({ from: range.from, to: range.to, bodyCode });
    const [items, dir, doc] = await Promise.all([s.agendaRepo.listByOccurrences(occs.map((o) => o.id)), loadDirectory(s.orgRepos), s.publishing.draftProgramme(bodyCode, month)]);
    const board = readinessBoard(occs, items, dir, s.clock.now());
    const due = (d: Date | null) => (d ? `${localDay(d, body.timeZone)} ${clockTime(utcToLocal(d, body.timeZone).slice(11, 16))}` : '');
    res.send(
      page(
        { title: `Theo dõi ${monthLabel(month)}`, user: userOf(res), crumbs: [{ href: '/van-phong', label: 'Văn phòng' }, { href: `/van-phong/lich/${bodyCode}/${month}`, label: `Lịch ${monthLabel(month)}` }] },
        html`<h1>Bảng theo dõi chuẩn bị nội dung, ${monthLabel(month)}</h1><p class="muted">${body.name}. Ô đỏ: quá hạn nộp tài liệu mà chưa nộp.</p>
<nav class="nav-periods"><a href="/van-phong/san-sang/${bodyCode}/${shiftMonth(month, -1)}">‹ Tháng trước</a><a href="/van-phong/san-sang/${bodyCode}/${shiftMonth(month, 1)}">Tháng sau ›</a></nav>
${doc.warnings.length ? html`<div class="card"><h2>Cảnh báo</h2><ul class="warnings">${doc.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>` : ''}
<h2>Theo cơ quan</h2><div class="table-wrap"><table class="list responsive agencies-summary"><thead><tr><th>Cơ quan</th><th>Số nội dung</th><th>Đã nộp</th><th>Quá hạn</th></tr></thead><tbody>
${board.agencies.map((a) => html`<tr><td data-label="Cơ quan">${a.name}</td><td data-label="Số nội dung">${a.total}</td><td data-label="Đã nộp">${a.done}</td><td data-label="Quá hạn" class="${a.overdue ? 'overdue' : ''}">${a.overdue}</td></tr>`)}</tbody></table></div>
<h2>Nội dung × cơ quan</h2>
${board.rows.length ? html`<div class="table-wrap"><table class="list readiness"><thead><tr><th>Số</th><th class="item-title">Nội dung</th><th>Hạn nộp</th>${board.agencies.map((a) => html`<th title="${a.name}">${a.shortName}</th>`)}</tr></thead><tbody>
${board.rows.map((row, i) => {
  const first = i === 0 || board.rows[i - 1]!.occurrenceId !== row.occurrenceId;
  return html`${first ? html`<tr class="meeting-row"><th colspan="${3 + board.agencies.length}"><a href="${occurrencePath(row.occurrenceId)}">${row.meeting}</a>, ngày ${shortDate(row.date)}</th></tr>` : ''}<tr data-number="${row.number}"><td>${row.number}</td><td class="item-title">${row.title}${row.warnings.length ? html`<div class="muted">⚠ ${row.warnings.join(' ')}</div>` : ''}</td><td class="${row.overdue ? 'overdue' : ''}">${due(row.dueAt)}</td>
${board.agencies.map((a) => {
  const c = row.cells[a.code];
  return c ? html`<td class="cell ${c.overdue ? 'overdue' : ''}" data-agency="${a.code}">${statusBadge(c.status, c.overdue)}<div class="role">${ROLE_LABELS[c.role]}</div></td>` : html`<td></td>`;
})}</tr>`;
})}</tbody></table></div>` : html`<p class="muted">Tháng này chưa có nội dung trình nào.</p>`}`,
      ),
    );
  });
  return r;
}
