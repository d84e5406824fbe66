import { WorkingCalendar } from '../../../src/calendar/working-days';
import { DOCUMENT_CSS } from '../../../src/publishing/print-css';
import { buildProgramme } from '../../../src/publishing/programme';
import { documentPage, documentTitle, titleLines } from '../../../src/publishing/render-html';
import { buildSchedule } from '../../../src/publishing/schedule';
import { freeze } from '../../../src/publishing/versions';
import { articleText } from '../../support/document-text';
import { body, directory, occurrences, settings } from './fixtures';

const programme = () =>
  buildProgramme({
    body,
    month: '2023-05',
    series: [],
    directory,
    occurrences: [],
    items: [],
    settings: settings({ partA: 'Nhiệm vụ trọng tâm.' }),
  });
const schedule = () =>
  buildSchedule({
    body,
    week: '2023-W21',
    directory,
    occurrences: occurrences({ from: '2023-05-22', to: '2023-05-28' }),
    items: [],
    settings: settings(),
    calendar: new WorkingCalendar([]),
  });
const issue = <D extends ReturnType<typeof programme> | ReturnType<typeof schedule>>(doc: D): D =>
  freeze(doc, {
    version: 1,
    documentNumber: '45',
    issueDate: '2023-05-05',
    publishedAt: '2023-05-05T09:00:00+07:00',
    publishedBy: 'Văn phòng',
    numberTemplate: 'Số: {number}/CTr-UBND',
  });

describe('the HTML renderer: official form (Nghị định 30/2020)', () => {
  test('when the programme is printed, then the title is the type in capitals and the summary on the next line, above a short rule', () => {
    const doc = programme();
    expect(titleLines(doc)).toEqual({ type: 'CHƯƠNG TRÌNH', summary: 'Công tác tháng 5 năm 2023' });
    const page = documentPage(doc);
    expect(page).toContain(
      '<h1 class="doc-title"><span class="doc-type">CHƯƠNG TRÌNH</span><br><span class="doc-summary">Công tác tháng 5 năm 2023</span></h1>',
    );
    expect(page).toMatch(/<\/h1><div class="title-rule"><\/div><\/div>/);
    const lines = articleText(page).split('\n');
    expect(lines.slice(lines.indexOf('CHƯƠNG TRÌNH'), lines.indexOf('CHƯƠNG TRÌNH') + 2)).toEqual([
      'CHƯƠNG TRÌNH',
      'Công tác tháng 5 năm 2023',
    ]);
  });

  test('when the weekly schedule is printed, then its type is "LỊCH CÔNG TÁC TUẦN" and its summary the week', () => {
    expect(titleLines(schedule())).toEqual({
      type: 'LỊCH CÔNG TÁC TUẦN',
      summary: 'Tuần 21 (từ ngày 22/5/2023 đến ngày 28/5/2023)',
    });
  });

  test('when a draft is printed, then it is marked "DỰ THẢO" in a box on the first page and in the top margin of the others; a published version is not', () => {
    for (const draft of [programme(), schedule()]) {
      const page = documentPage(draft);
      expect(page).toContain('<p class="draft-mark"><span>DỰ THẢO</span></p>');
      expect(articleText(page).split('\n')[0]).toBe('DỰ THẢO');
      expect(page).toMatch(/@top-right \{ content: "DỰ THẢO"/);
      expect(documentTitle(draft)).toContain('(DỰ THẢO)');
      expect(documentPage(issue(draft))).not.toContain('DỰ THẢO');
    }
  });

  test('when a document is rendered, then it is in Vietnamese and its header rules are borders of inline blocks', () => {
    const page = documentPage(programme());
    expect(page).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(page).toMatch(/<article class="doc programme draft" lang="vi"/);
    expect(page).toContain('<div class="motto"><span>Độc lập - Tự do - Hạnh phúc</span></div>');
    expect(DOCUMENT_CSS).toMatch(
      /\.doc \.motto span, \.doc \.nation-name \.ruled \{ display: inline-block;[^}]*border-bottom: 1px solid #000;/,
    );
    expect(DOCUMENT_CSS).toMatch(/\.doc \.issuer-name \{ display: inline-block;/);
    expect(DOCUMENT_CSS).toMatch(/\.doc \.nation-name \{ white-space: nowrap; \}/);
    expect(DOCUMENT_CSS).not.toMatch(/position:\s*absolute/);
  });

  test('when a document is printed, then pages after the first are numbered at the top centre (page-margin boxes)', () => {
    expect(DOCUMENT_CSS).toMatch(/@page \{[^@]*size: A4 portrait;[^@]*@top-center \{ content: counter\(page\);/);
    expect(DOCUMENT_CSS).toMatch(/@page :first \{ @top-center \{ content: none; \} \}/);
  });
});
