/**
 * The documents of directives: the seed notice in official form (HTML and DOCX), the follow-up
 * report of a body and period (JSON, HTML, DOCX, XLSX read back with exceljs), and its agenda item
 * on the next occurrence of the series the notice came from.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { articleText, docxText } from '../support/document-text';

jest.setTimeout(120_000);

const NOTICE = 'tb-huyen-uy-2023-05-11';
let t: TestApp;
const auth = () => ({ Authorization: t.officeKey });

beforeAll(async () => {
  t = await startTestApp({ seed: true, now: '2023-05-22T02:00:00Z' }); // Monday 22/5/2023 09:00 +07
});
afterAll(() => t.close());

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the notice in official form', () => {
  test('when printing the seed notice, then the header, THÔNG BÁO, its sections and directives verbatim, Nơi nhận and the signature are there, and no warning', async () => {
    const res = await request(t.app)
      .get(`/api/notices/${NOTICE}/document`)
      .set(auth())
      .expect(200)
      .expect('Content-Type', /html/);
    const text = articleText(res.text);
    const lines = text.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'ĐẢNG BỘ TỈNH BẮC GIANG',
      'HUYỆN ỦY LỤC NGẠN',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Số ...',
      'Lục Ngạn, ngày ... tháng ... năm 2023',
      'THÔNG BÁO',
      'Ý KIẾN CHỈ ĐẠO CỦA THƯỜNG TRỰC HUYỆN ỦY tại Hội nghị giao ban Thường trực Huyện ủy với các phó chủ tịch HĐND, UBND huyện',
      expect.stringMatching(/^Ngày 11 tháng 5 năm 2023, Thường trực Huyện ủy/),
    ]);
    for (const h of [
      '1. Về công tác Đảng, đoàn thể',
      '2. Về điều hành của Thường trực HĐND huyện',
      '3. Về điều hành của UBND huyện',
      '4. Một số nội dung khác',
    ])
      expect(lines).toContain(h);
    expect(lines).toContain(
      'Chỉ đạo tổ chức Lễ trao tặng Huy hiệu Đảng đợt 19/5/2023 bảo đảm trang trọng, đúng quy định.',
    );
    expect(text).toMatch(
      /Nơi nhận:\n- Thường trực Huyện ủy, HĐND, UBND huyện,[\s\S]*- Lưu Văn phòng Huyện ủy\.\nT\/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG$/,
    );
    expect(text).not.toContain('Văn bản không');
    expect(res.text).toContain('Times New Roman');
  });

  test('when downloading it as DOCX, then Word gets the same text', async () => {
    const res = await request(t.app)
      .get(`/api/notices/${NOTICE}/document?format=docx`)
      .set(auth())
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/wordprocessingml/);
    const text = docxText(res.body as Buffer);
    expect(text).toContain('HUYỆN ỦY LỤC NGẠN');
    expect(text).toContain('THÔNG BÁO');
    expect(text).toContain('Nhất trí triển khai thực hiện điều chỉnh quy hoạch chung thị trấn Cao Thượng');
    expect(text).toContain('T/L BAN THƯỜNG VỤ');
  });
});

describe('the follow-up report', () => {
  beforeAll(async () => {
    const mttq = await t.keyFor('agency', 'ub-mttq');
    await request(t.app)
      .post(`/api/directives/${NOTICE}-5/reports`)
      .set({ Authorization: mttq })
      .send({ text: 'Đã tổ chức hội nghị tại xã Cao Xá.', date: '2023-05-18' })
      .expect(201);
    await request(t.app)
      .post(`/api/directives/${NOTICE}-5/status`)
      .set({ Authorization: mttq })
      .send({ status: 'reported-done' })
      .expect(200);
  });

  test('when the Office asks for May 2023 of Huyện ủy as JSON, then each directive has its assignee, deadline, status, latest report and days overdue, and the counts add up', async () => {
    const res = await request(t.app)
      .get('/api/follow-up-report?body=huyen-uy&from=2023-05-01&to=2023-05-31')
      .set(auth())
      .expect(200);
    const r = res.body;
    expect(r).toMatchObject({
      bodyCode: 'huyen-uy',
      total: 15,
      summary: 'Kết quả thực hiện ý kiến chỉ đạo từ ngày 1/5/2023 đến ngày 31/5/2023',
      asOf: '2023-05-22T09:00',
    });
    expect(r.rows[0]).toMatchObject({
      no: 1,
      deadline: '19/5/2023',
      assignees: 'Chưa giao',
      progress: 'overdue',
      progressLabel: 'Đang thực hiện quá hạn',
      overdueDays: 3,
      notice: 'Thông báo (giao ban ngày 11/5/2023)',
    });
    expect(r.rows[4]).toMatchObject({
      assignees: 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện',
      progress: 'done-on-time',
      latestReport: '18/5/2023: Đã tổ chức hội nghị tại xã Cao Xá.',
      status: 'Báo cáo hoàn thành',
    });
    expect(r.rows[12]).toMatchObject({ deadline: '1/6/2023', progress: 'not-due', assignees: 'UBND huyện' });
    expect(r.counts).toEqual([
      { progress: 'done-on-time', label: 'Hoàn thành đúng hạn', count: 1 },
      { progress: 'overdue', label: 'Đang thực hiện quá hạn', count: 1 },
      { progress: 'not-due', label: 'Chưa đến hạn', count: 1 },
      { progress: 'no-deadline', label: 'Chưa có thời hạn', count: 12 },
    ]);
    const none = await request(t.app)
      .get('/api/follow-up-report?body=huyen-uy&from=2023-06-01&to=2023-06-30')
      .set(auth())
      .expect(200);
    expect(none.body.total).toBe(0);
    const bad = await request(t.app)
      .get('/api/follow-up-report?body=huyen-uy&from=2023-06-30&to=2023-06-01')
      .set(auth())
      .expect(400);
    expect(bad.body.error.details[0].field).toBe('query.from');
  });

  test('when it is asked as HTML, DOCX and XLSX, then each holds the rows (overdue in red in the spreadsheet)', async () => {
    const q = '/api/follow-up-report?body=huyen-uy&from=2023-05-01&to=2023-05-31';
    const page = await request(t.app).get(`${q}&format=html`).set(auth()).expect(200);
    const text = articleText(page.text);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('- Đang thực hiện quá hạn: 1.');
    expect(page.text).toContain('<tr class="overdue"');
    const docx = await request(t.app).get(`${q}&format=docx`).set(auth()).buffer(true).parse(binary).expect(200);
    expect(docxText(docx.body as Buffer)).toContain('Đã tổ chức hội nghị tại xã Cao Xá.');
    const xlsx = await request(t.app).get(`${q}&format=xlsx`).set(auth()).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.getWorksheet('Báo cáo')!;
    const rows: string[][] = [];
    const numbers: number[] = [];
    ws.eachRow((row, n) => {
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')),
      );
      numbers.push(n);
    });
    const head = rows.findIndex((r) => r[0] === 'TT');
    expect(rows[head]).toEqual([
      'TT',
      'Nội dung chỉ đạo',
      'Cơ quan, đơn vị thực hiện',
      'Thời hạn',
      'Kết quả, tiến độ',
      'Đánh giá',
      'Quá hạn (ngày)',
    ]);
    expect(rows.length - head - 1).toBe(15);
    expect(rows[head + 1]!.slice(2, 7)).toEqual(['Chưa giao', '19/5/2023', 'Đã giao', 'Đang thực hiện quá hạn', '3']);
    expect(ws.getRow(numbers[head + 1]!).getCell(2).font?.color?.argb).toBe('FFA50E0E');
    expect(ws.getRow(numbers[head + 2]!).getCell(2).font?.color?.argb).toBe('FF000000');
    const agency = await t.keyFor('agency', 'thanh-tra');
    await request(t.app).get(q).set({ Authorization: agency }).expect(403);
  });

  test('when the Office adds the report to the next briefing, then it becomes an agenda item of the next occurrence of the series, once', async () => {
    const seed = await request(t.app).post(`/api/notices/${NOTICE}/follow-up-agenda-item`).set(auth()).expect(409);
    expect(seed.body.error.message).toMatch(/no later occurrence/);
    const created = await request(t.app)
      .post('/api/notices')
      .set(auth())
      .send({
        bodyCode: 'ubnd',
        title: 'Kết luận giao ban ngày 18/5/2023',
        occurrenceId: 'ubnd-giao-ban-thu-nam_20230518T1400',
        directives: [{ text: 'Giao Phòng Nội vụ rà soát.', assignees: [{ kind: 'agency', code: 'phong-noi-vu' }] }],
      })
      .expect(201);
    const first = await request(t.app)
      .post(`/api/notices/${created.body.id}/follow-up-agenda-item`)
      .set(auth())
      .expect(201);
    expect(first.body).toMatchObject({
      occurrenceId: 'ubnd-giao-ban-thu-nam_20230525T1400',
      created: true,
      item: {
        number: 1,
        kind: 'report',
        title: 'Báo cáo kết quả thực hiện ý kiến chỉ đạo (Kết luận giao ban ngày 18/5/2023)',
      },
    });
    const again = await request(t.app)
      .post(`/api/notices/${created.body.id}/follow-up-agenda-item`)
      .set(auth())
      .expect(200);
    expect(again.body).toMatchObject({ created: false, item: { number: 1 } });
    const agenda = await request(t.app).get('/api/occurrences/ubnd-giao-ban-thu-nam_20230525T1400/agenda').expect(200);
    expect(agenda.body.items).toHaveLength(1);
  });
});
