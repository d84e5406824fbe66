#!/usr/bin/env node
'use strict';

// Builds tools/localdb (FerretDB v1 with embedded SQLite storage) into
// .cache/localdb/ferretdb-local when the binary is missing or older than the
// Go sources. Used by `npm run localdb:build`, scripts/setup.sh and
// src/shared/local-db.ts. Skips with a message when no Go toolchain is found.
//
// Usage: node scripts/build-localdb.js [--force]

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIR = path.join(ROOT, 'tools', 'localdb');
const BINARY_PATH = path.join(ROOT, '.cache', 'localdb', 'ferretdb-local');

/** Where Go is usually installed when it is not on PATH. */
const FALLBACK_GO_PATHS = ['/usr/local/go/bin/go', '/usr/lib/go/bin/go'];

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Finds an executable on PATH; returns its full path or null. */
function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** The Go toolchain to use: `go` on PATH, else a usual install location, else null. */
function findGo() {
  return which('go') || FALLBACK_GO_PATHS.find(isExecutable) || null;
}

/** Newest modification time (ms) of the files that make up the Go module. */
function newestSourceMtime() {
  let newest = 0;
  for (const name of fs.readdirSync(SOURCE_DIR)) {
    if (!/\.go$|^go\.(mod|sum)$/.test(name)) continue;
    newest = Math.max(newest, fs.statSync(path.join(SOURCE_DIR, name)).mtimeMs);
  }
  return newest;
}

/** True when the binary exists and is at least as new as every Go source file. */
function isUpToDate() {
  try {
    return fs.statSync(BINARY_PATH).mtimeMs >= newestSourceMtime();
  } catch {
    return false;
  }
}

/**
 * Builds the binary if needed.
 * @param {{ force?: boolean, log?: (msg: string) => void, quiet?: boolean }} [options]
 * @returns {Promise<{ status: 'up-to-date' | 'built' | 'no-go', binary: string, seconds?: number }>}
 */
async function buildLocalDb(options = {}) {
  const log = options.log || ((msg) => console.log(`[localdb:build] ${msg}`));

  if (!options.force && isUpToDate()) {
    log(`${path.relative(ROOT, BINARY_PATH)} is up to date`);
    return { status: 'up-to-date', binary: BINARY_PATH };
  }

  const go = findGo();
  if (!go) {
    log('skipped: no Go toolchain (`go` is not on PATH); the local FerretDB server cannot be built');
    return { status: 'no-go', binary: BINARY_PATH };
  }

  fs.mkdirSync(path.dirname(BINARY_PATH), { recursive: true });
  // Build to a temporary name and rename, so a concurrent reader never sees a half-written file.
  const tmp = `${BINARY_PATH}.tmp-${process.pid}`;
  const args = ['build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w', '-o', tmp, '.'];
  log(
    `building FerretDB (first build downloads modules from the Go module proxy; may take a few minutes): ${go} ${args.join(' ')}`,
  );

  const started = process.hrtime.bigint();
  const stderrTail = [];
  const code = await new Promise((resolve, reject) => {
    const child = spawn(go, args, {
      cwd: SOURCE_DIR,
      stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'pipe'],
    });
    child.stderr.on('data', (chunk) => {
      if (!options.quiet) process.stderr.write(chunk);
      stderrTail.push(chunk);
      while (stderrTail.length > 50) stderrTail.shift();
    });
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve(signal ? 128 : exitCode));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  if (code !== 0) {
    fs.rmSync(tmp, { force: true });
    const tail = Buffer.concat(stderrTail).toString('utf8').split('\n').slice(-20).join('\n');
    throw new Error(`go build of tools/localdb failed (exit ${code}) after ${seconds.toFixed(1)} s\n${tail}`);
  }

  fs.renameSync(tmp, BINARY_PATH);
  log(`built ${path.relative(ROOT, BINARY_PATH)} in ${seconds.toFixed(1)} s`);
  return { status: 'built', binary: BINARY_PATH, seconds };
}

module.exports = { BINARY_PATH, SOURCE_DIR, buildLocalDb, findGo, isUpToDate, which };

if (require.main === module) {
  const started = Date.now();
  buildLocalDb({ force: process.argv.includes('--force') }).then(
    () => {
      console.log(`[localdb:build] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    (err) => {
      console.error(`[localdb:build] ${err.message}`);
      process.exitCode = 1;
    },
  );
}
