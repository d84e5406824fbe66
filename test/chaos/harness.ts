/**
 * Chaos harness: runs the BUILT service (`dist/src/main.js`, as `npm start` does) as separate
 * processes on one database, so that tests can run two instances side by side, kill -9 one in
 * the middle of a request and start it again. The test process keeps its own connection to the
 * same database to create keys and to check invariants directly in the stored data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createServices, type Services } from '../../src/services';
import { systemClock } from '../../src/shared/clock';
import { connectDatabase, ensureIndexes } from '../../src/shared/db';
import { silentLogger } from '../../src/shared/logger';
import { dropTestDatabase, testDatabaseUri } from '../support/db';

const root = path.resolve(__dirname, '../..');
const MAIN = path.join(root, 'dist/src/main.js');

export interface Instance {
  child: ChildProcess;
  port: number;
  base: string;
  output(): string;
  exited: Promise<number | null>;
  /** kill -9: no shutdown hook runs. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChaosDb {
  uri: string;
  services: Services;
  officeKey: string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** Its own database on the test server, seeded by the first instance; a connection for checks. */
export async function chaosDatabase(name: string): Promise<ChaosDb> {
  if (!fs.existsSync(MAIN))
    throw new Error('dist/src/main.js is missing: run `npm run build` first (npm run test:chaos does)');
  const uri = testDatabaseUri(name);
  const conn = await connectDatabase(uri);
  const services = createServices(
    conn,
    { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: 'http://localhost' },
    systemClock,
    silentLogger,
  );
  await ensureIndexes(conn);
  const officeKey = `Bearer ${(await services.apiKeys.create({ name: 'chaos office', role: 'office', agencyCode: null })).secret}`;
  return {
    uri,
    services,
    officeKey,
    async close() {
      await dropTestDatabase(uri).catch(() => undefined);
      await conn.close();
    },
  };
}

/** Starts `node dist/src/main.js` and resolves once it listens. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REMINDERS_ENABLED: 'false',
      SEED_ON_EMPTY: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 120_000;
  let port = 0;
  while (!port) {
    const m = /listening on http:\/\/[^:\s]+:(\d+)/.exec(out);
    if (m) port = Number(m[1]);
    else if (done) throw new Error(`instance exited before listening:\n${out.slice(-3000)}`);
    else if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`instance did not listen within 120 s:\n${out.slice(-3000)}`);
    } else await sleep(50);
  }
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    async crash() {
      if (!done) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!done) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** One HTTP request; network errors (an instance just killed) come back as status 0. */
export async function call(
  base: string,
  method: string,
  url: string,
  key: string | null,
  body?: unknown,
  timeoutMs = 60_000,
): Promise<Reply> {
  try {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(key ? { authorization: key } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON (a page) */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  } catch {
    return { status: 0, headers: new Headers(), body: null };
  }
}

/** A pseudo-random delay in [min, max] ms from a seeded generator, so a failing run can be replayed. */
export function seededDelays(seed: number): (min: number, max: number) => number {
  let x = seed >>> 0 || 1;
  return (min, max) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return min + (x % (max - min + 1));
  };
}

export { sleep };
