/**
 * The directives' pages through HTTP: the Office creates a notice, fails and then succeeds to
 * issue it (errors next to the fields, nothing stored on failure), assigns a directive with a
 * deadline, edits a directive's text and section; CSRF is required; the board and the follow-up
 * report page render; `/chi-dao/<id>` leads each role to its page.
 */
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true, now: '2023-05-22T02:00:00Z' });
});
afterAll(() => t.close());

const cookieOf = (res: request.Response, name: string): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function signIn(bearer: string): Promise<{ cookie: string; csrf: string }> {
  const form = await request(t.app).get('/dang-nhap').expect(200);
  const pre = cookieOf(form, 'lh_login_csrf')!;
  const res = await request(t.app)
    .post('/dang-nhap')
    .set('Cookie', pre.split(';')[0]!)
    .type('form')
    .send({ _csrf: csrfIn(form.text), key: bearer.replace(/^Bearer /, ''), next: '' });
  const cookie = cookieOf(res, 'lh_session')!.split(';')[0]!;
  const page = await request(t.app)
    .get(res.headers.location ?? '/')
    .set('Cookie', cookie);
  return { cookie, csrf: csrfIn(page.text) };
}

describe('the Office pages of directives', () => {
  let office: { cookie: string; csrf: string };
  let noticeUrl: string;
  beforeAll(async () => {
    office = await signIn(t.officeKey);
  });

  test('when the Office creates a notice, then it lands on its page as a draft; without the CSRF token nothing happens', async () => {
    await request(t.app)
      .post('/van-phong/thong-bao')
      .set('Cookie', office.cookie)
      .type('form')
      .send({ bodyCode: 'ubnd', kind: 'conclusions', title: 'Kết luận' })
      .expect(403);
    const res = await request(t.app)
      .post('/van-phong/thong-bao')
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf, bodyCode: 'ubnd', kind: 'conclusions', title: 'Kết luận giao ban ngày 18/5/2023' })
      .expect(303);
    noticeUrl = res.headers.location!.replace(/\?.*$/, '');
    const page = await request(t.app).get(res.headers.location!).set('Cookie', office.cookie).expect(200);
    expect(page.text).toContain('Đã tạo thông báo (dự thảo).');
    expect(page.text).toContain('Dự thảo');
  });

  test('when issuing without number and date, then the page says what is missing and the notice stays a draft; with them, it is issued', async () => {
    const failed = await request(t.app)
      .post(`${noticeUrl}/ban-hanh`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf })
      .expect(400);
    expect(failed.text).toMatch(/data-field="number"[^]*?cần có số văn bản trước khi ban hành/);
    expect(failed.text).toMatch(/data-field="date"[^]*?cần có ngày ban hành/);
    expect(failed.text).toContain('directives: cần có ít nhất một nhiệm vụ');
    const add = await request(t.app)
      .post(`${noticeUrl}/them`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf, section: '', text: '' })
      .expect(400);
    expect(add.text).toMatch(/data-field="text"[^]*?không được để trống/);
    await request(t.app)
      .post(`${noticeUrl}/them`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf, section: '', text: 'Giao Phòng Nội vụ rà soát biên chế.' })
      .expect(303);
    const bad = await request(t.app)
      .post(`${noticeUrl}/luu`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf, number: 'số 45', date: '2023-05-25', title: 'Kết luận giao ban ngày 18/5/2023' })
      .expect(400);
    expect(bad.text).toMatch(/data-field="number"[^]*?số văn bản phải có dạng 123-TB\/HU hoặc 45\/TB-UBND/);
    await request(t.app)
      .post(`${noticeUrl}/luu`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf, number: '46/TB-UBND', date: '2023-05-25', title: 'Kết luận giao ban ngày 18/5/2023' })
      .expect(303);
    await request(t.app)
      .post(`${noticeUrl}/ban-hanh`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf })
      .expect(303);
    const id = decodeURIComponent(noticeUrl.split('/').pop()!);
    expect(await t.services.directives.getNotice(id)).toMatchObject({
      status: 'issued',
      number: '46/TB-UBND',
      date: '2023-05-25',
    });
  });

  test('when the Office assigns a directive with a lead, a coordinating agency and a deadline on its page, then the API shows it', async () => {
    const id = `${decodeURIComponent(noticeUrl.split('/').pop()!)}-1`;
    const path = `/van-phong/chi-dao/${encodeURIComponent(id)}`;
    await request(t.app).get(path).set('Cookie', office.cookie).expect(200);
    const bad = await request(t.app)
      .post(`${path}/giao`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf, lead: 'agency:phong-noi-vu', dueDate: '2023-02-30', dueTime: '17:00' })
      .expect(400);
    expect(bad.text).toMatch(/data-field="dueDate"[^]*?field-error/);
    await request(t.app)
      .post(`${path}/giao`)
      .set('Cookie', office.cookie)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(office.csrf)}&lead=agency%3Aphong-noi-vu&coordinating=agency%3Aphong-tc-kh&dueDate=2023-06-05&dueTime=16%3A00&cadence=&reason=`,
      )
      .expect(303);
    const d = (await request(t.app).get(`/api/directives/${id}`).set('Authorization', t.officeKey).expect(200)).body;
    expect(d).toMatchObject({
      dueAt: '2023-06-05T16:00:00+07:00',
      assignees: [
        { code: 'phong-noi-vu', role: 'lead' },
        { code: 'phong-tc-kh', role: 'coordinating' },
      ],
    });
    const board = await request(t.app)
      .get('/van-phong/chi-dao?status=all&group=agency')
      .set('Cookie', office.cookie)
      .expect(200);
    expect(board.text).toContain(`data-directive="${id}"`);
    expect(board.text).toContain('Phòng Nội vụ (1)');
  });

  test("when the Office edits a directive's text and section on its page, then the page shows the new text and a history entry; an empty text or no CSRF token stores nothing", async () => {
    const id = 'tb-huyen-uy-2023-05-11-2';
    const path = `/van-phong/chi-dao/${encodeURIComponent(id)}`;
    const before = (await t.services.directives.getDirective(id)).directive;
    const shown = await request(t.app).get(path).set('Cookie', office.cookie).expect(200);
    expect(shown.text).toContain('id="edit-form"');
    expect(shown.text).toContain('Sửa nội dung nhiệm vụ');
    const empty = await request(t.app)
      .post(`${path}/sua`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf, section: '0', text: '   ' })
      .expect(400);
    expect(empty.text).toMatch(/id="edit-form"[^]*?data-field="text"[^]*?không được để trống/);
    const text = 'Giao Văn phòng Huyện ủy tổng hợp, báo cáo kết quả trước ngày 30/6/2023.';
    await request(t.app)
      .post(`${path}/sua`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ section: '3', text })
      .expect(403);
    const unchanged = (await t.services.directives.getDirective(id)).directive;
    expect(unchanged).toMatchObject({ text: before.text, section: before.section, rev: before.rev });
    const ok = await request(t.app)
      .post(`${path}/sua`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ _csrf: office.csrf, section: '3', text })
      .expect(303);
    expect(ok.headers.location).toBe(`${path}?ok=edited`);
    const page = await request(t.app).get(ok.headers.location!).set('Cookie', office.cookie).expect(200);
    expect(page.text).toContain('Đã sửa nội dung nhiệm vụ.');
    expect(page.text).toContain(`<p class="directive-text">${text}</p>`);
    expect(page.text).toContain('<h1>Nhiệm vụ 2 - 4. Một số nội dung khác</h1>');
    const history = page.text.slice(page.text.indexOf('<ul class="history">'));
    expect(history).toMatch(/<li><strong>[^<]+<\/strong> [^<]+: updated <span class="muted">\(text: /);
    expect(history).toContain(`→ &quot;${text}&quot;`);
    const stored = (await t.services.directives.getDirective(id)).directive;
    expect(stored).toMatchObject({ text, section: 3 });
    expect(stored.history.at(-1)).toMatchObject({
      action: 'updated',
      changes: { text: { from: before.text, to: text }, section: { from: 0, to: 3 } },
    });
  });

  test('when the follow-up report page and its downloads are asked, then they render; the printed notice too', async () => {
    const page = await request(t.app)
      .get('/van-phong/chi-dao/bao-cao?body=huyen-uy&from=2023-05-01&to=2023-05-31')
      .set('Cookie', office.cookie)
      .expect(200);
    expect(page.text).toContain('Kết quả thực hiện ý kiến chỉ đạo từ ngày 1/5/2023 đến ngày 31/5/2023');
    await request(t.app)
      .get('/van-phong/chi-dao/bao-cao.xlsx?body=huyen-uy&from=2023-05-01&to=2023-05-31')
      .set('Cookie', office.cookie)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/);
    await request(t.app)
      .get('/van-phong/chi-dao/bao-cao?body=huyen-uy&from=2023-13-01&to=2023-05-31')
      .set('Cookie', office.cookie)
      .expect(400);
    const print = await request(t.app)
      .get('/van-phong/thong-bao/tb-huyen-uy-2023-05-11/van-ban')
      .set('Cookie', office.cookie)
      .expect(200);
    expect(print.text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  });

  test('when /chi-dao/<id> is opened, then the Office goes to its page, an agency to its list, a stranger to sign in; an agency cannot open Office pages', async () => {
    const id = 'tb-huyen-uy-2023-05-11-5';
    expect((await request(t.app).get(`/chi-dao/${id}`).set('Cookie', office.cookie).expect(303)).headers.location).toBe(
      `/van-phong/chi-dao/${id}`,
    );
    expect((await request(t.app).get(`/chi-dao/${id}`).expect(303)).headers.location).toBe(
      `/dang-nhap?next=${encodeURIComponent(`/chi-dao/${id}`)}`,
    );
    const mttq = await signIn(await t.keyFor('agency', 'ub-mttq'));
    expect((await request(t.app).get(`/chi-dao/${id}`).set('Cookie', mttq.cookie).expect(303)).headers.location).toBe(
      `/co-quan/chi-dao#d-${id}`,
    );
    await request(t.app).get('/van-phong/chi-dao').set('Cookie', mttq.cookie).expect(403);
    const list = await request(t.app).get('/co-quan/chi-dao').set('Cookie', mttq.cookie).expect(200);
    expect(list.text).toContain(`data-directive="${id}"`);
    expect(list.text).not.toContain('data-directive="tb-huyen-uy-2023-05-11-7"'); // the Ban of HĐND's
  });
});
