/**
 * Notices and directives through HTTP against the real local database: the seed notice exactly as
 * the document (000), the API's shapes and filters, the workflow and its permissions, concurrent
 * changes, and what is stored.
 */
import request from 'supertest';
import { loadSeed } from '../../src/seed/load';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

const NOTICE = 'tb-huyen-uy-2023-05-11';
const BRIEFING = 'huyen-uy-giao-ban-thuong-truc_20230511T0800';
let t: TestApp;
let auth: { Authorization: string };

beforeAll(async () => {
  t = await startTestApp({ seed: true, now: '2023-05-12T02:00:00Z' }); // Friday 12/5/2023 09:00 +07
  auth = { Authorization: t.officeKey };
});
afterAll(() => t.close());

const SECTIONS = [
  '1. Về công tác Đảng, đoàn thể',
  '2. Về điều hành của Thường trực HĐND huyện',
  '3. Về điều hành của UBND huyện',
  '4. Một số nội dung khác',
];

describe('the seed notice of the 11/5/2023 briefing', () => {
  test('when reading it, then it is linked to the briefing, issued, with its 4 sections, signer, recipients and the gaps of the text as warnings', async () => {
    const res = await request(t.app).get(`/api/notices/${NOTICE}`).set(auth).expect(200);
    const n = res.body;
    expect(n).toMatchObject({
      id: NOTICE,
      bodyCode: 'huyen-uy',
      kind: 'directive-opinions',
      number: '',
      date: null,
      meetingDate: '2023-05-11',
      occurrenceId: BRIEFING,
      status: 'issued',
      title:
        'Ý KIẾN CHỈ ĐẠO CỦA THƯỜNG TRỰC HUYỆN ỦY tại Hội nghị giao ban Thường trực Huyện ủy với các phó chủ tịch HĐND, UBND huyện',
      signer: { authority: 'T/L BAN THƯỜNG VỤ', title: 'CHÁNH VĂN PHÒNG', name: '' },
      sections: SECTIONS,
      warnings: ['Văn bản không ghi số.', 'Văn bản không ghi ngày ban hành (chỉ nêu ngày họp 11/5/2023).'],
    });
    expect(n.recipients).toEqual([
      '- Thường trực Huyện ủy, HĐND, UBND huyện,',
      '- Các cơ quan, đơn vị thuộc Huyện ủy, UBND huyện,',
      '- Ủy ban MTTQ và các tổ chức chính trị - xã hội huyện,',
      '- Lưu Văn phòng Huyện ủy.',
    ]);
    expect(n.preamble).toMatch(
      /^Ngày 11 tháng 5 năm 2023, Thường trực Huyện ủy tổ chức giao ban thường kỳ với các phó chủ tịch HĐND, UBND huyện\. Sau khi nghe .* như sau:$/,
    );
  });

  test('when listing its directives, then there are 15, one per paragraph, verbatim, 6/2/4/3 per section', async () => {
    const { body } = await request(t.app).get(`/api/directives?notice=${NOTICE}`).set(auth).expect(200);
    const list = body.directives as { number: number; sectionIndex: number; section: string; text: string }[];
    expect(list).toHaveLength(15);
    expect(list.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect([0, 1, 2, 3].map((s) => list.filter((d) => d.sectionIndex === s).length)).toEqual([6, 2, 4, 3]);
    expect(list[0]).toMatchObject({
      section: SECTIONS[0],
      text: 'Chỉ đạo tổ chức Lễ trao tặng Huy hiệu Đảng đợt 19/5/2023 bảo đảm trang trọng, đúng quy định.',
    });
    expect(list[11]!.text).toBe(
      'Chuẩn bị các điều kiện tổ chức Lễ tuyên dương, khen thường học sinh, giáo viên bồi dưỡng các đội tuyển thi học sinh giỏi năm học 2022-2023.',
    );
    expect(list[14]!.text).toBe(
      'Nhất trí triển khai thực hiện điều chỉnh quy hoạch chung thị trấn Cao Thượng theo đề xuất của Phòng Kinh tế - Hạ tầng huyện. Giao Chủ tịch UBND huyện chỉ đạo rà soát quy trình các bước thực hiện, chỉ đạo lập phương án triển khai thực hiện cụ thể, báo cáo Thường trực Huyện ủy để cho chủ trương thực hiện./.',
    );
    for (const d of list) expect(d.text).not.toMatch(/\s{2,}|\n/);
  });

  test('when reading assignees and deadlines, then only those the text names are there, and every gap is a visible warning', async () => {
    const { body } = await request(t.app).get(`/api/directives?notice=${NOTICE}`).set(auth).expect(200);
    const byNumber = new Map(
      (body.directives as { number: number }[]).map((d) => [d.number, d as Record<string, unknown>]),
    );
    const assigned = [...byNumber.values()]
      .filter((d) => (d.assignees as unknown[]).length)
      .map((d) => [
        d.number,
        (d.assignees as { kind: string; code: string; name: string; role: string }[]).map(
          (a) => `${a.kind}:${a.code}:${a.role}:${a.name}`,
        ),
      ]);
    expect(assigned).toEqual([
      [5, ['agency:ub-mttq:lead:Ủy ban Mặt trận Tổ quốc Việt Nam huyện']],
      [7, ['agency:cac-ban-hdnd:lead:Các Ban của HĐND huyện']],
      [13, ['body:ubnd:lead:UBND huyện']],
      [14, ['official:chu-tich-ldld:lead:Chủ tịch Liên đoàn Lao động huyện']],
      [15, ['official:chu-tich-ubnd:lead:Chủ tịch UBND huyện']],
    ]);
    const dated = [...byNumber.values()].filter((d) => d.dueAt).map((d) => [d.number, d.dueAt, d.dueTimeAssumed]);
    expect(dated).toEqual([
      [1, '2023-05-19T17:00:00+07:00', true],
      [13, '2023-06-01T17:00:00+07:00', true],
    ]);
    for (const [n, d] of byNumber) {
      const w = d.warnings as string[];
      if (!(d.assignees as unknown[]).length)
        expect(w).toContain('Văn bản không nêu cơ quan, đơn vị thực hiện: Văn phòng cần giao.');
      if (!d.dueAt) expect(w.some((x) => x.startsWith('Văn bản không nêu thời hạn'))).toBe(true);
      if (n === 13) expect(w).toEqual([]);
    }
    expect(byNumber.get(7)!.warnings).toEqual([
      'Văn bản không nêu thời hạn (có nêu “tháng 5/2023” nhưng không có ngày cụ thể).',
    ]);
  });

  test('when the seed runs again, then nothing is added; and the organisation has the Chairperson of the Labour Federation', async () => {
    await loadSeed(t.services);
    expect(await t.services.directives.listNotices()).toHaveLength(1);
    const o = await request(t.app).get('/api/officials/chu-tich-ldld').expect(200);
    expect(o.body).toMatchObject({ name: 'Chủ tịch Liên đoàn Lao động huyện', agencyCode: 'ldld' });
  });
});

describe('the workflow of a directive, through the API', () => {
  const D13 = `${NOTICE}-13`;
  const D5 = `${NOTICE}-5`;
  let mttq: string;
  let thanhtra: string;

  beforeAll(async () => {
    mttq = await t.keyFor('agency', 'ub-mttq');
    thanhtra = await t.keyFor('agency', 'thanh-tra');
  });

  test('when the Office assigns directive 1 to Văn phòng Huyện ủy with Hội Nông dân, then the assignee warning goes and the history says who did it', async () => {
    const res = await request(t.app)
      .patch(`/api/directives/${NOTICE}-1`)
      .set(auth)
      .send({
        assignees: [
          { kind: 'agency', code: 'vp-huyen-uy' },
          { kind: 'agency', code: 'hoi-nong-dan', role: 'coordinating' },
        ],
      })
      .expect(200);
    expect(res.body.assignees).toEqual([
      { kind: 'agency', code: 'vp-huyen-uy', name: 'Văn phòng Huyện ủy', role: 'lead' },
      { kind: 'agency', code: 'hoi-nong-dan', name: 'Hội Nông dân huyện', role: 'coordinating' },
    ]);
    expect(res.body.warnings).toEqual([]);
    const h = await request(t.app).get(`/api/directives/${NOTICE}-1/history`).set(auth).expect(200);
    expect(h.body.history.map((e: { action: string }) => e.action)).toEqual(['seed', 'updated']);
    expect(h.body.history[1].by).toMatch(/\(office\)$/);
  });

  test('when an unknown agency is assigned, then 400 names the field and nothing changes', async () => {
    const bad = await request(t.app)
      .patch(`/api/directives/${NOTICE}-2`)
      .set(auth)
      .send({ assignees: [{ kind: 'agency', code: 'phong-khong-co' }] })
      .expect(400);
    expect(bad.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'assignees.0.code', problem: "unknown agency 'phong-khong-co'" }],
    });
    const d = await request(t.app).get(`/api/directives/${NOTICE}-2`).set(auth).expect(200);
    expect(d.body.assignees).toEqual([]);
  });

  test('when MTTQ reports progress on its directive, then it is in progress with the report, and another agency is refused', async () => {
    const res = await request(t.app)
      .post(`/api/directives/${D5}/reports`)
      .set({ Authorization: mttq })
      .send({ text: 'Đã phối hợp xây dựng kế hoạch tổ chức hội nghị.', documentNumber: '12/KH-MTTQ' })
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'in-progress',
      latestReport: {
        date: '2023-05-12',
        text: 'Đã phối hợp xây dựng kế hoạch tổ chức hội nghị.',
        documentNumber: '12/KH-MTTQ',
        link: null,
      },
    });
    const refused = await request(t.app)
      .post(`/api/directives/${D5}/reports`)
      .set({ Authorization: thanhtra })
      .send({ text: 'x' })
      .expect(403);
    expect(refused.body.error.code).toBe('forbidden');
    await request(t.app)
      .post(`/api/directives/${D5}/status`)
      .set({ Authorization: thanhtra })
      .send({ status: 'reported-done' })
      .expect(403);
  });

  test('when MTTQ marks it reported done, then only the Office may confirm it done', async () => {
    await request(t.app)
      .post(`/api/directives/${D5}/status`)
      .set({ Authorization: mttq })
      .send({ status: 'reported-done' })
      .expect(200);
    const no = await request(t.app)
      .post(`/api/directives/${D5}/status`)
      .set({ Authorization: mttq })
      .send({ status: 'done' })
      .expect(403);
    expect(no.body.error.message).toMatch(/Only the Office/);
    const ok = await request(t.app)
      .post(`/api/directives/${D5}/status`)
      .set(auth)
      .send({ status: 'done', note: 'Đã kiểm tra.' })
      .expect(200);
    expect(ok.body).toMatchObject({ status: 'done', progress: 'done-on-time', statusNote: 'Đã kiểm tra.' });
    const again = await request(t.app)
      .post(`/api/directives/${D5}/reports`)
      .set({ Authorization: mttq })
      .send({ text: 'thêm' })
      .expect(409);
    expect(again.body.error.code).toBe('conflict');
  });

  test('when cancelling without a reason, then 400; with one, then cancelled', async () => {
    const bad = await request(t.app)
      .post(`/api/directives/${NOTICE}-2/status`)
      .set(auth)
      .send({ status: 'cancelled' })
      .expect(400);
    expect(bad.body.error.details).toEqual([{ field: 'note', problem: 'a reason is required to cancel a directive' }]);
    await request(t.app)
      .post(`/api/directives/${NOTICE}-2/status`)
      .set(auth)
      .send({ status: 'cancelled', note: 'Đã lồng ghép vào nhiệm vụ 1.' })
      .expect(200);
    const wrong = await request(t.app)
      .post(`/api/directives/${NOTICE}-2/status`)
      .set(auth)
      .send({ status: 'reported-done' })
      .expect(409);
    expect(wrong.body.error.details[0]).toEqual({
      field: 'status',
      problem: 'cannot go from cancelled to reported-done',
    });
  });

  test('when the Office assigns directive 13 to Phòng LĐ-TB&XH and the agency asks for an extension, then the Office grants it and the deadline history keeps both deadlines', async () => {
    await request(t.app)
      .patch(`/api/directives/${D13}`)
      .set(auth)
      .send({
        assignees: [
          { kind: 'body', code: 'ubnd' },
          { kind: 'agency', code: 'phong-ldtbxh', role: 'coordinating' },
        ],
      })
      .expect(200);
    const ldtbxh = await t.keyFor('agency', 'phong-ldtbxh');
    const early = await request(t.app)
      .post(`/api/directives/${D13}/extension`)
      .set({ Authorization: ldtbxh })
      .send({ reason: 'x', proposedDueAt: '2023-05-30T17:00:00+07:00' })
      .expect(400);
    expect(early.body.error.details).toEqual([
      { field: 'proposedDueAt', problem: 'must be later than the current deadline' },
    ]);
    const req1 = await request(t.app)
      .post(`/api/directives/${D13}/extension`)
      .set({ Authorization: ldtbxh })
      .send({ reason: 'Chờ danh sách từ các xã.', proposedDueAt: '2023-06-09T17:00:00+07:00' })
      .expect(201);
    expect(req1.body.extension).toMatchObject({
      reason: 'Chờ danh sách từ các xã.',
      proposedDueAt: '2023-06-09T17:00:00+07:00',
    });
    await request(t.app)
      .post(`/api/directives/${D13}/extension`)
      .set({ Authorization: ldtbxh })
      .send({ reason: 'again', proposedDueAt: '2023-06-10T17:00:00+07:00' })
      .expect(409);
    await request(t.app)
      .post(`/api/directives/${D13}/extension/decision`)
      .set({ Authorization: ldtbxh })
      .send({ decision: 'granted' })
      .expect(403);
    const granted = await request(t.app)
      .post(`/api/directives/${D13}/extension/decision`)
      .set(auth)
      .send({ decision: 'granted', dueAt: '2023-06-08T17:00:00+07:00', note: 'Gia hạn đến 8/6.' })
      .expect(200);
    expect(granted.body).toMatchObject({ dueAt: '2023-06-08T17:00:00+07:00', dueTimeAssumed: false, extension: null });
    expect(granted.body.extensions[0]).toMatchObject({
      state: 'granted',
      grantedDueAt: '2023-06-08T17:00:00+07:00',
      note: 'Gia hạn đến 8/6.',
    });
    expect(granted.body.deadlineHistory.map((c: { from: string | null; to: string }) => [c.from, c.to])).toEqual([
      [null, '2023-06-01T17:00:00+07:00'],
      ['2023-06-01T17:00:00+07:00', '2023-06-08T17:00:00+07:00'],
    ]);
  });

  test('when a reader key writes, or no key, then 403 / 401 in the usual error shape', async () => {
    const reader = await t.keyFor('reader');
    await request(t.app).get(`/api/notices/${NOTICE}`).set({ Authorization: reader }).expect(200);
    const r = await request(t.app)
      .post(`/api/directives/${D13}/reports`)
      .set({ Authorization: reader })
      .send({ text: 'x' })
      .expect(403);
    expect(r.body.error.code).toBe('forbidden');
    await request(t.app).get('/api/directives').expect(401);
    const bad = await request(t.app).get('/api/directives?status=lost&dueBefore=2023-13-01').set(auth).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'query.dueBefore',
      'query.status',
    ]);
    await request(t.app).get('/api/directives/nope-1').set(auth).expect(404);
  });

  test('when filtering, then by agency (its officials included), status and dueBefore', async () => {
    const f = async (q: string) =>
      (await request(t.app).get(`/api/directives?${q}`).set(auth).expect(200)).body.directives.map(
        (d: { id: string }) => d.id,
      );
    expect(await f('agency=ldld')).toEqual([`${NOTICE}-14`]); // through its Chairperson
    expect(await f('agency=ub-mttq')).toEqual([D5]);
    expect(await f('status=done')).toEqual([D5]);
    expect(await f('dueBefore=2023-06-01')).toEqual([`${NOTICE}-1`]);
    t.clock.set('2023-05-22T02:00:00Z');
    expect(await f('status=overdue')).toEqual([`${NOTICE}-1`]);
    const one = (await request(t.app).get(`/api/directives/${NOTICE}-1`).set(auth).expect(200)).body;
    expect(one).toMatchObject({
      overdue: true,
      overdueDays: 3,
      progress: 'overdue',
      progressLabel: 'Đang thực hiện quá hạn',
    });
    t.clock.set('2023-05-12T02:00:00Z');
  });

  test('when 12 status/report changes race on different directives and on one directive, then none is lost', async () => {
    const office = { keyId: 'k', name: 'Văn phòng', role: 'office' as const, agencyCode: null };
    const ids = [3, 4, 6, 8, 9, 10].map((n) => `${NOTICE}-${n}`);
    await Promise.all(ids.map((id, i) => t.services.directives.addReport(id, { text: `báo cáo ${i}` }, office)));
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.services.directives.addReport(`${NOTICE}-11`, { text: `lần ${i}` }, office),
      ),
    );
    const n = await t.services.directives.getNotice(NOTICE);
    for (const id of ids)
      expect(n.directives.find((d) => d.id === id)).toMatchObject({
        status: 'in-progress',
        reports: [expect.objectContaining({ text: expect.stringMatching(/^báo cáo/) })],
      });
    const eleven = n.directives.find((d) => d.id === `${NOTICE}-11`)!;
    expect(eleven.reports.map((r) => r.text).sort()).toEqual(['lần 0', 'lần 1', 'lần 2', 'lần 3', 'lần 4', 'lần 5']);
    expect(eleven.history.filter((h) => h.action === 'report')).toHaveLength(6);
    expect(eleven.rev).toBe(6);
  });
});

describe('creating and issuing a notice', () => {
  let id: string;
  test('when the Office creates a draft with two directives, then agencies cannot act on it until it is issued', async () => {
    const res = await request(t.app)
      .post('/api/notices')
      .set(auth)
      .send({
        bodyCode: 'ubnd',
        kind: 'conclusions',
        title: 'Kết luận của Chủ tịch UBND huyện tại phiên họp thường kỳ tháng 5/2023',
        occurrenceId: 'ubnd-phien-hop-thuong-ky_20230523T0800',
        sections: ['1. Kinh tế'],
        directives: [
          {
            section: 0,
            text: 'Giao Phòng Tài chính - Kế hoạch hoàn thiện báo cáo 6 tháng.',
            assignees: [{ kind: 'agency', code: 'phong-tc-kh' }],
            dueAt: '2023-06-05T17:00:00+07:00',
          },
          {
            text: 'Giao Thanh tra huyện theo dõi thường xuyên.',
            assignees: [{ kind: 'agency', code: 'thanh-tra' }],
            cadence: 'monthly',
          },
        ],
      })
      .expect(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ status: 'draft', number: '', counts: { directives: 2, open: 2 } });
    expect(res.body.directives[1]).toMatchObject({
      standing: true,
      cadence: 'monthly',
      progress: 'standing',
      section: null,
    });
    const tckh = await t.keyFor('agency', 'phong-tc-kh');
    const refused = await request(t.app)
      .post(`/api/directives/${id}-1/reports`)
      .set({ Authorization: tckh })
      .send({ text: 'x' })
      .expect(409);
    expect(refused.body.error.details).toEqual([{ field: 'status', problem: 'notice is a draft' }]);
  });

  test('when issuing without number and date, then 400 lists both; with them, then issued', async () => {
    const bad = await request(t.app).post(`/api/notices/${id}/issue`).set(auth).send({}).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['number', 'date']);
    const badNumber = await request(t.app)
      .post(`/api/notices/${id}/issue`)
      .set(auth)
      .send({ number: 'số 45', date: '2023-05-25' })
      .expect(400);
    expect(badNumber.body.error.details[0].field).toBe('number');
    const ok = await request(t.app)
      .post(`/api/notices/${id}/issue`)
      .set(auth)
      .send({ number: '45/TB-UBND', date: '2023-05-25' })
      .expect(200);
    expect(ok.body).toMatchObject({ status: 'issued', number: '45/TB-UBND', date: '2023-05-25' });
    await request(t.app).post(`/api/notices/${id}/issue`).set(auth).send({}).expect(409);
    const list = await request(t.app).get('/api/notices?body=ubnd').set(auth).expect(200);
    expect(list.body.notices.map((n: { id: string }) => n.id)).toEqual([id]);
    expect(list.body.notices[0]).not.toHaveProperty('directives');
  });

  test("when the Office reads and changes a body's directive reminder settings, then defaults come first and bad values are refused", async () => {
    const before = await request(t.app).get('/api/bodies/huyen-uy/directive-settings').set(auth).expect(200);
    expect(before.body).toEqual({
      bodyCode: 'huyen-uy',
      offsets: [3, 1, 0],
      reminderTime: '08:00',
      reportMonthDay: 25,
      reportWeekday: 5,
    });
    const after = await request(t.app)
      .patch('/api/bodies/huyen-uy/directive-settings')
      .set(auth)
      .send({ offsets: [5, 2, 0], reminderTime: '07:30' })
      .expect(200);
    expect(after.body).toMatchObject({ offsets: [5, 2, 0], reminderTime: '07:30', reportMonthDay: 25 });
    const bad = await request(t.app)
      .patch('/api/bodies/huyen-uy/directive-settings')
      .set(auth)
      .send({ reminderTime: '25:00', offsets: [-1] })
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['offsets.0', 'reminderTime']);
    await request(t.app).get('/api/bodies/nope/directive-settings').set(auth).expect(404);
  });

  test('when reading the OpenAPI document, then the directives routes are described with their schemas', async () => {
    const { body } = await request(t.app).get('/openapi.json').expect(200);
    for (const p of [
      '/api/notices',
      '/api/notices/{id}',
      '/api/notices/import',
      '/api/directives',
      '/api/directives/{id}/reports',
      '/api/directives/{id}/status',
      '/api/follow-up-report',
    ])
      expect(body.paths[p]).toBeDefined();
    expect(
      body.paths['/api/directives/{id}/status'].post.requestBody.content['application/json'].schema.properties.status
        .enum,
    ).toEqual(['assigned', 'in-progress', 'reported-done', 'done', 'cancelled']);
    expect(body.paths['/api/directives'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['notice', 'agency', 'status', 'dueBefore']),
    );
  });
});
