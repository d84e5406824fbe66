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

/**
 * A pause. Its timer is unref'd: a sleep left pending by a race (`Promise.race([x, sleep(60_000)])`
 * in outage.test.ts) must not keep jest from exiting after the run. Tests and hooks still wait for
 * it, since jest's own (ref'd) timeout timers keep the process alive meanwhile.
 */
const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms).unref());

/** True once `done` settles, false after `ms`; the timer is cleared either way (no handle left behind). */
async function within(done: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      done.then(() => true),
      new Promise<boolean>((ok) => {
        timer = setTimeout(() => ok(false), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves on the child's 'close': it has exited AND its stdio pipes are closed. Call right after spawn. */
export function closedPromise(child: ChildProcess): Promise<void> {
  return new Promise<void>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) ok();
    child.once('close', () => ok());
    child.once('error', () => ok()); // spawn failed: no 'close' may follow
  });
}

/** Linux: the processes whose parent is `pid` (an nginx master's workers, cache manager and loader). */
export function childPids(pid: number | undefined): number[] {
  if (!pid) return [];
  const found: number[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so parse after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(e));
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}

/** SIGKILL `pid` if it is still alive and still runs `comm` (guards against a reused pid). */
function killIfStill(pid: number, comm: string | undefined): void {
  try {
    if (comm !== undefined && fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== comm) return;
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/**
 * Ends a spawned process and waits until it is really gone: `signal`, then SIGKILL after `graceMs`
 * (to it and to `strays()`, e.g. the workers an nginx master leaves running when it is killed),
 * then waits for 'close'. Never waits without a bound, and leaves no timer or pipe open, so that
 * jest can exit on its own.
 */
export async function endProcess(
  child: ChildProcess,
  closed: Promise<void>,
  signal: NodeJS.Signals,
  graceMs: number,
  strays: () => { pids: number[]; comm?: string } = () => ({ pids: [] }),
): Promise<void> {
  const running = () => child.exitCode === null && child.signalCode === null;
  if (running()) child.kill(signal);
  if (!(await within(closed, graceMs))) {
    const { pids, comm } = strays();
    if (running()) child.kill('SIGKILL');
    for (const pid of pids) killIfStill(pid, comm);
    if (!(await within(closed, 10_000))) {
      // Something else still holds the pipes: stop reading them rather than keep this process alive.
      child.stdout?.destroy();
      child.stderr?.destroy();
    }
  }
  const { pids, comm } = strays();
  for (const pid of pids) killIfStill(pid, comm);
}

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
  const closed = closedPromise(child);
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 120_000;
  let port = 0;
  while (!port) {
    const m = /listening on http:\/\/[^:\s]+:(\d+)/.exec(out);
    if (m) port = Number(m[1]);
    else if (done) throw new Error(`instance exited before listening:\n${out.slice(-3000)}`);
    else if (Date.now() > deadline) {
      await endProcess(child, closed, 'SIGKILL', 10_000);
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
      await endProcess(child, closed, 'SIGKILL', 10_000);
      await exited;
    },
    /** SIGTERM (the shutdown hook runs), SIGKILL if it has not exited within 20 s. */
    async stop() {
      await endProcess(child, closed, 'SIGTERM', 20_000);
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
