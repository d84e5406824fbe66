/** HTTP behaviour of feeds: headers, validators, 304s, freshness after edits across instances. */
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { createApp } from '../../src/app';
import { CORS_EXPOSED_HEADERS } from '../../src/http/cors';
import { createServices } from '../../src/services';
import { connectDatabase } from '../../src/shared/db';
import { silentLogger, type Logger } from '../../src/shared/logger';
import { PUBLIC_BASE_URL, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let other: { app: Express; conn: Connection };
const FEED = '/feeds/public/ubnd.ics';
/** The read model's default polling interval (500 ms) with room for one reload. */
const BOUND_MS = 1000;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** The identity bytes (supertest asks for gzip by default; the codings are tested in feeds-compression.test.ts). */
const text = (r: request.Test) =>
  r
    .set('Accept-Encoding', 'identity')
    .buffer(true)
    .parse((res, cb) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => cb(null, data));
    });

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  // A second instance of the service on the same database, with its own cache.
  const conn = await connectDatabase(t.uri);
  const services = createServices(
    conn,
    { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: PUBLIC_BASE_URL },
    t.clock,
    silentLogger,
  );
  other = { app: createApp(services), conn };
});
afterAll(async () => {
  await other.conn.close();
  await t.close();
});

describe('feed HTTP behaviour', () => {
  test('when a feed is fetched with any Accept header, then it is text/calendar UTF-8 with a strong ETag, Last-Modified and public no-cache', async () => {
    for (const accept of ['application/json', 'text/html', '*/*']) {
      const res = await text(request(t.app).get(FEED).set('Accept', accept)).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
      expect(new Date(res.headers['last-modified']!).getTime()).not.toBeNaN();
      expect(res.headers['cache-control']).toBe('public, no-cache');
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body as string, 'utf8'));
      expect((res.body as string).startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    }
  });

  test('when nothing changed, then repeated requests and another instance give byte-identical feeds with the same ETag', async () => {
    const a = await text(request(t.app).get(FEED)).expect(200);
    const b = await text(request(t.app).get(FEED)).expect(200);
    const c = await text(request(other.app).get(FEED)).expect(200);
    expect(b.body).toBe(a.body);
    expect(c.body).toBe(a.body);
    expect([b.headers.etag, c.headers.etag]).toEqual([a.headers.etag, a.headers.etag]);
    expect(c.headers['last-modified']).toBe(a.headers['last-modified']);
  });

  test('when the client has the current copy, then If-None-Match (exact, weak or in a list) and If-Modified-Since give 304 with the validators', async () => {
    const first = await request(t.app).get(FEED).expect(200);
    const etag = first.headers.etag!;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await request(t.app).get(FEED).set('If-None-Match', inm).expect(304);
      expect(res.headers.etag).toBe(etag);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.text ?? '').toBe('');
    }
    await request(t.app).get(FEED).set('If-Modified-Since', first.headers['last-modified']!).expect(304);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3).
    await request(t.app)
      .get(FEED)
      .set('If-None-Match', '"stale"')
      .set('If-Modified-Since', first.headers['last-modified']!)
      .expect(200);
    await request(t.app).get(FEED).set('If-Modified-Since', 'Thu, 01 Jan 2015 00:00:00 GMT').expect(200);
    await request(t.app).get(FEED).set('If-Modified-Since', 'not a date').expect(200);
  });

  test("when the schedule is edited through one instance, then its very next request and the other instance within the read model's bound have the change, a new ETag and a later Last-Modified", async () => {
    const before = await text(request(t.app).get(FEED)).expect(200);
    await text(request(other.app).get(FEED)).expect(200); // warm the other instance's cache
    await new Promise((ok) => setTimeout(ok, 1100)); // Last-Modified has whole seconds
    await request(t.app)
      .post('/api/occurrences/ubnd-giao-ban-thu-nam_20230601T1400/move')
      .set('Authorization', t.officeKey)
      .send({ date: '2023-06-02', time: '08:00', reason: 'Dời sang sáng thứ Sáu' })
      .expect(200);
    for (const app of [t.app, other.app]) {
      if (app === other.app) await sleep(BOUND_MS); // other instances learn of an edit within READ_MODEL_POLL_MS
      const after = await text(request(app).get(FEED).set('If-None-Match', before.headers.etag!)).expect(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.body).toContain('RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:20230601T140000');
      expect(after.body).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20230602T080000');
      expect(new Date(after.headers['last-modified']!).getTime()).toBeGreaterThan(
        new Date(before.headers['last-modified']!).getTime(),
      );
    }
  });

  test("when a schedule write does not change a feed's bytes, then its Last-Modified stays, on every instance and after a restart", async () => {
    const before = await text(request(t.app).get(FEED)).expect(200);
    await sleep(BOUND_MS); // the other instance has seen the previous test's edit
    const otherBefore = await text(request(other.app).get(FEED)).expect(200);
    expect(otherBefore.headers['last-modified']).toBe(before.headers['last-modified']);
    await new Promise((ok) => setTimeout(ok, 1100)); // Last-Modified has whole seconds
    // A write the UBND feed does not show: a series of the People's Council.
    const versionBefore = (await t.services.meetingRepo.scheduleVersion()).version;
    await request(t.app)
      .post('/api/series')
      .set('Authorization', t.officeKey)
      .send({
        id: 'hdnd-thuong-truc',
        title: 'Họp Thường trực HĐND huyện',
        kind: 'briefing',
        bodyCode: 'hdnd',
        startTime: '08:00',
        durationMinutes: 120,
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
        startDate: '2023-05-08',
        holidayPolicy: 'next-working-day',
      })
      .expect(201);
    expect((await t.services.meetingRepo.scheduleVersion()).version).toBeGreaterThan(versionBefore);
    // A third instance started afresh (no memory of the feed) agrees with the other two.
    const conn = await connectDatabase(t.uri);
    try {
      const fresh = createApp(
        createServices(
          conn,
          { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: PUBLIC_BASE_URL },
          t.clock,
          silentLogger,
        ),
      );
      for (const app of [t.app, other.app, fresh]) {
        const after = await text(request(app).get(FEED)).expect(200);
        expect(after.headers.etag).toBe(before.headers.etag);
        expect(after.headers['last-modified']).toBe(before.headers['last-modified']);
        await request(app).get(FEED).set('If-Modified-Since', before.headers['last-modified']!).expect(304);
      }
      // The council's own feed did change.
      expect((await text(request(fresh).get('/feeds/public/hdnd.ics')).expect(200)).body).toContain(
        'Họp Thường trực HĐND huyện',
      );
    } finally {
      await conn.close();
    }
  });

  test('when the month changes, then the window moves and so do the content and Last-Modified', async () => {
    const may = await text(request(t.app).get(FEED)).expect(200);
    t.clock.set('2023-06-01T00:30:00+07:00');
    try {
      const june = await text(request(t.app).get(FEED)).expect(200);
      expect(june.headers.etag).not.toBe(may.headers.etag);
      expect(june.body).toContain('đến 30/6/2024.');
      expect(new Date(june.headers['last-modified']!).getTime()).toBeGreaterThanOrEqual(
        Date.parse('2023-05-31T17:00:00Z'),
      );
    } finally {
      t.clock.set('2023-05-01T01:00:00Z');
    }
  });

  test('when HEAD is asked, then the headers come without a body', async () => {
    const res = await request(t.app).head(FEED).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers.etag).toBeTruthy();
    expect(res.text ?? '').toBe('');
  });

  test('when the body is unknown or an option is wrong, then 404 or 400 names the problem in JSON', async () => {
    const missing = await request(t.app).get('/feeds/public/khong-co.ics').expect(404);
    expect(missing.body.error.code).toBe('not_found');
    await request(t.app).get('/feeds/public/ubnd.json').expect(400);
    const bad = await request(t.app).get(`${FEED}?expand=yes&alarm=3w&kind=party&color=red`).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'query.alarm',
      'query.color',
      'query.expand',
      'query.kind',
    ]);
  });

  test('when options are given, then each combination is cached apart and a VALARM appears only when asked', async () => {
    const plain = await text(request(t.app).get(FEED)).expect(200);
    const alarm = await text(request(t.app).get(`${FEED}?alarm=1d`)).expect(200);
    expect(plain.body).not.toContain('BEGIN:VALARM');
    expect(alarm.body).toContain('TRIGGER:-P1D');
    expect(alarm.headers.etag).not.toBe(plain.headers.etag);
  });

  test('when subscribe links are asked, then https, webcal, Google and Outlook links point at the same feed with its options', async () => {
    const res = await request(t.app).get('/api/feeds/links?body=ubnd&kind=briefing&expand=1').expect(200);
    const https = `${PUBLIC_BASE_URL}/feeds/public/ubnd.ics?kind=briefing&expand=1`;
    expect(res.body).toEqual({
      name: 'Lịch họp Ủy ban nhân dân huyện Lục Ngạn (Giao ban)',
      https,
      webcal: https.replace('https://', 'webcal://'),
      google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(https.replace('https://', 'webcal://'))}`,
      outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(https)}&name=${encodeURIComponent('Lịch họp Ủy ban nhân dân huyện Lục Ngạn (Giao ban)')}`,
      office365: `https://outlook.office.com/calendar/0/addfromweb?url=${encodeURIComponent(https)}&name=${encodeURIComponent('Lịch họp Ủy ban nhân dân huyện Lục Ngạn (Giao ban)')}`,
    });
    await text(request(t.app).get(new URL(res.body.https).pathname + new URL(res.body.https).search)).expect(200);
    await request(t.app).get('/api/feeds/links?body=khong-co').expect(404);
    await request(t.app).get('/api/feeds/links').expect(400);
    const openapi = await request(t.app).get('/openapi.json').expect(200);
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/feeds/public/{body}.ics',
        '/feeds/{token}.ics',
        '/api/feeds/links',
        '/api/feed-tokens',
        '/api/feed-tokens/{id}/rotate',
      ]),
    );
  });

  test("when a feed links back to the service, then the links open the body's public schedule pages", async () => {
    const feed = await text(request(t.app).get(FEED)).expect(200);
    const urls = [
      ...new Set(
        [...(feed.body as string).matchAll(/^URL;VALUE=URI:(.*(?:\r\n .*)*)/gm)].map((m) =>
          m[1]!.replace(/\r\n /g, ''),
        ),
      ),
    ];
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) {
      expect(url.startsWith(`${PUBLIC_BASE_URL}/lich/ubnd/`)).toBe(true);
      const page = await request(t.app).get(url.slice(PUBLIC_BASE_URL.length)).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
    }
  });

  test('when a path under /feeds is not a feed, then it is an ordinary 404', async () => {
    await request(t.app).get('/feeds/public/a/b.ics').expect(404);
    await request(t.app).get('/feeds/').expect(404);
    await request(t.app).post('/feeds/public/ubnd.ics').expect(404);
  });

  const SHORT = 'when a rendered feed is answered by the short path, then it carries CORS and logs one request line';
  test(SHORT, async () => {
    const lines: Record<string, unknown>[] = [];
    const keep = (msg: string, fields?: Record<string, unknown>) => void lines.push({ msg, ...fields });
    const capture: Logger = { debug: keep, info: keep, warn: keep, error: keep };
    const conn = await connectDatabase(t.uri);
    try {
      const settings = { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: PUBLIC_BASE_URL };
      const services = createServices(conn, settings, t.clock, capture);
      const app = createApp(services);
      const first = await text(request(app).get(`${FEED}?expand=1`)).expect(200); // the long way: renders and caches
      const again = await text(request(app).get(`${FEED}?expand=1`)).expect(200); // the short path
      const notModified = await request(app)
        .get(`${FEED}?expand=1`)
        .set('If-None-Match', again.headers.etag!)
        .expect(304);
      for (const res of [first, again, notModified]) {
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers['access-control-expose-headers']).toBe(CORS_EXPOSED_HEADERS);
      }
      expect(again.body).toBe(first.body);
      await new Promise((ok) => setImmediate(ok)); // 'close' of the last reply
      const requests = lines.filter((l) => l.msg === 'request');
      expect(requests.map(({ ms, ...rest }) => [typeof ms, rest])).toEqual(
        [200, 200, 304].map((status) => [
          'number',
          {
            msg: 'request',
            method: 'GET',
            path: `${FEED}?expand=1`,
            status,
            ...(status === 200 ? { bytes: Buffer.byteLength(first.body as string) } : {}),
            ip: expect.stringMatching(/127\.0\.0\.1$/),
          },
        ]),
      );
    } finally {
      await conn.close();
    }
  });
});
