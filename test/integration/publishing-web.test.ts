/**
 * The web pages through HTTP: sign-in with a pasted key, the session cookie, CSRF, forms that keep
 * the values on a failed submit, public pages and their headers.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

const SESSION = 'ubnd-phien-hop-thuong-ky_20230523T0800';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(() => t.close());

const cookieOf = (res: request.Response, name: string): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
const valueOf = (cookie: string | undefined) =>
  decodeURIComponent(cookie!.split(';')[0]!.split('=').slice(1).join('='));
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function signIn(bearer: string): Promise<{ cookie: string; csrf: string; res: request.Response }> {
  const form = await request(t.app).get('/dang-nhap').expect(200);
  const pre = cookieOf(form, 'lh_login_csrf')!;
  const res = await request(t.app)
    .post('/dang-nhap')
    .set('Cookie', pre.split(';')[0]!)
    .type('form')
    .send({ _csrf: csrfIn(form.text), key: bearer.replace(/^Bearer /, ''), next: '' });
  const session = cookieOf(res, 'lh_session');
  const cookie = session ? session.split(';')[0]! : '';
  const page = cookie
    ? await request(t.app)
        .get(res.headers.location ?? '/')
        .set('Cookie', cookie)
    : null;
  return { cookie, csrf: page ? csrfIn(page.text) : '', res };
}

describe('signing in', () => {
  test('when the Office pastes its key, then a HttpOnly SameSite=Lax session cookie is set and only its hash is stored', async () => {
    const { res, cookie } = await signIn(t.officeKey);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/van-phong');
    const set = cookieOf(res, 'lh_session')!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/); // Lax: a link in a reminder e-mail arrives signed in; posts carry a CSRF token
    expect(cookieOf(res, 'lh_login_csrf')).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Max-Age=43200/);
    expect(set).not.toMatch(/Secure/); // plain http on 127.0.0.1 in the test
    const id = valueOf(set);
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    const stored = await t.services.conn.collection('webSessions').find({}).toArray();
    expect(stored.some((d) => d._id === (createHash('sha256').update(id).digest('hex') as unknown))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(id);
    const page = await request(t.app).get('/van-phong').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Văn phòng: quản lý lịch họp');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  test('when the key is wrong, a reader key, or the form token is missing, then no session is opened and the error sits next to the key field', async () => {
    const wrong = await signIn('lh_not-a-real-key-at-all-000000000000000');
    expect(wrong.res.status).toBe(401);
    expect(wrong.res.text).toMatch(/data-field="key"[^]*?field-error[^>]*>Khóa không đúng hoặc đã bị thu hồi\./);
    expect(cookieOf(wrong.res, 'lh_session')).toBeUndefined();
    const reader = await signIn(await t.keyFor('reader'));
    expect(reader.res.status).toBe(403);
    expect(cookieOf(reader.res, 'lh_session')).toBeUndefined();
    const noToken = await request(t.app)
      .post('/dang-nhap')
      .type('form')
      .send({ key: t.officeKey.replace('Bearer ', '') });
    expect(noToken.status).toBe(403);
    expect(cookieOf(noToken, 'lh_session')).toBeUndefined();
  });

  test('when not signed in, then Office pages send the browser to the sign-in form and come back after it', async () => {
    const res = await request(t.app).get('/van-phong/san-sang/ubnd/2023-05').expect(303);
    expect(res.headers.location).toBe('/dang-nhap?next=%2Fvan-phong%2Fsan-sang%2Fubnd%2F2023-05');
    const form = await request(t.app).get(res.headers.location!).expect(200);
    expect(form.text).toContain('name="next" value="/van-phong/san-sang/ubnd/2023-05"');
    const evil = await request(t.app).get('/dang-nhap?next=//evil.example/x').expect(200);
    expect(evil.text).toContain('name="next" value=""');
  });

  test('when the session expires or the key is revoked, then the session no longer works', async () => {
    const { cookie } = await signIn(t.officeKey);
    t.clock.set('2023-05-01T13:00:01Z'); // 12 h after the sign-in at 01:00 UTC
    await request(t.app).get('/van-phong').set('Cookie', cookie).expect(303);
    t.clock.set('2023-05-01T01:00:00Z');
    const agencyKey = await t.keyFor('agency', 'thanh-tra');
    const agency = await signIn(agencyKey);
    await request(t.app).get('/co-quan').set('Cookie', agency.cookie).expect(200);
    const keys = await t.services.apiKeys.list();
    const key = keys.find((k) => k.name === 'test agency thanh-tra' && !k.revokedAt)!;
    await t.services.apiKeys.revoke(key.id, t.clock.now());
    await request(t.app).get('/co-quan').set('Cookie', agency.cookie).expect(303);
  });

  test('when signing out, then the session is removed', async () => {
    const { cookie, csrf } = await signIn(t.officeKey);
    await request(t.app).post('/dang-xuat').set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(303);
    await request(t.app).get('/van-phong').set('Cookie', cookie).expect(303);
  });

  test('when signing out with a live session but a wrong form token, then it is refused; with an expired session, then the cookie is cleared and the browser goes home', async () => {
    const { cookie, csrf } = await signIn(t.officeKey);
    await request(t.app)
      .post('/dang-xuat')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: 'not-the-token' })
      .expect(403);
    t.clock.set('2023-05-01T13:00:01Z'); // past the 12 h of the session
    try {
      const res = await request(t.app)
        .post('/dang-xuat')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf })
        .expect(303);
      expect(res.headers.location).toBe('/');
      expect(cookieOf(res, 'lh_session')).toMatch(/^lh_session=; .*Max-Age=0/);
    } finally {
      t.clock.set('2023-05-01T01:00:00Z');
    }
  });

  test("when a signed-in page is loaded, then only the session's own key is read, not every key", async () => {
    const { cookie } = await signIn(t.officeKey);
    const list = jest.spyOn(t.services.apiKeys, 'list');
    const get = jest.spyOn(t.services.apiKeys, 'get');
    try {
      await request(t.app).get('/van-phong').set('Cookie', cookie).expect(200);
      expect(list).not.toHaveBeenCalled();
      expect(get).toHaveBeenCalledTimes(1);
    } finally {
      list.mockRestore();
      get.mockRestore();
    }
    const keys = await t.services.apiKeys.list();
    expect(await t.services.apiKeys.get(keys[0]!.id)).toEqual(keys[0]);
    expect(await t.services.apiKeys.get('key-nope')).toBeNull();
  });

  test('when a path is written in capitals or with a trailing slash, then it gets the same headers and session as the plain path', async () => {
    for (const path of [
      '/LICH/ubnd/thang/2023-05',
      '/Programmes/ubnd/2023-05',
      '/dang-ky/',
      '/DANG-NHAP',
      '/lich/ubnd/tuan/2023-W21/',
    ]) {
      const res = await request(t.app).get(path).expect(200);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const { cookie } = await signIn(t.officeKey);
    const office = await request(t.app).get('/VAN-PHONG').set('Cookie', cookie).expect(200); // not a loop back to the sign-in form
    expect(office.text).toContain('Văn phòng: quản lý lịch họp');
    expect(office.headers['cache-control']).toBe('no-store');
  });
});

describe('Office forms', () => {
  test('when a form is posted without the CSRF token, then it is refused and nothing changes', async () => {
    const { cookie } = await signIn(t.officeKey);
    const before = await t.services.meetings.getOccurrence(SESSION);
    const res = await request(t.app)
      .post(`/van-phong/cuoc-hop/${SESSION}/huy`)
      .set('Cookie', cookie)
      .type('form')
      .send({ reason: 'Thử' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Không có quyền');
    const after = await t.services.meetings.getOccurrence(SESSION);
    expect([after.status, after.sequence]).toEqual(['scheduled', before.sequence]);
  });

  test('when the assign form names an item that does not exist, then the error is next to the field, the typed values stay, nothing is stored', async () => {
    const { cookie, csrf } = await signIn(t.officeKey);
    const res = await request(t.app)
      .post(`/van-phong/cuoc-hop/${SESSION}/giao`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, items: '1-6, 12', agencyCode: 'phong-kt-ht', role: 'coordinating', mode: 'add' })
      .expect(400);
    expect(res.text).toMatch(/data-field="items"[^]*?field-error[^>]*>chương trình họp không có nội dung số 12</);
    expect(res.text).toContain('name="items" value="1-6, 12"');
    expect(res.text).toMatch(/<option value="phong-kt-ht" selected>/);
    expect(res.text).toMatch(/<option value="coordinating" selected>/);
    const items = await t.services.agenda.list([SESSION]);
    expect(items.some((i) => i.preparingAgencies.some((a) => a.code === 'phong-kt-ht'))).toBe(false);
  });

  test('when the Office creates a series with a bad rule, then the rule field shows the problem; a good one is created', async () => {
    const { cookie, csrf } = await signIn(t.officeKey);
    const fields = {
      _csrf: csrf,
      title: 'Họp giao ban Văn phòng',
      kind: 'briefing',
      bodyCode: 'ubnd',
      chairCode: 'chanh-van-phong',
      'attendees.officials': ['chanh-van-phong'],
      'attendees.agencies': 'vp-hdnd-ubnd',
      location: 'Phòng họp tầng 2',
      startTime: '07:30',
      durationMinutes: '60',
      startDate: '2023-05-08',
      endDate: '',
      holidayPolicy: 'skip',
      description: '',
    };
    const bad = await request(t.app)
      .post('/van-phong/chuoi')
      .set('Cookie', cookie)
      .type('form')
      .send({ ...fields, rrule: 'FREQ=HOURLY' })
      .expect(400);
    expect(bad.text).toMatch(/data-field="rrule"[^]*?field-error[^>]*>quy tắc lặp không hợp lệ/);
    expect(bad.text).toContain('value="Phòng họp tầng 2"');
    const ok = await request(t.app)
      .post('/van-phong/chuoi')
      .set('Cookie', cookie)
      .type('form')
      .send({ ...fields, id: 'vp-giao-ban', rrule: 'FREQ=WEEKLY;BYDAY=MO' })
      .expect(303);
    expect(ok.headers.location).toBe('/van-phong/chuoi/vp-giao-ban?ok=series-created');
    expect(await t.services.meetings.getSeries('vp-giao-ban')).toMatchObject({
      startTime: '07:30',
      attendees: { officials: ['chanh-van-phong'], agencies: ['vp-hdnd-ubnd'] },
    });
  });

  test('when the Office adds a conference and an extra session from the month page, then they are stored and the programme lists the conference', async () => {
    const { cookie, csrf } = await signIn(t.officeKey);
    const conference = await request(t.app)
      .post('/van-phong/lich/ubnd/2023-05/cuoc-hop')
      .set('Cookie', cookie)
      .type('form')
      .send({
        _csrf: csrf,
        title: 'Hội nghị triển khai tiêu thụ vải thiều',
        kind: 'thematic-conference',
        chairCode: 'chu-tich-ubnd',
        'attendees.agencies': ['phong-kt-ht', 'phong-tc-kh'],
        location: 'Hội trường UBND huyện',
        date: '2023-05-30',
        time: '08:00',
        durationMinutes: '180',
        description: '',
      })
      .expect(303);
    expect(conference.headers.location).toMatch(/^\/van-phong\/cuoc-hop\/meeting-[0-9a-f]+\?ok=meeting-created$/);
    const missingDate = await request(t.app)
      .post('/van-phong/lich/ubnd/2023-05/phien-bo-sung')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, seriesId: 'ubnd-phien-hop-thuong-ky', date: '', reason: 'Phiên họp chuyên đề' })
      .expect(400);
    expect(missingDate.text).toMatch(/data-field="date"[^]*?field-error/);
    expect(missingDate.text).toContain('Phiên họp chuyên đề</textarea>');
    await request(t.app)
      .post('/van-phong/lich/ubnd/2023-05/phien-bo-sung')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, seriesId: 'ubnd-phien-hop-thuong-ky', date: '2023-05-31', reason: 'Phiên họp chuyên đề' })
      .expect(303);
    const programme = (await request(t.app).get('/programmes/ubnd/2023-05.json').expect(200)).body;
    // (The series created by the previous test adds a second standing slot.)
    expect(programme.partB.sections.map((s: { numeral: string; kind: string }) => `${s.numeral} ${s.kind}`)).toEqual([
      'I session',
      'II session',
      'III conferences',
      'IV standing',
      'V standing',
    ]);
    expect(programme.partB.sections[2].entries[0]).toBe(
      '1. Hội nghị triển khai tiêu thụ vải thiều: Ngày 30/5/2023 (Thứ Ba), 8h00, tại Hội trường UBND huyện.',
    );
    const month = await request(t.app).get('/van-phong/lich/ubnd/2023-05').set('Cookie', cookie).expect(200);
    expect(month.text).toContain('Hội nghị triển khai tiêu thụ vải thiều');
    const board = await request(t.app).get('/van-phong/san-sang/ubnd/2023-05').set('Cookie', cookie).expect(200);
    expect(board.text).toContain('Bảng theo dõi chuẩn bị nội dung');
  });

  test("when an agency tries to mark another agency's item, then it is refused", async () => {
    const { cookie, csrf } = await signIn(await t.keyFor('agency', 'cong-an'));
    const res = await request(t.app)
      .post(`/co-quan/noi-dung/${SESSION}/1/trang-thai`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, status: 'submitted' });
    expect(res.status).toBe(403);
    expect((await t.services.agendaRepo.get(SESSION, 1))!.status).toBe('assigned');
    const own = await request(t.app)
      .post(`/co-quan/noi-dung/${SESSION}/8/trang-thai`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, status: 'preparing' })
      .expect(303);
    expect(own.headers.location).toBe('/co-quan?ok=status');
    expect((await t.services.agendaRepo.get(SESSION, 8))!.history.at(-1)!.by).toMatch(
      /^test agency cong-an \(agency\)$/,
    );
  });
});

describe('bad addresses and failures on the Office and agency pages', () => {
  test('when an item number in a form address is not a number, then the page is a 404, not a server error', async () => {
    const office = await signIn(t.officeKey);
    for (const path of [
      `/van-phong/cuoc-hop/${SESSION}/noi-dung/abc/trang-thai`,
      `/van-phong/cuoc-hop/${SESSION}/noi-dung/1.5/trang-thai`,
      `/van-phong/cuoc-hop/${SESSION}/noi-dung/abc`,
    ]) {
      const res = await request(t.app)
        .post(path)
        .set('Cookie', office.cookie)
        .type('form')
        .send({ _csrf: office.csrf, status: 'ready', title: 'x' })
        .expect(404);
      expect(res.text).toContain('Không tìm thấy');
    }
    const agency = await signIn(await t.keyFor('agency', 'cong-an'));
    const res = await request(t.app)
      .post(`/co-quan/noi-dung/${SESSION}/abc/trang-thai`)
      .set('Cookie', agency.cookie)
      .type('form')
      .send({ _csrf: agency.csrf, status: 'submitted' })
      .expect(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  test("when loading an agency's meetings fails for another reason than a missing meeting, then the page says so instead of hiding the items", async () => {
    const agency = await signIn(await t.keyFor('agency', 'cong-an'));
    await request(t.app).get('/co-quan').set('Cookie', agency.cookie).expect(200);
    const failing = jest
      .spyOn(t.services.meetings, 'getOccurrence')
      .mockRejectedValue(new Error('database unavailable'));
    try {
      const res = await request(t.app).get('/co-quan').set('Cookie', agency.cookie).expect(500);
      expect(res.text).toContain('Máy chủ gặp lỗi');
      expect(res.text).not.toContain('database unavailable');
    } finally {
      failing.mockRestore();
    }
  });

  test('when the Office publishes with nothing changed, then the conflict is told in Vietnamese; a chosen issue date alone is a correction', async () => {
    const { cookie, csrf } = await signIn(t.officeKey);
    const path = '/van-phong/chuong-trinh/ubnd/2023-06/ban-hanh';
    const first = await request(t.app)
      .post(path)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, documentNumber: '61', issueDate: '', note: '' })
      .expect(303);
    expect(first.headers.location).toBe('/programmes/ubnd/2023-06/versions/1');
    const again = await request(t.app)
      .post(path)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, documentNumber: '61', issueDate: '', note: 'Thử lại' })
      .expect(409);
    expect(again.text).toContain('Không có gì thay đổi so với bản 1 (Ban hành lần đầu)');
    expect(again.text).not.toContain('Nothing changed');
    expect(again.text).toContain('Thử lại</textarea>');
    const dated = await request(t.app)
      .post(path)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, documentNumber: '61', issueDate: '2023-06-02', note: 'Sửa ngày ban hành' })
      .expect(303);
    expect(dated.headers.location).toBe('/programmes/ubnd/2023-06/versions/2');
    expect(
      (await request(t.app).get('/programmes/ubnd/2023-06/versions/2.json').expect(200)).body.header.placeDateLine,
    ).toBe('Lục Ngạn, ngày 02 tháng 6 năm 2023');
    const badDate = await request(t.app)
      .post(path)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, documentNumber: '61', issueDate: '2023-06-31', note: '' })
      .expect(400);
    expect(badDate.text).toMatch(/data-field="issueDate"[^]*?field-error[^>]*>không phải ngày có thật/);
  });

  test('when an error page answers, then its message is Vietnamese, never the English of the API', async () => {
    const res = await request(t.app).get('/lich/xx/thang/2023-05').expect(404);
    expect(res.text).toContain('Không có cơ quan họp mã');
    expect(res.text).not.toContain('was not found');
  });
});

describe('public pages', () => {
  test('when visiting the public pages, then they answer in Vietnamese with security headers, and the API keeps its own', async () => {
    for (const path of [
      '/',
      '/lich/ubnd/thang/2023-05',
      '/lich/ubnd/tuan/2023-W21',
      '/dang-ky',
      '/programmes',
      '/dang-nhap',
    ]) {
      const res = await request(t.app).get(path).expect(200);
      expect(res.text).toContain('<html lang="vi">');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    const api = await request(t.app).get('/api/bodies').expect(200);
    expect(api.headers['content-security-policy']).toBeUndefined();
    const css = await request(t.app).get('/assets/site.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
  });

  test('when a page does not exist or its period is malformed, then an HTML error page answers, not JSON', async () => {
    const missing = await request(t.app).get('/lich/ubnd/nam/2023').expect(404);
    expect(missing.text).toContain('Không tìm thấy');
    await request(t.app).get('/van-phong/khong-co').expect(303); // signed out: to the sign-in form first
    expect(missing.headers['content-type']).toMatch(/text\/html/);
    const bad = await request(t.app).get('/lich/ubnd/thang/2023-13').expect(400);
    expect(bad.text).toContain('month: phải');
  });

  test('when a period lies at the edge of the calendar, then the answer names the field (or has no such document), never a server error', async () => {
    for (const path of [
      '/lich/ubnd/tuan/1970-W01',
      '/lich/ubnd/tuan/2100-W52',
      '/lich/ubnd/thang/2100-12',
      '/lich/ubnd/thang/1970-01',
    ]) {
      const res = await request(t.app).get(path).expect(400);
      expect(res.text).toMatch(/(week|month): phải trong khoảng 1971 đến 2099/);
    }
    await request(t.app).get('/schedules/ubnd/1970-W01').expect(404);
    await request(t.app).get('/programmes/ubnd/2100-12.docx').expect(404);
    for (const path of [
      '/lich/ubnd/tuan/1971-W01',
      '/lich/ubnd/thang/2099-12',
      '/schedules/ubnd/2099-W53',
      '/programmes/ubnd/1971-01',
    ])
      await request(t.app).get(path).expect(200);
    const api = await request(t.app).get('/api/khong-co').expect(404);
    expect(api.body.error.code).toBe('not_found');
  });

  test('when the week view shows the session week, then lunar dates and the session with its agenda appear', async () => {
    const res = await request(t.app).get('/lich/ubnd/tuan/2023-W21').expect(200);
    expect(res.text).toContain('Thứ Ba, 23/5/2023 <span class="muted">(5/4 ÂL)</span>');
    expect(res.text).toContain('<li value="13">Dự thảo quy định chức năng');
    const may = await request(t.app).get('/lich/ubnd/thang/2023-05').expect(200);
    expect(may.text).toContain('1/5/2023: Ngày Quốc tế Lao động');
  });

  test('when a time is not stated by the source document, then the pages and the printed schedule mark it "(giờ dự kiến)"; the session is not shown as moved', async () => {
    const week = await request(t.app).get('/lich/ubnd/tuan/2023-W21').expect(200);
    expect(week.text).toContain(
      '<span class="when">8h00 (giờ dự kiến)</span> <span class="title">Phiên họp thường kỳ UBND huyện</span>',
    );
    expect(week.text).toContain('<span class="when">14h00 (giờ dự kiến)</span>');
    expect(week.text).not.toContain('Dời từ');
    const printed = await request(t.app).get('/schedules/ubnd/2023-W21').expect(200);
    expect(printed.text).toContain('8h00 (giờ dự kiến)');
    expect(printed.text).not.toContain('25/5/2023)');
  });

  test('when bodies are listed on the home and subscribe pages, then in political order: Huyện ủy, HĐND, UBND', async () => {
    for (const path of ['/', '/dang-ky']) {
      const text = (await request(t.app).get(path).expect(200)).text;
      const order = [...text.matchAll(/data-body="([a-z-]+)"/g)].map((m) => m[1]);
      expect(order).toEqual(['huyen-uy', 'hdnd', 'ubnd']);
    }
  });
});
