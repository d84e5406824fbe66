/**
 * Golden files of the generated May 2023 programme (and the week of its session): the text content
 * of the HTML document and of the DOCX, compared exactly. A missing file fails; `npm run golden:update`
 * rewrites them; review the diff.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { loadProgrammeSeeds } from '../../src/publishing/seed';
import {
  articleText,
  docxPart,
  docxText,
  paragraphsOf,
  paragraphText,
  unzipEntry,
  zipEntries,
} from '../support/document-text';
import { startTestApp, type TestApp } from '../support/app';
import { expectGolden, GOLDEN_ROOT } from '../support/golden';

const GOLDEN = join(GOLDEN_ROOT, 'programme');
/** The DOCX files rendered here, kept for `scripts/render-docx.sh` (LibreOffice to PDF and PNG, to look at). */
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'documents');

function keep(name: string, docx: Buffer): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), docx);
}

/** A missing golden file fails (support/golden.ts); `npm run golden:update` rewrites them. */
const golden = (name: string, actual: string) => expectGolden(join(GOLDEN, name), actual, { finalNewline: true });

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  await loadProgrammeSeeds(t.services);
});
afterAll(() => t.close());

describe('golden documents of May 2023', () => {
  test('when rendering the programme of May 2023 as HTML, then its text is the golden text', async () => {
    const res = await request(t.app)
      .get('/programmes/ubnd/2023-05')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    golden('ubnd-2023-05.html.txt', articleText(res.text));
  });

  test('when rendering the programme of May 2023 as DOCX, then its document text is the golden text', async () => {
    const res = await request(t.app).get('/programmes/ubnd/2023-05.docx').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="chuong-trinh-cong-tac-ubnd-2023-05-du-thao.docx"',
    );
    keep('programme-ubnd-2023-05-du-thao.docx', res.body as Buffer);
    golden('ubnd-2023-05.docx.txt', docxText(res.body as Buffer));
  });

  test('when rendering the weekly schedule of the session week, then HTML and DOCX texts are the golden texts', async () => {
    const html = await request(t.app).get('/schedules/ubnd/2023-W21').expect(200);
    golden('ubnd-2023-W21.html.txt', articleText(html.text));
    const docx = await request(t.app).get('/schedules/ubnd/2023-W21.docx').buffer(true).parse(binary).expect(200);
    keep('schedule-ubnd-2023-W21-du-thao.docx', docx.body as Buffer);
    golden('ubnd-2023-W21.docx.txt', docxText(docx.body as Buffer));
    // The week's table needs the width: A4 landscape.
    expect(unzipEntry(docx.body as Buffer, 'word/document.xml').toString('utf8')).toMatch(
      /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/,
    );
  });

  test('when reading the JSON of the programme, then it is the same document model without the Office warnings', async () => {
    const res = await request(t.app).get('/programmes/ubnd/2023-05.json').expect(200);
    expect(res.body).toMatchObject({
      type: 'programme',
      period: '2023-05',
      publication: null,
      header: { numberLine: 'Số: .../CTr-UBND' },
    });
    expect(res.body.warnings).toBeUndefined();
    const session = res.body.partB.sections[0];
    expect(
      session.lines.filter((l: { type: string }) => l.type === 'preparing').map((l: { text: string }) => l.text),
    ).toEqual([
      '(Phòng Tài chính - Kế hoạch chuẩn bị nội dung từ 1-6)',
      '(Thanh tra huyện chuẩn bị nội dung 7, 8)',
      '(Công an huyện chuẩn bị nội dung 8)',
      '(Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11)',
      '(Phòng Nội vụ chuẩn bị nội dung 14)',
    ]);
    // The numbering is the document's own: no item 12.
    expect(
      session.lines.filter((l: { type: string }) => l.type === 'item').map((l: { number: number }) => l.number),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15]);
  });

  test('when a district body has no issuer above it, then the header prints the organ and the place on two lines in HTML and DOCX', async () => {
    const html = articleText((await request(t.app).get('/programmes/ubnd/2023-05').expect(200)).text).split('\n');
    // Above the header, the draft's boxed mark.
    expect(html.slice(0, 3)).toEqual(['DỰ THẢO', 'ỦY BAN NHÂN DÂN', 'HUYỆN LỤC NGẠN']);
    const docx = docxText(
      (await request(t.app).get('/programmes/ubnd/2023-05.docx').buffer(true).parse(binary).expect(200)).body as Buffer,
    ).split('\n');
    expect(docx.slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN LỤC NGẠN']);
    expect((await request(t.app).get('/programmes/hdnd/2023-05.json').expect(200)).body.header).toMatchObject({
      issuerParent: '',
      issuer: 'HỘI ĐỒNG NHÂN DÂN\nHUYỆN LỤC NGẠN',
    });
    // The Party committee keeps its parent line: "ĐẢNG BỘ TỈNH BẮC GIANG / HUYỆN ỦY LỤC NGẠN".
    expect((await request(t.app).get('/programmes/huyen-uy/2023-05.json').expect(200)).body.header).toMatchObject({
      issuerParent: 'ĐẢNG BỘ TỈNH BẮC GIANG',
      issuer: 'HUYỆN ỦY LỤC NGẠN',
    });
  });

  test('when the DOCX is opened, then its pages are A4 with the decree margins', async () => {
    const res = await request(t.app).get('/programmes/ubnd/2023-05.docx').buffer(true).parse(binary).expect(200);
    const xml = unzipEntry(res.body as Buffer, 'word/document.xml').toString('utf8');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // 20 mm = 1134 twips, 15 mm = 850/851, 30 mm = 1701.
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
  });

  test('when the DOCX files of May 2023 are opened, then they are in official form: Vietnamese, pages numbered from the second, the motto on one line, rules as paragraph borders, "DỰ THẢO" on the draft', async () => {
    for (const [path, artifact] of [
      ['/programmes/ubnd/2023-05.docx', null],
      ['/schedules/ubnd/2023-W21.docx', null],
      ['/programmes/huyen-uy/2023-05.docx', 'programme-huyen-uy-2023-05-du-thao.docx'],
    ] as const) {
      const docx = (await request(t.app).get(path).buffer(true).parse(binary).expect(200)).body as Buffer;
      if (artifact) keep(artifact, docx);
      expect(docxPart(docx, 'word/styles.xml')).toMatch(
        /<w:docDefaults>[\s\S]*<w:lang w:val="vi-VN"[\s\S]*<\/w:docDefaults>/,
      );
      const xml = docxPart(docx, 'word/document.xml');
      expect(xml).toMatch(/<w:sectPr>[\s\S]*<w:headerReference w:type="first"[\s\S]*<w:titlePg\/>[\s\S]*<\/w:sectPr>/);
      const headers = zipEntries(docx)
        .filter((n) => /^word\/header\d+\.xml$/.test(n))
        .map((n) => docxPart(docx, n));
      expect(headers.filter((h) => /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/.test(h))).toHaveLength(1);
      expect(headers.every((h) => /DỰ THẢO/.test(h))).toBe(true);
      expect(docxPart(docx, 'docProps/core.xml')).toMatch(/<dc:title>[^<]*\(DỰ THẢO\)[^<]*<\/dc:title>/);
      // The national name (a Party committee: "ĐẢNG CỘNG SẢN VIỆT NAM") and the motto: one paragraph each.
      const header = (
        await request(t.app)
          .get(path.replace(/\.docx$/, '.json'))
          .expect(200)
      ).body.header as { nation: string; motto: string };
      const paragraphs = paragraphsOf(xml);
      for (const line of [header.nation, header.motto].filter(Boolean))
        expect(paragraphs.filter((p) => paragraphText(p) === line)).toHaveLength(1);
      expect(xml).not.toMatch(/<w:drawing|<w:pict|<wp:anchor|<v:line|<v:shape|<wps:wsp/);
      expect(
        paragraphs
          .filter((p) => /<w:pBdr>/.test(p))
          .every((p) => paragraphText(p) === '' && /<w:pBdr><w:bottom /.test(p)),
      ).toBe(true);
    }
  });

  // Publishes: keep this test last in the file.
  test('when the programme and the week are published, then their versions carry no "DỰ THẢO" in the file or on paper', async () => {
    await request(t.app)
      .post('/api/programmes/ubnd/2023-05/publish')
      .set('Authorization', t.officeKey)
      .send({ documentNumber: '45', issueDate: '2023-05-05' })
      .expect(201);
    await request(t.app)
      .post('/api/schedules/ubnd/2023-W21/publish')
      .set('Authorization', t.officeKey)
      .send({ issueDate: '2023-05-19' })
      .expect(201);
    for (const [path, artifact] of [
      ['/programmes/ubnd/2023-05/versions/1', 'programme-ubnd-2023-05-v1.docx'],
      ['/schedules/ubnd/2023-W21/versions/1', 'schedule-ubnd-2023-W21-v1.docx'],
    ] as const) {
      const page = (await request(t.app).get(path).expect(200)).text;
      expect(articleText(page)).not.toContain('DỰ THẢO');
      expect(page).not.toMatch(/class="draft-mark"|@top-right/);
      const docx = (await request(t.app).get(`${path}.docx`).buffer(true).parse(binary).expect(200)).body as Buffer;
      keep(artifact, docx);
      for (const part of zipEntries(docx).filter((n) => n.endsWith('.xml')))
        expect(docxPart(docx, part)).not.toContain('DỰ THẢO');
      expect(
        zipEntries(docx)
          .filter((n) => /^word\/header\d+\.xml$/.test(n))
          .some((n) => /PAGE/.test(docxPart(docx, n))),
      ).toBe(true);
    }
    expect(
      docxText(
        (await request(t.app).get('/programmes/ubnd/2023-05/versions/1.docx').buffer(true).parse(binary).expect(200))
          .body as Buffer,
      )
        .split('\n')
        .slice(0, 6),
    ).toEqual([
      'ỦY BAN NHÂN DÂN',
      'HUYỆN LỤC NGẠN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 45/CTr-UBND',
      'Lục Ngạn, ngày 05 tháng 5 năm 2023',
    ]);
  });
});
