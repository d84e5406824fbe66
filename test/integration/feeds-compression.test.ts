/**
 * Content codings (issue 10): feeds are sent precompressed in brotli or gzip as Accept-Encoding
 * asks (q-values honoured), with an ETag per coding and `Vary: Accept-Encoding`; 304s work per
 * coding; JSON and HTML are compressed too. Bodies are fetched raw (node:http, no decoding) and
 * decompressed with zlib here, then compared byte for byte with the identity response.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let server: http.Server;
let base: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  server = http.createServer(t.app);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await t.close();
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((ok, fail) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}
function decoded(r: Raw): Buffer {
  const coding = r.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(r.body);
  if (coding === 'gzip') return gunzipSync(r.body);
  expect(coding).toBeUndefined();
  return r.body;
}

const FEED = '/feeds/public/ubnd.ics?expand=1';

describe('content codings of feeds', () => {
  test('when a client accepts brotli or gzip, then the feed comes compressed, decompresses to the identity bytes, and each coding has its own ETag', async () => {
    const identity = await raw(FEED, { 'accept-encoding': 'identity' });
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(Number(identity.headers['content-length'])).toBe(identity.body.length);
    expect(identity.headers.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const cases: [string, string | undefined][] = [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['gzip;q=0.2, br;q=0.8', 'br'],
      ['br;q=0, gzip;q=0', undefined],
      ['deflate', undefined],
      ['*', 'br'],
      ['identity, gzip;q=0.5', undefined],
    ];
    const etags = new Set<string>();
    // Twice each: the first request may build the feed (express route), the second takes the short path.
    for (const round of [1, 2]) {
      for (const [accept, coding] of cases) {
        const res = await raw(FEED, { 'accept-encoding': accept });
        expect([round, accept, res.status, res.headers['content-encoding']]).toEqual([round, accept, 200, coding]);
        expect(res.headers.vary).toBe('Accept-Encoding');
        expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
        expect(Buffer.compare(decoded(res), identity.body)).toBe(0);
        const suffix = coding === 'br' ? '-br' : coding === 'gzip' ? '-gz' : '';
        expect(res.headers.etag).toBe(`${identity.headers.etag!.slice(0, -1)}${suffix}"`);
        if (coding) expect(res.body.length).toBeLessThan(identity.body.length / 3);
        etags.add(res.headers.etag!);
      }
    }
    expect(etags.size).toBe(3);
  });

  test('when a client revalidates, then If-None-Match with the ETag of any coding gives 304 carrying the ETag of the coding it accepts', async () => {
    const [id, gz, br] = await Promise.all(['identity', 'gzip', 'br'].map((c) => raw(FEED, { 'accept-encoding': c })));
    for (const [accept, own] of [
      ['identity', id!],
      ['gzip', gz!],
      ['br', br!],
    ] as const) {
      for (const held of [id!, gz!, br!]) {
        const res = await raw(FEED, { 'accept-encoding': accept, 'if-none-match': held.headers.etag! });
        expect(res.status).toBe(304);
        expect(res.body.length).toBe(0);
        expect(res.headers.etag).toBe(own.headers.etag);
        expect(res.headers.vary).toBe('Accept-Encoding');
        expect(res.headers['content-encoding']).toBeUndefined();
      }
      expect((await raw(FEED, { 'accept-encoding': accept, 'if-none-match': '"stale-gz"' })).status).toBe(200);
    }
  });

  test('when HEAD is asked with gzip, then the headers of the gzip body come without a body', async () => {
    const get = await raw(FEED, { 'accept-encoding': 'gzip' });
    const head = await raw(FEED, { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers.etag).toBe(get.headers.etag);
  });
});

describe('content codings of JSON and HTML', () => {
  test('when the API or a page is asked with brotli or gzip, then it comes compressed and decompresses to the identity bytes', async () => {
    for (const path of [
      '/api/occurrences?from=2023-05-01&to=2023-05-31&body=ubnd',
      '/lich/ubnd/thang/2023-05',
      '/openapi.json',
    ]) {
      const identity = await raw(path, { 'accept-encoding': 'identity' });
      expect([path, identity.status, identity.headers['content-encoding']]).toEqual([path, 200, undefined]);
      for (const coding of ['br', 'gzip']) {
        const res = await raw(path, { 'accept-encoding': coding });
        expect([path, res.status, res.headers['content-encoding']]).toEqual([path, 200, coding]);
        expect(res.headers.vary).toContain('Accept-Encoding');
        expect(Buffer.compare(decoded(res), identity.body)).toBe(0);
      }
    }
  });
});

interface Listed {
  occurrences: { id: string; status: string }[];
}

describe('public reads answered from memory per schedule version', () => {
  const LIST = '/api/occurrences?from=2023-05-01&to=2023-05-31&body=ubnd';
  const WEEK = '/lich/ubnd/tuan/2023-W21';

  test('when a public read is repeated, then the same bytes, type and ETag come back, with 304 and codings from memory', async () => {
    for (const path of [LIST, '/lich/ubnd/thang/2023-05', WEEK]) {
      const first = await raw(path, { 'accept-encoding': 'identity' });
      const again = await raw(path, { 'accept-encoding': 'identity' });
      expect([path, first.status, again.status]).toEqual([path, 200, 200]);
      expect(Buffer.compare(again.body, first.body)).toBe(0);
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(Number(again.headers['content-length'])).toBe(again.body.length);
      if (path.startsWith('/api/')) expect(again.headers['access-control-allow-origin']).toBe('*');
      const etag = String(first.headers.etag);
      const revalidated = await raw(path, { 'accept-encoding': 'gzip', 'if-none-match': etag });
      expect([path, revalidated.status, revalidated.body.length]).toEqual([path, 304, 0]);
      expect(revalidated.headers.etag).toBe(etag);
      for (const coding of ['br', 'gzip']) {
        const res = await raw(path, { 'accept-encoding': coding });
        expect([path, res.status, res.headers['content-encoding']]).toEqual([path, 200, coding]);
        expect(res.headers.vary).toContain('Accept-Encoding');
        expect(Buffer.compare(decoded(res), first.body)).toBe(0);
      }
    }
  });

  test('when the schedule changes, then the next public read shows the change, not the stored response', async () => {
    const before = await raw(LIST, { 'accept-encoding': 'identity' });
    const id = 'ubnd-giao-ban-thu-nam_20230525T1400';
    const listed = (JSON.parse(before.body.toString('utf8')) as Listed).occurrences.find((o) => o.id === id);
    expect(listed?.status).toBe('scheduled');
    const cancel = await new Promise<number>((ok, fail) => {
      const req = http.request(
        `${base}/api/occurrences/${id}/cancel`,
        { method: 'POST', headers: { authorization: t.officeKey, 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => ok(res.statusCode ?? 0));
        },
      );
      req.on('error', fail);
      req.end(JSON.stringify({ reason: 'Lãnh đạo đi công tác' }));
    });
    expect(cancel).toBe(200);
    const after = await raw(LIST, { 'accept-encoding': 'identity', 'if-none-match': String(before.headers.etag) });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const now = (JSON.parse(after.body.toString('utf8')) as Listed).occurrences.find((o) => o.id === id);
    expect(now?.status).toBe('cancelled');
  });
});

describe('a stored public read after a revalidation', () => {
  test('when the version moves without changing a page and a client revalidates first, then later 200s keep their type', async () => {
    const path = '/lich/ubnd/thang/2023-05';
    const first = await raw(path, { 'accept-encoding': 'identity' });
    expect(first.status).toBe(200);
    await t.services.meetingRepo.bumpScheduleVersion(); // a new version, same page
    const revalidated = await raw(path, { 'accept-encoding': 'identity', 'if-none-match': String(first.headers.etag) });
    expect(revalidated.status).toBe(304);
    for (const coding of ['identity', 'gzip']) {
      const again = await raw(path, { 'accept-encoding': coding });
      expect([coding, again.status, again.headers['content-type']]).toEqual([
        coding,
        200,
        first.headers['content-type'],
      ]);
      expect(Buffer.compare(decoded(again), first.body)).toBe(0);
    }
  });
});
