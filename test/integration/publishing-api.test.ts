import request from 'supertest';
import type { RevisionNotice } from '../../src/publishing';
import { startTestApp, type TestApp } from '../support/app';

const SESSION = 'ubnd-phien-hop-thuong-ky_20230523T0800';
let t: TestApp;
const notices: RevisionNotice[] = [];
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  t.services.publishing.useNotifier({ revisionPublished: async (n) => void notices.push(n) });
});
afterAll(() => t.close());

const api = () => request(t.app);
const publish = (body: Record<string, unknown>, key = t.officeKey, path = '/api/programmes/ubnd/2023-05/publish') =>
  api().post(path).set('Authorization', key).send(body);

describe('part A and settings', () => {
  test('when the Office writes part A in Markdown, then the programme shows it sanitised and the DOCX carries its paragraphs', async () => {
    const markdown =
      '### 1. Về kinh tế\n\n1.1. Chỉ đạo **chăm sóc vải thiều**.\n\n<script>alert(1)</script>\n\n- Trồng rừng;\n- Phòng chống thiên tai.';
    const res = await api()
      .put('/api/programmes/ubnd/2023-05/part-a')
      .set('Authorization', t.officeKey)
      .send({ markdown })
      .expect(200);
    expect(res.body.partA).toBe(markdown);
    const doc = (await api().get('/programmes/ubnd/2023-05.json').expect(200)).body;
    expect(doc.partA.html).toContain('<strong>chăm sóc vải thiều</strong>');
    expect(doc.partA.html).not.toContain('<script');
    expect(doc.partA.blocks).toEqual([
      { type: 'heading', level: 3, runs: [{ text: '1. Về kinh tế' }] },
      {
        type: 'paragraph',
        runs: [{ text: '1.1. Chỉ đạo ' }, { text: 'chăm sóc vải thiều', bold: true }, { text: '.' }],
      },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[{ text: 'Trồng rừng;' }], [{ text: 'Phòng chống thiên tai.' }]],
      },
    ]);
  });

  test('when settings are invalid, then the answer names each field and nothing is stored', async () => {
    const res = await api()
      .patch('/api/programmes/ubnd/2023-05/settings')
      .set('Authorization', t.officeKey)
      .send({ numberTemplate: 'Số: 12/CTr', issueDate: '2023-02-30' })
      .expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'issueDate',
      'numberTemplate',
    ]);
    expect(
      (await api().get('/api/programmes/ubnd/2023-05/settings').set('Authorization', t.officeKey).expect(200)).body
        .numberTemplate,
    ).toBe('Số: {number}/CTr-UBND');
  });

  test('when the signature is set for a month, then later months inherit it but not its part A', async () => {
    await api()
      .patch('/api/programmes/ubnd/2023-05/settings')
      .set('Authorization', t.officeKey)
      .send({ signatureAuthority: 'TM. ỦY BAN NHÂN DÂN', signatureTitle: 'CHỦ TỊCH', signerName: 'Nguyễn Văn A' })
      .expect(200);
    const june = (
      await api().get('/api/programmes/ubnd/2023-06/settings').set('Authorization', t.officeKey).expect(200)
    ).body;
    expect(june).toMatchObject({
      signatureAuthority: 'TM. ỦY BAN NHÂN DÂN',
      signatureTitle: 'CHỦ TỊCH',
      signerName: 'Nguyễn Văn A',
      partA: '',
    });
    const april = (
      await api().get('/api/programmes/ubnd/2023-04/settings').set('Authorization', t.officeKey).expect(200)
    ).body;
    expect(april.signatureAuthority).toBe('TL. CHỦ TỊCH');
    // Back to the seed document's block for May.
    await api()
      .patch('/api/programmes/ubnd/2023-05/settings')
      .set('Authorization', t.officeKey)
      .send({ signatureAuthority: 'TL. CHỦ TỊCH', signatureTitle: 'CHÁNH VĂN PHÒNG', signerName: '' })
      .expect(200);
  });

  test('when an agency key or no key writes, then it is refused', async () => {
    const agency = await t.keyFor('agency', 'thanh-tra');
    await api()
      .put('/api/programmes/ubnd/2023-05/part-a')
      .set('Authorization', agency)
      .send({ markdown: 'x' })
      .expect(403);
    await api().put('/api/programmes/ubnd/2023-05/part-a').send({ markdown: 'x' }).expect(401);
    await publish({ documentNumber: '1' }, agency).expect(403);
  });
});

describe('publishing versions', () => {
  test('when publishing the first version without a number, then documentNumber is named; with one, version 1 is frozen', async () => {
    const missing = await publish({}).expect(400);
    expect(missing.body.error.details).toEqual([
      { field: 'documentNumber', problem: expect.stringContaining('required for the first publication') },
    ]);
    expect((await api().get('/api/programmes/ubnd/2023-05/versions').expect(200)).body.versions).toEqual([]);

    const res = await publish({ documentNumber: '45', note: 'Ban hành' }).expect(201);
    expect(res.body.publication).toMatchObject({
      version: 1,
      label: 'Ban hành lần đầu',
      documentNumber: '45',
      publishedBy: 'test office (office)',
    });
    expect(res.body.comparison).toBeNull();
    const v1 = (await api().get('/programmes/ubnd/2023-05/versions/1.json').expect(200)).body;
    expect(v1.header.numberLine).toBe('Số: 45/CTr-UBND');
    expect(v1.header.placeDateLine).toBe('Lục Ngạn, ngày 01 tháng 5 năm 2023');
    expect(v1.publication).toMatchObject({
      version: 1,
      label: 'Ban hành lần đầu',
      publishedAt: '2023-05-01T08:00:00+07:00',
    });
    expect(v1.revisionLabel).toBeNull();
  });

  test('when nothing changed since the latest version, then publishing again is a conflict', async () => {
    const res = await publish({}).expect(409);
    expect(res.body.error.message).toContain('Nothing changed since version 1');
  });

  test('when the session moves and items are reassigned, then version 2 is "Điều chỉnh lần 1", version 1 is unchanged and affected people are notified', async () => {
    await api()
      .post(`/api/occurrences/${SESSION}/move`)
      .set('Authorization', t.officeKey)
      .send({ date: '2023-05-26', reason: 'Trùng lịch của tỉnh' })
      .expect(200);
    await api()
      .post(`/api/occurrences/${SESSION}/agenda/assign`)
      .set('Authorization', t.officeKey)
      .send({ items: '1-6', agencyCode: 'phong-kt-ht' })
      .expect(200);
    await api()
      .post(`/api/occurrences/${SESSION}/agenda`)
      .set('Authorization', t.officeKey)
      .send({ number: 16, title: 'Báo cáo công tác chuẩn bị mùa vải thiều năm 2023.', kind: 'report' })
      .expect(201);
    t.clock.set('2023-05-10T02:00:00Z');

    // The plain address still serves version 1 and says the data has moved on.
    const current = await api().get('/programmes/ubnd/2023-05').expect(200);
    expect(current.text).toContain('Ban hành lần đầu');
    expect(current.text).toContain('Lịch đã thay đổi sau bản này');
    expect(current.text).toContain('Ngày 23/5/2023 (Thứ Ba)');

    const res = await publish({ note: 'Dời phiên họp' }).expect(201);
    expect(res.body.publication).toMatchObject({ version: 2, label: 'Điều chỉnh lần 1', documentNumber: '45' });
    expect(res.body.comparison.moved).toEqual([
      expect.objectContaining({ id: SESSION, from: '2023-05-23T08:00', to: '2023-05-26T08:00' }),
    ]);
    expect(res.body.comparison.agenda[0].added.map((i: { number: number }) => i.number)).toEqual([16]);
    expect(res.body.comparison.agenda[0].reassigned.map((r: { number: number }) => r.number)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);

    const v2 = (await api().get('/programmes/ubnd/2023-05/versions/2.json').expect(200)).body;
    expect(v2.revisionLabel).toBe('(Điều chỉnh lần 1)');
    expect(v2.header.placeDateLine).toBe('Lục Ngạn, ngày 10 tháng 5 năm 2023');
    expect(v2.partB.sections[0].text).toContain('Ngày 26/5/2023 (Thứ Sáu)');
    const v1 = (await api().get('/programmes/ubnd/2023-05/versions/1.json').expect(200)).body;
    expect(v1.partB.sections[0].text).toContain('Ngày 23/5/2023 (Thứ Ba)');
    expect(v1.header.placeDateLine).toBe('Lục Ngạn, ngày 01 tháng 5 năm 2023');

    expect(notices).toHaveLength(1);
    const n = notices[0]!;
    expect(n).toMatchObject({
      kind: 'programme',
      bodyCode: 'ubnd',
      period: '2023-05',
      version: 2,
      previousVersion: 1,
      label: 'Điều chỉnh lần 1',
    });
    expect(n.url).toBe('https://lich.example.gov.vn/programmes/ubnd/2023-05/versions/2');
    expect(n.compareUrl).toBe('https://lich.example.gov.vn/programmes/ubnd/2023-05/compare?from=1&to=2');
    expect(n.comparison.lines).toContain(
      'Dời: Phiên họp thường kỳ UBND huyện, từ 8h00 ngày 23/5/2023 sang 8h00 ngày 26/5/2023.',
    );
    const tckh = n.recipients.find((r) => r.code === 'phong-tc-kh');
    expect(tckh).toEqual({
      kind: 'agency',
      code: 'phong-tc-kh',
      name: 'Phòng Tài chính - Kế hoạch',
      emails: ['tckh@lucngan.example'],
      meetingIds: [SESSION],
    });
    expect(n.recipients.find((r) => r.code === 'chu-tich-ubnd')?.emails).toEqual(['chutich@lucngan.example']);
    // Nobody of the Party committee's briefing is told: it did not change.
    expect(n.recipients.some((r) => r.code === 'thuong-truc-huyen-uy')).toBe(false);
  });

  test('when comparing versions, then the page and its JSON list the move with old and new times', async () => {
    const json = (await api().get('/programmes/ubnd/2023-05/compare?from=1&to=2&format=json').expect(200)).body;
    expect(json.comparison.meetingsChanged).toBe(true);
    const page = await api().get('/programmes/ubnd/2023-05/compare?from=1&to=2').expect(200);
    expect(page.text).toContain('Cuộc họp dời lịch');
    expect(page.text).toContain('8h00 ngày 23/5/2023 → <strong>8h00 ngày 26/5/2023</strong>');
    await api().get('/programmes/ubnd/2023-05/compare?from=1&to=9').expect(404);
  });

  test('when the compared version numbers are malformed, then the answer is a 400 naming the field, on the page and in JSON', async () => {
    const page = await api().get('/programmes/ubnd/2023-05/compare?from=abc').expect(400);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('from: phải là số thứ tự của bản');
    const json = await api().get('/programmes/ubnd/2023-05/compare?from=abc&format=json').expect(400);
    expect(json.body.error.details).toEqual([
      { field: 'from', problem: expect.stringContaining('must be a version number') },
    ]);
    const both = await api().get('/programmes/ubnd/2023-05/compare?from=1.5&to=0&format=json').expect(400);
    expect(both.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'to']);
    await api().get('/schedules/ubnd/2023-W21/compare?to=x').expect(400);
  });

  test('when only part A changes, then the revision is published but nobody is notified', async () => {
    await api()
      .put('/api/programmes/ubnd/2023-05/part-a')
      .set('Authorization', t.officeKey)
      .send({ markdown: 'Nhiệm vụ đã sửa.' })
      .expect(200);
    const res = await publish({}).expect(201);
    expect(res.body.comparison.meetingsChanged).toBe(false);
    expect(res.body.comparison.otherChanges).toEqual(['Phần A (nhiệm vụ trọng tâm) thay đổi.']);
    expect(notices).toHaveLength(1);
  });

  test('when two publications race, then one version is stored and the other gets a conflict', async () => {
    await api()
      .put('/api/programmes/ubnd/2023-05/part-a')
      .set('Authorization', t.officeKey)
      .send({ markdown: 'Nhiệm vụ sửa lần nữa.' })
      .expect(200);
    const [a, b] = await Promise.all([publish({}), publish({})]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const versions = (await api().get('/api/programmes/ubnd/2023-05/versions').expect(200)).body.versions;
    expect(versions.map((v: { version: number; label: string }) => `${v.version} ${v.label}`)).toEqual([
      '1 Ban hành lần đầu',
      '2 Điều chỉnh lần 1',
      '3 Điều chỉnh lần 2',
      '4 Điều chỉnh lần 3',
    ]);
  });

  test('when publishing a weekly schedule, then no number is needed and the archive lists both kinds', async () => {
    const res = await publish({}, t.officeKey, '/api/schedules/ubnd/2023-W21/publish').expect(201);
    expect(res.body.publication).toMatchObject({ kind: 'schedule', version: 1, documentNumber: null });
    const v1 = await api().get('/schedules/ubnd/2023-W21/versions/1').expect(200);
    expect(v1.text).toContain('Lịch này thay thư mời họp.');
    expect(v1.headers['cache-control']).toBe('no-cache');
    expect(
      (await api().get('/schedules/ubnd/2023-W21/versions/1.json').expect(200)).headers['cache-control'],
    ).toContain('immutable');
    const archive = (await api().get('/api/publications').expect(200)).body.publications;
    expect(
      archive.map((p: { kind: string; period: string; version: number }) => `${p.kind} ${p.period} ${p.version}`),
    ).toEqual(expect.arrayContaining(['programme 2023-05 1', 'programme 2023-05 4', 'schedule 2023-W21 1']));
    const page = await api().get('/programmes').expect(200);
    expect(page.text).toContain('Chương trình công tác tháng 5/2023');
    expect(page.text).toContain('Lịch công tác tuần 2023-W21');
  });
});

describe('addresses', () => {
  test('when the body, month, week or version does not exist, then 404; bad API parameters name the field', async () => {
    await api().get('/programmes/khong-co/2023-05').expect(404);
    await api().get('/programmes/ubnd/2023-13').expect(404);
    await api().get('/programmes/ubnd/2023-05.pdf').expect(404);
    await api().get('/schedules/ubnd/2021-W53').expect(404);
    await api().get('/programmes/ubnd/2023-05/versions/99').expect(404);
    const bad = await api().get('/api/programmes/ubnd/2023-13/draft').set('Authorization', t.officeKey).expect(400);
    expect(bad.body.error.details[0].field).toBe('params.month');
  });

  test('when reading the OpenAPI description, then the publishing routes are in it with their request schemas', async () => {
    const doc = (await api().get('/openapi.json').expect(200)).body;
    expect(
      doc.paths['/api/programmes/{body}/{month}/publish'].post.requestBody.content['application/json'].schema
        .properties,
    ).toHaveProperty('documentNumber');
    expect(doc.paths['/api/programmes/{body}/{month}/part-a'].put.description).toContain('office');
    expect(doc.paths['/programmes/{body}/{month}'].get.summary).toContain('.docx');
  });

  test('when the Office reads the draft through the API, then it carries the warnings the public never sees', async () => {
    const draft = (await api().get('/api/programmes/ubnd/2023-05/draft').set('Authorization', t.officeKey).expect(200))
      .body;
    expect(draft.warnings.join('\n')).toContain('không có nội dung số 12');
    expect(draft.publication).toBeNull();
    const pub = (await api().get('/programmes/ubnd/2023-05.json').expect(200)).body;
    expect(pub.warnings).toBeUndefined();
  });
});

describe('meetings that cross months', () => {
  test("when the June session moves to 3 July, then June's revision reports a move out of the month and July's a move into it, not a removal and an addition", async () => {
    t.clock.set('2023-06-01T02:00:00Z');
    // The seed states no rule for the monthly session: the Office adds June's as its programme says (Monday 26/6).
    await api()
      .post('/api/series/ubnd-phien-hop-thuong-ky/extra-sessions')
      .set('Authorization', t.officeKey)
      .send({ date: '2023-06-26', reason: 'Chương trình công tác tháng 6/2023' })
      .expect(201);
    const session = (
      await t.services.meetings.occurrencesIn({ from: '2023-06-01', to: '2023-06-30', bodyCode: 'ubnd' })
    ).find((o) => o.kind === 'regular-session')!;
    expect(session.localStart).toBe('2023-06-26T08:00');
    await publish({ documentNumber: '60' }, t.officeKey, '/api/programmes/ubnd/2023-06/publish').expect(201);
    await publish({ documentNumber: '70' }, t.officeKey, '/api/programmes/ubnd/2023-07/publish').expect(201);
    await api()
      .post(`/api/occurrences/${session.id}/move`)
      .set('Authorization', t.officeKey)
      .send({ date: '2023-07-03', reason: 'Chờ số liệu 6 tháng' })
      .expect(200);

    const june = (await publish({}, t.officeKey, '/api/programmes/ubnd/2023-06/publish').expect(201)).body.comparison;
    expect(june.removed).toEqual([]);
    expect(june.moved).toEqual([
      expect.objectContaining({ id: session.id, from: '2023-06-26T08:00', to: '2023-07-03T08:00', across: 'out' }),
    ]);
    expect(june.lines).toEqual([
      'Dời: Phiên họp thường kỳ UBND huyện, từ 8h00 ngày 26/6/2023 sang 8h00 ngày 3/7/2023 (ngoài tháng này).',
    ]);
    expect(notices.at(-1)).toMatchObject({ period: '2023-06', version: 2 });

    const july = (await publish({}, t.officeKey, '/api/programmes/ubnd/2023-07/publish').expect(201)).body.comparison;
    expect(july.added).toEqual([]);
    expect(july.lines).toEqual([
      'Dời: Phiên họp thường kỳ UBND huyện, từ 8h00 ngày 26/6/2023 (ngoài tháng này) sang 8h00 ngày 3/7/2023.',
    ]);

    const page = await api().get('/programmes/ubnd/2023-06/compare?from=1&to=2').expect(200);
    expect(page.text).toContain('8h00 ngày 26/6/2023 → <strong>8h00 ngày 3/7/2023</strong> (ngoài tháng này)');
    expect(page.text).not.toContain('Cuộc họp bỏ khỏi lịch');
  });
});

describe('header corrections and the issue date', () => {
  const path = '/api/programmes/ubnd/2023-08/publish';
  const settingsOf = (body: Record<string, unknown>) =>
    api().patch('/api/programmes/ubnd/2023-08/settings').set('Authorization', t.officeKey).send(body).expect(200);
  const version = async (n: number) =>
    (await api().get(`/programmes/ubnd/2023-08/versions/${n}.json`).expect(200)).body;

  test('when only the number line or the issue date is corrected, then a revision is published; a revision is dated today unless a date is chosen', async () => {
    t.clock.set('2023-07-20T02:00:00Z');
    await settingsOf({ issueDate: '2023-07-28' });
    await publish({ documentNumber: '80' }, t.officeKey, path).expect(201);
    expect((await version(1)).header.placeDateLine).toBe('Lục Ngạn, ngày 28 tháng 7 năm 2023');

    // Weeks later, with nothing changed, there is still nothing to publish.
    t.clock.set('2023-08-15T02:00:00Z');
    await publish({}, t.officeKey, path).expect(409);

    // A new number line alone is a correction; the revision is dated today, not with the first issue's saved date.
    await settingsOf({ numberTemplate: 'Số: {number}/CTr-VP' });
    const v2 = await publish({ note: 'Sửa ký hiệu văn bản' }, t.officeKey, path).expect(201);
    expect(v2.body.comparison.otherChanges).toEqual([
      'Số, ký hiệu văn bản đổi từ "Số: 80/CTr-UBND" thành "Số: 80/CTr-VP".',
    ]);
    expect((await version(2)).header).toMatchObject({
      numberLine: 'Số: 80/CTr-VP',
      placeDateLine: 'Lục Ngạn, ngày 15 tháng 8 năm 2023',
    });
    expect((await version(2)).publication.issueDate).toBe('2023-08-15');

    // A date chosen at publishing is a correction too; the same date again is not.
    await publish({ issueDate: '2023-08-14' }, t.officeKey, path).expect(201);
    expect((await version(3)).header.placeDateLine).toBe('Lục Ngạn, ngày 14 tháng 8 năm 2023');
    await publish({ issueDate: '2023-08-14' }, t.officeKey, path).expect(409);

    // A newer date saved in the settings is taken by the next revision.
    await settingsOf({ issueDate: '2023-08-16' });
    await publish({}, t.officeKey, path).expect(201);
    expect((await version(4)).header.placeDateLine).toBe('Lục Ngạn, ngày 16 tháng 8 năm 2023');

    const bad = await publish({ issueDate: '2023-02-30' }, t.officeKey, path).expect(400);
    expect(bad.body.error.details).toEqual([{ field: 'issueDate', problem: 'is not a real calendar date' }]);
  });
});
