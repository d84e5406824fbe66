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

export type LocalDatabaseKind = 'mongod' | 'ferretdb' | 'memory-server';

export interface LocalDatabase {
  /** `mongodb://127.0.0.1:PORT` */
  uri: string;
  kind: LocalDatabaseKind;
  stop(): Promise<void>;
}

export interface StartLocalDatabaseOptions {
  /** Where the server keeps its data; created if missing. */
  dataDir: string;
  log?: (msg: string) => void;
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
    create(opts: {
      instance: { ip: string; port: number; dbPath: string; storageEngine?: string };
    }): Promise<{
      getUri(): string;
      stop(opts?: { doCleanup?: boolean; force?: boolean }): Promise<boolean>;
    }>;
  };
}

/** The folder holding package.json, found by walking up from this file. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json found above ${__dirname}`);
    dir = parent;
  }
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
    const s = all.subarray(Math.max(0, all.length - this.limit)).toString('utf8').trim();
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

/** Spawns a server process and turns it into a LocalDatabase once it answers `ping`. */
async function startProcess(opts: {
  kind: 'mongod' | 'ferretdb';
  command: string;
  args: string[];
  port: number;
  /** Also keep stdout in the failure tail (mongod logs errors to stdout). */
  tailStdout: boolean;
  log: (msg: string) => void;
}): Promise<LocalDatabase> {
  const { kind, command, args, port, log } = opts;
  const uri = `mongodb://127.0.0.1:${port}`;
  const tail = new Tail(STDERR_TAIL_BYTES);

  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => {
    if (opts.tailStdout) tail.push(chunk);
  });
  child.stderr!.on('data', (chunk: Buffer) => tail.push(chunk));
  child.stdin!.on('error', () => {}); // EPIPE when the child has exited

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
  unrefChild(child);

  const describeExit = (e: Exit) =>
    spawnError ? `failed to start: ${spawnError.message}` : `exited (${e.signal ?? `code ${e.code}`})`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (!exit) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          log(`${kind} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
          child.kill('SIGKILL');
        }, STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      child.stdin?.destroy();
    })();
    return stopping;
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  for (;;) {
    if (exit) {
      await stop();
      throw new Error(`local ${kind} (${command}) ${describeExit(exit)} before it was ready. Its stderr ends with:\n${tail.text()}`);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      await stop();
      throw new Error(
        `local ${kind} (${command}) did not answer ping on ${uri} within ${READY_TIMEOUT_MS / 1000} s` +
          ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)}). Its stderr ends with:\n${tail.text()}`,
      );
    }
    const attempt = await Promise.race([
      ping(uri, Math.min(2000, remaining)).then(
        () => ({ ok: true as const }),
        (err: unknown) => ({ ok: false as const, err }),
      ),
      exited.then(() => ({ ok: false as const, err: new Error('exited') })),
    ]);
    if (attempt.ok) break;
    lastError = attempt.err;
    await Promise.race([sleep(100), exited]);
  }

  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`local ${kind} on ${uri} exited unexpectedly (${signal ?? `code ${code}`}). Its stderr ends with:\n${tail.text()}`);
    }
  });
  log(`local ${kind} listening on ${uri} (pid ${child.pid})`);
  return { uri, kind, stop };
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

async function startMongod(mongod: string, dataDir: string, log: (msg: string) => void): Promise<LocalDatabase> {
  const port = await freePort();
  return startProcess({
    kind: 'mongod',
    command: mongod,
    args: ['--dbpath', dataDir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'],
    port,
    tailStdout: true,
    log,
  });
}

async function startFerretDb(binary: string, dataDir: string, log: (msg: string) => void): Promise<LocalDatabase> {
  const port = await freePort();
  return startProcess({
    kind: 'ferretdb',
    command: binary,
    args: ['-dir', dataDir, '-addr', `127.0.0.1:${port}`, '-exit-on-stdin-eof'],
    port,
    tailStdout: false,
    log,
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
    stop: () => (stopping ??= server.stop({ doCleanup: false }).then(() => undefined)),
  };
}

/** Starts a local MongoDB-compatible server; see the top of this file for the order tried. */
export async function startLocalDatabase(opts: StartLocalDatabaseOptions): Promise<LocalDatabase> {
  const log = opts.log ?? ((msg: string) => console.error(`[local-db] ${msg}`));
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
    if (mongod) return startMongod(mongod, dataDir, log);
    skipped.push('no `mongod` on PATH');
  }

  // 2. FerretDB built from tools/localdb
  if (wanted('ferretdb')) {
    let binary: string | undefined = fs.existsSync(build.BINARY_PATH) ? build.BINARY_PATH : undefined;
    if (!build.isUpToDate() && build.findGo()) {
      log(binary ? 'tools/localdb changed; rebuilding the FerretDB binary' : 'building the FerretDB binary (npm run localdb:build)');
      try {
        const result = await build.buildLocalDb({ log });
        if (result.status !== 'no-go') binary = result.binary;
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (binary) log(`build failed; using the existing binary. ${msg}`);
        else skipped.push(`building FerretDB failed: ${msg}`);
      }
    }
    if (binary) return startFerretDb(binary, dataDir, log);
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
