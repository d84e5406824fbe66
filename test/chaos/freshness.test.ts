/**
 * The read model's freshness bound (README, "Read model"), stated logically rather than in
 * milliseconds: two instances of the built service on one database, each answering reads from its
 * own in-memory schedule. An edit through one shows on that instance's very next request; the
 * other shows it no later than its second completed version poll after the write returned (the
 * first may have started before the write; the second started after it, so it read the new
 * version, and the next read reloads the schedule). Each instance reports its known schedule
 * version and its completed polls on /healthz (`X-Read-Model: version=<n>; polls=<n>`). No
 * assertion compares times: the test only waits for the poll count to move.
 */
import { call, chaosDatabase, sleep, startInstance, type ChaosDb, type Instance } from './harness';

let db: ChaosDb;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  db = await chaosDatabase('chaos-freshness');
  a = await startInstance({ MONGODB_URI: db.uri, READ_MODEL_POLL_MS: '250' });
  b = await startInstance({ MONGODB_URI: db.uri, READ_MODEL_POLL_MS: '250' });
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.close();
});

const OCC = 'ubnd-giao-ban-thu-nam_20230601T1400';
const FEED = '/feeds/public/ubnd.ics';

async function feedText(base: string): Promise<string> {
  const res = await fetch(`${base}${FEED}`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The read model's state of an instance, from /healthz. */
async function readModelState(i: Instance): Promise<{ version: number; polls: number }> {
  const res = await call(i.base, 'GET', '/healthz', null);
  expect(res.status).toBe(200);
  const m = /^version=(-?\d+); polls=(\d+)$/.exec(res.headers.get('x-read-model') ?? '');
  expect(m).not.toBeNull();
  return { version: Number(m![1]), polls: Number(m![2]) };
}

/** Waits (no time limit but jest's) until the instance has completed `count` more polls than `after`. */
async function pollsAfter(i: Instance, after: number, count: number): Promise<{ version: number; polls: number }> {
  for (;;) {
    const state = await readModelState(i);
    if (state.polls >= after + count) return state;
    await sleep(20);
  }
}

describe('freshness of the in-memory schedule across instances', () => {
  const MOVED =
    'when an occurrence is moved through one instance, then it shows on its next request, elsewhere by the second poll';
  test(MOVED, async () => {
    // Both instances have loaded their schedule and rendered the feed.
    for (const i of [a, b]) {
      expect((await call(i.base, 'GET', `/api/occurrences/${OCC}`, null)).status).toBe(200);
      expect(await feedText(i.base)).toContain('BEGIN:VCALENDAR');
    }
    // Dates inside the feeds' window (the instances run on the real clock).
    const day = (n: number) => new Date(Date.now() + (30 + n) * 86_400_000).toISOString().slice(0, 10);
    const moves = [
      { date: day(0), time: '08:00' },
      { date: day(3), time: '15:00' },
      { date: day(5), time: '09:30' },
    ];
    for (const [n, move] of moves.entries()) {
      const [writer, reader] = n % 2 ? [b, a] : [a, b];
      const moved = await call(writer.base, 'POST', `/api/occurrences/${OCC}/move`, db.officeKey, {
        ...move,
        reason: `Dời lịch lần ${n + 1}`,
      });
      expect(moved.status).toBe(200);
      const readerBefore = await readModelState(reader);
      const start = `${move.date}T${move.time}:00+07:00`;
      const dtstart = `DTSTART;TZID=Asia/Ho_Chi_Minh:${move.date.replace(/-/g, '')}T${move.time.replace(':', '')}00`;
      // The writing instance: the very next request, API and feed, and the version it reports.
      expect((await call(writer.base, 'GET', `/api/occurrences/${OCC}`, null)).body.start).toBe(start);
      expect(await feedText(writer.base)).toContain(dtstart);
      const written = (await readModelState(writer)).version;
      // The other instance: by its second completed poll after the write it knows the version, and its next
      // requests (API and feed) show the edit.
      const seen = await pollsAfter(reader, readerBefore.polls, 2);
      expect(seen.version).toBeGreaterThanOrEqual(written);
      expect((await call(reader.base, 'GET', `/api/occurrences/${OCC}`, null)).body.start).toBe(start);
      expect(await feedText(reader.base)).toContain(dtstart);
    }
  });

  const ADDED =
    'when an agenda item is added through one instance, then the other lists it by its second poll after the write';
  test(ADDED, async () => {
    const added = await call(b.base, 'POST', `/api/occurrences/${OCC}/agenda`, db.officeKey, {
      number: 1,
      title: 'Nội dung kiểm tra độ mới',
      kind: 'report',
      preparingAgencies: [],
    });
    expect(added.status).toBe(201);
    const before = await readModelState(a);
    const titles = async (i: Instance) => {
      const res = await call(i.base, 'GET', `/api/occurrences/${OCC}/agenda`, null);
      expect(res.status).toBe(200);
      return res.body.items.map((item: { title: string }) => item.title);
    };
    expect(await titles(b)).toContain('Nội dung kiểm tra độ mới');
    await pollsAfter(a, before.polls, 2);
    expect(await titles(a)).toContain('Nội dung kiểm tra độ mới');
  });
});
