/**
 * Drives Debian's `wrk` (a native load generator: `apt-get install wrk`) and parses its report.
 * One thread, 16 connections by default (`-t1 -c16`), a few seconds per run, `--latency` for
 * percentiles. wrk's own CPU use is read from /proc (children's times) so a table can show that
 * the generator was not the bottleneck.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 3);

export interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  /** Responses with status >= 400, and socket errors. */
  bad: number;
  /** CPU seconds wrk used per second of wall clock (1.0 = one core busy). */
  wrkCpu: number;
}

export function wrkVersion(): string {
  const r = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  if (r.error) throw new Error('wrk is missing: apt-get install -y wrk (Debian), then run the benchmark again');
  return (r.stdout + r.stderr).split('\n')[0]!.trim();
}

/** Milliseconds of a wrk duration such as `812.00us`, `1.23ms`, `2.01s`. */
function ms(text: string): number {
  const m = /^([0-9.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

/** `/proc/self/stat` fields 16-17: CPU time of waited-for children, in clock ticks (100 per second on Linux). */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

export async function wrk(
  url: string,
  headers: Record<string, string> = {},
  seconds = DURATION_S,
  connections = CONNECTIONS,
): Promise<WrkResult> {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  args.push(url);
  const cpuBefore = childrenCpuSeconds();
  const started = Date.now();
  const out = await new Promise<string>((ok, fail) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok(text) : fail(new Error(`wrk exited ${code}: ${text}`))));
  });
  const wall = (Date.now() - started) / 1000;
  const rps = Number(/Requests\/sec:\s+([0-9.]+)/.exec(out)?.[1] ?? NaN);
  const p50 = ms(/\s50%\s+(\S+)/.exec(out)?.[1] ?? '');
  const p99 = ms(/\s99%\s+(\S+)/.exec(out)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const bad = non2xx + (socket ? socket.slice(1).reduce((s, n) => s + Number(n), 0) : 0);
  return { rps, p50, p99, bad, wrkCpu: (childrenCpuSeconds() - cpuBefore) / wall };
}
