/**
 * A local MongoDB-compatible server for development and tests, used when MONGODB_URI is unset.
 *
 * Tried in order:
 *  1. `mongod` on PATH;
 *  2. FerretDB v1 with embedded SQLite storage: the binary `.cache/localdb/ferretdb-local`,
 *     built from tools/localdb by scripts/build-localdb.js (needs Go; built here on demand);
 *  3. mongodb-memory-server-core (optional dependency; downloads a mongod binary).
 * `LOCAL_DB_KIND=mongod|ferretdb|memory-server` forces one of them.
 *
 * FerretDB v1 does not support transactions, `$lookup`, TTL/partial/text/2dsphere indexes,
 * collation, `arrayFilters` or projection on findOneAndUpdate: keep application code portable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { mongo } from 'mongoose';
import { projectRoot } from './paths';

export type LocalDatabaseKind = 'mongod' | 'ferretdb' | 'memory-server';

export interface LocalDatabase {
  /** `mongodb://127.0.0.1:PORT` */
  uri: string;
  kind: LocalDatabaseKind;
  /** The server process's id (changes when it is restarted); null when it is not our child. */
  pid(): number | null;
  stop(): Promise<void>;
}

export interface StartLocalDatabaseOptions {
  /** Where the server keeps its data; created if missing. */
  dataDir: string;
  log?: (msg: string) => void;
  /** Unexpected deaths and restarts of the server (default: `log`). */
  warn?: (msg: string) => void;
  /** Called when the server died and could not be restarted (default: throw in the event loop). */
  onGiveUp?: (err: Error) => void;
}

interface Supervision {
  log: (msg: string) => void;
  warn: (msg: string) => void;
  onGiveUp: (err: Error) => void;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const STDERR_TAIL_BYTES = 8 * 1024;
const KINDS: readonly LocalDatabaseKind[] = ['mongod', 'ferretdb', 'memory-server'];

/** The parts of scripts/build-localdb.js used here. */
interface BuildScript {
  BINARY_PATH: string;
  buildLocalDb(options?: {
    log?: (msg: string) => void;
    quiet?: boolean;
  }): Promise<{ status: 'up-to-date' | 'built' | 'no-go'; binary: string; seconds?: number }>;
  findGo(): string | null;
  isUpToDate(): boolean;
  which(name: string): string | null;
}

/** The parts of mongodb-memory-server-core used here (it is an optional dependency). */
interface MemoryServerModule {
  MongoMemoryServer: {
    create(opts: { instance: { ip: string; port: number; dbPath: string; storageEngine?: string } }): Promise<{
      getUri(): string;
      stop(opts?: { doCleanup?: boolean; force?: boolean }): Promise<boolean>;
    }>;
  };
}

function loadBuildScript(root: string): BuildScript {
  const req = createRequire(path.join(root, 'package.json'));
  return req(path.join(root, 'scripts', 'build-localdb.js')) as BuildScript;
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not obtain a free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Keeps the last bytes written to a stream. */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length;
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    const s = all
      .subarray(Math.max(0, all.length - this.limit))
      .toString('utf8')
      .trim();
    return s ? s : '(empty)';
  }
}

/** Lets the parent exit while the child runs; the 'exit' hook below still stops the child. */
function unrefChild(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Restart delays after the server dies unexpectedly; after the last one fails, `onGiveUp`. */
const RESTART_BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 30_000];

/** One running server process, ready once it answers `ping`. */
interface Running {
  child: ChildProcess;
  exited: Promise<Exit>;
  hasExited(): boolean;
  tail: Tail;
  /** "exited (SIGKILL)", "failed to start: ...". */
  describe(e: Exit): string;
}

/**
 * Spawns a server process and turns it into a LocalDatabase once it answers `ping`. The process is
 * supervised: if it dies while we did not ask it to stop, it is started again on the same port (so
 * the service's connection pool reconnects by itself) with a bounded backoff; each death and
 * restart is logged. When every retry of RESTART_BACKOFF_MS has failed, `onGiveUp` is called (the
 * service then exits non-zero so that its own supervisor restarts everything).
 */
async function startProcess(opts: {
  kind: 'mongod' | 'ferretdb';
  command: string;
  args: string[];
  port: number;
  /** Also keep stdout in the failure tail (mongod logs errors to stdout). */
  tailStdout: boolean;
  log: (msg: string) => void;
  warn: (msg: string) => void;
  onGiveUp: (err: Error) => void;
}): Promise<LocalDatabase> {
  const { kind, command, args, port, log } = opts;
  const uri = `mongodb://127.0.0.1:${port}`;
  let stopping: Promise<void> | undefined;
  let current: Running;

  function spawnOnce(): Running {
    const tail = new Tail(STDERR_TAIL_BYTES);
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      if (opts.tailStdout) tail.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
    child.stdin.on('error', () => {}); // EPIPE when the child has exited
    let exit: Exit | undefined;
    let spawnError: Error | undefined;
    const exited = new Promise<Exit>((resolve) => {
      child.on('error', (err) => {
        spawnError = err;
        exit = { code: null, signal: null };
        resolve(exit);
      });
      child.on('exit', (code, signal) => {
        exit = { code, signal };
        resolve(exit);
      });
    });
    // The child must not outlive us. ferretdb also exits when its stdin (our pipe) closes,
    // which covers a parent killed by SIGKILL.
    const killOnExit = () => {
      if (!exit) child.kill('SIGTERM');
    };
    process.on('exit', killOnExit);
    void exited.then(() => process.removeListener('exit', killOnExit));
    unrefChild(child);
    return {
      child,
      exited,
      hasExited: () => exit !== undefined,
      tail,
      describe: (e: Exit) =>
        spawnError ? `failed to start: ${spawnError.message}` : `exited (${e.signal ?? `code ${e.code}`})`,
    };
  }

  async function kill(r: Running): Promise<void> {
    if (r.hasExited()) return;
    r.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      log(`${kind} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
      r.child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await r.exited;
    clearTimeout(timer);
    r.child.stdin?.destroy();
  }

  /** Waits until the process answers ping; kills it and throws if it exits or times out first. */
  async function whenReady(r: Running): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let lastError: unknown;
    for (;;) {
      if (r.hasExited()) {
        const e = await r.exited;
        throw new Error(
          `local ${kind} (${command}) ${r.describe(e)} before it was ready. Its stderr ends with:\n${r.tail.text()}`,
        );
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        await kill(r);
        throw new Error(
          `local ${kind} (${command}) did not answer ping on ${uri} within ${READY_TIMEOUT_MS / 1000} s` +
            ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)}). Its stderr ends with:\n${r.tail.text()}`,
        );
      }
      const attempt = await Promise.race([
        ping(uri, Math.min(2000, remaining)).then(
          () => ({ ok: true as const }),
          (err: unknown) => ({ ok: false as const, err }),
        ),
        r.exited.then(() => ({ ok: false as const, err: new Error('exited') })),
      ]);
      if (attempt.ok) return;
      lastError = attempt.err;
      await Promise.race([sleep(100), r.exited]);
    }
  }

  /** Watches the running process; restarts it when it dies unexpectedly. */
  function supervise(r: Running): void {
    void r.exited.then(async (e) => {
      if (stopping) return;
      opts.warn(
        `local ${kind} on ${uri} ${r.describe(e)} unexpectedly; restarting it. Its stderr ends with:\n${r.tail.text()}`,
      );
      let lastError: Error = new Error('not restarted');
      for (const delay of RESTART_BACKOFF_MS) {
        await sleep(delay);
        if (stopping) return;
        const next = spawnOnce();
        try {
          await whenReady(next);
          if (stopping) {
            await kill(next);
            return;
          }
          current = next;
          opts.warn(`local ${kind} restarted on ${uri} (pid ${next.child.pid})`);
          supervise(next);
          return;
        } catch (err) {
          lastError = err instanceof Error ? err : new Error(String(err));
          opts.warn(`restarting local ${kind} failed (will retry): ${lastError.message.split('\n')[0]}`);
        }
      }
      opts.onGiveUp(
        new Error(
          `local ${kind} on ${uri} died and could not be restarted after ${RESTART_BACKOFF_MS.length} tries: ${lastError.message}`,
        ),
      );
    });
  }

  current = spawnOnce();
  try {
    await whenReady(current);
  } catch (err) {
    await kill(current);
    throw err;
  }
  supervise(current);
  log(`local ${kind} listening on ${uri} (pid ${current.child.pid})`);
  return {
    uri,
    kind,
    pid: () => current.child.pid ?? null,
    stop: () => (stopping ??= kill(current)),
  };
}

/** Resolves once the server at `uri` answers a `ping`. */
async function ping(uri: string, timeoutMs: number): Promise<void> {
  const client = new mongo.MongoClient(uri, {
    directConnection: true,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => {});
  }
}

async function startMongod(mongod: string, dataDir: string, sup: Supervision): Promise<LocalDatabase> {
  const port = await freePort();
  return startProcess({
    kind: 'mongod',
    command: mongod,
    args: ['--dbpath', dataDir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'],
    port,
    tailStdout: true,
    ...sup,
  });
}

async function startFerretDb(binary: string, dataDir: string, sup: Supervision): Promise<LocalDatabase> {
  const port = await freePort();
  return startProcess({
    kind: 'ferretdb',
    command: binary,
    args: ['-dir', dataDir, '-addr', `127.0.0.1:${port}`, '-exit-on-stdin-eof'],
    port,
    tailStdout: false,
    ...sup,
  });
}

async function startMemoryServer(dataDir: string, log: (msg: string) => void): Promise<LocalDatabase> {
  // Optional dependency, loaded only here; the name is in a variable so type-checking
  // does not need the package to be installed.
  const moduleName = 'mongodb-memory-server-core';
  const loaded = (await import(moduleName)) as Partial<MemoryServerModule> & { default?: MemoryServerModule };
  const MongoMemoryServer = loaded.MongoMemoryServer ?? loaded.default?.MongoMemoryServer;
  if (!MongoMemoryServer) throw new Error(`${moduleName} does not export MongoMemoryServer`);
  const port = await freePort();
  const server = await MongoMemoryServer.create({
    instance: { ip: '127.0.0.1', port, dbPath: dataDir, storageEngine: 'wiredTiger' },
  });
  const uri = `mongodb://127.0.0.1:${port}`;
  await ping(uri, 10_000);
  log(`local memory-server (mongodb-memory-server-core) listening on ${uri}`);
  let stopping: Promise<void> | undefined;
  return {
    uri,
    kind: 'memory-server',
    pid: () => null,
    stop: () => (stopping ??= server.stop({ doCleanup: false }).then(() => undefined)),
  };
}

/** Starts a local MongoDB-compatible server; see the top of this file for the order tried. */
export async function startLocalDatabase(opts: StartLocalDatabaseOptions): Promise<LocalDatabase> {
  const log = opts.log ?? ((msg: string) => console.error(`[local-db] ${msg}`));
  const sup: Supervision = {
    log,
    warn: opts.warn ?? log,
    onGiveUp:
      opts.onGiveUp ??
      ((err) => {
        throw err;
      }),
  };
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const forced = process.env.LOCAL_DB_KIND?.trim() || undefined;
  if (forced && !KINDS.includes(forced as LocalDatabaseKind)) {
    throw new Error(`LOCAL_DB_KIND must be one of ${KINDS.join(', ')}; got ${JSON.stringify(forced)}`);
  }
  const wanted = (kind: LocalDatabaseKind) => !forced || forced === kind;

  const root = projectRoot();
  const build = loadBuildScript(root);
  const skipped: string[] = [];

  // 1. mongod on PATH
  if (wanted('mongod')) {
    const mongod = build.which('mongod');
    if (mongod) return startMongod(mongod, dataDir, sup);
    skipped.push('no `mongod` on PATH');
  }

  // 2. FerretDB built from tools/localdb
  if (wanted('ferretdb')) {
    let binary: string | undefined = fs.existsSync(build.BINARY_PATH) ? build.BINARY_PATH : undefined;
    if (!build.isUpToDate() && build.findGo()) {
      log(
        binary
          ? 'tools/localdb changed; rebuilding the FerretDB binary'
          : 'building the FerretDB binary (npm run localdb:build)',
      );
      try {
        const result = await build.buildLocalDb({ log });
        if (result.status !== 'no-go') binary = result.binary;
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (binary) log(`build failed; using the existing binary. ${msg}`);
        else skipped.push(`building FerretDB failed: ${msg}`);
      }
    }
    if (binary) return startFerretDb(binary, dataDir, sup);
    if (!build.findGo()) skipped.push('no FerretDB binary in .cache/localdb and no Go toolchain to build one');
  }

  // 3. mongodb-memory-server-core (downloads mongod)
  if (wanted('memory-server')) {
    try {
      return await startMemoryServer(dataDir, log);
    } catch (err) {
      skipped.push(`mongodb-memory-server-core failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  throw new Error(
    `No local MongoDB-compatible server could be started (set MONGODB_URI to use an existing one):\n - ${skipped.join('\n - ')}`,
  );
}
