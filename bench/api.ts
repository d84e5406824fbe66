/**
 * `npm run bench:api`: the API's and the pages' read path under wrk (`-t1 -c16`, loopback).
 *
 * A throwaway database (MONGODB_URI, else a local one) with the seed and the ~300-occurrence body
 * of the feed benchmark. `/api/occurrences` for that body's month, side by side with a bare
 * node:http server serving the same JSON bytes and headers from memory (the ratio), and the
 * public month and week pages. The service runs in a child process (this file with `--serve`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../src/app';
import { loadSeed } from '../src/seed/load';
import { createServices } from '../src/services';
import { fixedClock } from '../src/shared/clock';
import { connectDatabase, ensureIndexes } from '../src/shared/db';
import { startLocalDatabase } from '../src/shared/local-db';
import { createLogger } from '../src/shared/logger';
import { NOW, SIZES, createBenchData, measure } from './feeds';
import { CONNECTIONS, DURATION_S, wrkVersion } from './wrk';

const BODY = SIZES[1]!; // ~300 occurrences in the feed window
const MONTH = '2025-03';
const REQUESTS: { label: string; path: string; bare: boolean; headers?: Record<string, string> }[] = [
  {
    label: `/api/occurrences, ${BODY.body}, ${MONTH}`,
    path: `/api/occurrences?from=${MONTH}-01&to=${MONTH}-31&body=${BODY.body}`,
    bare: true,
  },
  {
    label: '  the same, gzip',
    path: `/api/occurrences?from=${MONTH}-01&to=${MONTH}-31&body=${BODY.body}`,
    bare: true,
    headers: { 'accept-encoding': 'gzip' },
  },
  {
    label: `/api/occurrences, ubnd (seed), 2023-05`,
    path: '/api/occurrences?from=2023-05-01&to=2023-05-31&body=ubnd',
    bare: true,
  },
  { label: `month page, ${BODY.body}`, path: `/lich/${BODY.body}/thang/${MONTH}`, bare: true },
  { label: `week page, ${BODY.body}`, path: `/lich/${BODY.body}/tuan/2025-W11`, bare: true },
  { label: 'month page, ubnd (seed)', path: '/lich/ubnd/thang/2023-05', bare: false },
  { label: 'week page, ubnd (seed)', path: '/lich/ubnd/tuan/2023-W21', bare: false },
];

type ChildMessage =
  | { type: 'ready'; appPort: number; barePort: number; bytes: Record<string, number> }
  | { type: 'error'; message: string };

function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: string[]; body: Buffer }> {
  return new Promise((ok, fail) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const flat: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            if (!/^(date|connection|keep-alive|transfer-encoding)$/i.test(res.rawHeaders[i]!))
              flat.push(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
          }
          ok({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
        });
      })
      .on('error', fail);
  });
}

async function serve(): Promise<void> {
  const conn = await connectDatabase(`${process.env.BENCH_DB_URI}/bench_api_${process.pid}`);
  const s = createServices(
    conn,
    { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: 'https://lich.example.gov.vn' },
    fixedClock(NOW),
    createLogger('warn'),
  );
  await ensureIndexes(conn);
  await loadSeed(s);
  await createBenchData(s, BODY);
  const app = createApp(s);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  const appBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The bare server: the app's bytes and headers (the same coding), from memory.
  const served = new Map<string, { status: number; headers: string[]; body: Buffer }>();
  const bytes: Record<string, number> = {};
  for (const r of REQUESTS) {
    const got = await rawGet(`${appBase}${r.path}`, r.headers ?? {});
    if (got.status !== 200) throw new Error(`${r.path}: ${got.status} ${got.body.toString().slice(0, 300)}`);
    const withLength = got.headers.some((h, i) => i % 2 === 0 && /^content-length$/i.test(h))
      ? got.headers
      : [...got.headers, 'Content-Length', String(got.body.length)];
    served.set(`${r.path}|${r.headers?.['accept-encoding'] ?? ''}`, { ...got, headers: withLength });
    bytes[r.label] = got.body.length;
  }
  const bare = http.createServer((req, res) => {
    const hit = served.get(`${req.url}|${req.headers['accept-encoding'] ?? ''}`);
    if (!hit) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.writeHead(hit.status, hit.headers);
    res.end(hit.body);
  });
  await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
  process.send!({
    type: 'ready',
    appPort: (server.address() as AddressInfo).port,
    barePort: (bare.address() as AddressInfo).port,
    bytes,
  } satisfies ChildMessage);
  process.on('message', (msg) => {
    if (msg !== 'stop') return;
    for (const srv of [bare, server]) {
      srv.closeAllConnections();
      srv.close();
    }
    void conn
      .dropDatabase()
      .then(() => conn.close())
      .finally(() => process.exit(0));
  });
}

const f0 = (n: number) => n.toFixed(0);
const f2 = (n: number) => n.toFixed(2);

async function main(): Promise<void> {
  const version = wrkVersion();
  let uri = process.env.MONGODB_URI?.trim().replace(/\/[^/?]*(\?.*)?$/, '');
  let stopDb: (() => Promise<void>) | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-bench-api-'));
  if (!uri) {
    const db = await startLocalDatabase({ dataDir: dir, log: () => undefined });
    uri = db.uri;
    stopDb = () => db.stop();
    console.log(`database: local ${db.kind} (throwaway, ${dir})`);
  } else console.log('database: MONGODB_URI');
  const child: ChildProcess = fork(__filename, ['--serve'], {
    env: { ...process.env, BENCH_DB_URI: uri },
    stdio: 'inherit',
  });
  const exited = new Promise((ok) => child.once('exit', ok));
  try {
    const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((ok, fail) => {
      child.once('message', (m: ChildMessage) => (m.type === 'ready' ? ok(m) : fail(new Error(m.message))));
      child.once('exit', (code) => fail(new Error(`server process exited (${code})`)));
    });
    console.log(
      `node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`${version}: -t1 -c${CONNECTIONS}, ${DURATION_S} s per run after a 1 s warm-up, loopback\n`);
    console.log(
      'request                              | bytes  | bare req/s | app req/s | ratio | app p50/p99 ms | CPU app srv/wrk | bad',
    );
    for (const r of REQUESTS) {
      const headers = r.headers ?? {};
      const bare = r.bare ? await measure(`http://127.0.0.1:${ready.barePort}${r.path}`, headers, child.pid!) : null;
      const app = await measure(`http://127.0.0.1:${ready.appPort}${r.path}`, headers, child.pid!);
      console.log(
        `${r.label.padEnd(36)} | ${String(ready.bytes[r.label]).padStart(6)} | ${(bare ? f0(bare.rps) : '').padStart(10)} | ${f0(app.rps).padStart(9)} | ${(bare ? f2(app.rps / bare.rps) : '').padStart(5)} | ${`${f2(app.p50)}/${f2(app.p99)}`.padStart(14)} | ${`${f2(app.serverCpu)}/${f2(app.wrkCpu)}`.padStart(15)} | ${app.bad + (bare?.bad ?? 0)}`,
      );
    }
    console.log(
      "\nAims: /api/occurrences for a body's month >= 0.1x the bare server; month and week pages >= 1,000 req/s.",
    );
  } finally {
    if (child.exitCode === null && child.connected) child.send('stop');
    await exited;
    await stopDb?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv.includes('--serve')) {
  serve().catch((err: unknown) => {
    process.send?.({ type: 'error', message: String((err as Error)?.stack ?? err) } satisfies ChildMessage);
    process.exit(1);
  });
} else if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
