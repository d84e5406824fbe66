/**
 * The database going away under a running service (its own supervised local database, as
 * `npm start` runs it): 503 with Retry-After while it is away, /healthz answers and tells the
 * truth, the database child is restarted, and the service recovers by itself. Also: a taken
 * HTTP port stops the start-up with a message naming PORT.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { call, sleep, startInstance, type Instance } from './harness';

let dataDir: string;
let instance: Instance;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-outage-'));
  instance = await startInstance({ MONGODB_URI: '', DATA_DIR: dataDir });
});

afterAll(async () => {
  await instance?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The pid of the service's database child, from its start-up (or latest restart) log line. */
function databasePid(): number {
  const pids = [...instance.output().matchAll(/local \w+ (?:listening on|restarted on) \S+ \(pid (\d+)\)/g)].map((m) =>
    Number(m[1]),
  );
  if (!pids.length) throw new Error(`no database pid in the log:\n${instance.output().slice(-2000)}`);
  return pids[pids.length - 1]!;
}

/** Polls until `ok` holds for a reply, or gives up after `ms` (returns the last reply). */
async function until(
  ms: number,
  request: () => ReturnType<typeof call>,
  ok: (r: Awaited<ReturnType<typeof call>>) => boolean,
) {
  const end = Date.now() + ms;
  let last = await request();
  while (!ok(last) && Date.now() < end) {
    await sleep(200);
    last = await request();
  }
  return last;
}

const api = () => call(instance.base, 'GET', '/api/occurrences?from=2023-05-01&to=2023-05-31&body=ubnd', null);

describe('when the database goes away under a running service', () => {
  test('then a killed database child is restarted and the service recovers, answering 200 or 503 (never 500) meanwhile', async () => {
    expect((await api()).status).toBe(200);
    const pid = databasePid();
    process.kill(pid, 'SIGKILL');
    const statuses = new Set<number>();
    const end = Date.now() + 4_000;
    while (Date.now() < end) {
      const r = await api();
      statuses.add(r.status);
      if (r.status === 503) {
        expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(r.body.error.code).toBe('database_unavailable');
      }
      await sleep(50);
    }
    expect([...statuses].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    const recovered = await until(60_000, api, (r) => r.status === 200);
    expect(recovered.status).toBe(200);
    expect(instance.output()).toMatch(/exited \(SIGKILL\) unexpectedly; restarting it/);
    expect(instance.output()).toMatch(/restarted on/);
    expect(databasePid()).not.toBe(pid);
    expect((await call(instance.base, 'GET', '/healthz', null)).status).toBe(200);
  });

  test('then while the database is frozen /healthz answers 503 at once, reads of the schedule come from memory, and what needs the database gets 503 with Retry-After (a page in Vietnamese)', async () => {
    const pid = databasePid();
    process.kill(pid, 'SIGSTOP');
    try {
      const health = await call(instance.base, 'GET', '/healthz', null, undefined, 10_000);
      expect(health.status).toBe(503);
      expect(health.body.database.ping).toBe(false);
      // Anonymous reads of the schedule are answered from the instance's read model (issue 10): nobody can write meanwhile.
      expect((await call(instance.base, 'GET', '/lich/ubnd/thang/2023-05', null, undefined, 10_000)).status).toBe(200);
      expect(
        (
          await call(
            instance.base,
            'GET',
            '/api/occurrences?from=2023-05-01&to=2023-05-02&body=ubnd',
            null,
            undefined,
            10_000,
          )
        ).status,
      ).toBe(200);
      // A week page reads the month's publishing settings, a keyed request its key: both need the database.
      const page = await call(instance.base, 'GET', '/lich/ubnd/tuan/2023-W21', null, undefined, 90_000);
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(String(page.body)).toContain('chưa kết nối được cơ sở dữ liệu');
      const apiReply = await call(
        instance.base,
        'GET',
        '/api/occurrences?from=2023-05-01&to=2023-05-02&body=ubnd',
        'Bearer lh_chaos_not_a_real_key',
        undefined,
        90_000,
      );
      expect(apiReply.status).toBe(503);
      expect(apiReply.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(apiReply.body.error.code).toBe('database_unavailable');
      expect(JSON.stringify(apiReply.body)).not.toMatch(/at \w+ \(|node_modules|Mongo\w*Error/);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const back = await until(
      60_000,
      () => call(instance.base, 'GET', '/healthz', null),
      (r) => r.status === 200,
    );
    expect(back.status).toBe(200);
  });
});

describe('when a promise rejection goes unhandled in the running service', () => {
  test('then it is logged and the process shuts down cleanly with exit code 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-reject-'));
    try {
      const faulty = await startInstance({
        MONGODB_URI: '',
        DATA_DIR: dir,
        NODE_OPTIONS: `--require ${path.join(__dirname, 'fixtures', 'reject-later.js')}`,
      });
      const code = await Promise.race([faulty.exited, sleep(60_000).then(() => 'still running')]);
      if (code === 'still running') await faulty.crash();
      expect(code).toBe(1);
      expect(faulty.output()).toMatch(/unhandled promise rejection[^\n]*injected by the chaos test/);
      expect(faulty.output()).toMatch(/stopped/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('when the HTTP port is taken', () => {
  test('then the start-up stops with exit code 1 and a message naming PORT', async () => {
    const blocker = net.createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', () => ok()));
    const port = (blocker.address() as net.AddressInfo).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-port-'));
    try {
      await expect(startInstance({ MONGODB_URI: '', DATA_DIR: dir, PORT: String(port) })).rejects.toThrow(
        new RegExp(`PORT=${port}[^\\n]*already in use`),
      );
    } finally {
      blocker.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
