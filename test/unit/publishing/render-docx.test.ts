import { WorkingCalendar } from '../../../src/calendar/working-days';
import { buildProgramme } from '../../../src/publishing/programme';
import { renderDocx, textWidth, xmlSafe } from '../../../src/publishing/render-docx';
import { buildSchedule } from '../../../src/publishing/schedule';
import type { PublishedDocument } from '../../../src/publishing/types';
import { freeze } from '../../../src/publishing/versions';
import { docxPart, docxText, paragraphsOf, paragraphText, unzipEntry, zipEntries } from '../../support/document-text';
import { body, directory, occurrences, settings } from './fixtures';

/** Characters XML 1.0 forbids in a document: C0 controls but tab and line breaks, U+FFFE, U+FFFF, lone surrogates. */
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the DOCX renderer', () => {
  test('when part A holds characters XML does not allow, then they are left out and document.xml stays well-formed', async () => {
    const partA = 'Nhiệm vụ\uFFFE trọng tâm\uFFFF: chăm sóc vải\u0001 thiều \uD800quý II 😀.';
    const doc = buildProgramme({
      body,
      month: '2023-05',
      series: [],
      directory,
      occurrences: [],
      items: [],
      settings: settings({ partA }),
    });
    const docx = await renderDocx(doc);
    const xml = unzipEntry(docx, 'word/document.xml').toString('utf8');
    expect(XML_INVALID.test(xml)).toBe(false);
    expect(docxText(docx)).toContain('Nhiệm vụ trọng tâm: chăm sóc vải thiều quý II 😀.');
  });

  test('when the header has no parent issuer, then the organ and the place are two bold lines', async () => {
    const doc = buildProgramme({
      body: { ...body, parentName: '' },
      month: '2023-05',
      series: [],
      directory,
      occurrences: [],
      items: [],
      settings: settings({ partA: 'A' }),
    });
    const lines = docxText(await renderDocx(doc)).split('\n');
    expect(lines.slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN LỤC NGẠN']);
  });

  test('when cleaning text, then tabs, line breaks and astral characters stay', () => {
    expect(xmlSafe('a\tb\nc\r😀\uFFFD')).toBe('a\tb\nc\r😀\uFFFD');
    expect(xmlSafe('\u0000\u000B\uFFFE\uFFFF\uDFFF')).toBe('');
  });
});

const draftProgramme = () =>
  buildProgramme({
    body,
    month: '2023-05',
    series: [],
    directory,
    occurrences: [],
    items: [],
    settings: settings({ partA: 'Nhiệm vụ trọng tâm.' }),
  });
const draftSchedule = () =>
  buildSchedule({
    body,
    week: '2023-W21',
    directory,
    occurrences: occurrences({ from: '2023-05-22', to: '2023-05-28' }),
    items: [],
    settings: settings(),
    calendar: new WorkingCalendar([]),
  });
const published = <D extends PublishedDocument>(doc: D, version = 1): D =>
  freeze(doc, {
    version,
    documentNumber: '45',
    issueDate: '2023-05-05',
    publishedAt: '2023-05-05T09:00:00+07:00',
    publishedBy: 'Văn phòng',
    numberTemplate: doc.type === 'programme' ? 'Số: {number}/CTr-UBND' : null,
  });

/** Every text part of the package (document, headers, footers, properties), for searching. */
function allParts(docx: Buffer): string {
  return zipEntries(docx)
    .filter((n) => n.endsWith('.xml'))
    .map((n) => docxPart(docx, n))
    .join('\n');
}

/** The page headers as [type, xml] from the section's references. */
function headersOf(docx: Buffer): Map<string, string> {
  const doc = docxPart(docx, 'word/document.xml');
  const rels = docxPart(docx, 'word/_rels/document.xml.rels');
  const out = new Map<string, string>();
  for (const [, type, id] of doc.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)) {
    const target =
      new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
    out.set(type!, docxPart(docx, `word/${target}`));
  }
  return out;
}

describe('the DOCX renderer: official form (Nghị định 30/2020)', () => {
  test.each([
    ['programme', draftProgramme],
    ['weekly schedule', draftSchedule],
  ] as const)(
    'when a %s is rendered, then its runs are Vietnamese (vi-VN) in the document defaults',
    async (_, build) => {
      const styles = docxPart(await renderDocx(build()), 'word/styles.xml');
      const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
      expect(defaults).toMatch(/<w:rPrDefault>[\s\S]*<w:lang w:val="vi-VN"/);
    },
  );

  test.each([
    ['programme', draftProgramme],
    ['weekly schedule', draftSchedule],
  ] as const)(
    'when a %s is rendered, then pages are numbered from the second: a PAGE field in the default header, none on the first page (titlePg)',
    async (_, build) => {
      const docx = await renderDocx(build());
      const sectPr = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(docxPart(docx, 'word/document.xml'))?.[0] ?? '';
      expect(sectPr).toMatch(/<w:titlePg\/>/);
      const headers = headersOf(docx);
      expect([...headers.keys()].sort()).toEqual(['default', 'first']);
      expect(headers.get('default')).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(headers.get('default')).toMatch(/<w:jc w:val="center"\/>|<w:tab w:val="center"/);
      expect(headers.get('first')).not.toMatch(/PAGE/);
    },
  );

  test('when the programme is rendered, then the national name and the motto are each one paragraph, in a column wide enough for the name on one line', async () => {
    const doc = draftProgramme();
    const xml = docxPart(await renderDocx(doc), 'word/document.xml');
    const paragraphs = paragraphsOf(xml);
    const nation = paragraphs.find((p) => paragraphText(p).includes('CỘNG HÒA'))!;
    expect(paragraphText(nation)).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(nation).not.toMatch(/<w:br\/>/);
    expect(paragraphs.filter((p) => paragraphText(p) === 'Độc lập - Tự do - Hạnh phúc')).toHaveLength(1);
    // The cell holding it, less its padding, is wider than the name in Times New Roman 13 pt bold.
    const cells = xml.match(/<w:tc>[\s\S]*?<\/w:tc>/g)!;
    const nationCell = cells.find((c) => c.includes('CỘNG HÒA XÃ HỘI'))!;
    const cellWidth = Number(/<w:tcW w:type="dxa" w:w="(\d+)"/.exec(nationCell)![1]);
    const padding = [...nationCell.matchAll(/<w:(?:left|right) w:type="dxa" w:w="(\d+)"\/>/g)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
    expect(nationCell).toMatch(/<w:sz w:val="26"\/>/); // 13 pt
    expect(cellWidth - padding).toBeGreaterThan(textWidth('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 13, true));
    // The issuer's column is the narrower one.
    const widths = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].slice(0, 2).map((m) => Number(m[1]));
    expect(widths[0]!).toBeLessThan(widths[1]!);
  });

  test('when the programme is rendered, then its rules are bottom borders of empty indented paragraphs, never floating shapes', async () => {
    const docx = await renderDocx(draftProgramme());
    const parts = allParts(docx);
    expect(parts).not.toMatch(/<w:drawing|<w:pict|<wp:anchor|<v:line|<v:shape|<v:rect|<wps:wsp|<w:framePr/);
    const xml = docxPart(docx, 'word/document.xml');
    const rules = paragraphsOf(xml).filter((p) => /<w:pBdr>/.test(p));
    // Under the issuer, under the motto, under the title.
    expect(rules).toHaveLength(3);
    for (const r of rules) {
      expect(paragraphText(r)).toBe('');
      expect(r).toMatch(/<w:pBdr><w:bottom w:val="single"/);
      expect(r).not.toMatch(/<w:top /);
      expect(r).toMatch(/<w:ind w:left="\d+" w:right="\d+"\/>/);
      expect(r).toMatch(/w:lineRule="exact"/);
    }
    // The motto's rule is as long as the motto (14 pt bold): the cell's inner width less both indents.
    const mottoCell = xml.match(/<w:tc>[\s\S]*?<\/w:tc>/g)!.find((c) => c.includes('Độc lập - Tự do - Hạnh phúc'))!;
    const cellWidth = Number(/<w:tcW w:type="dxa" w:w="(\d+)"/.exec(mottoCell)![1]) - 2 * 57;
    const [, left, right] = /<w:ind w:left="(\d+)" w:right="(\d+)"\/>/.exec(
      paragraphsOf(mottoCell).find((p) => /<w:pBdr>/.test(p))!,
    )!;
    expect(
      Math.abs(cellWidth - Number(left) - Number(right) - textWidth('Độc lập - Tự do - Hạnh phúc', 14, true)),
    ).toBeLessThanOrEqual(2);
  });

  test('when the programme is rendered, then the title is the type in bold capitals and the summary in bold on the next line', async () => {
    const xml = docxPart(await renderDocx(draftProgramme()), 'word/document.xml');
    const paragraphs = paragraphsOf(xml);
    const i = paragraphs.findIndex((p) => paragraphText(p) === 'CHƯƠNG TRÌNH');
    expect(i).toBeGreaterThan(0);
    expect(paragraphText(paragraphs[i + 1]!)).toBe('Công tác tháng 5 năm 2023');
    for (const p of paragraphs.slice(i, i + 2)) {
      expect(p).toMatch(/<w:b\/>/);
      expect(p).toMatch(/<w:jc w:val="center"\/>/);
    }
    expect(paragraphs[i + 2]).toMatch(/<w:pBdr><w:bottom /);
  });

  test('when a draft is rendered, then "DỰ THẢO" is boxed in the page headers, the title and the properties; a published version has none of it', async () => {
    for (const draft of [draftProgramme(), draftSchedule()]) {
      const docx = await renderDocx(draft);
      const headers = headersOf(docx);
      for (const type of ['first', 'default']) {
        const mark = paragraphsOf(headers.get(type)!).find((p) => paragraphText(p).includes('DỰ THẢO'))!;
        expect(mark).toMatch(/<w:bdr w:val="single"/);
        expect(mark).toMatch(/<w:tab w:val="right"/);
      }
      const core = docxPart(docx, 'docProps/core.xml');
      expect(core).toMatch(/<dc:title>[^<]*DỰ THẢO[^<]*<\/dc:title>/);
      expect(core).toMatch(/<cp:keywords>DỰ THẢO<\/cp:keywords>/);

      const issued = await renderDocx(published(draft, 2));
      expect(allParts(issued)).not.toContain('DỰ THẢO');
      expect(docxPart(issued, 'docProps/core.xml')).toMatch(/<dc:title>[^<]*Điều chỉnh lần 1[^<]*<\/dc:title>/);
      expect(headersOf(issued).get('default')).toMatch(/PAGE/);
    }
  });
});
