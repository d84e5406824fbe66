import { buildProgramme } from '../../../src/publishing/programme';
import { renderDocx, xmlSafe } from '../../../src/publishing/render-docx';
import { docxText, unzipEntry } from '../../support/document-text';
import { body, directory, settings } from './fixtures';

/** Characters XML 1.0 forbids in a document: C0 controls but tab and line breaks, U+FFFE, U+FFFF, lone surrogates. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the DOCX renderer', () => {
  test('when part A holds characters XML does not allow, then they are left out and document.xml stays well-formed', async () => {
    const partA = 'Nhiệm vụ\uFFFE trọng tâm\uFFFF: chăm sóc vải\u0001 thiều \uD800quý II 😀.';
    const doc = buildProgramme({ body, month: '2023-05', series: [], directory, occurrences: [], items: [], settings: settings({ partA }) });
    const docx = await renderDocx(doc);
    const xml = unzipEntry(docx, 'word/document.xml').toString('utf8');
    expect(XML_INVALID.test(xml)).toBe(false);
    expect(docxText(docx)).toContain('Nhiệm vụ trọng tâm: chăm sóc vải thiều quý II 😀.');
  });

  test('when the header has no parent issuer, then the organ and the place are two bold lines', async () => {
    const doc = buildProgramme({ body: { ...body, parentName: '' }, month: '2023-05', series: [], directory, occurrences: [], items: [], settings: settings({ partA: 'A' }) });
    const lines = docxText(await renderDocx(doc)).split('\n');
    expect(lines.slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN LỤC NGẠN']);
  });

  test('when cleaning text, then tabs, line breaks and astral characters stay', () => {
    expect(xmlSafe('a\tb\nc\r😀\uFFFD')).toBe('a\tb\nc\r😀\uFFFD');
    expect(xmlSafe('\u0000\u000B\uFFFE\uFFFF\uDFFF')).toBe('');
  });
});
