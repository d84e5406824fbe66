/**
 * The documents of the directives component:
 * - the notice in official form (Nghị định 30/2020 layout, as the publishing component prints
 *   programmes): issuing body and national name/motto header (a Party committee's "ĐẢNG CỘNG SẢN
 *   VIỆT NAM"), "THÔNG BÁO" and its summary, number and place-date line, preamble, sections and
 *   directives verbatim, Nơi nhận and the signature block; as printable HTML and DOCX;
 * - the follow-up report "Báo cáo kết quả thực hiện ý kiến chỉ đạo" of a body for a period:
 *   each directive, its assignees, deadline, status, latest report and days overdue, with the
 *   counts by classification; as HTML, DOCX and XLSX (exceljs).
 * Models are plain JSON built by pure functions; renderers are pure too (the DOCX and XLSX
 * packers are asynchronous only).
 */
import ExcelJS from 'exceljs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
} from 'docx';
import { utcToLocal } from '../meetings/local-time';
import type { Directory } from '../meetings/views';
import type { Body } from '../organisation/types';
import { issuerName } from '../publishing/entries';
import { upperVi } from '../publishing/format';
import {
  CADENCE_LABELS,
  DIRECTIVE_STATUS_LABELS,
  placeDateLine,
  PROGRESS_LABELS,
  ROLE_WORDS,
  shortDate,
} from '../shared/wording';
import { html, raw } from '../shared/html';
import { DOCUMENT_CSS } from '../publishing/print-css';
import {
  FONT,
  LANGUAGE,
  PT,
  contentWidth,
  footerTable,
  headerTable,
  mm,
  pageOf,
  para,
  rule,
} from '../publishing/render-docx';
import { footerBlock, headerBlock } from '../publishing/render-html';
import { bodyDefaults } from '../publishing/settings';
import type { DocumentHeader, SignatureBlock } from '../publishing/types';
import { NotFoundError, ValidationError } from '../shared/errors';
import { overdueDays, progressOf, type Progress } from './deadlines';
import type { DirectivesService } from './service';
import type { Notice } from './types';
import { assigneeName } from './views';

/** The decree's header of a body's document. A Party committee's number reads "Số 123-TB/HU", a State body's "Số: 45/TB-UBND". */
export function headerOf(body: Body, number: string, date: string | null, year: number): DocumentHeader {
  const d = bodyDefaults(body);
  const party = body.kind === 'party-committee';
  return {
    issuerParent: upperVi(body.parentName ?? ''),
    issuer: issuerName(body),
    numberLine: `${party ? 'Số' : 'Số:'} ${number || '...'}`,
    placeDateLine: placeDateLine(body.place, date, year),
    nation: d.nation ?? 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: d.motto ?? 'Độc lập - Tự do - Hạnh phúc',
  };
}

export interface NoticeDocument {
  id: string;
  draft: boolean;
  header: DocumentHeader;
  type: 'THÔNG BÁO';
  /** The summary (trích yếu) as written, e.g. "Ý KIẾN CHỈ ĐẠO CỦA THƯỜNG TRỰC HUYỆN ỦY tại Hội nghị giao ban ...". */
  summary: string;
  preamble: string[];
  /** Sections in order; a notice without sections has one with a null heading. */
  sections: { heading: string | null; paragraphs: string[] }[];
  recipients: string[];
  signature: SignatureBlock;
  /** The page title: "Thông báo số 123-TB/HU - Huyện ủy". */
  title: string;
}

/** The notice as an official document (warnings are for the Office: never printed). */
export function noticeDocument(n: Notice, dir: Directory): NoticeDocument {
  const body = dir.bodies.get(n.bodyCode);
  const year = Number((n.date ?? n.meetingDate ?? n.createdAt.toISOString()).slice(0, 4));
  const header: DocumentHeader = body
    ? headerOf(body, n.number, n.date, year)
    : {
        issuerParent: '',
        issuer: n.bodyCode.toUpperCase(),
        numberLine: `Số: ${n.number || '...'}`,
        placeDateLine: placeDateLine('...', n.date, year),
        nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        motto: 'Độc lập - Tự do - Hạnh phúc',
      };
  const sections: NoticeDocument['sections'] = [];
  const loose = n.directives.filter((d) => d.section === null).map((d) => d.text);
  if (loose.length || !n.sections.length) sections.push({ heading: null, paragraphs: loose });
  n.sections.forEach((heading, i) =>
    sections.push({ heading, paragraphs: n.directives.filter((d) => d.section === i).map((d) => d.text) }),
  );
  return {
    id: n.id,
    draft: n.status === 'draft',
    header,
    type: 'THÔNG BÁO',
    summary: n.title,
    preamble: n.preamble ? n.preamble.split('\n') : [],
    sections,
    recipients: n.recipients,
    signature: { authority: n.signer.authority, title: n.signer.title, signerName: n.signer.name },
    title: `Thông báo${n.number ? ` số ${n.number}` : ''}${n.status === 'draft' ? ' (DỰ THẢO)' : ''} - ${body?.shortName ?? n.bodyCode}`,
  };
}

const NOTICE_CSS = `
.doc .doc-heading { display: table; margin: 18pt auto 12pt; text-align: center; }
.doc .notice-body p { text-align: justify; text-indent: 1cm; margin: 0 0 6pt; }
.doc .notice-body p.section-heading { font-weight: bold; }
table.follow-up { width: 100%; border-collapse: collapse; font-size: 11pt; margin-top: 6pt; }
table.follow-up th, table.follow-up td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left; }
table.follow-up th { text-align: center; }
table.follow-up tr.overdue td { color: #a50e0e; }
.doc .counts p { text-indent: 1cm; margin: 0 0 3pt; }
`;

function page(title: string, article: ReturnType<typeof html>, landscape = false): string {
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${raw(DOCUMENT_CSS)}${raw(NOTICE_CSS)}</style></head>
<body><div class="sheet${landscape ? ' landscape' : ''}">${article}</div></body></html>`.toString();
}

export function noticeArticle(doc: NoticeDocument) {
  return html`<article class="doc notice${doc.draft ? ' draft' : ''}" lang="vi" data-notice="${doc.id}">
${doc.draft ? html`<p class="draft-mark"><span>DỰ THẢO</span></p>` : ''}${headerBlock(doc.header)}
<div class="doc-heading"><h1 class="doc-title"><span class="doc-type">${doc.type}</span><br><span class="doc-summary">${doc.summary}</span></h1><div class="title-rule"></div></div>
<section class="notice-body">
${doc.preamble.map((p) => html`<p class="preamble">${p}</p>`)}
${doc.sections.map((s) => html`${s.heading ? html`<p class="section-heading">${s.heading}</p>` : ''}${s.paragraphs.map((p) => html`<p class="directive">${p}</p>`)}`)}
</section>
${footerBlock(doc.recipients, doc.signature)}
</article>`;
}

/** The notice as a printable A4 page. */
export function noticeHtml(doc: NoticeDocument): string {
  return page(doc.title, noticeArticle(doc));
}

function docxFile(
  title: string,
  creator: string,
  children: (Paragraph | Table)[],
  landscape: boolean,
  draft: boolean,
): Promise<Buffer> {
  const file = new Document({
    creator,
    title,
    ...(draft ? { keywords: 'DỰ THẢO' } : {}),
    styles: { default: { document: { run: { font: FONT, size: PT(14), language: { value: LANGUAGE } } } } },
    sections: [
      {
        properties: {
          page: pageOf(landscape),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(file);
}

/** The notice as a Word file, in the same layout. */
export function noticeDocx(doc: NoticeDocument): Promise<Buffer> {
  const width = contentWidth(false);
  const children: (Paragraph | Table)[] = [headerTable(doc.header, width)];
  if (doc.draft) children.unshift(para('DỰ THẢO', { align: 'left', style: { bold: true } }));
  children.push(para(doc.type, { align: 'center', before: 18, after: 0, style: { bold: true }, keepNext: true }));
  children.push(para(doc.summary, { align: 'center', after: 0, style: { bold: true }, keepNext: true }));
  children.push(rule(mm(40), width, 240));
  for (const p of doc.preamble) children.push(para(p, { indent: true }));
  for (const s of doc.sections) {
    if (s.heading) children.push(para(s.heading, { indent: true, style: { bold: true }, keepNext: true }));
    for (const p of s.paragraphs) children.push(para(p, { indent: true }));
  }
  children.push(footerTable(doc.recipients, doc.signature, width));
  return docxFile(doc.title, doc.header.issuer.replace(/\n/g, ' '), children, false, doc.draft);
}

// ---------------------------------------------------------------------------------------------
// The follow-up report

export interface FollowUpRow {
  no: number;
  directiveId: string;
  notice: string;
  section: string | null;
  text: string;
  assignees: string;
  deadline: string;
  status: string;
  progress: Progress;
  progressLabel: string;
  latestReport: string;
  overdueDays: number;
}

export interface FollowUpReport {
  bodyCode: string;
  bodyName: string;
  from: string;
  to: string;
  /** The moment the statuses are read at, local `YYYY-MM-DDTHH:mm`. */
  asOf: string;
  header: DocumentHeader;
  type: 'BÁO CÁO';
  summary: string;
  counts: { progress: Progress; label: string; count: number }[];
  total: number;
  rows: FollowUpRow[];
  signature: SignatureBlock;
  recipients: string[];
}

const PROGRESS_ORDER: Progress[] = [
  'done-on-time',
  'done-late',
  'on-track',
  'overdue',
  'not-due',
  'standing',
  'no-deadline',
  'cancelled',
];

/**
 * The report's model: the directives of the body's issued notices dated (issue date, else the
 * meeting's date) in [from, to], as they stand now.
 */
export function buildFollowUp(
  body: Body,
  notices: Notice[],
  dir: Directory,
  from: string,
  to: string,
  now: Date,
  fallbackZone: string,
): FollowUpReport {
  const zone = body.timeZone || fallbackZone;
  const local = (d: Date) => utcToLocal(d, zone);
  const at = (d: Date) => `${shortDate(local(d).slice(0, 10))} ${local(d).slice(11, 16)}`;
  const inPeriod = notices
    .filter((n) => n.bodyCode === body.code && n.status === 'issued')
    .filter((n) => {
      const day = n.date ?? n.meetingDate ?? local(n.createdAt).slice(0, 10);
      return day >= from && day <= to;
    })
    .sort(
      (a, b) => (a.date ?? a.meetingDate ?? '').localeCompare(b.date ?? b.meetingDate ?? '') || (a.id < b.id ? -1 : 1),
    );
  const rows: FollowUpRow[] = [];
  for (const n of inPeriod) {
    const label = `Thông báo${n.number ? ` số ${n.number}` : ''}${n.date ? ` ngày ${shortDate(n.date)}` : n.meetingDate ? ` (giao ban ngày ${shortDate(n.meetingDate)})` : ''}`;
    for (const d of n.directives) {
      const progress = progressOf(d, now);
      const latest = d.reports[d.reports.length - 1];
      rows.push({
        no: rows.length + 1,
        directiveId: d.id,
        notice: label,
        section: d.section === null ? null : (n.sections[d.section] ?? null),
        text: d.text,
        assignees:
          d.assignees
            .map((a) => `${assigneeName(a, dir)}${d.assignees.length > 1 ? ` (${ROLE_WORDS[a.role]})` : ''}`)
            .join('; ') || 'Chưa giao',
        deadline: d.dueAt
          ? d.dueTimeAssumed
            ? shortDate(local(d.dueAt).slice(0, 10))
            : at(d.dueAt)
          : d.cadence
            ? `Thường xuyên (báo cáo ${CADENCE_LABELS[d.cadence]})`
            : 'Không nêu',
        status: DIRECTIVE_STATUS_LABELS[d.status],
        progress,
        progressLabel: PROGRESS_LABELS[progress],
        latestReport: latest
          ? `${shortDate(latest.date)}: ${latest.text}${latest.documentNumber ? ` (${latest.documentNumber})` : ''}`
          : '',
        overdueDays: overdueDays(d, now, zone),
      });
    }
  }
  const counts = PROGRESS_ORDER.map((p) => ({
    progress: p,
    label: PROGRESS_LABELS[p],
    count: rows.filter((r) => r.progress === p).length,
  })).filter((c) => c.count > 0);
  const defaults = bodyDefaults(body);
  const today = local(now).slice(0, 10);
  return {
    bodyCode: body.code,
    bodyName: body.name,
    from,
    to,
    asOf: local(now),
    header: headerOf(body, '', null, Number(today.slice(0, 4))),
    type: 'BÁO CÁO',
    summary: `Kết quả thực hiện ý kiến chỉ đạo từ ngày ${shortDate(from)} đến ngày ${shortDate(to)}`,
    counts,
    total: rows.length,
    rows,
    signature: { authority: defaults.signatureAuthority, title: defaults.signatureTitle, signerName: '' },
    recipients: defaults.recipients,
  };
}

/** Reads what the report needs and builds it. */
export async function followUpModel(
  service: DirectivesService,
  bodyCode: string,
  from: string,
  to: string,
): Promise<FollowUpReport> {
  const dir = await service.directory();
  const body = dir.bodies.get(bodyCode);
  if (!body) throw new NotFoundError('Body', bodyCode);
  if (from > to) throw ValidationError.field('query.from', 'must not be after to');
  return buildFollowUp(
    body,
    await service.listNotices({ bodyCode, status: 'issued' }),
    dir,
    from,
    to,
    service.now(),
    body.timeZone,
  );
}

const COLUMNS = [
  'TT',
  'Nội dung chỉ đạo',
  'Cơ quan, đơn vị thực hiện',
  'Thời hạn',
  'Kết quả, tiến độ',
  'Đánh giá',
  'Quá hạn (ngày)',
];

export function followUpArticle(r: FollowUpReport) {
  return html`<article class="doc follow-up" lang="vi" data-body="${r.bodyCode}" data-from="${r.from}" data-to="${r.to}">
${headerBlock(r.header)}
<div class="doc-heading"><h1 class="doc-title"><span class="doc-type">${r.type}</span><br><span class="doc-summary">${r.summary}</span></h1><div class="title-rule"></div></div>
<div class="counts"><p>Tổng số nhiệm vụ: ${r.total} (số liệu đến ${r.asOf.slice(11, 16)} ngày ${shortDate(r.asOf.slice(0, 10))}).</p>${r.counts.map((c) => html`<p>- ${c.label}: ${c.count}.</p>`)}</div>
<table class="follow-up"><thead><tr>${COLUMNS.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>
${r.rows.map((row) => html`<tr class="${row.progress}" data-directive="${row.directiveId}"><td>${row.no}</td><td>${row.text}<br><em>(${row.notice})</em></td><td>${row.assignees}</td><td>${row.deadline}</td><td>${row.status}${row.latestReport ? html`<br>${row.latestReport}` : ''}</td><td>${row.progressLabel}</td><td>${row.overdueDays || ''}</td></tr>`)}
</tbody></table>
${footerBlock(r.recipients, r.signature)}
</article>`;
}

export function followUpHtml(r: FollowUpReport): string {
  return page(
    `Báo cáo kết quả thực hiện ý kiến chỉ đạo - ${r.bodyName} - ${shortDate(r.from)} đến ${shortDate(r.to)}`,
    followUpArticle(r),
    true,
  );
}

export function followUpDocx(r: FollowUpReport): Promise<Buffer> {
  const width = contentWidth(true);
  const cols = [0.05, 0.33, 0.16, 0.1, 0.2, 0.1, 0.06].map((f) => Math.round(width * f));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const c = (text: string, i: number, bold = false) =>
    new TableCell({
      children: text.split('\n').map((t) => para(t, { align: 'left', after: 0, style: { size: 11, bold } })),
      width: { size: cols[i]!, type: WidthType.DXA },
      borders,
    });
  const rows = [new TableRow({ tableHeader: true, children: COLUMNS.map((t, i) => c(t, i, true)) })];
  for (const row of r.rows) {
    rows.push(
      new TableRow({
        children: [
          c(String(row.no), 0),
          c(`${row.text}\n(${row.notice})`, 1),
          c(row.assignees, 2),
          c(row.deadline, 3),
          c(`${row.status}${row.latestReport ? `\n${row.latestReport}` : ''}`, 4),
          c(row.progressLabel, 5),
          c(row.overdueDays ? String(row.overdueDays) : '', 6),
        ],
      }),
    );
  }
  const children: (Paragraph | Table)[] = [
    headerTable(r.header, width),
    para(r.type, { align: 'center', before: 18, after: 0, style: { bold: true }, keepNext: true }),
    para(r.summary, { align: 'center', after: 0, style: { bold: true }, keepNext: true }),
    rule(mm(40), width, 240),
    para(`Tổng số nhiệm vụ: ${r.total} (số liệu đến ${r.asOf.slice(11, 16)} ngày ${shortDate(r.asOf.slice(0, 10))}).`, {
      indent: true,
    }),
    ...r.counts.map((x) => para(`- ${x.label}: ${x.count}.`, { indent: true, after: 0 })),
    new Table({ rows, width: { size: width, type: WidthType.DXA }, columnWidths: cols, layout: TableLayoutType.FIXED }),
    new Paragraph({ children: [], alignment: AlignmentType.LEFT }),
    footerTable(r.recipients, r.signature, width),
  ];
  return docxFile(`Báo cáo kết quả thực hiện ý kiến chỉ đạo - ${r.bodyName}`, r.bodyName, children, true, false);
}

/** The report as a spreadsheet: a title block, the counts, and one row per directive (overdue in red). */
export async function followUpXlsx(r: FollowUpReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = r.bodyName;
  wb.title = `Báo cáo kết quả thực hiện ý kiến chỉ đạo - ${r.bodyName}`;
  wb.created = new Date(0); // reproducible output: the date is in the sheet, not the file's metadata
  wb.modified = new Date(0);
  const ws = wb.addWorksheet('Báo cáo', {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- 9 is A4: exceljs's PaperSize is a const enum with no runtime value (SWC cannot inline it)
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 5 }, { width: 60 }, { width: 28 }, { width: 16 }, { width: 40 }, { width: 24 }, { width: 10 }];
  const font = { name: 'Times New Roman', size: 12 };
  const title = (text: string, bold = true) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, COLUMNS.length);
    row.getCell(1).font = { ...font, bold, size: 13 };
    row.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  };
  title(r.header.issuer.replace(/\n/g, ' '));
  title('BÁO CÁO');
  title(r.summary);
  title(
    `Số liệu đến ${r.asOf.slice(11, 16)} ngày ${shortDate(r.asOf.slice(0, 10))}; tổng số nhiệm vụ: ${r.total}`,
    false,
  );
  for (const c of r.counts) ws.addRow(['', `${c.label}: ${c.count}`]).getCell(2).font = font;
  ws.addRow([]);
  const head = ws.addRow(COLUMNS);
  head.eachCell((cell) => {
    cell.font = { ...font, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
  for (const row of r.rows) {
    const x = ws.addRow([
      row.no,
      `${row.text}\n(${row.notice})`,
      row.assignees,
      row.deadline,
      `${row.status}${row.latestReport ? `\n${row.latestReport}` : ''}`,
      row.progressLabel,
      row.overdueDays || null,
    ]);
    x.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { ...font, color: row.progress === 'overdue' ? { argb: 'FFA50E0E' } : { argb: 'FF000000' } };
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
