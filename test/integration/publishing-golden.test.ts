/**
 * Golden files of the generated May 2023 programme (and the week of its session): the text content
 * of the HTML document and of the DOCX, compared exactly. `UPDATE_GOLDEN=1` rewrites them; review
 * the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { loadProgrammeSeeds } from '../../src/publishing/seed';
import { articleText, docxText, unzipEntry } from '../support/document-text';
import { startTestApp, type TestApp } from '../support/app';

const GOLDEN = join(__dirname, '..', 'golden', 'programme');

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${actual}\n`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8').replace(/\n$/, ''));
}

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
    const res = await request(t.app).get('/programmes/ubnd/2023-05').expect(200).expect('Content-Type', /text\/html/);
    golden('ubnd-2023-05.html.txt', articleText(res.text));
  });

  test('when rendering the programme of May 2023 as DOCX, then its document text is the golden text', async () => {
    const res = await request(t.app).get('/programmes/ubnd/2023-05.docx').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe('attachment; filename="chuong-trinh-cong-tac-ubnd-2023-05-du-thao.docx"');
    golden('ubnd-2023-05.docx.txt', docxText(res.body as Buffer));
  });

  test('when rendering the weekly schedule of the session week, then HTML and DOCX texts are the golden texts', async () => {
    const html = await request(t.app).get('/schedules/ubnd/2023-W21').expect(200);
    golden('ubnd-2023-W21.html.txt', articleText(html.text));
    const docx = await request(t.app).get('/schedules/ubnd/2023-W21.docx').buffer(true).parse(binary).expect(200);
    golden('ubnd-2023-W21.docx.txt', docxText(docx.body as Buffer));
    // The week's table needs the width: A4 landscape.
    expect(unzipEntry(docx.body as Buffer, 'word/document.xml').toString('utf8')).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
  });

  test('when reading the JSON of the programme, then it is the same document model without the Office warnings', async () => {
    const res = await request(t.app).get('/programmes/ubnd/2023-05.json').expect(200);
    expect(res.body).toMatchObject({ type: 'programme', period: '2023-05', publication: null, header: { numberLine: 'Số: .../CTr-UBND' } });
    expect(res.body.warnings).toBeUndefined();
    const session = res.body.partB.sections[0];
    expect(session.lines.filter((l: { type: string }) => l.type === 'preparing').map((l: { text: string }) => l.text)).toEqual([
      '(Phòng Tài chính - Kế hoạch chuẩn bị nội dung từ 1-6)',
      '(Thanh tra huyện chuẩn bị nội dung 7, 8)',
      '(Công an huyện chuẩn bị nội dung 8)',
      '(Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11)',
      '(Phòng Nội vụ chuẩn bị nội dung 14)',
    ]);
    // The numbering is the document's own: no item 12.
    expect(session.lines.filter((l: { type: string }) => l.type === 'item').map((l: { number: number }) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15]);
  });

  test('when a district body has no issuer above it, then the header prints the organ and the place on two lines in HTML and DOCX', async () => {
    const html = articleText((await request(t.app).get('/programmes/ubnd/2023-05').expect(200)).text).split('\n');
    expect(html.slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN LỤC NGẠN']);
    const docx = docxText((await request(t.app).get('/programmes/ubnd/2023-05.docx').buffer(true).parse(binary).expect(200)).body as Buffer).split('\n');
    expect(docx.slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN LỤC NGẠN']);
    expect((await request(t.app).get('/programmes/hdnd/2023-05.json').expect(200)).body.header).toMatchObject({ issuerParent: '', issuer: 'HỘI ĐỒNG NHÂN DÂN\nHUYỆN LỤC NGẠN' });
    // The Party committee keeps its parent line: "ĐẢNG BỘ TỈNH BẮC GIANG / HUYỆN ỦY LỤC NGẠN".
    expect((await request(t.app).get('/programmes/huyen-uy/2023-05.json').expect(200)).body.header).toMatchObject({ issuerParent: 'ĐẢNG BỘ TỈNH BẮC GIANG', issuer: 'HUYỆN ỦY LỤC NGẠN' });
  });

  test('when the DOCX is opened, then its pages are A4 with the decree margins', async () => {
    const res = await request(t.app).get('/programmes/ubnd/2023-05.docx').buffer(true).parse(binary).expect(200);
    const xml = unzipEntry(res.body as Buffer, 'word/document.xml').toString('utf8');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // 20 mm = 1134 twips, 15 mm = 850/851, 30 mm = 1701.
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
  });
});
