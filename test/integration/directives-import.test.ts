/**
 * Importing what the Office writes: the text of seed 000 gives the seed's notice (golden), the dry
 * run stores nothing, a .docx and a pasted text with the usual variations are recognised, and a
 * confirmed import stores the notice with all its directives or nothing.
 */
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, type IRunOptions } from 'docx';
import request from 'supertest';
import { noticeRepository } from '../../src/directives/repository';
import { asImported, readDirectivesSeed } from '../../src/directives/seed';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

const SOURCE = readFileSync(`${__dirname}/../../../shared/seeds/000_10ea36eaf0f3fc08.txt`, 'utf8');
let t: TestApp;
let auth: { Authorization: string };

beforeAll(async () => {
  t = await startTestApp({ seed: true, now: '2023-05-12T02:00:00Z' });
  auth = { Authorization: t.officeKey };
});
afterAll(() => t.close());

const seedNotice = () => readDirectivesSeed().notices[0]!;

describe('importing the notice of 11/5/2023 (golden)', () => {
  test('when the text of seed 000 is previewed, then what is recognised is exactly the seed notice, and nothing is stored', async () => {
    const before = await t.services.directives.listNotices();
    const res = await request(t.app).post('/api/notices/import/preview').set(auth).send({ text: SOURCE }).expect(200);
    const preview = await t.services.directives.previewImport({ text: SOURCE, status: 'draft' });
    expect(preview.imported).toEqual(asImported(seedNotice()));
    expect(res.body.dryRun).toBe(true);
    expect(res.body.notice).toMatchObject({
      bodyCode: 'huyen-uy',
      bodyName: 'Huyện ủy Lục Ngạn',
      occurrenceId: 'huyen-uy-giao-ban-thuong-truc_20230511T0800',
      meetingDate: '2023-05-11',
    });
    expect(res.body.directives).toHaveLength(15);
    expect(res.body.directives[12]).toMatchObject({
      dueAt: '2023-06-01T17:00:00+07:00',
      assignees: [{ kind: 'body', code: 'ubnd', name: 'UBND huyện', role: 'lead' }],
      warnings: [],
    });
    expect(await t.services.directives.listNotices()).toHaveLength(before.length);
  });

  test('when the same text is imported as plain text (raw body) with ?dryRun=1, then the same preview comes back', async () => {
    const res = await request(t.app)
      .post('/api/notices/import?dryRun=1')
      .set(auth)
      .set('Content-Type', 'text/plain; charset=utf-8')
      .send(SOURCE)
      .expect(200);
    expect(res.body.directives.map((d: { text: string }) => d.text)).toEqual(
      seedNotice().directives.map((d) => d.text),
    );
  });

  test('when confirmed, then the stored notice equals the seed notice but for its id, and all 15 directives are there', async () => {
    const res = await request(t.app).post('/api/notices/import').set(auth).send({ text: SOURCE }).expect(201);
    const seeded = (await request(t.app).get('/api/notices/tb-huyen-uy-2023-05-11').set(auth).expect(200)).body;
    const strip = (n: Record<string, unknown>) => {
      const {
        id: _i,
        status: _s,
        source: _src,
        issuedAt: _ia,
        issuedBy: _ib,
        rev: _r,
        counts: _c,
        directives,
        ...rest
      } = n;
      return {
        ...rest,
        directives: (directives as Record<string, unknown>[]).map(
          ({ id: _d, noticeId: _n, noticeStatus: _ns, updatedAt: _u, deadlineHistory: _h, ...d }) => d,
        ),
      };
    };
    expect(res.body.status).toBe('draft');
    expect(res.body.source).toBe('text');
    expect(strip(res.body)).toEqual(strip(seeded));
    const stored = await t.services.directives.getNotice(res.body.id);
    expect(stored.directives).toHaveLength(15);
    expect(stored.directives.map((d) => d.id)).toEqual(Array.from({ length: 15 }, (_, i) => `${res.body.id}-${i + 1}`));
  });
});

describe('what the importer tolerates and what it refuses', () => {
  test('when a Word file with the header table, number and date is uploaded, then header, number, date, issuer and directives are recognised', async () => {
    // `satisfies`: TextRun also takes a string, whose deprecated String.prototype.bold the linter would otherwise see.
    const p = (text: string, bold = false) =>
      new Paragraph({ children: [new TextRun({ text, bold } satisfies IRunOptions)] });
    const header = new Table({
      rows: [
        new TableRow({
          children: [
            new TableCell({ children: [p('ỦY BAN NHÂN DÂN'), p('HUYỆN LỤC NGẠN')] }),
            new TableCell({ children: [p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), p('Độc lập - Tự do - Hạnh phúc')] }),
          ],
        }),
        new TableRow({
          children: [
            new TableCell({ children: [p('Số: 45/TB-UBND')] }),
            new TableCell({ children: [p('Lục Ngạn, ngày 25 tháng 5 năm 2023')] }),
          ],
        }),
      ],
    });
    const doc = new Document({
      sections: [
        {
          children: [
            header,
            p('THÔNG BÁO', true),
            p('Kết luận của Chủ tịch UBND huyện tại phiên họp thường kỳ tháng 5 năm 2023'),
            p('Ngày 23/5/2023, UBND huyện tổ chức phiên họp thường kỳ tháng 5. Chủ tịch UBND huyện kết luận như sau:'),
            p(
              '1. Giao Phòng Tài chính – Kế hoạch chủ trì, phối hợp với Phòng Nội vụ hoàn thiện báo cáo, trình UBND huyện trước ngày 05/6/2023.',
            ),
            p('2. Giao phòng LĐ-TB&XH thường xuyên theo dõi, báo cáo tình hình lao động.'),
            p('3. Giao Phòng Văn hóa - Thông tin huyện chuẩn bị tuyên truyền.'),
            p('Nơi nhận:'),
            p('- Như trên;'),
            p('- Lưu: VT.'),
            p('TL. CHỦ TỊCH'),
            p('CHÁNH VĂN PHÒNG'),
            p('Nguyễn Văn A'),
          ],
        },
      ],
    });
    const file = await Packer.toBuffer(doc);
    const res = await request(t.app)
      .post('/api/notices/import/preview')
      .set(auth)
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .send(file)
      .expect(200);
    expect(res.body.source).toBe('docx');
    expect(res.body.notice).toMatchObject({
      bodyCode: 'ubnd',
      kind: 'conclusions',
      number: '45/TB-UBND',
      date: '2023-05-25',
      meetingDate: '2023-05-23',
      occurrenceId: 'ubnd-phien-hop-thuong-ky_20230523T0800',
      signer: { authority: 'TL. CHỦ TỊCH', title: 'CHÁNH VĂN PHÒNG', name: 'Nguyễn Văn A' },
      recipients: ['- Như trên;', '- Lưu: VT.'],
      warnings: [],
    });
    const [d1, d2, d3] = res.body.directives;
    expect(d1).toMatchObject({
      assignees: [
        { kind: 'agency', code: 'phong-tc-kh', role: 'lead' },
        { kind: 'agency', code: 'phong-noi-vu', role: 'coordinating' },
      ],
      dueAt: '2023-06-05T17:00:00+07:00',
      warnings: [],
    });
    expect(d2).toMatchObject({
      assignees: [{ code: 'phong-ldtbxh' }],
      dueAt: null,
      cadence: 'monthly',
      warnings: ['Nhiệm vụ thường xuyên: kỳ báo cáo mặc định hằng tháng; Văn phòng xác nhận.'],
    });
    expect(d3).toMatchObject({
      assignees: [],
      warnings: [
        'Không nhận ra cơ quan, đơn vị được giao: “Phòng Văn hóa - Thông tin huyện”; Văn phòng cần giao.',
        'Văn bản không nêu thời hạn.',
      ],
    });
  });

  test('when a confirmed import cannot be stored whole (issued without its number), then 400 and nothing at all is stored', async () => {
    const before = (await t.services.directives.listNotices()).length;
    const res = await request(t.app)
      .post('/api/notices/import')
      .set(auth)
      .send({ text: SOURCE, status: 'issued' })
      .expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['number', 'date']);
    expect(await t.services.directives.listNotices()).toHaveLength(before);
  });

  test('when the body is unknown, the text empty, or both text and file are given, then 400 names the field', async () => {
    const a = await request(t.app)
      .post('/api/notices/import/preview')
      .set(auth)
      .send({ text: SOURCE, bodyCode: 'tinh-uy' })
      .expect(400);
    expect(a.body.error.details).toEqual([{ field: 'bodyCode', problem: "unknown body 'tinh-uy'" }]);
    const b = await request(t.app).post('/api/notices/import/preview').set(auth).send({ text: '  \n ' }).expect(400);
    expect(b.body.error.details).toEqual([{ field: 'text', problem: 'is empty' }]);
    const c = await request(t.app)
      .post('/api/notices/import/preview')
      .set(auth)
      .send({ text: 'x', docxBase64: 'eA==' })
      .expect(400);
    expect(c.body.error.details[0].field).toBe('text');
    const d = await request(t.app)
      .post('/api/notices/import/preview')
      .set(auth)
      .send({ docxBase64: Buffer.from('not a zip').toString('base64') })
      .expect(400);
    expect(d.body.error.details).toEqual([{ field: 'docxBase64', problem: 'is not a readable .docx file' }]);
    const agency = await t.keyFor('agency', 'thanh-tra');
    await request(t.app)
      .post('/api/notices/import/preview')
      .set({ Authorization: agency })
      .send({ text: SOURCE })
      .expect(403);
  });
});

describe('the storage operators the directives rely on (local FerretDB)', () => {
  test('when a directive is written through its index path under a revision guard, then a stale revision misses and positional $ is not needed', async () => {
    const repo = noticeRepository(t.services.conn);
    const n = (await repo.get('tb-huyen-uy-2023-05-11'))!;
    const d = n.directives[3]!;
    const next = { ...d, text: d.text, rev: d.rev + 1, updatedAt: new Date() };
    expect(await repo.replaceDirective(n.id, 3, d.id, d.rev, next, next.updatedAt)).not.toBeNull();
    expect(await repo.replaceDirective(n.id, 3, d.id, d.rev, next, next.updatedAt)).toBeNull(); // stale
    expect(await repo.replaceDirective(n.id, 4, d.id, d.rev + 1, next, next.updatedAt)).toBeNull(); // wrong element
    const after = (await repo.get(n.id))!;
    expect(after.directives[3]!.rev).toBe(d.rev + 1);
    expect(after.directives[4]).toEqual(n.directives[4]);
    expect(after.rev).toBe(n.rev + 1);
  });
});
