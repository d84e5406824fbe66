#!/usr/bin/env node
'use strict';
/**
 * Runs before `npm start` and the CLIs (`npm run seed`, `apikey`, `remind`): builds dist/ with the
 * TypeScript compiler when it is missing or older than the sources, so a newcomer's `npm start` runs
 * what they edited. A production install (`npm ci && npm run build && npm prune --omit=dev`) has no
 * compiler: there the existing build runs, and a missing build is an error that says what to do.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'dist/src/main.js');
const stamp = path.join(root, 'dist/.tsbuildinfo'); // tsc rewrites it on every build that emits

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

const sources = Math.max(
  newest(path.join(root, 'src')),
  ...['tsconfig.json', 'tsconfig.build.json'].map((f) => fs.statSync(path.join(root, f)).mtimeMs),
);
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);
const builtAt = mtime(built) && Math.max(mtime(built), mtime(stamp));
if (builtAt >= sources) process.exit(0);

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
} catch {
  if (builtAt) {
    process.stderr.write(
      '[build] the sources are newer than dist/ but TypeScript is not installed: running the existing build ' +
        '(after an upgrade: npm ci && npm run build && npm prune --omit=dev)\n',
    );
    process.exit(0);
  }
  process.stderr.write(
    '[build] dist/ is missing and TypeScript is not installed (a production install): ' +
      'build first with npm ci && npm run build && npm prune --omit=dev\n',
  );
  process.exit(1);
}
process.stderr.write(`[build] ${builtAt ? 'sources changed' : 'no build yet'}: tsc -p tsconfig.build.json\n`);
const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
// Up to date even when tsc had nothing to emit.
if (run.status === 0 && fs.existsSync(stamp)) fs.utimesSync(stamp, new Date(), new Date());
process.exit(run.status ?? 1);
