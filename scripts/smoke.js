#!/usr/bin/env node
'use strict';
/**
 * Start-up smoke test of the built service, as `npm start` runs it (run `npm run build` first):
 *  1. a bad setting stops the boot with a message naming the variable;
 *  2. with no MONGODB_URI it starts the local database in a temp DATA_DIR, loads the seed,
 *     serves /healthz and the May 2023 schedule;
 *  3. SIGTERM shuts it down cleanly (exit code 0), and a restart finds the data kept.
 * Prints "N passed, N failed" and exits non-zero on any failure.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const main = path.join(root, 'dist/src/main.js');
let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
};

function start(env) {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

async function waitFor(fn, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

async function boot(dataDir) {
  const s = start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'info' });
  const port = await waitFor(() => /listening on http:\/\/[^:]+:(\d+)/.exec(s.output())?.[1], 120_000);
  return { ...s, port };
}

async function run() {
  if (!fs.existsSync(main)) throw new Error('dist/src/main.js is missing: run `npm run build` first');

  const bad = start({ PORT: 'not-a-port', MONGODB_URI: '' });
  const code = await Promise.race([bad.exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
  check(
    'a bad PORT stops the boot with a message naming it',
    code === 1 && /PORT="not-a-port"/.test(bad.output()),
    `exit ${code}: ${bad.output().slice(0, 300)}`,
  );
  if (code === 'timeout') bad.child.kill('SIGKILL');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-smoke-'));
  try {
    const first = await boot(dataDir);
    check('the service starts on a fresh local database', Boolean(first.port), first.output().slice(-500));
    if (!first.port) return;
    const base = `http://127.0.0.1:${first.port}`;
    const health = await fetch(`${base}/healthz`).then((r) => r.json());
    check(
      '/healthz reports the database',
      health.status === 'ok' && health.database.ping === true,
      JSON.stringify(health),
    );
    check(
      'start-up says where the database listens',
      /local database \((mongod|ferretdb|memory-server)\) listening at mongodb:\/\//.test(first.output()),
    );
    const may = await fetch(`${base}/api/occurrences?from=2023-05-23&to=2023-05-23`).then((r) => r.json());
    check(
      'the seed was loaded on the empty database',
      may.occurrences?.[0]?.agenda?.length === 14,
      JSON.stringify(may).slice(0, 200),
    );
    first.child.kill('SIGTERM');
    const firstCode = await first.exited;
    check('SIGTERM shuts down cleanly', firstCode === 0 && /stopped/.test(first.output()), `exit ${firstCode}`);

    const cli = spawn(
      process.execPath,
      [path.join(root, 'dist/src/access/cli.js'), 'create', '--name', 'Smoke office', '--role', 'office'],
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'warn' },
      },
    );
    let cliOut = '';
    cli.stdout.on('data', (d) => (cliOut += d));
    cli.stderr.on('data', (d) => (cliOut += d));
    const cliCode = await new Promise((resolve) => cli.on('exit', resolve));
    const secret = /^(lh_[A-Za-z0-9_-]{40,})$/m.exec(cliOut)?.[1];
    check('`npm run apikey -- create` prints a new key once', cliCode === 0 && Boolean(secret), cliOut.slice(0, 300));

    const second = await boot(dataDir);
    if (second.port && secret) {
      const series = {
        title: 'Họp thử',
        kind: 'other',
        bodyCode: 'ubnd',
        startTime: '09:00',
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
        startDate: '2026-01-05',
        holidayPolicy: 'skip',
      };
      const post = (headers) =>
        fetch(`http://127.0.0.1:${second.port}/api/series`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(series),
        });
      check('a write without a key is refused', (await post({})).status === 401);
      check('the CLI key is accepted for a write', (await post({ authorization: `Bearer ${secret}` })).status === 201);
      check('the key never appears in the server log', !second.output().includes(secret));
    }
    const again = second.port
      ? await fetch(`http://127.0.0.1:${second.port}/api/occurrences?from=2023-05-23&to=2023-05-23`).then((r) =>
          r.json(),
        )
      : null;
    check(
      'a restart keeps the data (no second seed)',
      again?.occurrences?.[0]?.agenda?.length === 14 && !/seed loaded/.test(second.output()),
      second.output().slice(-300),
    );
    second.child.kill('SIGINT');
    check('SIGINT shuts down cleanly', (await second.exited) === 0);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

run()
  .catch((err) => {
    failed++;
    console.log(`FAIL smoke test crashed: ${err.stack || err}`);
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });
