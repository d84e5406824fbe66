/**
 * Renders documents to DOCX with the `docx` package, in the decree's layout (Nghị định 30/2020, A4,
 * Times New Roman, margins 20/15/20/30 mm, Vietnamese as the language, page numbers centred at the
 * top from the second page), as plain paragraphs and borderless tables the Office can still edit in
 * Word. Rules are paragraph borders of empty paragraphs whose indents set their length, never
 * floating shapes, so they cannot cross text whatever the application's layout. A draft carries a
 * boxed "DỰ THẢO" at the top right of every page and in its properties.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { shortDate } from '../shared/wording';
import { DOCUMENT_MARGINS_MM } from './print-css';
import { documentTitle, isDraft, titleLines } from './render-html';
import { printedIssueDate } from './versions';
import type {
  DocumentHeader,
  ProgrammeDocument,
  PublishedDocument,
  ScheduleDocument,
  SignatureBlock,
  TextBlock,
  TextRun as Run,
} from './types';

const FONT = 'Times New Roman';
/** Half-points. */
const PT = (pt: number) => pt * 2;
const A4 = { width: 11906, height: 16838 };
/** Millimetres to twips, rounded (docx's own helper truncates: 20 mm would be 1133). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
const INDENT = mm(10);
/** The language of every run (spell-checking, hyphenation): Vietnamese. */
const LANGUAGE = 'vi-VN';
/** Left and right padding of the header table's cells (1 mm). */
const HEADER_CELL_PADDING = mm(1);

/**
 * Advance widths of Times New Roman (and its metric twin Liberation Serif) for ASCII 32-126, in
 * thousandths of an em, regular and bold. Enough to size the header's columns and rules: a
 * Vietnamese letter is as wide as its base letter (Ộ as O, Đ as D).
 */
const ADVANCE = {
  regular:
    '250,333,408,500,500,833,778,180,333,333,500,564,250,333,250,278,500,500,500,500,500,500,500,500,500,500,278,278,564,564,564,444,921,722,667,667,722,611,556,722,722,333,389,722,611,889,722,722,556,722,667,556,611,722,722,944,722,722,611,333,278,333,469,500,333,444,500,444,500,444,333,500,500,278,278,500,278,778,500,500,500,500,333,389,278,500,500,722,500,500,444,480,200,480,541',
  bold: '250,333,555,500,500,1000,833,278,333,333,500,570,250,333,250,278,500,500,500,500,500,500,500,500,500,500,333,333,570,570,570,500,930,722,667,722,722,667,611,778,778,389,500,778,667,944,722,778,611,778,722,556,667,722,722,1000,722,722,667,333,278,333,581,500,333,500,556,444,556,444,333,500,556,278,333,556,278,833,556,500,556,556,444,389,333,556,500,722,500,500,444,394,220,394,520',
};
const ADVANCES = { regular: ADVANCE.regular.split(',').map(Number), bold: ADVANCE.bold.split(',').map(Number) };

/** Width in twips of one line of text in Times New Roman at `pt` points. @example textWidth('ỦY BAN NHÂN DÂN', 13, true) === 2448 (43 mm) */
export function textWidth(text: string, pt: number, bold = false): number {
  const table = bold ? ADVANCES.bold : ADVANCES.regular;
  let em = 0;
  for (const ch of text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd')) {
    const code = ch.codePointAt(0)!;
    em += code >= 32 && code < 127 ? table[code - 32]! : 600;
  }
  return Math.round((em / 1000) * pt * 20);
}

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

/**
 * Characters XML 1.0 does not allow (controls other than tab and line breaks, lone surrogates,
 * U+FFFE, U+FFFF): one of them in a run makes document.xml ill-formed and Word refuses the file.
 * DEL (U+007F) is allowed by XML but is a control character no document should print: dropped too.
 */
const XML_INVALID = /[^\t\n\r\u0020-\u007E\u0080-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe to put in a Word run. @example xmlSafe('a\uFFFEb\u0007c\u007F') === 'abc' */
export const xmlSafe = (text: string): string => text.replace(XML_INVALID, '');

// `satisfies IRunOptions` on TextRun's options: TextRun also takes a string, and without it `bold` and `italics`
// resolve to the deprecated String.prototype.bold/italics (a false no-deprecated finding).
const run = (text: string, style: RunStyle = {}) =>
  new TextRun({
    text: xmlSafe(text),
    font: FONT,
    size: PT(style.size ?? 14),
    bold: style.bold ?? false,
    italics: style.italics ?? false,
    ...(style.underline ? { underline: {} } : {}),
  } satisfies IRunOptions);

function para(
  children: ParagraphChild[] | string,
  opts: {
    align?: 'center' | 'justify' | 'left';
    indent?: boolean;
    before?: number;
    after?: number;
    style?: RunStyle;
    keepNext?: boolean;
  } = {},
): Paragraph {
  const kids = typeof children === 'string' ? [run(children, opts.style)] : children;
  return new Paragraph({
    children: kids,
    alignment:
      opts.align === 'center'
        ? AlignmentType.CENTER
        : opts.align === 'left'
          ? AlignmentType.LEFT
          : AlignmentType.JUSTIFIED,
    ...(opts.indent ? { indent: { firstLine: INDENT } } : {}),
    spacing: { before: (opts.before ?? 0) * 20, after: (opts.after ?? 6) * 20, line: 288 },
    ...(opts.keepNext ? { keepNext: true } : {}),
  });
}

/**
 * A centred rule `lengthTwips` long in a column `columnTwips` wide: the bottom border of an empty
 * paragraph 4 pt high (exactly) whose indents leave exactly that length. It sits on its own line
 * below the text, clear of the descenders and of the dots below (ạ, ụ), so no application draws it
 * through the text.
 */
function rule(lengthTwips: number, columnTwips: number, after = 0): Paragraph {
  const side = Math.max(0, Math.round((columnTwips - Math.min(lengthTwips, columnTwips)) / 2));
  return new Paragraph({
    children: [],
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 } },
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 80, lineRule: LineRuleType.EXACT },
  });
}

const noBorders = TableBorders.NONE;

function cell(children: (Paragraph | Table)[], width: number, padding?: number): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    ...(padding === undefined ? {} : { margins: { left: padding, right: padding, top: 0, bottom: 0 } }),
    borders: {
      top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
    },
  });
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

const NATION_PT = 13;
const MOTTO_PT = 14;
const ISSUER_PT = 13;

/**
 * The header of Phụ lục I, Nghị định 30/2020, as a borderless table of two rows: issuer (parent in
 * regular capitals, the body in bold capitals, a rule 45% as long as its name) | national name (13 pt
 * bold, one line) and motto (14 pt bold, a rule as long as it); then number | place and date in
 * italics. The right column is as wide as the national name needs (the left is narrower in
 * portrait; in landscape both are halves).
 */
function headerTable(h: DocumentHeader, width: number): Table {
  const pad = HEADER_CELL_PADDING;
  const nationNeeds =
    Math.max(textWidth(h.nation, NATION_PT, true), h.motto ? textWidth(h.motto, MOTTO_PT, true) : 0) + 2 * pad + mm(4);
  const right = Math.min(width - mm(50), Math.max(nationNeeds, Math.round(width / 2)));
  const widths: [number, number] = [width - right, right];
  const inner = widths.map((w) => w - 2 * pad) as [number, number];
  const issuerLines = h.issuer.split('\n');
  const issuerWidth = Math.max(...issuerLines.map((line) => textWidth(line, ISSUER_PT, true)));
  const top = [
    cell(
      [
        ...(h.issuerParent ? [para(h.issuerParent, { align: 'center', after: 0, style: { size: ISSUER_PT } })] : []),
        ...issuerLines.map((line) => para(line, { align: 'center', after: 0, style: { size: ISSUER_PT, bold: true } })),
        rule(Math.round(issuerWidth * 0.45), inner[0]),
      ],
      widths[0],
      pad,
    ),
    cell(
      [
        para(h.nation, { align: 'center', after: 0, style: { size: NATION_PT, bold: true } }),
        // The rule goes under the motto, as long as it; without a motto (a Party committee's "ĐẢNG CỘNG SẢN VIỆT NAM"), under the name.
        ...(h.motto
          ? [
              para(h.motto, { align: 'center', after: 0, style: { size: MOTTO_PT, bold: true } }),
              rule(textWidth(h.motto, MOTTO_PT, true), inner[1]),
            ]
          : [rule(textWidth(h.nation, NATION_PT, true), inner[1])]),
      ],
      widths[1],
      pad,
    ),
  ];
  const bottom = [
    cell([para(h.numberLine, { align: 'center', before: 6, after: 0, style: { size: 13 } })], widths[0], pad),
    cell(
      [para(h.placeDateLine, { align: 'center', before: 6, after: 0, style: { size: 14, italics: true } })],
      widths[1],
      pad,
    ),
  ];
  return new Table({
    rows: [new TableRow({ children: top, cantSplit: true }), new TableRow({ children: bottom, cantSplit: true })],
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: noBorders,
  });
}

function footerTable(recipients: string[], s: SignatureBlock, width: number): Table {
  const half = Math.round(width / 2);
  const left = recipients.length
    ? [
        para('Nơi nhận:', { align: 'left', after: 0, style: { size: 12, bold: true, italics: true } }),
        ...recipients.map(
          (l) =>
            new Paragraph({
              children: [run(l, { size: 11 })],
              alignment: AlignmentType.LEFT,
              spacing: { before: 0, after: 0 },
              ...(l.startsWith('+') ? { indent: { left: mm(4) } } : {}),
            }),
        ),
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

/**
 * The title as Nghị định 30/2020 sets it: the document type in bold capitals, the summary (trích
 * yếu) in bold on the next line, a revision's label, and a centred rule 40% as long as the summary.
 */
function titleParagraphs(doc: PublishedDocument, width: number): Paragraph[] {
  const { type, summary } = titleLines(doc);
  const longest = Math.max(textWidth(type, 14, true), summary ? textWidth(summary, 14, true) : 0);
  return [
    para(type, { align: 'center', before: 18, after: 0, style: { bold: true }, keepNext: true }),
    ...(summary ? [para(summary, { align: 'center', after: 0, style: { bold: true }, keepNext: true })] : []),
    ...(doc.revisionLabel
      ? [para(doc.revisionLabel, { align: 'center', after: 0, style: { bold: true }, keepNext: true })]
      : []),
    rule(Math.round(Math.min(longest, width) * 0.4), width, 240),
  ];
}

/**
 * The page headers: none on the first page but the draft mark, then the page number centred in
 * Arabic numerals (13 pt), and on a draft "DỰ THẢO" boxed at the right margin of every page.
 */
function pageHeaders(doc: PublishedDocument, width: number): { default: Header; first: Header } {
  const draft = isDraft(doc);
  const mark = () =>
    new TextRun({
      text: '\u00a0DỰ THẢO\u00a0',
      font: FONT,
      size: PT(13),
      bold: true,
      border: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 },
    } satisfies IRunOptions);
  const line = (withNumber: boolean) =>
    new Paragraph({
      tabStops: [
        { type: TabStopType.CENTER, position: Math.round(width / 2) },
        { type: TabStopType.RIGHT, position: width },
      ],
      spacing: { before: 0, after: 0 },
      children: [
        new TextRun({ children: [new Tab()], font: FONT, size: PT(13) }),
        ...(withNumber ? [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT(13) })] : []),
        ...(draft ? [new TextRun({ children: [new Tab()], font: FONT, size: PT(13) }), mark()] : []),
      ],
    });
  return {
    default: new Header({ children: [line(true)] }),
    first: new Header({ children: draft ? [line(false)] : [new Paragraph({ children: [] })] }),
  };
}

const runsOf = (runs: Run[], size = 14) => runs.map((r) => run(r.text, { bold: !!r.bold, italics: !!r.italic, size }));

/** Part A's Markdown blocks as Word paragraphs: headings bold, paragraphs justified, lists with their markers. */
export function blockParagraphs(blocks: TextBlock[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of blocks) {
    if (b.type === 'heading')
      out.push(
        para(
          b.runs.map((r) => run(r.text, { bold: true, italics: !!r.italic })),
          { indent: true, keepNext: true },
        ),
      );
    else if (b.type === 'paragraph') out.push(para(runsOf(b.runs), { indent: true }));
    else
      b.items.forEach((item, i) =>
        out.push(para([run(b.ordered ? `${b.start + i}. ` : '- '), ...runsOf(item)], { indent: true })),
      );
  }
  return out;
}

function programmeBody(doc: ProgrammeDocument): Paragraph[] {
  const out: Paragraph[] = [
    para('A. NHIỆM VỤ TRỌNG TÂM', { before: 12, style: { bold: true }, keepNext: true }),
    ...blockParagraphs(doc.partA.blocks),
  ];
  out.push(para(`B. ${doc.partB.heading}`, { before: 12, style: { bold: true }, keepNext: true }));
  for (const s of doc.partB.sections) {
    out.push(para(`${s.numeral}. ${s.text}`, { indent: true, style: { bold: s.kind === 'session' } }));
    for (const l of s.lines)
      out.push(
        l.type === 'item' ? para(`${l.number}. ${l.text}`, { indent: true }) : para(l.text, { align: 'justify' }),
      );
    for (const e of s.entries) out.push(para(e, { indent: true }));
  }
  return out;
}

function scheduleTable(doc: ScheduleDocument, width: number): Table {
  const cols = [0.11, 0.3, 0.13, 0.2, 0.14, 0.12].map((f) => Math.round(width * f));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const c = (text: string, i: number, style: RunStyle = {}) =>
    new TableCell({
      children: text.split('\n').map((t) => para(t, { align: 'left', after: 0, style: { size: 12, ...style } })),
      width: { size: cols[i]!, type: WidthType.DXA },
      borders,
    });
  const rows = [
    new TableRow({
      tableHeader: true,
      children: ['Thời gian', 'Nội dung', 'Chủ trì', 'Thành phần', 'Chuẩn bị', 'Địa điểm'].map((t, i) =>
        c(t, i, { bold: true }),
      ),
    }),
  ];
  for (const d of doc.days) {
    const label = `${d.weekday.toLocaleUpperCase('vi')}, ${d.dateLabel} (${d.lunar})${d.dayOff ? ` - Nghỉ: ${d.dayOff}` : ''}`;
    rows.push(
      new TableRow({
        children: [
          new TableCell({
            children: [para(label, { align: 'left', after: 0, style: { size: 12, bold: true } })],
            columnSpan: 6,
            borders,
          }),
        ],
      }),
    );
    if (!d.entries.length)
      rows.push(
        new TableRow({
          children: [
            new TableCell({
              children: [para('Không có lịch họp.', { align: 'left', after: 0, style: { size: 12, italics: true } })],
              columnSpan: 6,
              borders,
            }),
          ],
        }),
      );
    for (const e of d.entries) {
      rows.push(
        new TableRow({
          children: [
            c(`${e.period} ${e.time}`, 0),
            c(e.note ? `${e.content}\n(${e.note})` : e.content, 1),
            c(e.chair, 2),
            c(e.attendees, 3),
            c(e.preparing, 4),
            c(e.place, 5),
          ],
        }),
      );
    }
  }
  return new Table({
    rows,
    width: { size: width, type: WidthType.DXA },
    columnWidths: cols,
    layout: TableLayoutType.FIXED,
  });
}

/** The document as a Word file. */
export async function renderDocx(doc: PublishedDocument): Promise<Buffer> {
  const landscape = doc.type === 'schedule';
  const width = contentWidth(landscape);
  const body =
    doc.type === 'programme'
      ? [headerTable(doc.header, width), ...titleParagraphs(doc, width), ...programmeBody(doc)]
      : [
          headerTable(doc.header, width),
          ...titleParagraphs(doc, width),
          scheduleTable(doc, width),
          para(doc.note, { before: 8, style: { bold: true, italics: true } }),
        ];
  const draft = isDraft(doc);
  const file = new Document({
    creator: xmlSafe(doc.body.name),
    title: xmlSafe(documentTitle(doc)),
    lastModifiedBy: xmlSafe(doc.body.name),
    // A draft says so in its properties too (Word: File > Info; LibreOffice: File > Properties).
    ...(doc.publication
      ? {
          description: xmlSafe(
            `${doc.publication.label}${doc.publication.documentNumber ? `, số ${doc.publication.documentNumber}` : ''}, ngày ${shortDate(printedIssueDate(doc)!)}`,
          ),
        }
      : { keywords: 'DỰ THẢO', description: 'DỰ THẢO: chưa ban hành.' }),
    customProperties: [{ name: 'Trạng thái', value: draft ? 'DỰ THẢO' : 'Đã ban hành' }],
    styles: {
      default: {
        // Every run, the page headers' included, inherits the language (w:lang w:val="vi-VN" in the document defaults).
        document: { run: { font: FONT, size: PT(14), language: { value: LANGUAGE } } },
      },
    },
    sections: [
      {
        properties: {
          page: pageOf(landscape),
          titlePage: true,
        },
        headers: pageHeaders(doc, width),
        children: [...body, footerTable(doc.recipients, doc.signature, width)],
      },
    ],
  });
  return Packer.toBuffer(file);
}

/** A4 page, portrait or landscape, with the decree's margins (DOCUMENT_MARGINS_MM) and 10 mm to the header and footer. */
function pageOf(landscape: boolean) {
  const m = DOCUMENT_MARGINS_MM;
  return {
    size: {
      width: A4.width,
      height: A4.height,
      orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
    },
    margin: {
      top: mm(m.top),
      bottom: mm(m.bottom),
      left: mm(m.left),
      right: mm(m.right),
      header: mm(10),
      footer: mm(10),
    },
  };
}

/** Building blocks of the decree's layout, for other official documents (the directives component's notices and reports). */
export { FONT, LANGUAGE, PT, contentWidth, footerTable, headerTable, mm, pageOf, para, rule, run };
