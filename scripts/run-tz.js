#!/usr/bin/env node
'use strict';

// Runs a command once per time zone, e.g.
//   node scripts/run-tz.js jest --selectProjects unit
// Zones: UTC, Asia/Ho_Chi_Minh, America/Los_Angeles, or the comma/space-separated list in
// TEST_TZS. The command is looked up in node_modules/.bin first. Fails if any run fails.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_TZS = ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles'];

function resolveCommand(cmd) {
  if (cmd.includes('/') || cmd.includes(path.sep)) return cmd;
  const local = path.join(ROOT, 'node_modules', '.bin', cmd);
  return fs.existsSync(local) ? local : cmd;
}

function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) {
    console.error('usage: node scripts/run-tz.js <command> [args...]   (zones from TEST_TZS, comma separated)');
    return 2;
  }
  const tzs = process.env.TEST_TZS ? process.env.TEST_TZS.split(/[\s,]+/).filter(Boolean) : DEFAULT_TZS;
  const command = resolveCommand(cmd);
  const shown = [cmd, ...args].join(' ');
  const results = [];

  for (const tz of tzs) {
    console.log(`\n=== TZ=${tz}: ${shown} ===\n`);
    const started = Date.now();
    const r = spawnSync(command, args, { cwd: process.cwd(), stdio: 'inherit', env: { ...process.env, TZ: tz } });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (r.error) {
      console.error(`run-tz: could not start ${command}: ${r.error.message}`);
      return 1;
    }
    const ok = r.status === 0;
    results.push({ tz, ok, detail: r.signal ? `killed by ${r.signal}` : `exit ${r.status}`, seconds });
    // Stop at once on Ctrl-C and the like; other failures still let the remaining zones run.
    if (r.signal === 'SIGINT' || r.signal === 'SIGTERM') break;
  }

  console.log('\n=== run-tz summary ===');
  for (const { tz, ok, detail, seconds } of results) {
    console.log(`  ${ok ? 'ok  ' : 'FAIL'}  TZ=${tz}  (${detail}, ${seconds} s)`);
  }
  const failed = results.filter((r) => !r.ok).length + (tzs.length - results.length);
  return failed ? 1 : 0;
}

process.exitCode = main();
