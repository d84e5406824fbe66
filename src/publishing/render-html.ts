/**
 * Renders documents to HTML: the official document itself (`<article class="doc">`, what is
 * printed and what the golden files hold) and a standalone printable page around it. Pure.
 */
import { stripControls } from '../shared/control-chars';
import { sentenceVi } from './format';
import { html, raw, type SafeHtml } from '../shared/html';
import { DOCUMENT_CSS, DRAFT_PAGE_CSS } from './print-css';
import type { DocumentHeader, ProgrammeDocument, PublishedDocument, ScheduleDocument, SignatureBlock } from './types';

/** A draft (no publication yet: the public draft and the Office's preview) is marked "DỰ THẢO" on paper. */
export const isDraft = (doc: PublishedDocument): boolean => doc.publication === null;

/** The boxed "DỰ THẢO" mark, top right of the first page. */
function draftMark(doc: PublishedDocument): SafeHtml | '' {
  return isDraft(doc) ? html`<p class="draft-mark"><span>DỰ THẢO</span></p>` : '';
}

/**
 * The header of Phụ lục I, Nghị định 30/2020: issuer (left) and national name and motto (right),
 * then the number and the place-date line. The rules are borders of inline blocks as wide as their
 * text (motto) or a fraction of it (issuer), so they never cross the text.
 */
function header(h: DocumentHeader): SafeHtml {
  return html`<table class="doc-header"><colgroup><col class="issuer-col"><col class="nation-col"></colgroup><tbody>
<tr><td class="issuer">${h.issuerParent ? html`<div class="parent">${h.issuerParent}</div>` : ''}<div class="issuer-name">${h.issuer.split('\n').map((line) => html`<div class="name">${line}</div>`)}<div class="rule"></div></div></td>
<td class="nation">${h.motto ? html`<div class="nation-name">${h.nation}</div><div class="motto"><span>${h.motto}</span></div>` : html`<div class="nation-name"><span class="ruled">${h.nation}</span></div>`}</td></tr>
<tr><td class="number">${h.numberLine}</td><td class="place-date">${h.placeDateLine}</td></tr>
</tbody></table>`;
}

function footer(recipients: string[], s: SignatureBlock): SafeHtml {
  const lines = recipients.map((l) => html`<p class="${l.startsWith('+') ? 'sub' : ''}">${l}</p>`);
  return html`<table class="doc-footer"><tbody><tr>
<td class="recipients">${recipients.length ? html`<p class="recipients-title">Nơi nhận:</p>${lines}` : ''}</td>
<td class="signature"><p class="authority">${s.authority}</p>${s.title ? html`<p class="sig-title">${s.title}</p>` : ''}<div class="sig-space"></div>${s.signerName ? html`<p class="signer">${s.signerName}</p>` : ''}</td>
</tr></tbody></table>`;
}

/**
 * The document type and its summary (trích yếu) as Nghị định 30/2020 prints them: the type in bold
 * capitals on one line ("CHƯƠNG TRÌNH"), the summary in bold lower case on the next ("Công tác
 * tháng 5 năm 2023"). Read from the title of the model (frozen versions keep theirs), so
 * "CHƯƠNG TRÌNH CÔNG TÁC THÁNG 5 NĂM 2023" splits; the weekly schedule's title is already the type
 * ("LỊCH CÔNG TÁC TUẦN") and its subtitle the summary.
 */
export function titleLines(doc: PublishedDocument): { type: string; summary: string | null } {
  if (doc.type === 'schedule') return { type: doc.title, summary: doc.subtitle || null };
  const m = /^(CHƯƠNG TRÌNH)\s+(\S[\s\S]*)$/u.exec(doc.title.normalize('NFC'));
  return m ? { type: m[1]!, summary: sentenceVi(m[2]!) } : { type: doc.title, summary: null };
}

function titleBlock(doc: PublishedDocument): SafeHtml {
  const { type, summary } = titleLines(doc);
  return html`<div class="doc-heading"><h1 class="doc-title"><span class="doc-type">${type}</span>${summary ? html`<br><span class="doc-summary">${summary}</span>` : ''}</h1>${doc.revisionLabel ? html`<p class="revision">${doc.revisionLabel}</p>` : ''}<div class="title-rule"></div></div>`;
}

/** The programme as an `<article>`: header, title, parts A and B, list and signature. */
export function programmeArticle(doc: ProgrammeDocument): SafeHtml {
  const sections = doc.partB.sections.map(
    (s) => html`<div class="section ${s.kind}" data-kind="${s.kind}">
<p class="section-text ${s.kind}">${s.numeral}. ${s.text}</p>
${s.lines.map((l) => (l.type === 'item' ? html`<p class="item" data-number="${l.number}">${l.number}. ${l.text}</p>` : html`<p class="preparing">${l.text}</p>`))}
${s.entries.map((e) => html`<p class="entry">${e}</p>`)}
</div>`,
  );
  return html`<article class="doc programme${isDraft(doc) ? ' draft' : ''}" lang="vi" data-period="${doc.period}" data-body="${doc.body.code}">
${draftMark(doc)}${header(doc.header)}
${titleBlock(doc)}
<section class="part-a"><h2>A. NHIỆM VỤ TRỌNG TÂM</h2>
<div class="rich">${raw(stripControls(doc.partA.html))}</div></section>
<section class="part-b"><h2>B. ${doc.partB.heading}</h2>
${sections}
</section>
${footer(doc.recipients, doc.signature)}
</article>`;
}

/** The weekly schedule as an `<article>`: one table, a header row per day. */
export function scheduleArticle(doc: ScheduleDocument): SafeHtml {
  const rows = doc.days.map((d) => {
    const entries = d.entries.length
      ? d.entries.map(
          (e) => html`<tr class="slot ${e.status}" data-occurrence="${e.occurrenceId}">
<td data-label="Thời gian">${e.period} ${e.time}</td>
<td class="content" data-label="Nội dung">${e.content}${e.note ? html`<br><em>(${e.note})</em>` : ''}</td>
<td data-label="Chủ trì">${e.chair}</td>
<td data-label="Thành phần">${e.attendees}</td>
<td data-label="Chuẩn bị">${e.preparing}</td>
<td data-label="Địa điểm">${e.place}</td></tr>`,
        )
      : html`<tr class="empty"><td colspan="6"><em>Không có lịch họp.</em></td></tr>`;
    return html`<tr class="day" data-date="${d.date}"><td colspan="6">${d.weekday.toLocaleUpperCase('vi')}, ${d.dateLabel} (${d.lunar})${d.dayOff ? html` <span class="day-off">- Nghỉ: ${d.dayOff}</span>` : ''}</td></tr>
${entries}`;
  });
  return html`<article class="doc schedule${isDraft(doc) ? ' draft' : ''}" lang="vi" data-period="${doc.period}" data-body="${doc.body.code}">
${draftMark(doc)}${header(doc.header)}
${titleBlock(doc)}
<table class="schedule"><colgroup><col style="width:9%"><col style="width:27%"><col style="width:12%"><col style="width:24%"><col style="width:16%"><col style="width:12%"></colgroup><thead><tr><th>Thời gian</th><th>Nội dung</th><th>Chủ trì</th><th>Thành phần</th><th>Chuẩn bị</th><th>Địa điểm</th></tr></thead>
<tbody>${rows}</tbody></table>
<p class="note">${doc.note}</p>
${footer(doc.recipients, doc.signature)}
</article>`;
}

export function documentArticle(doc: PublishedDocument): SafeHtml {
  return doc.type === 'programme' ? programmeArticle(doc) : scheduleArticle(doc);
}

/**
 * The page title of a document (also the DOCX title), e.g. "Chương trình công tác tháng 5/2023
 * (Ban hành lần đầu) - UBND huyện"; a draft says "(DỰ THẢO)".
 */
export function documentTitle(doc: PublishedDocument): string {
  const what =
    doc.type === 'programme'
      ? `Chương trình công tác tháng ${doc.month}/${doc.year}`
      : `Lịch công tác tuần ${doc.period}`;
  const version = doc.publication ? ` (${doc.publication.label})` : ' (DỰ THẢO)';
  return `${what}${version} - ${doc.body.shortName}`;
}

/**
 * A standalone printable page: the document on a sheet, with a screen-only toolbar (links,
 * status). The toolbar never prints.
 */
export function documentPage(doc: PublishedDocument, toolbar: SafeHtml | string = ''): string {
  const landscape = doc.type === 'schedule' ? ' landscape' : '';
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${documentTitle(doc)}</title><style>${raw(DOCUMENT_CSS)}${isDraft(doc) ? raw(DRAFT_PAGE_CSS) : ''}</style></head>
<body>${toolbar ? html`<nav class="toolbar no-print">${toolbar}</nav>` : ''}
<div class="sheet${landscape}">${documentArticle(doc)}</div>
</body></html>`.toString();
}

/** The decree's header and footer blocks, for other official documents (the directives component's notices and reports). */
export { header as headerBlock, footer as footerBlock };
