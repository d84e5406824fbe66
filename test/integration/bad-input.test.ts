/**
 * Bad input gets a 4xx (issue 8 point 5), through HTTP: dates outside 1970-2100, malformed document
 * addresses, control characters in text, secrets in the debug log, throttled invalid keys and
 * sign-ins, re-revoking a key, and the constraints stated in the OpenAPI description.
 */
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { createApp } from '../../src/app';
import { createServices } from '../../src/services';
import { connectDatabase } from '../../src/shared/db';
import type { Logger } from '../../src/shared/logger';
import { silentLogger } from '../../src/shared/logger';
import { docxText, unzipEntry } from '../support/document-text';
import { PUBLIC_BASE_URL, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
const created: Connection[] = [];
/** A one-off meeting of this file with agenda items 1-3, for the occurrence routes. */
let SESSION = '';
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  const res = await request(t.app)
    .post('/api/meetings')
    .set('Authorization', t.officeKey)
    .send({
      title: 'Hội nghị chuyên đề',
      kind: 'thematic-conference',
      bodyCode: 'ubnd',
      date: '2023-06-14',
      time: '08:00',
      durationMinutes: 120,
    })
    .expect(201);
  SESSION = res.body.id;
  await request(t.app)
    .post(`/api/occurrences/${SESSION}/agenda`)
    .set('Authorization', t.officeKey)
    .send({
      items: [1, 2, 3].map((number) => ({
        number,
        title: `Nội dung ${number}`,
        preparingAgencies: [{ code: 'thanh-tra' }],
      })),
    })
    .expect(201);
});
afterAll(async () => {
  for (const c of created) await c.close();
  await t.close();
});

/** Another instance on the same database, with its own settings, logger and proxy trust. */
async function instance(
  options: {
    keyThrottle?: { invalidKeyLimit: number; invalidKeyWindowSeconds: number };
    logger?: Logger;
    trustProxy?: boolean;
  } = {},
): Promise<Express> {
  const conn = await connectDatabase(t.uri);
  created.push(conn);
  const services = createServices(
    conn,
    {
      defaultTimeZone: 'Asia/Ho_Chi_Minh',
      publicBaseUrl: PUBLIC_BASE_URL,
      ...(options.keyThrottle ? { keyThrottle: options.keyThrottle } : {}),
    },
    t.clock,
    options.logger ?? silentLogger,
  );
  return createApp(services, { trustProxy: options.trustProxy ?? false });
}

const office = () => t.officeKey;
const count = (collection: string) => t.services.conn.collection(collection).countDocuments();

function expectProblem(res: request.Response, status: number, field: string, problem?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body.error.code).toBe('validation_failed');
  const details = res.body.error.details as { field: string; problem: string }[];
  const detail = details.find((d) => d.field === field);
  if (!detail) throw new Error(`no problem named ${field} in ${JSON.stringify(details)}`);
  if (problem) expect(detail.problem).toMatch(problem);
}

const RANGE = /must be between 1970-01-01 and 2100-12-31/;
const meeting = {
  title: 'Họp chuyên đề',
  kind: 'other',
  bodyCode: 'ubnd',
  date: '2023-06-07',
  time: '08:00',
  durationMinutes: 60,
};

const cookieOf = (res: request.Response, name: string): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Posts the sign-in form (with its CSRF cookie) from `address` when the app trusts X-Forwarded-For. */
async function postSignIn(app: Express, key: string, address?: string): Promise<request.Response> {
  const from = <T extends request.Test>(r: T): T => (address ? r.set('X-Forwarded-For', address) : r);
  const form = await from(request(app).get('/dang-nhap')).expect(200);
  const pre = cookieOf(form, 'lh_login_csrf')!;
  return from(
    request(app)
      .post('/dang-nhap')
      .set('Cookie', pre.split(';')[0]!)
      .type('form')
      .send({ _csrf: csrfIn(form.text), key, next: '' }),
  );
}

async function officeSession(): Promise<{ cookie: string; csrf: string }> {
  const res = await postSignIn(t.app, t.officeKey.replace(/^Bearer /, ''));
  const cookie = cookieOf(res, 'lh_session')!.split(';')[0]!;
  const page = await request(t.app).get('/van-phong').set('Cookie', cookie).expect(200);
  return { cookie, csrf: csrfIn(page.text) };
}

describe('dates outside 1970-2100', () => {
  test('when a meeting is dated 3101-01-05, then 400 names "date" and nothing is stored', async () => {
    const before = await count('meetings');
    expectProblem(
      await request(t.app)
        .post('/api/meetings')
        .set('Authorization', office())
        .send({ ...meeting, date: '3101-01-05' }),
      400,
      'date',
      RANGE,
    );
    expectProblem(
      await request(t.app)
        .post('/api/meetings')
        .set('Authorization', office())
        .send({ ...meeting, date: '1969-12-31' }),
      400,
      'date',
      RANGE,
    );
    expect(await count('meetings')).toBe(before);
  });

  test('when an extra session is dated 0000-02-02, then 400 names "date" and nothing is stored', async () => {
    const before = await count('meetings');
    expectProblem(
      await request(t.app)
        .post('/api/series/ubnd-phien-hop-thuong-ky/extra-sessions')
        .set('Authorization', office())
        .send({ date: '0000-02-02' }),
      400,
      'date',
      RANGE,
    );
    expect(await count('meetings')).toBe(before);
  });

  test('when the occurrence window ends in 2101, then 400 names "query.to"', async () => {
    expectProblem(await request(t.app).get('/api/occurrences?from=2100-12-01&to=2101-01-31'), 400, 'query.to', RANGE);
    expectProblem(await request(t.app).get('/api/occurrences?from=1969-12-01&to=1970-01-31'), 400, 'query.from', RANGE);
  });

  test('when every other route gets a date outside the range, then 400 names its field', async () => {
    const series = {
      title: 'Giao ban',
      kind: 'briefing',
      bodyCode: 'ubnd',
      startTime: '08:00',
      durationMinutes: 60,
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      holidayPolicy: 'skip',
    };
    expectProblem(
      await request(t.app)
        .post('/api/series')
        .set('Authorization', office())
        .send({ ...series, startDate: '2101-01-03' }),
      400,
      'startDate',
      RANGE,
    );
    expectProblem(
      await request(t.app)
        .post('/api/series')
        .set('Authorization', office())
        .send({ ...series, startDate: '2023-01-02', endDate: '2101-01-01' }),
      400,
      'endDate',
      RANGE,
    );
    expectProblem(
      await request(t.app)
        .patch('/api/series/ubnd-phien-hop-thuong-ky')
        .set('Authorization', office())
        .send({ endDate: '9999-12-31' }),
      400,
      'endDate',
      RANGE,
    );
    expectProblem(
      await request(t.app)
        .post(`/api/occurrences/${SESSION}/move`)
        .set('Authorization', office())
        .send({ date: '2101-01-01', reason: 'Thử' }),
      400,
      'date',
      RANGE,
    );
    expectProblem(
      await request(t.app)
        .post(`/api/occurrences/${SESSION}/agenda`)
        .set('Authorization', office())
        .send({ number: 40, title: 'Thử', dueAt: '2101-01-01T08:00:00+07:00' }),
      400,
      'dueAt',
      RANGE,
    );
    expectProblem(
      await request(t.app)
        .patch(`/api/occurrences/${SESSION}/agenda/1`)
        .set('Authorization', office())
        .send({ dueAt: '1969-12-31T08:00:00Z' }),
      400,
      'dueAt',
      RANGE,
    );
    expectProblem(
      await request(t.app)
        .post('/api/calendar/adjustments')
        .set('Authorization', office())
        .send({ kind: 'day-off', date: '2101-01-02', name: 'Thử', documentNumber: '1/QĐ' }),
      400,
      'date',
      RANGE,
    );
    expectProblem(await request(t.app).get('/api/calendar/days?from=2100-12-30&to=2101-01-02'), 400, 'query.to', RANGE);
    expectProblem(
      await request(t.app)
        .patch('/api/programmes/ubnd/2023-06/settings')
        .set('Authorization', office())
        .send({ issueDate: '2101-06-01' }),
      400,
      'issueDate',
      RANGE,
    );
    expectProblem(
      await request(t.app)
        .post('/api/programmes/ubnd/2023-06/publish')
        .set('Authorization', office())
        .send({ documentNumber: '1', issueDate: '0001-01-01' }),
      400,
      'issueDate',
      RANGE,
    );
    expect(
      (await request(t.app).get(`/api/occurrences/${SESSION}/agenda`).expect(200)).body.items.map(
        (i: { number: number }) => i.number,
      ),
    ).not.toContain(40);
  });

  test('when dates lie at the very ends of the range, then the routes answer without a server error', async () => {
    for (const date of ['1970-01-01', '2100-12-31']) {
      const created = await request(t.app)
        .post('/api/meetings')
        .set('Authorization', office())
        .send({ ...meeting, date })
        .expect(201);
      await request(t.app)
        .post(`/api/occurrences/${created.body.id}/agenda`)
        .set('Authorization', office())
        .send({ number: 1, title: 'Báo cáo' })
        .expect(201);
      await request(t.app)
        .post('/api/series/ubnd-phien-hop-thuong-ky/extra-sessions')
        .set('Authorization', office())
        .send({ date })
        .expect(201);
    }
    await request(t.app).get('/api/occurrences?from=2100-12-01&to=2100-12-31').expect(200);
    await request(t.app).get('/api/occurrences?from=1970-01-01&to=1970-01-31').expect(200);
  });

  test('when a web form posts a date outside the range, then the page answers 400 with the problem next to the field', async () => {
    const { cookie, csrf } = await officeSession();
    const before = await count('meetings');
    const res = await request(t.app)
      .post('/van-phong/lich/ubnd/2023-05/cuoc-hop')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, title: 'Họp', kind: 'other', date: '3101-01-05', time: '08:00', durationMinutes: '60' })
      .expect(400);
    expect(res.text).toMatch(/data-field="date"[^]*?field-error[^>]*>phải trong khoảng từ 1\/1\/1970 đến 31\/12\/2100/);
    expect(await count('meetings')).toBe(before);
  });
});

describe('malformed document addresses', () => {
  const addresses = [
    '/programmes/ubnd/2026-12%0A',
    '/programmes/ubnd/2026-12%0D',
    '/programmes/ubnd/2026-12%0A.json',
    '/programmes/ubnd/2026-12%0D.docx',
    '/programmes/ubnd/2026-12%00.html',
    '/programmes/ubnd/2026-12.json%0A',
    '/programmes/ubnd/%0A2026-12',
    '/programmes/ubnd/2026-12.pdf',
    '/programmes/ubnd/2026-1',
    '/programmes/ubnd/%E0%A4%A',
    '/programmes/ubnd%0A/2026-12',
    '/programmes/UBND/2026-12.json',
    '/programmes/ubnd/2026-12%0A/versions/1',
    '/programmes/ubnd/2026-12/versions/1%0A.docx',
    '/programmes/ubnd/2026-12/versions/x.json',
    '/programmes/ubnd/2026-12%0A/compare?format=json',
    '/programmes/ubnd%0A/2026-12/compare',
    '/schedules/ubnd/2026-W01%0A',
    '/schedules/ubnd/2026-W01%0D.json',
    '/schedules/ubnd/2026-W01%0A.docx',
    '/schedules/ubnd/2026-W99',
    '/schedules/ubnd/2026-W01%0A/versions/1.json',
    '/schedules/ubnd/2026-W01%0A/compare',
  ];
  test.each(addresses)('GET %s is 404, never 400 or 500', async (path) => {
    const res = await request(t.app).get(path);
    expect(res.status).toBe(404);
    if (/\.(json|docx)$|format=json/.test(path)) expect(res.body.error.code).toBe('not_found');
    else expect(res.text).toContain('Không tìm thấy');
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('control characters', () => {
  const CONTROLS: [string, string][] = [
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['VT', '\u000b'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
  ];
  test.each(CONTROLS)('when a title carries %s, then 400 names "title" and nothing is stored', async (_name, c) => {
    const before = await count('meetings');
    expectProblem(
      await request(t.app)
        .post('/api/meetings')
        .set('Authorization', office())
        .send({ ...meeting, title: `Họp${c} chuyên đề` }),
      400,
      'title',
      /control characters/,
    );
    expect(await count('meetings')).toBe(before);
  });

  test('when text fields of other writes carry control characters, then each is named; line breaks only where text may span lines', async () => {
    const bad = (res: request.Response, field: string, problem = /control characters/) =>
      expectProblem(res, 400, field, problem);
    bad(
      await request(t.app)
        .post('/api/meetings')
        .set('Authorization', office())
        .send({ ...meeting, title: 'Họp\nchuyên đề' }),
      'title',
      /single line/,
    );
    bad(
      await request(t.app)
        .post('/api/meetings')
        .set('Authorization', office())
        .send({ ...meeting, location: 'Hội trường\r' }),
      'location',
      /single line/,
    );
    bad(
      await request(t.app)
        .post('/api/meetings')
        .set('Authorization', office())
        .send({ ...meeting, description: 'Dòng 1\nDòng 2\u0007' }),
      'description',
    );
    bad(
      await request(t.app)
        .patch(`/api/occurrences/${SESSION}`)
        .set('Authorization', office())
        .send({ location: 'Phòng\u001b[31m họp' }),
      'location',
    );
    bad(
      await request(t.app)
        .post(`/api/occurrences/${SESSION}/cancel`)
        .set('Authorization', office())
        .send({ reason: 'Lý do\u0000' }),
      'reason',
    );
    bad(
      await request(t.app)
        .post(`/api/occurrences/${SESSION}/agenda`)
        .set('Authorization', office())
        .send({ number: 41, title: 'Báo cáo\u0008' }),
      'title',
    );
    bad(
      await request(t.app)
        .post(`/api/occurrences/${SESSION}/agenda`)
        .set('Authorization', office())
        .send({
          items: [
            { number: 41, title: 'Báo cáo' },
            { number: 42, title: 'Tờ trình\u007f' },
          ],
        }),
      'items.1.title',
    );
    bad(
      await request(t.app)
        .post(`/api/occurrences/${SESSION}/agenda/2/status`)
        .set('Authorization', office())
        .send({ status: 'preparing', note: 'ghi chú\u0007' }),
      'note',
    );
    bad(
      await request(t.app).patch('/api/bodies/ubnd').set('Authorization', office()).send({ name: 'UBND\u0000' }),
      'name',
    );
    bad(
      await request(t.app)
        .post('/api/feed-tokens')
        .set('Authorization', office())
        .send({ kind: 'official', subjectCode: 'chu-tich-ubnd', label: 'điện thoại\u0007' }),
      'label',
    );
    bad(
      await request(t.app)
        .put('/api/programmes/ubnd/2023-06/part-a')
        .set('Authorization', office())
        .send({ markdown: '### A\n\nĐoạn\u000c văn' }),
      'markdown',
    );
    bad(
      await request(t.app)
        .patch('/api/programmes/ubnd/2023-06/settings')
        .set('Authorization', office())
        .send({ recipients: ['- Lưu: VT.', '- Phòng\u0007'] }),
      'recipients.1',
    );
    bad(
      await request(t.app)
        .post('/api/calendar/adjustments')
        .set('Authorization', office())
        .send({ kind: 'day-off', date: '2030-01-02', name: 'Nghỉ\u0000', documentNumber: '1/QĐ' }),
      'name',
    );
    // Line breaks and tabs are text where text may span lines.
    await request(t.app)
      .patch(`/api/occurrences/${SESSION}`)
      .set('Authorization', office())
      .send({ description: 'Dòng 1\r\nDòng 2\tcột' })
      .expect(200);
    await request(t.app)
      .put('/api/programmes/ubnd/2023-06/part-a')
      .set('Authorization', office())
      .send({ markdown: '### A\r\n\r\nĐoạn văn' })
      .expect(200);
    const items = (await request(t.app).get(`/api/occurrences/${SESSION}/agenda`).expect(200)).body.items.map(
      (i: { number: number }) => i.number,
    );
    expect(items).not.toContain(41);
  });

  test('when a web form carries a control character, then the page answers 400 with the problem next to the field and stores nothing', async () => {
    const { cookie, csrf } = await officeSession();
    const before = (await request(t.app).get(`/api/occurrences/${SESSION}`).expect(200)).body.title;
    const res = await request(t.app)
      .post(`/van-phong/cuoc-hop/${SESSION}/chi-tiet`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, title: 'Phiên họp\u0007', location: '', description: '' })
      .expect(400);
    expect(res.text).toMatch(/data-field="title"[^]*?field-error[^>]*>không được chứa ký tự điều khiển/);
    expect((await request(t.app).get(`/api/occurrences/${SESSION}`).expect(200)).body.title).toBe(before);
  });

  test('when stored data already holds control characters, then no feed, page, DOCX or JSON document writes them raw', async () => {
    const series = t.services.conn.collection('series');
    const original = await series.findOne({ _id: 'ubnd-phien-hop-thuong-ky' as never });
    try {
      await series.updateOne(
        { _id: 'ubnd-phien-hop-thuong-ky' as never },
        {
          $set: {
            title: 'Phiên\u0007 họp\u0000 thường\u001b kỳ\u007f',
            location: 'Hội\u000b trường',
            description: 'Mô tả\u0001\nDòng 2',
          },
        },
      );
      await t.services.meetingRepo.bumpScheduleVersion();
      const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
      const ics = await request(t.app).get('/feeds/public/ubnd.ics?expand=1').expect(200);
      expect(ics.text).toContain('Phiên họp thường kỳ');
      expect(ics.text).not.toMatch(FORBIDDEN);
      for (const path of ['/lich/ubnd/tuan/2023-W21', '/programmes/ubnd/2023-05']) {
        const page = await request(t.app).get(path).expect(200);
        expect(page.text).toContain('Phiên họp thường kỳ');
        expect(page.text).not.toMatch(FORBIDDEN);
      }
      const docx = await request(t.app)
        .get('/programmes/ubnd/2023-05.docx')
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(docx.status).toBe(200);
      expect(docxText(docx.body as Buffer)).toContain('Phiên họp thường kỳ');
      expect(unzipEntry(docx.body as Buffer, 'word/document.xml').toString('utf8')).not.toMatch(FORBIDDEN);
    } finally {
      await series.replaceOne({ _id: 'ubnd-phien-hop-thuong-ky' as never }, original!);
      await t.services.meetingRepo.bumpScheduleVersion();
    }
  });
});

describe('secrets in the debug log', () => {
  test('when secrets travel in paths of any spelling or in query parameters, then no log line holds them', async () => {
    const lines: string[] = [];
    const capture: Logger = {
      debug: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
      info: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
      warn: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
      error: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
    };
    const app = await instance({ logger: capture });
    const created = await request(app)
      .post('/api/feed-tokens')
      .set('Authorization', office())
      .send({ kind: 'agency', subjectCode: 'thanh-tra' })
      .expect(201);
    const feedToken = new URL(created.body.url as string).pathname.slice('/feeds/'.length, -'.ics'.length);
    const secret = (n: number) => `S3cr3t${n}xQ7wZ9kLmN2pR4tV6yB8dF0hJ`;
    const encoded = Array.from(feedToken)
      .map((c, i) => (i < 3 ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : c))
      .join('');
    const requests: [string, string][] = [
      [`/feeds/${feedToken}.ics`, feedToken],
      [`//feeds/${feedToken}.ics`, feedToken],
      [`/FEEDS/${feedToken}.ics`, feedToken],
      [`/Feeds//${feedToken}.ics?expand=1`, feedToken],
      [`/feeds/${feedToken}.ICS`, feedToken],
      [`/feeds/${encoded}.ics`, feedToken.slice(3)],
      [`/%66eeds/${feedToken}.ics`, feedToken],
      [`/email/huy-dang-ky/${secret(1)}`, secret(1)],
      [`/EMAIL/Huy-Dang-Ky/${secret(2)}`, secret(2)],
      [`//email//huy-dang-ky/${secret(3)}/`, secret(3)],
      [`/api/bodies?secret=${secret(4)}`, secret(4)],
      [`/api/bodies?access_token=${secret(5)}`, secret(5)],
      [`/api/bodies?body=ubnd&token=${secret(6)}`, secret(6)],
      [`/api/occurrences?from=2023-05-01&to=2023-05-31&api_key=${secret(7)}`, secret(7)],
      [`/feeds/public/ubnd.ics?key=${secret(8)}&password=${secret(9)}`, secret(8)],
      [`/programmes/ubnd/2023-05?sig=${secret(10)}`, secret(10)],
      [`/api/nope?${secret(11)}`, secret(11)],
    ];
    for (const [path] of requests) await request(app).get(path);
    await request(app).post(`/email/huy-dang-ky/${secret(12)}`);
    await request(app)
      .get('/api/keys')
      .set('Authorization', `Bearer lh_${secret(13)}`);
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(requests.length);
    for (const [path, s] of requests)
      expect({ path, leaked: log.includes(s.slice(0, 16)) }).toEqual({ path, leaked: false });
    for (const s of [secret(9), secret(12), secret(13)]) expect(log).not.toContain(s.slice(0, 16));
    expect(log).toContain('/feeds/[redacted]');
    expect(log).toContain('/email/huy-dang-ky/[redacted]');
    expect(log).toContain('access_token=[redacted]');
    expect(log).toContain('from=2023-05-01&to=2023-05-31');
  });
});

describe('throttled invalid keys', () => {
  test('when one address presents too many invalid API keys, then 429 with Retry-After in the JSON error shape; valid keys still work', async () => {
    const app = await instance({ keyThrottle: { invalidKeyLimit: 3, invalidKeyWindowSeconds: 60 }, trustProxy: true });
    const bad = (i: number, address = '203.0.113.7') =>
      request(app).get('/api/keys').set('X-Forwarded-For', address).set('Authorization', `Bearer lh_wrong-key-${i}`);
    for (let i = 0; i < 3; i++) await bad(i).expect(401);
    const limited = await bad(3).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body.error).toEqual({ code: 'rate_limited', message: expect.any(String) });
    await request(app)
      .get('/api/keys')
      .set('X-Forwarded-For', '203.0.113.7')
      .set('X-API-Key', 'lh_wrong-again')
      .expect(429);
    // A good key from another address, and from the limited one too (successes are never limited).
    await request(app)
      .get('/api/keys')
      .set('X-Forwarded-For', '198.51.100.20')
      .set('Authorization', office())
      .expect(200);
    await request(app)
      .get('/api/keys')
      .set('X-Forwarded-For', '203.0.113.7')
      .set('Authorization', office())
      .expect(200);
    // Another address is counted on its own; the window slides.
    await bad(4, '198.51.100.20').expect(401);
    t.clock.set('2023-05-01T01:01:30Z');
    try {
      await bad(5).expect(401);
    } finally {
      t.clock.set('2023-05-01T01:00:00Z');
    }
  });

  test('when one address signs in with too many wrong keys, then the sign-in page answers 429 in Vietnamese with Retry-After; a good key from another address still signs in', async () => {
    const app = await instance({ keyThrottle: { invalidKeyLimit: 3, invalidKeyWindowSeconds: 600 }, trustProxy: true });
    for (let i = 0; i < 3; i++) expect((await postSignIn(app, `lh_wrong-${i}`, '192.0.2.44')).status).toBe(401);
    const limited = await postSignIn(app, 'lh_wrong-3', '192.0.2.44');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(/text\/html/);
    expect(limited.text).toContain('Đã nhập sai khóa quá nhiều lần');
    expect(cookieOf(limited, 'lh_session')).toBeUndefined();
    // The API shares the count: the same address gets 429 there too.
    await request(app)
      .get('/api/keys')
      .set('X-Forwarded-For', '192.0.2.44')
      .set('Authorization', 'Bearer lh_wrong-4')
      .expect(429);
    const good = await postSignIn(app, t.officeKey.replace(/^Bearer /, ''), '192.0.2.45');
    expect(good.status).toBe(303);
    expect(cookieOf(good, 'lh_session')).toBeDefined();
  });
});

describe('revoking a key twice', () => {
  test('when a revoked key is revoked again, then the answer is the same 200 and the first revokedAt is kept', async () => {
    const { key, secret } = await t.services.apiKeys.create({ name: 'tạm thời', role: 'office', agencyCode: null });
    try {
      t.clock.set('2023-05-01T02:00:00Z');
      const first = await request(t.app).post(`/api/keys/${key.id}/revoke`).set('Authorization', office()).expect(200);
      expect(first.body.revokedAt).toBe('2023-05-01T02:00:00.000Z');
      t.clock.set('2023-05-09T09:00:00Z');
      const again = await request(t.app).post(`/api/keys/${key.id}/revoke`).set('Authorization', office()).expect(200);
      expect(again.body).toEqual(first.body);
      const stored = await t.services.conn.collection('apiKeys').findOne({ _id: key.id as never });
      expect(stored?.revokedAt).toEqual(new Date('2023-05-01T02:00:00Z'));
      await request(t.app).get('/api/keys').set('Authorization', `Bearer ${secret}`).expect(401);
      await request(t.app).post('/api/keys/key-none/revoke').set('Authorization', office()).expect(404);
    } finally {
      t.clock.set('2023-05-01T01:00:00Z');
    }
  });
});

describe('the OpenAPI description', () => {
  type Parameter = { name: string; in: string; required: boolean; schema: Record<string, unknown> };
  let doc: { paths: Record<string, Record<string, { parameters: Parameter[] }>> };
  beforeAll(async () => {
    doc = (await request(t.app).get('/openapi.json').expect(200)).body;
  });
  const param = (path: string, name: string, method = 'get') =>
    doc.paths[path]![method]!.parameters.find((p) => p.name === name)!;

  test('when reading it, then path and query parameters carry the constraints their routes enforce, the date range included', () => {
    const from = param('/api/occurrences', 'from');
    expect(from).toMatchObject({ in: 'query', required: true, schema: { type: 'string', format: 'date' } });
    expect(new RegExp(from.schema.pattern as string).test('2100-12-31')).toBe(true);
    expect(new RegExp(from.schema.pattern as string).test('2101-01-01')).toBe(false);
    expect(new RegExp(from.schema.pattern as string).test('1969-12-31')).toBe(false);
    expect(param('/api/occurrences', 'body')).toMatchObject({
      required: false,
      schema: { pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
    });
    expect(param('/api/occurrences', 'kind').schema.enum).toContain('regular-session');
    expect(param('/api/calendar/holidays', 'year')).toMatchObject({
      required: true,
      schema: { type: 'integer', minimum: 1970, maximum: 2100 },
    });
    expect(param('/api/deliveries', 'limit').schema).toMatchObject({ minimum: 1, maximum: 500, default: 100 });
    expect(param('/api/deliveries', 'state').schema.enum).toContain('dead');
    expect(param('/api/programmes/{body}/{month}/draft', 'month').schema).toMatchObject({
      pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
      description: expect.stringContaining('1971-01 to 2099-12'),
    });
    const file = new RegExp(param('/programmes/{body}/{month}', 'month').schema.pattern as string);
    expect(['2023-05', '2023-05.docx', '2023-05.json'].every((f) => file.test(f))).toBe(true);
    expect(['2023-05.pdf', '2023-5', '2026-12\n'].some((f) => file.test(f))).toBe(false);
    expect(new RegExp(param('/schedules/{body}/{week}', 'week').schema.pattern as string).test('2023-W21.docx')).toBe(
      true,
    );
    expect(param('/api/occurrences/{id}/agenda/{number}', 'number', 'patch').schema).toMatchObject({
      minimum: 1,
      maximum: 200,
    });
    expect(param('/feeds/{token}.ics', 'token').schema.pattern).toBe('^[A-Za-z0-9_-]{43}$');
    expect(param('/feeds/public/{body}.ics', 'cancelled').schema.enum).toEqual(['hide', 'show']);
    expect(param('/api/feeds/links', 'body')).toMatchObject({ required: true });
    const body = doc.paths['/api/meetings']!.post as unknown as {
      requestBody: {
        content: { 'application/json': { schema: { properties: Record<string, Record<string, unknown>> } } };
      };
    };
    const props = body.requestBody.content['application/json'].schema.properties;
    expect(props.date!.pattern).toContain('2100');
    expect(props.title!.allOf ?? props.title!.pattern).toBeDefined();
  });
});
