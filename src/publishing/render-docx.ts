/**
 * Renders documents to DOCX with the `docx` package, in the decree's layout (A4, Times New Roman,
 * margins 20/15/20/30 mm), as plain paragraphs and borderless tables the Office can still edit in Word.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { DOCUMENT_MARGINS_MM } from './print-css';
import { documentTitle } from './render-html';
import type { DocumentHeader, ProgrammeDocument, PublishedDocument, ScheduleDocument, SignatureBlock, TextBlock, TextRun as Run } from './types';

const FONT = 'Times New Roman';
/** Half-points. */
const PT = (pt: number) => pt * 2;
const A4 = { width: 11906, height: 16838 };
/** Millimetres to twips, rounded (docx's own helper truncates: 20 mm would be 1133). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
const INDENT = mm(10);

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

/**
 * Characters XML 1.0 does not allow (controls other than tab and line breaks, lone surrogates,
 * U+FFFE, U+FFFF): one of them in a run makes document.xml ill-formed and Word refuses the file.
 */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe to put in a Word run. @example xmlSafe('a\uFFFEb') === 'ab' */
export const xmlSafe = (text: string): string => text.replace(XML_INVALID, '');

const run = (text: string, style: RunStyle = {}) =>
  new TextRun({ text: xmlSafe(text), font: FONT, size: PT(style.size ?? 14), bold: style.bold ?? false, italics: style.italics ?? false, ...(style.underline ? { underline: {} } : {}) });

function para(children: ParagraphChild[] | string, opts: { align?: 'center' | 'justify' | 'left'; indent?: boolean; before?: number; after?: number; style?: RunStyle; keepNext?: boolean } = {}): Paragraph {
  const kids = typeof children === 'string' ? [run(children, opts.style)] : children;
  return new Paragraph({
    children: kids,
    alignment: opts.align === 'center' ? AlignmentType.CENTER : opts.align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    ...(opts.indent ? { indent: { firstLine: INDENT } } : {}),
    spacing: { before: (opts.before ?? 0) * 20, after: (opts.after ?? 6) * 20, line: 288 },
    ...(opts.keepNext ? { keepNext: true } : {}),
  });
}

/** A short centred rule under a header line: an empty paragraph with a bottom border, indented on both sides. */
function rule(widthTwips: number, cellTwips: number): Paragraph {
  const side = Math.max(0, Math.round((cellTwips - widthTwips) / 2));
  return new Paragraph({
    children: [],
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: side, right: side },
    spacing: { before: 0, after: 120, line: 120 },
  });
}

const noBorders = TableBorders.NONE;

function cell(children: (Paragraph | Table)[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: { top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } } });
}

function twoColumns(left: (Paragraph | Table)[], right: (Paragraph | Table)[], widths: [number, number]): Table {
  return new Table({
    rows: [new TableRow({ children: [cell(left, widths[0]), cell(right, widths[1])] })],
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: noBorders,
  });
}

function contentWidth(landscape: boolean): number {
  const m = DOCUMENT_MARGINS_MM;
  return (landscape ? A4.height : A4.width) - mm(m.left + m.right);
}

function headerTable(h: DocumentHeader, width: number): Table {
  const widths: [number, number] = [Math.round(width * 0.42), width - Math.round(width * 0.42)];
  const left = [
    ...(h.issuerParent ? [para(h.issuerParent, { align: 'center', after: 0, style: { size: 13 } })] : []),
    ...h.issuer.split('\n').map((line) => para(line, { align: 'center', after: 0, style: { size: 13, bold: true } })),
    rule(Math.round(widths[0] * 0.35), widths[0]),
    ...(h.numberLine ? [para(h.numberLine, { align: 'center', after: 0, style: { size: 13 } })] : []),
  ];
  const right = [
    para(h.nation, { align: 'center', after: 0, style: { size: 12.5, bold: true } }),
    ...(h.motto ? [para(h.motto, { align: 'center', after: 0, style: { size: 13.5, bold: true } })] : []),
    rule(Math.round(widths[1] * 0.62), widths[1]),
    para(h.placeDateLine, { align: 'center', after: 0, style: { size: 14, italics: true } }),
  ];
  return twoColumns(left, right, widths);
}

function footerTable(recipients: string[], s: SignatureBlock, width: number): Table {
  const half = Math.round(width / 2);
  const left = recipients.length
    ? [
        para('Nơi nhận:', { align: 'left', after: 0, style: { size: 12, bold: true, italics: true } }),
        ...recipients.map((l) => new Paragraph({ children: [run(l, { size: 11 })], alignment: AlignmentType.LEFT, spacing: { before: 0, after: 0 }, ...(l.startsWith('+') ? { indent: { left: mm(4) } } : {}) })),
      ]
    : [para('', { after: 0 })];
  const right = [
    para(s.authority, { align: 'center', after: 0, style: { bold: true } }),
    ...(s.title ? [para(s.title, { align: 'center', after: 0, style: { bold: true } })] : []),
    para('', { after: 0 }),
    para('', { after: 0 }),
    para('', { after: 0 }),
    para('', { after: 0 }),
    ...(s.signerName ? [para(s.signerName, { align: 'center', after: 0, style: { bold: true } })] : []),
  ];
  return twoColumns(left, right, [half, width - half]);
}

function titleParagraphs(doc: PublishedDocument, subtitle?: string): Paragraph[] {
  return [
    para(doc.title, { align: 'center', before: 18, after: 0, style: { bold: true } }),
    ...(subtitle ? [para(subtitle, { align: 'center', after: 0, style: { bold: true } })] : []),
    ...(doc.revisionLabel ? [para(doc.revisionLabel, { align: 'center', after: 0, style: { bold: true } })] : []),
    rule(mm(40), contentWidth(doc.type === 'schedule')),
  ];
}

const runsOf = (runs: Run[], size = 14) => runs.map((r) => run(r.text, { bold: !!r.bold, italics: !!r.italic, size }));

/** Part A's Markdown blocks as Word paragraphs: headings bold, paragraphs justified, lists with their markers. */
export function blockParagraphs(blocks: TextBlock[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of blocks) {
    if (b.type === 'heading') out.push(para(b.runs.map((r) => run(r.text, { bold: true, italics: !!r.italic })), { indent: true, keepNext: true }));
    else if (b.type === 'paragraph') out.push(para(runsOf(b.runs), { indent: true }));
    else b.items.forEach((item, i) => out.push(para([run(b.ordered ? `${b.start + i}. ` : '- '), ...runsOf(item)], { indent: true })));
  }
  return out;
}

function programmeBody(doc: ProgrammeDocument): Paragraph[] {
  const out: Paragraph[] = [para('A. NHIỆM VỤ TRỌNG TÂM', { before: 12, style: { bold: true }, keepNext: true }), ...blockParagraphs(doc.partA.blocks)];
  out.push(para(`B. ${doc.partB.heading}`, { before: 12, style: { bold: true }, keepNext: true }));
  for (const s of doc.partB.sections) {
    out.push(para(`${s.numeral}. ${s.text}`, { indent: true, style: { bold: s.kind === 'session' } }));
    for (const l of s.lines) out.push(l.type === 'item' ? para(`${l.number}. ${l.text}`, { indent: true }) : para(l.text, { align: 'justify' }));
    for (const e of s.entries) out.push(para(e, { indent: true }));
  }
  return out;
}

function scheduleTable(doc: ScheduleDocument, width: number): Table {
  const cols = [0.11, 0.3, 0.13, 0.2, 0.14, 0.12].map((f) => Math.round(width * f));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const c = (text: string, i: number, style: RunStyle = {}) =>
    new TableCell({ children: text.split('\n').map((t) => para(t, { align: 'left', after: 0, style: { size: 12, ...style } })), width: { size: cols[i]!, type: WidthType.DXA }, borders });
  const rows = [
    new TableRow({ tableHeader: true, children: ['Thời gian', 'Nội dung', 'Chủ trì', 'Thành phần', 'Chuẩn bị', 'Địa điểm'].map((t, i) => c(t, i, { bold: true })) }),
  ];
  for (const d of doc.days) {
    const label = `${d.weekday.toLocaleUpperCase('vi')}, ${d.dateLabel} (${d.lunar})${d.dayOff ? ` - Nghỉ: ${d.dayOff}` : ''}`;
    rows.push(new TableRow({ children: [new TableCell({ children: [para(label, { align: 'left', after: 0, style: { size: 12, bold: true } })], columnSpan: 6, borders })] }));
    if (!d.entries.length) rows.push(new TableRow({ children: [new TableCell({ children: [para('Không có lịch họp.', { align: 'left', after: 0, style: { size: 12, italics: true } })], columnSpan: 6, borders })] }));
    for (const e of d.entries) {
      rows.push(new TableRow({ children: [c(`${e.period} ${e.time}`, 0), c(e.note ? `${e.content}\n(${e.note})` : e.content, 1), c(e.chair, 2), c(e.attendees, 3), c(e.preparing, 4), c(e.place, 5)] }));
    }
  }
  return new Table({ rows, width: { size: width, type: WidthType.DXA }, columnWidths: cols, layout: TableLayoutType.FIXED });
}

/** The document as a Word file. */
export async function renderDocx(doc: PublishedDocument): Promise<Buffer> {
  const landscape = doc.type === 'schedule';
  const width = contentWidth(landscape);
  const m = DOCUMENT_MARGINS_MM;
  const body =
    doc.type === 'programme'
      ? [headerTable(doc.header, width), ...titleParagraphs(doc), ...programmeBody(doc)]
      : [headerTable(doc.header, width), ...titleParagraphs(doc, doc.subtitle), scheduleTable(doc, width), para(doc.note, { before: 8, style: { bold: true, italics: true } })];
  const file = new Document({
    creator: xmlSafe(doc.body.name),
    title: xmlSafe(documentTitle(doc)),
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: mm(m.top), bottom: mm(m.bottom), left: mm(m.left), right: mm(m.right) },
          },
        },
        children: [...body, footerTable(doc.recipients, doc.signature, width)],
      },
    ],
  });
  return Packer.toBuffer(file);
}
