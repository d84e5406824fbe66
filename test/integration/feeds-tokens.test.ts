/** Private feed tokens: creation, use, statistics, rotation, revocation, 404s, rate limit, logs. */
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { createApp } from '../../src/app';
import { hashSecret } from '../../src/shared/secrets';
import { createServices } from '../../src/services';
import { connectDatabase } from '../../src/shared/db';
import { createLogger, type Logger } from '../../src/shared/logger';
import { PUBLIC_BASE_URL, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
const created: { conn: Connection }[] = [];

beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => {
  for (const c of created) await c.conn.close();
  await t.close();
});

async function createToken(kind: 'official' | 'agency', subjectCode: string, label = '') {
  const res = await request(t.app)
    .post('/api/feed-tokens')
    .set('Authorization', t.officeKey)
    .send({ kind, subjectCode, label })
    .expect(201);
  return res.body as { token: { id: string; hint: string }; url: string; links: Record<string, string> };
}

const pathOf = (url: string) => new URL(url).pathname;

/** Another instance on the same database with its own settings and logger. */
async function instance(feeds: Record<string, number>, logger?: Logger): Promise<Express> {
  const conn = await connectDatabase(t.uri);
  created.push({ conn });
  const services = createServices(
    conn,
    { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: PUBLIC_BASE_URL, feeds },
    t.clock,
    logger ?? createLogger('silent'),
  );
  return createApp(services);
}

describe('private feed tokens', () => {
  test('when the office creates a feed for an official, then the URL and subscribe links are shown once and the feed is private', async () => {
    const { token, url, links } = await createToken('official', 'chu-tich-ubnd', 'Điện thoại của Chủ tịch');
    expect(url).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(url.slice(`${PUBLIC_BASE_URL}/feeds/`.length).startsWith(token.hint)).toBe(true);
    expect(links.webcal).toBe(url.replace('https://', 'webcal://'));
    expect(links.google).toBe(`https://calendar.google.com/calendar/render?cid=${encodeURIComponent(links.webcal!)}`);
    expect(links.name).toBe('Lịch họp của Chủ tịch UBND huyện');
    const res = await request(t.app).get(pathOf(url)).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.headers['x-robots-tag']).toContain('noindex');
    // Only a hash is stored: neither the list nor the database holds the secret.
    const secret = pathOf(url).slice('/feeds/'.length, -'.ics'.length);
    const list = await request(t.app).get('/api/feed-tokens').set('Authorization', t.officeKey).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(list.body)).not.toContain(hashSecret(secret));
    const stored = await t.services.conn.db!.collection('feedTokens').findOne({ _id: token.id as never });
    expect(stored?.hash).toBe(hashSecret(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  test('when a feed is fetched, then the office sees when it was last fetched, by which client and how often', async () => {
    const { token, url } = await createToken('agency', 'phong-tc-kh');
    t.clock.set('2023-05-02T02:00:00Z');
    await request(t.app).get(pathOf(url)).set('User-Agent', 'Google-Calendar-Importer').expect(200);
    await request(t.app).get(pathOf(url)).set('User-Agent', 'Microsoft Outlook 16.0').expect(200);
    t.clock.set('2023-05-02T02:00:30Z');
    await request(t.app).get(pathOf(url)).set('User-Agent', 'iOS/17.0 dataaccessd/1.0').expect(200);
    t.clock.set('2023-05-01T01:00:00Z');
    const res = await request(t.app)
      .get(`/api/feed-tokens?kind=agency&subject=phong-tc-kh`)
      .set('Authorization', t.officeKey)
      .expect(200);
    const view = res.body.tokens.find((x: { id: string }) => x.id === token.id);
    expect(view).toMatchObject({
      kind: 'agency',
      subjectCode: 'phong-tc-kh',
      subjectName: 'Phòng Tài chính - Kế hoạch',
      active: true,
      fetchCount: 3,
      lastUserAgent: 'iOS/17.0 dataaccessd/1.0',
      lastFetchedAt: '2023-05-02T02:00:30.000Z',
    });
  });

  test('when a token is rotated, then the old URL is 404 at once and the new one works; when revoked, then 404 with the same body as an unknown token', async () => {
    const first = await createToken('official', 'pct-ubnd');
    const firstPath = pathOf(first.url);
    const before = await request(t.app).get(firstPath).expect(200);
    const rotated = await request(t.app)
      .post(`/api/feed-tokens/${first.token.id}/rotate`)
      .set('Authorization', t.officeKey)
      .expect(201);
    expect(rotated.headers['cache-control']).toBe('no-store');
    expect(rotated.body.replaced).toMatchObject({
      id: first.token.id,
      active: false,
      replacedBy: rotated.body.token.id,
    });
    const unknown = await request(t.app)
      .get(`/feeds/${'A'.repeat(43)}.ics`)
      .expect(404);
    const old = await request(t.app).get(firstPath).expect(404);
    expect(old.body).toEqual(unknown.body);
    expect(old.body).toEqual({ error: { code: 'not_found', message: 'There is no feed at this address.' } });
    const fresh = await request(t.app).get(pathOf(rotated.body.url)).expect(200);
    expect(fresh.headers.etag).toBe(before.headers.etag); // same subject, same feed

    await request(t.app)
      .post(`/api/feed-tokens/${rotated.body.token.id}/revoke`)
      .set('Authorization', t.officeKey)
      .expect(200);
    const revoked = await request(t.app).get(pathOf(rotated.body.url)).expect(404);
    expect(revoked.body).toEqual(unknown.body);
    // Revoking again is harmless; the token stays revoked.
    const again = await request(t.app)
      .delete(`/api/feed-tokens/${rotated.body.token.id}`)
      .set('Authorization', t.officeKey)
      .expect(200);
    expect(again.body.active).toBe(false);
    // Malformed tokens look the same from outside.
    expect((await request(t.app).get('/feeds/short.ics').expect(404)).body).toEqual(unknown.body);
    expect((await request(t.app).get('/feeds/no-extension').expect(404)).body).toEqual(unknown.body);
  });

  test('when tokens are managed without the office role or with a bad subject, then 401/403/400/404 say so', async () => {
    const reader = await t.keyFor('reader');
    await request(t.app).post('/api/feed-tokens').send({ kind: 'official', subjectCode: 'chu-tich-ubnd' }).expect(401);
    await request(t.app)
      .post('/api/feed-tokens')
      .set('Authorization', reader)
      .send({ kind: 'official', subjectCode: 'chu-tich-ubnd' })
      .expect(403);
    await request(t.app).get('/api/feed-tokens').set('Authorization', reader).expect(403);
    const bad = await request(t.app)
      .post('/api/feed-tokens')
      .set('Authorization', t.officeKey)
      .send({ kind: 'official', subjectCode: 'cong-an' })
      .expect(400);
    expect(bad.body.error.details).toEqual([{ field: 'subjectCode', problem: "unknown official 'cong-an'" }]);
    const kind = await request(t.app)
      .post('/api/feed-tokens')
      .set('Authorization', t.officeKey)
      .send({ kind: 'body', subjectCode: 'ubnd' })
      .expect(400);
    expect(kind.body.error.details[0].field).toBe('kind');
    await request(t.app).post('/api/feed-tokens/ftk-none/rotate').set('Authorization', t.officeKey).expect(404);
    await request(t.app).post('/api/feed-tokens/ftk-none/revoke').set('Authorization', t.officeKey).expect(404);
  });

  test('when one address presents too many invalid tokens, then it gets 429 with Retry-After, while valid feeds still work from it', async () => {
    const app = await instance({ invalidTokenLimit: 3, invalidTokenWindowSeconds: 60 });
    const { url } = await createToken('agency', 'thanh-tra');
    const bogus = (i: number) => `/feeds/${String(i).padStart(43, 'x')}.ics`;
    for (let i = 0; i < 3; i++) await request(app).get(bogus(i)).expect(404);
    const limited = await request(app).get(bogus(9)).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).get(pathOf(url)).expect(200);
    for (let i = 0; i < 5; i++) await request(app).get(pathOf(url)).expect(200);
    // Later, the window has slid past the failures.
    t.clock.set('2023-05-01T01:01:30Z');
    try {
      await request(app).get(bogus(10)).expect(404);
    } finally {
      t.clock.set('2023-05-01T01:00:00Z');
    }
  });

  test('when a private feed is fetched, then the access log never holds the token', async () => {
    const lines: string[] = [];
    const capture: Logger = {
      debug: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
      info: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
      warn: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
      error: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
    };
    const app = await instance({}, capture);
    const { url } = await createToken('official', 'chu-tich-ubnd');
    const secret = pathOf(url).slice('/feeds/'.length, -'.ics'.length);
    await request(app)
      .get(`${pathOf(url)}?expand=1`)
      .expect(200);
    await request(app)
      .get(`/feeds/${secret.slice(0, 42)}Z.ics`)
      .expect(404);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).not.toContain(secret.slice(0, 20));
    expect(lines.join('\n')).toContain('/feeds/[redacted]');
  });
});
