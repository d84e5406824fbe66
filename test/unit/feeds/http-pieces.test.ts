import { notModified, strongEtag, toHttpSecond } from '../../../src/feeds/conditional';
import { FetchStats } from '../../../src/feeds/fetch-stats';
import { FreshReader } from '../../../src/feeds/fresh-read';
import { subscribeLinks } from '../../../src/feeds/links';
import { SlidingWindowLimiter } from '../../../src/shared/rate-limit';
import { RenderedFeedCache, type RenderedFeed } from '../../../src/feeds/cache';
import { feedQuery, optionsQuery } from '../../../src/feeds/schemas';
import { isoWeek, weekPageUrl } from '../../../src/feeds/plan';
import { feedWindow, windowClock } from '../../../src/feeds/window';

describe('conditional requests', () => {
  const etag = strongEtag(Buffer.from('BEGIN:VCALENDAR'));
  const lastModified = new Date('2023-05-01T01:00:00.700Z');

  test('when the bytes are the same, then the strong ETag is the same; when they differ, then it differs', () => {
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(strongEtag(Buffer.from('BEGIN:VCALENDAR'))).toBe(etag);
    expect(strongEtag(Buffer.from('BEGIN:VCALENDAR '))).not.toBe(etag);
  });

  test('when If-None-Match matches (weakly, in a list, or *), then 304; If-None-Match wins over If-Modified-Since', () => {
    expect(notModified({ ifNoneMatch: etag }, etag, lastModified)).toBe(true);
    expect(notModified({ ifNoneMatch: `W/${etag}` }, etag, lastModified)).toBe(true);
    expect(notModified({ ifNoneMatch: `"a", ${etag}` }, etag, lastModified)).toBe(true);
    expect(notModified({ ifNoneMatch: '*' }, etag, lastModified)).toBe(true);
    expect(notModified({ ifNoneMatch: '"a"', ifModifiedSince: lastModified.toUTCString() }, etag, lastModified)).toBe(
      false,
    );
  });

  test('when If-Modified-Since is at or after Last-Modified (to the second), then 304; earlier or unparsable, then 200', () => {
    expect(toHttpSecond(lastModified).toISOString()).toBe('2023-05-01T01:00:00.000Z');
    expect(notModified({ ifModifiedSince: 'Mon, 01 May 2023 01:00:00 GMT' }, etag, lastModified)).toBe(true);
    expect(notModified({ ifModifiedSince: 'Mon, 01 May 2023 00:59:59 GMT' }, etag, lastModified)).toBe(false);
    expect(notModified({ ifModifiedSince: 'yesterday' }, etag, lastModified)).toBe(false);
    expect(notModified({}, etag, lastModified)).toBe(false);
  });
});

describe('SlidingWindowLimiter', () => {
  test('when an address fails more than the limit within the window, then it must wait; old failures slide out', () => {
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 60_000 });
    for (const t of [0, 10_000, 20_000]) {
      expect(limiter.retryAfter('1.2.3.4', t)).toBe(0);
      limiter.record('1.2.3.4', t);
    }
    expect(limiter.retryAfter('1.2.3.4', 30_000)).toBe(30); // the first failure leaves the window at 60 s
    expect(limiter.retryAfter('5.6.7.8', 30_000)).toBe(0);
    expect(limiter.retryAfter('1.2.3.4', 60_001)).toBe(0);
  });

  test('when more addresses fail than it tracks, then the oldest are forgotten', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2 });
    for (const ip of ['a', 'b', 'c']) limiter.record(ip, 0);
    expect(limiter.retryAfter('a', 1)).toBe(0);
    expect(limiter.retryAfter('c', 1)).toBeGreaterThan(0);
  });
});

describe('FreshReader', () => {
  test('when calls arrive while a read is in flight, then they share the next read, which starts after them', async () => {
    let reads = 0;
    let release: () => void = () => undefined;
    const reader = new FreshReader<string, number>(async (keys) => {
      const n = ++reads;
      if (n === 1) await new Promise<void>((ok) => (release = ok));
      return new Map(keys.map((k) => [k, n]));
    });
    const first = reader.get('v');
    const sameTurn = reader.get('v'); // asked in the same turn: shares the read about to start
    await new Promise((ok) => setImmediate(ok)); // read 1 is now in flight
    expect(reads).toBe(1);
    const second = reader.get('v'); // arrives while read 1 is in flight
    const third = reader.get('w');
    release();
    expect([await first, await sameTurn]).toEqual([1, 1]);
    expect([await second, await third]).toEqual([2, 2]);
    expect(reads).toBe(2);
    expect(await reader.get('v')).toBe(3);
  });

  test('when a read fails, then its callers get the error and the next call reads again', async () => {
    let fail = true;
    const reader = new FreshReader<string, string>(async () => {
      if (fail) throw new Error('down');
      return new Map([['k', 'ok']]);
    });
    await expect(reader.get('k')).rejects.toThrow('down');
    fail = false;
    expect(await reader.get('k')).toBe('ok');
  });
});

describe('RenderedFeedCache', () => {
  const feed = (n: number): RenderedFeed => ({
    bytes: Buffer.alloc(n),
    etag: `"${n}"`,
    lastModified: new Date(0),
    lastModifiedHttp: '',
    events: 0,
  });

  test('when the same key is asked concurrently, then it is built once; when the version grows, then older entries are gone', async () => {
    const cache = new RenderedFeedCache(1000);
    let builds = 0;
    const build = async () => (builds++, feed(10));
    await Promise.all([cache.get('a', 1, build), cache.get('a', 1, build)]);
    await cache.get('a', 1, build);
    expect(builds).toBe(1);
    await cache.get('a', 2, build);
    expect(builds).toBe(2);
    expect(cache.size.entries).toBe(1);
  });

  test('when the cache is full, then the least recently used feed goes first', async () => {
    const cache = new RenderedFeedCache(25);
    for (const k of ['a', 'b']) await cache.get(k, 1, async () => feed(10));
    await cache.get('a', 1, async () => feed(99)); // hit: refreshes a
    await cache.get('c', 1, async () => feed(10)); // evicts b
    let rebuilt = false;
    await cache.get('a', 1, async () => ((rebuilt = true), feed(10)));
    expect(rebuilt).toBe(false);
    await cache.get('b', 1, async () => ((rebuilt = true), feed(10)));
    expect(rebuilt).toBe(true);
  });
});

describe('feed options and links', () => {
  test('when options come in any order or spelling, then they normalise to one canonical query', () => {
    const a = feedQuery.parse({ kind: 'regular-session,briefing', expand: 'true', alarm: '1d' });
    const b = feedQuery.parse({ alarm: '1440', expand: '1', kind: 'briefing, regular-session' });
    expect(a).toEqual(b);
    expect(optionsQuery(a)).toBe('?kind=briefing,regular-session&expand=1&alarm=1440');
    expect(optionsQuery(feedQuery.parse({}))).toBe('');
    expect(feedQuery.parse({ alarm: '2h' }).alarmMinutes).toBe(120);
    expect(feedQuery.parse({ alarm: '1w' }).alarmMinutes).toBe(10080);
    expect(feedQuery.safeParse({ alarm: '5w' }).success).toBe(false);
    expect(feedQuery.safeParse({ alarm: '1441' }).success).toBe(false); // only the offered offsets
    expect(feedQuery.safeParse({ alarm: '1y' }).success).toBe(false);
  });

  test('when links are made, then webcal, Google and Outlook point at the https URL', () => {
    const links = subscribeLinks('https://lich.example.gov.vn/feeds/public/ubnd.ics?kind=briefing', 'Lịch họp UBND');
    expect(links.webcal).toBe('webcal://lich.example.gov.vn/feeds/public/ubnd.ics?kind=briefing');
    expect(links.google).toBe(
      'https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Flich.example.gov.vn%2Ffeeds%2Fpublic%2Fubnd.ics%3Fkind%3Dbriefing',
    );
    expect(links.outlook).toBe(
      'https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Flich.example.gov.vn%2Ffeeds%2Fpublic%2Fubnd.ics%3Fkind%3Dbriefing&name=L%E1%BB%8Bch%20h%E1%BB%8Dp%20UBND',
    );
    expect(links.office365.startsWith('https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2F')).toBe(
      true,
    );
  });
});

describe('feedWindow', () => {
  test('when the instant is the last evening of a month in UTC but already the 1st in Hà Nội, then the window is of the new month', () => {
    const w = feedWindow(new Date('2023-05-31T17:30:00Z'), 'Asia/Ho_Chi_Minh', 3, 12);
    expect(w).toEqual({
      from: '2023-03-01',
      to: '2024-06-30',
      key: '2023-06',
      month: '2023-06',
      since: new Date('2023-05-31T17:00:00Z'),
      until: new Date('2023-06-30T17:00:00Z'),
    });
  });

  test('when the remembered window is asked across a month boundary, then it moves exactly there', () => {
    const at = windowClock('Asia/Ho_Chi_Minh', 3, 12);
    expect(at(new Date('2023-05-31T16:59:59Z')).key).toBe('2023-05');
    expect(at(new Date('2023-05-31T17:00:00Z')).key).toBe('2023-06');
    expect(at(new Date('2023-05-10T00:00:00Z')).key).toBe('2023-05'); // the clock may go back (tests)
  });

  test('when the instant moves within a month, then the window does not change', () => {
    const a = feedWindow(new Date('2023-05-01T00:00:00+07:00'), 'Asia/Ho_Chi_Minh', 3, 12);
    const b = feedWindow(new Date('2023-05-31T23:59:00+07:00'), 'Asia/Ho_Chi_Minh', 3, 12);
    expect(b).toEqual(a);
  });
});

describe('links back to the service', () => {
  test('when a meeting is linked, then it is the public weekly page of its ISO week', () => {
    expect(isoWeek('2023-05-23')).toBe('2023-W21');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(weekPageUrl('https://lich.example.gov.vn', 'ubnd', '2023-05-23')).toBe(
      'https://lich.example.gov.vn/lich/ubnd/tuan/2023-W21',
    );
  });
});

describe('FetchStats', () => {
  const silent = { debug() {}, info() {}, warn() {}, error() {} };

  test('when a token is fetched often, then its first fetch is written at once and the rest at most once per period, in order', async () => {
    const writes: [string, number, string, string | null][] = [];
    let releaseFirst: () => void = () => undefined;
    const repo = {
      async recordFetches(id: string, count: number, at: Date, ua: string | null) {
        if (!writes.length) await new Promise<void>((ok) => (releaseFirst = ok)); // the first write is slow
        writes.push([id, count, at.toISOString(), ua]);
      },
    };
    const stats = new FetchStats(repo, silent, 60_000);
    stats.record('t1', new Date('2023-05-01T00:00:00Z'), 'Google');
    stats.record('t1', new Date('2023-05-01T00:00:10Z'), 'Outlook');
    stats.record('t1', new Date('2023-05-01T00:00:20Z'), 'iOS');
    const flushing = stats.flushAll();
    await new Promise((ok) => setImmediate(ok)); // the first write has started and waits
    releaseFirst();
    await flushing;
    expect(writes).toEqual([
      ['t1', 1, '2023-05-01T00:00:00.000Z', 'Google'],
      ['t1', 2, '2023-05-01T00:00:20.000Z', 'iOS'],
    ]);
    stats.record('t1', new Date('2023-05-01T00:01:30Z'), 'Google'); // a minute after the last write
    await stats.flushAll();
    expect(writes).toHaveLength(3);
  });
});
