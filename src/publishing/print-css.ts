/**
 * Print styles of official documents (Nghị định 30/2020/NĐ-CP): A4, Times New Roman 13-14 pt,
 * margins top/bottom 20 mm, left 30 mm, right 15 mm, page numbers from the second page centred in
 * the top margin (CSS page-margin boxes, which Chromium prints since version 131). On screen the
 * document shows as a sheet of paper; on a phone the sheet fits the width.
 */
export const DOCUMENT_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

const m = DOCUMENT_MARGINS_MM;

export const DOCUMENT_CSS = `
@page {
  size: A4 portrait; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;
  @top-center { content: counter(page); font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 13pt; vertical-align: middle; }
}
@page landscape { size: A4 landscape; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
@page :first { @top-center { content: none; } }
html { background: #e9ecef; }
body { margin: 0; }
.doc { font-family: "Times New Roman", Times, "Liberation Serif", "Nimbus Roman", serif; font-size: 14pt; line-height: 1.35; color: #000; }
.sheet { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 16px auto; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.sheet.landscape { width: 297mm; min-height: 210mm; page: landscape; }
.doc p { margin: 0 0 6pt; }
.doc table.doc-header, .doc table.doc-footer { width: 100%; border-collapse: collapse; }
.doc table.doc-header { table-layout: fixed; }
.doc table.doc-header td { vertical-align: top; text-align: center; padding: 0; line-height: 1.25; }
/* The right column fits "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (13 pt bold, 96 mm) on one line; the left is narrower. */
.doc .issuer-col { width: 38%; }
.doc .nation-col { width: 62%; }
.sheet.landscape .doc .issuer-col, .sheet.landscape .doc .nation-col { width: 50%; }
.doc .issuer { font-size: 13pt; }
.doc .nation { font-size: 13pt; }
.doc .issuer .name, .doc .nation-name, .doc .motto { font-weight: bold; }
.doc .nation-name { white-space: nowrap; }
.doc .motto { font-size: 14pt; }
/* Rules are borders of inline blocks: under the issuer 45% of its name's width, under the motto exactly its width. */
.doc .issuer-name { display: inline-block; vertical-align: top; }
.doc .issuer-name .rule { width: 45%; margin: 3pt auto 0; border-top: 1px solid #000; }
.doc .motto span, .doc .nation-name .ruled { display: inline-block; padding-bottom: 3pt; border-bottom: 1px solid #000; }
.doc .number { font-size: 13pt; padding-top: 6pt !important; }
.doc .place-date { font-size: 14pt; font-style: italic; padding-top: 6pt !important; }
.doc .draft-mark { text-align: right; margin: 0 0 4pt; }
.doc .draft-mark span { display: inline-block; border: 1px solid #000; padding: 1pt 6pt; font-size: 13pt; font-weight: bold; }
/* Title per Nghị định 30: the type in bold capitals, the summary (trích yếu) in bold below, a short rule under it. */
.doc .doc-heading { display: table; margin: 18pt auto 12pt; text-align: center; }
.doc .doc-title { font-size: 14pt; font-weight: bold; text-align: center; margin: 0; line-height: 1.3; }
.doc .revision { text-align: center; font-weight: bold; margin: 0; }
.doc .title-rule { width: 40%; margin: 4pt auto 0; border-top: 1px solid #000; }
.doc h2 { font-size: 14pt; font-weight: bold; margin: 12pt 0 6pt; }
.doc .rich h1, .doc .rich h2, .doc .rich h3, .doc .rich h4 { font-size: 14pt; font-weight: bold; margin: 6pt 0; text-indent: 1cm; }
.doc .rich p, .doc .item, .doc .section-text, .doc .entry { text-align: justify; text-indent: 1cm; }
.doc .rich ul, .doc .rich ol { margin: 0 0 6pt 1cm; padding-left: 1em; }
.doc .section-text.session { font-weight: bold; }
.doc .preparing { text-indent: 0; }
.doc table.doc-footer { margin-top: 12pt; page-break-inside: avoid; break-inside: avoid; }
.doc table.doc-footer td { vertical-align: top; padding: 0; }
.doc .recipients { width: 50%; font-size: 11pt; line-height: 1.2; }
.doc .recipients p { margin: 0; }
.doc .recipients .sub { padding-left: 1em; }
.doc .recipients-title { font-size: 12pt; font-weight: bold; font-style: italic; }
.doc .signature { width: 50%; text-align: center; }
.doc .signature p { margin: 0; font-weight: bold; }
.doc .sig-space { height: 28mm; }
.doc table.schedule { width: 100%; border-collapse: collapse; font-size: 12pt; margin-top: 6pt; }
.doc table.schedule th, .doc table.schedule td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left; }
.doc table.schedule th { text-align: center; }
.doc table.schedule tr.day td { font-weight: bold; background: #f2f2f2; }
.doc table.schedule .day-off { font-weight: normal; font-style: italic; }
.doc table.schedule .cancelled .content { text-decoration: line-through; }
.doc .note { font-style: italic; font-weight: bold; margin-top: 8pt; }
.toolbar { font-family: system-ui, sans-serif; font-size: 15px; max-width: 210mm; margin: 12px auto 0; padding: 8px 12px; background: #fff; border-left: 4px solid #0b5394; }
.toolbar a { margin-right: 12px; color: #0b5394; }
.toolbar .draft { color: #a61c00; font-weight: bold; }
@media screen and (max-width: 840px) {
  .sheet, .sheet.landscape { width: auto; min-height: 0; margin: 0; padding: 16px 12px; box-shadow: none; }
  .doc { font-size: 12pt; }
  .doc .nation-name { white-space: normal; }
  .doc table.doc-header, .doc table.doc-header tbody, .doc table.doc-header tr { display: block; width: auto; }
  .doc table.doc-header colgroup { display: none; }
  .doc table.schedule { font-size: 11pt; }
  .doc table.schedule thead { display: none; }
  .doc table.schedule tr { display: block; border-bottom: 1px solid #999; }
  .doc table.schedule td { display: block; border: none; }
  .doc table.schedule td[data-label]::before { content: attr(data-label) ": "; font-weight: bold; }
  .doc table.doc-header td, .doc table.doc-footer td { display: block; width: auto; }
  .doc .signature { margin-top: 12pt; }
}
@media print {
  html, body { background: #fff; }
  .no-print, .toolbar { display: none !important; }
  .sheet, .sheet.landscape { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .doc table.schedule tr { break-inside: avoid; }
  .doc table.schedule tr.day { break-after: avoid; page-break-after: avoid; }
}
`;

/**
 * Added to a draft's page: "DỰ THẢO" in the top right margin of every printed page after the first
 * (the first carries the boxed mark above the header).
 */
export const DRAFT_PAGE_CSS = `
@page { @top-right { content: "DỰ THẢO"; font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 12pt; font-weight: bold; vertical-align: middle; text-align: right; } }
@page :first { @top-right { content: none; } }
`;
