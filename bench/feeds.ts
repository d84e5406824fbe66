/**
 * `npm run bench:feeds`: how fast feeds are built and served.
 *
 * 1. Builds three bodies' schedules of about 120, 300 and 1,300 occurrences in the feed window
 *    (weekly briefings, a monthly session with a 10-item agenda every month, moves, cancellations,
 *    one-off meetings; Vietnamese text) in a throwaway database (MONGODB_URI, else a local one).
 * 2. Cold builds: from the database (reads + expansion + rendering, no read model), the first feed
 *    after an edit made by this instance (read model patched in place), and after an edit made
 *    elsewhere (read model reloaded from the database).
 * 3. Under wrk (`-t1 -c16`, loopback): the cached feed (200 in identity, gzip and brotli) and the
 *    304 path (If-None-Match) of the app, side by side with a bare node:http server serving the
 *    same bytes and headers from memory in the same process, and the ratios; the CPU used by wrk
 *    and by the server process during each run shows which side was the bottleneck.
 *
 * The servers run in a child process (this file with `--serve`), wrk is spawned by the parent.
 * Load is bounded: a few seconds per run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../src/app';
import { feedQuery } from '../src/feeds/schemas';
import { createServices, type Services } from '../src/services';
import { fixedClock } from '../src/shared/clock';
import { connectDatabase, ensureIndexes } from '../src/shared/db';
import { startLocalDatabase } from '../src/shared/local-db';
import { createLogger } from '../src/shared/logger';
import { CONNECTIONS, DURATION_S, wrk, wrkVersion, type WrkResult } from './wrk';

export const NOW = '2025-03-10T02:00:00Z'; // feeds cover 1/12/2024 – 31/3/2026
const COLD_RUNS = 20;

interface Size {
  label: string;
  body: string;
  weekly: number;
  biweekly: number;
  oneOffs: number;
}
export const SIZES: Size[] = [
  { label: '~120', body: 'bench-s', weekly: 1, biweekly: 1, oneOffs: 3 },
  { label: '~300', body: 'bench-m', weekly: 4, biweekly: 0, oneOffs: 8 },
  { label: '~1300', body: 'bench-l', weekly: 18, biweekly: 1, oneOffs: 7 },
];

interface FeedInfo {
  label: string;
  path: string;
  appPort: number;
  etag: string;
  bytes: number;
  vevents: number;
  veventsExpanded: number;
  occurrences: number;
  /** Wall-clock ms: first build after start, then medians / p90 of COLD_RUNS. */
  firstMs: number;
  coldMs: { median: number; p90: number };
  readMs: number;
  renderMs: number;
  renderExpandedMs: number;
  /** The first feed after an edit by this instance (read model patched), and after one elsewhere (reloaded). */
  afterEditMs: { median: number; p90: number };
  afterRemoteEditMs: { median: number; p90: number };
  gzipBytes: number;
  brBytes: number;
  /** A private feed row: served only (its build is the public one's plus a filter). */
  servingOnly?: boolean;
}
type ChildMessage = { type: 'ready'; barePort: number; feeds: FeedInfo[] } | { type: 'error'; message: string };

// ---------------------------------------------------------------------------------------------
// Child: data, cold builds, the app and the bare server.

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];
const TOPICS = [
  'công tác cải cách hành chính',
  'tiến độ giải phóng mặt bằng',
  'thu ngân sách nhà nước',
  'phòng, chống thiên tai',
  'chuyển đổi số',
  'xây dựng nông thôn mới',
];

export async function createBenchData(s: Services, size: Size): Promise<void> {
  const { body } = size;
  await s.organisation.createBody({
    code: body,
    name: `Ủy ban nhân dân xã Thử Nghiệm ${size.label}`,
    shortName: 'UBND xã',
    kind: 'people-committee',
    level: 'commune',
    place: 'Lục Ngạn',
    parentName: 'UBND HUYỆN LỤC NGẠN',
    documentDueWorkingDays: 3,
  } as never);
  const agencies = ['van-phong', 'tai-chinh', 'tu-phap', 'dia-chinh', 'cong-an'].map((a) => `${body}-${a}`);
  const names = [
    'Văn phòng HĐND và UBND xã',
    'Ban Tài chính - Kế toán',
    'Công chức Tư pháp - Hộ tịch',
    'Công chức Địa chính - Xây dựng',
    'Công an xã',
  ];
  for (const [i, code] of agencies.entries())
    await s.organisation.createAgency({
      code,
      name: names[i]!,
      shortName: names[i]!,
      bodyCode: body,
      emails: [`${code}@bench.example`],
    });
  const chair = `${body}-chu-tich`;
  await s.organisation.createOfficial({
    code: chair,
    name: 'Chủ tịch UBND xã',
    title: 'Chủ tịch UBND xã',
    bodyCode: body,
    agencyCode: null,
    email: `${chair}@bench.example`,
  });
  const attendees = { officials: [chair], agencies: agencies.slice(0, 3) };
  const common = {
    kind: 'briefing' as const,
    bodyCode: body,
    chairCode: chair,
    attendees,
    durationMinutes: 120,
    holidayPolicy: 'next-working-day' as const,
    endDate: null,
  };
  const series: string[] = [];
  for (let i = 0; i < size.weekly + size.biweekly; i++) {
    const id = `${body}-giao-ban-${i}`;
    const biweekly = i >= size.weekly;
    await s.meetings.createSeries({
      ...common,
      id,
      title: `Giao ban ${TOPICS[i % TOPICS.length]} (${biweekly ? 'hai tuần một lần' : 'hằng tuần'}), lần ${i + 1}`,
      location: `Phòng họp số ${(i % 3) + 1}, trụ sở Đảng ủy - HĐND - UBND xã`,
      startTime: i % 2 ? '14:00' : '08:00',
      rrule: `FREQ=WEEKLY;${biweekly ? 'INTERVAL=2;' : ''}BYDAY=${DAYS[i % DAYS.length]}`,
      startDate: '2024-06-03',
      description: `Giao ban định kỳ về ${TOPICS[i % TOPICS.length]}; các bộ phận báo cáo tiến độ, khó khăn, vướng mắc và đề xuất.`,
    } as never);
    series.push(id);
  }
  const session = `${body}-phien-hop`;
  await s.meetings.createSeries({
    ...common,
    id: session,
    kind: 'regular-session',
    title: 'Phiên họp thường kỳ UBND xã',
    location: 'Hội trường UBND xã',
    startTime: '08:00',
    durationMinutes: 240,
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=25',
    startDate: '2024-06-25',
    description: 'Phiên họp thường kỳ hằng tháng.',
  } as never);

  const window = s.feeds.windowNow();
  const occs = await s.meetings.occurrencesIn({ from: window.from, to: window.to, bodyCode: body });
  // A 10-item agenda on every monthly session.
  for (const occ of occs.filter((o) => o.seriesId === session)) {
    const items = Array.from({ length: 10 }, (_, k) => ({
      number: k + 1,
      kind: 'report',
      title: `Báo cáo kết quả thực hiện nhiệm vụ ${TOPICS[k % TOPICS.length]} tháng ${occ.localStart.slice(5, 7)}; phương hướng, nhiệm vụ tháng tiếp theo.`,
      preparingAgencies: [{ code: agencies[k % agencies.length]!, role: 'lead' }],
      leaderCode: null,
    }));
    await s.agenda.addItems(occ.id, items as never, 'bench');
  }
  // Two moves and one cancellation per weekly series.
  for (const id of series) {
    const mine = occs.filter((o) => o.seriesId === id);
    for (const o of [mine[5], mine[20]])
      if (o)
        await s.meetings.moveOccurrence(o.id, {
          date: o.localStart.slice(0, 10),
          time: '16:00',
          reason: 'Trùng lịch làm việc với cấp trên',
        });
    if (mine[30]) await s.meetings.cancelOccurrence(mine[30].id, 'Lãnh đạo đi công tác');
  }
  for (let i = 0; i < size.oneOffs; i++) {
    await s.meetings.createMeeting({
      title: `Hội nghị chuyên đề về ${TOPICS[i % TOPICS.length]}`,
      kind: 'thematic-conference',
      bodyCode: body,
      chairCode: chair,
      attendees,
      location: 'Hội trường UBND xã',
      date: `2025-${String((i % 9) + 3).padStart(2, '0')}-1${i % 9}`,
      time: '08:00',
      durationMinutes: 180,
      description: 'Hội nghị triển khai nhiệm vụ.',
    } as never);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function timed<T>(runs: number, f: () => Promise<T> | T): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

/** What the bare server sends for a path and coding: the app's own bytes and headers. */
interface Served {
  status: number;
  headers: string[];
  body: Buffer;
  etag: string;
  notModifiedHeaders: string[];
}
type Coding = 'identity' | 'gzip' | 'br';
const CODINGS: Coding[] = ['identity', 'gzip', 'br'];

/** One raw GET (no decoding), to copy the app's bytes and headers for the bare server. */
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
            const name = res.rawHeaders[i]!;
            if (!/^(date|connection|keep-alive)$/i.test(name)) flat.push(name, res.rawHeaders[i + 1]!);
          }
          ok({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
        });
      })
      .on('error', fail);
  });
}

async function copyForBare(
  base: string,
  feedPath: string,
  served: Map<string, Served>,
): Promise<Record<Coding, number>> {
  const sizes = {} as Record<Coding, number>;
  for (const coding of CODINGS) {
    const got = await rawGet(`${base}${feedPath}`, { 'accept-encoding': coding });
    const etag = got.headers[got.headers.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'etag') + 1]!;
    const notModifiedHeaders = got.headers.filter(
      (_, i, all) => !/^(content-length|content-encoding)$/i.test(i % 2 === 0 ? all[i]! : all[i - 1]!),
    );
    served.set(`${feedPath}|${coding}`, { ...got, etag, notModifiedHeaders });
    sizes[coding] = got.body.length;
  }
  return sizes;
}

/** One body per database (so a cold read is the read of a schedule of that size), its own app. */
async function prepare(size: Size, uri: string, served: Map<string, Served>) {
  const conn = await connectDatabase(
    withDatabase(uri, `${process.env.BENCH_DB_PREFIX}_${size.body.replace(/-/g, '_')}`),
  );
  const s = createServices(
    conn,
    { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: 'https://lich.example.gov.vn' },
    fixedClock(NOW),
    createLogger('warn'),
  );
  await ensureIndexes(conn);
  await createBenchData(s, size);
  const subject = { kind: 'body' as const, code: size.body };
  const window = s.feeds.windowNow();
  const plain = feedQuery.parse({});
  const expandedOptions = feedQuery.parse({ expand: '1' });
  const t0 = process.hrtime.bigint();
  const first = await s.feeds.build(subject, plain, window, null);
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cold = await timed(COLD_RUNS, () => s.feeds.build(subject, plain, window, null));
  const reads = await timed(COLD_RUNS, () => s.feeds.loadSchedule(window));
  const schedule = await s.feeds.loadSchedule(window);
  const renders = await timed(COLD_RUNS, () => s.feeds.renderFrom(schedule, subject, plain, window, null));
  const rendersExpanded = await timed(COLD_RUNS, () =>
    s.feeds.renderFrom(schedule, subject, expandedOptions, window, null),
  );
  const expanded = s.feeds.renderFrom(schedule, subject, expandedOptions, window, null);
  const occs = await s.meetings.occurrencesIn({ from: window.from, to: window.to, bodyCode: size.body });
  const occurrences = occs.filter((o) => o.status !== 'cancelled').length;

  // The first feed after an edit: made here (the read model is patched with the written documents), or made by
  // another instance (simulated by dropping the snapshot: the read model reloads from the database).
  const target = occs.find((o) => o.seriesId && o.status === 'scheduled' && o.localStart.slice(0, 10) > '2025-04-01')!;
  await s.feeds.publicFeed(size.body, plain);
  const afterEdit: number[] = [];
  const afterRemoteEdit: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await s.meetings.moveOccurrence(target.id, {
      date: target.localStart.slice(0, 10),
      time: i % 2 ? '15:00' : '16:00',
      reason: 'Điều chỉnh giờ họp',
    });
    afterEdit.push(...(await timed(1, () => s.feeds.publicFeed(size.body, plain))));
    await s.meetings.moveOccurrence(target.id, {
      date: target.localStart.slice(0, 10),
      time: i % 2 ? '16:30' : '17:00',
      reason: 'Điều chỉnh giờ họp',
    });
    s.readModel.drop();
    afterRemoteEdit.push(...(await timed(1, () => s.feeds.publicFeed(size.body, plain))));
  }

  const app = createApp(s);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  const appBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const feedPath = `/feeds/public/${size.body}.ics`;
  const current = await s.feeds.publicFeed(size.body, plain);
  const sizes = await copyForBare(appBase, feedPath, served);
  const info: FeedInfo = {
    label: size.label,
    path: feedPath,
    appPort: (server.address() as AddressInfo).port,
    etag: current.etag,
    bytes: current.bytes.length,
    vevents: first.events,
    veventsExpanded: expanded.events,
    occurrences,
    firstMs,
    coldMs: { median: median(cold), p90: pct(cold, 0.9) },
    readMs: median(reads),
    renderMs: median(renders),
    renderExpandedMs: median(rendersExpanded),
    afterEditMs: { median: median(afterEdit), p90: pct(afterEdit, 0.9) },
    afterRemoteEditMs: { median: median(afterRemoteEdit), p90: pct(afterRemoteEdit, 0.9) },
    gzipBytes: sizes.gzip,
    brBytes: sizes.br,
  };
  const infos = [info];
  if (size === SIZES[SIZES.length - 1]) {
    // The chair's private feed of the largest body: adds the token lookup to the cached path.
    const { url } = await s.feeds.createToken(
      { kind: 'official', subjectCode: `${size.body}-chu-tich`, label: 'bench' },
      'bench',
    );
    const tokenPath = new URL(url).pathname;
    const tokenSizes = await copyForBare(appBase, tokenPath, served);
    infos.push({
      ...info,
      label: `${size.label}p`,
      path: tokenPath,
      etag: served.get(`${tokenPath}|identity`)!.etag,
      bytes: tokenSizes.identity,
      servingOnly: true,
    });
  }
  const close = async () => {
    server.close();
    server.closeAllConnections();
    await new Promise((ok) => setTimeout(ok, 500)); // let handlers of cut connections finish
    await conn.dropDatabase();
    await conn.close();
  };
  return { infos, close };
}

function withDatabase(uri: string, db: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!m) throw new Error('not a mongodb:// connection string');
  return `${m[1]}/${db}${m[3] ?? ''}`;
}

/** The coding a bare server picks: the same three as the app, by a plain substring test (wrk sends one value). */
function bareCoding(accept: string | undefined): Coding {
  if (!accept) return 'identity';
  if (accept.includes('br')) return 'br';
  if (accept.includes('gzip')) return 'gzip';
  return 'identity';
}

async function serve(): Promise<void> {
  const served = new Map<string, Served>();
  const prepared: Awaited<ReturnType<typeof prepare>>[] = [];
  for (const size of SIZES) prepared.push(await prepare(size, process.env.BENCH_DB_URI!, served));
  // The bare server: the same bytes and headers from memory, the same If-None-Match check.
  const bare = http.createServer((req, res) => {
    const feed = served.get(`${req.url ?? ''}|${bareCoding(req.headers['accept-encoding'])}`);
    if (!feed) {
      res.statusCode = 404;
      res.end();
      return;
    }
    if (req.headers['if-none-match'] === feed.etag) {
      res.writeHead(304, feed.notModifiedHeaders);
      res.end();
      return;
    }
    res.writeHead(200, feed.headers);
    res.end(feed.body);
  });
  await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
  process.send!({
    type: 'ready',
    barePort: (bare.address() as AddressInfo).port,
    feeds: prepared.flatMap((p) => p.infos),
  } satisfies ChildMessage);
  process.on('message', (msg) => {
    if (msg !== 'stop') return;
    bare.closeAllConnections();
    bare.close();
    void Promise.all(prepared.map((p) => p.close())).finally(() => process.exit(0));
  });
}

// ---------------------------------------------------------------------------------------------
// Parent: database, child, load.

/** CPU seconds (user + system) of a process so far, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export interface Measured extends WrkResult {
  /** CPU seconds the server process used per second of the run. */
  serverCpu: number;
}

/** A warm-up second, then a measured run; the server's CPU use alongside wrk's. */
export async function measure(url: string, headers: Record<string, string>, serverPid: number): Promise<Measured> {
  await wrk(url, headers, 1);
  const cpu0 = processCpuSeconds(serverPid);
  const t0 = Date.now();
  const r = await wrk(url, headers);
  return { ...r, serverCpu: (processCpuSeconds(serverPid) - cpu0) / ((Date.now() - t0) / 1000) };
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

async function main(): Promise<void> {
  const version = wrkVersion();
  let uri = process.env.MONGODB_URI?.trim();
  let stopDb: (() => Promise<void>) | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-bench-'));
  if (!uri) {
    const db = await startLocalDatabase({ dataDir: dir, log: () => undefined });
    uri = db.uri;
    stopDb = () => db.stop();
    console.log(`database: local ${db.kind} (throwaway, ${dir})`);
  } else console.log('database: MONGODB_URI');
  const child: ChildProcess = fork(__filename, ['--serve'], {
    env: { ...process.env, BENCH_DB_URI: uri, BENCH_DB_PREFIX: `bench_feeds_${process.pid}` },
    stdio: 'inherit',
  });
  const exited = new Promise((ok) => child.once('exit', ok));
  try {
    const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((ok, fail) => {
      child.once('message', (m: ChildMessage) => (m.type === 'ready' ? ok(m) : fail(new Error(m.message))));
      child.once('exit', (code) => fail(new Error(`server process exited (${code})`)));
    });
    const bareBase = `http://127.0.0.1:${ready.barePort}`;
    console.log(
      `node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`${version}: -t1 -c${CONNECTIONS}, ${DURATION_S} s per run after a 1 s warm-up, loopback\n`);
    console.log(
      `Building (ms; median of ${COLD_RUNS}, p90 in brackets): "from scratch" = snapshot of the read model + expansion of every`,
    );
    console.log(
      'series + rendering, nothing reused; "read" and "render" (expansions reused) apart; "after edit" = the first feed',
    );
    console.log(
      'served after an edit made by this instance (read model patched with the written documents, unchanged series not',
    );
    console.log(
      'expanded again; includes recording its Last-Modified), "elsewhere" = after an edit by another instance (the read',
    );
    console.log('model reloads the schedule from the database first):');
    console.log(
      'size   | occurrences | VEVENTs RRULE/expanded | bytes id/gz/br    | from scratch   | read  | render | expanded | after edit (p90) | elsewhere (p90)',
    );
    for (const f of ready.feeds.filter((x) => !x.servingOnly)) {
      console.log(
        `${f.label.padEnd(6)} | ${String(f.occurrences).padStart(11)} | ${`${f.vevents} / ${f.veventsExpanded}`.padStart(22)} | ${`${f.bytes}/${f.gzipBytes}/${f.brBytes}`.padEnd(17)} | ${`${f1(f.coldMs.median)} (${f1(f.coldMs.p90)})`.padStart(14)} | ${f1(f.readMs).padStart(5)} | ${f1(f.renderMs).padStart(6)} | ${f1(f.renderExpandedMs).padStart(8)} | ${`${f1(f.afterEditMs.median)} (${f1(f.afterEditMs.p90)})`.padStart(16)} | ${f1(f.afterRemoteEditMs.median)} (${f1(f.afterRemoteEditMs.p90)})`,
      );
    }
    console.log(
      '\nServing the cached feed (app = the service; bare = node:http serving the same bytes and headers from memory):',
    );
    console.log(
      'size   | request       | bare req/s | app req/s | ratio | bare p50/p99 ms | app p50/p99 ms | CPU bare srv/wrk | CPU app srv/wrk | bad',
    );
    const medium = ready.feeds.find((f) => f.label === '~300');
    for (const f of ready.feeds) {
      const variants: [string, Record<string, string>][] = [
        ['200 identity', {}],
        ['304', { 'if-none-match': f.etag }],
      ];
      if (f === medium)
        variants.splice(
          1,
          0,
          ['200 gzip', { 'accept-encoding': 'gzip' }],
          ['200 br', { 'accept-encoding': 'br' }],
          ['304 br', { 'accept-encoding': 'br', 'if-none-match': `${f.etag.slice(0, -1)}-br"` }],
        );
      for (const [name, headers] of variants) {
        const bare = await measure(`${bareBase}${f.path}`, headers, child.pid!);
        const app = await measure(`http://127.0.0.1:${f.appPort}${f.path}`, headers, child.pid!);
        console.log(
          `${f.label.padEnd(6)} | ${name.padEnd(13)} | ${f0(bare.rps).padStart(10)} | ${f0(app.rps).padStart(9)} | ${f2(app.rps / bare.rps).padStart(5)} | ${`${f2(bare.p50)}/${f2(bare.p99)}`.padStart(15)} | ${`${f2(app.p50)}/${f2(app.p99)}`.padStart(14)} | ${`${f2(bare.serverCpu)}/${f2(bare.wrkCpu)}`.padStart(16)} | ${`${f2(app.serverCpu)}/${f2(app.wrkCpu)}`.padStart(15)} | ${bare.bad + app.bad}`,
        );
      }
    }
    console.log(
      `(${ready.feeds.find((f) => f.servingOnly)?.label ?? ''}: the private feed of the largest body's chair, through its token.)`,
    );
    console.log(
      'CPU: seconds per second of the server process and of wrk (1.00 = one core); the server at ~1.00 with wrk below means',
    );
    console.log('the server, not the generator, set the rate.');
    console.log(
      '\nAims: cached feed 200 >= 0.5x bare, 304 >= 0.5x bare, first feed of ~300 events after an edit < 10 ms.',
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
