/**
 * `npm run bench:readmodel`: the memory and load time of the in-memory schedule (src/readmodel)
 * for the seed, for ~1,300 events (the feed benchmark's largest body) and for a province-sized
 * organisation (100 bodies, ~5,000 occurrences a month, 16,000 agenda items), each in a throwaway
 * database (MONGODB_URI, else a local one). Heap figures after a forced GC (`--expose-gc`).
 * Also: what 10,000 private-feed tokens would cost if held in memory (they are not: a private
 * feed looks its token up by hash in the database, so a revoked URL stops at once everywhere).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { readModel } from '../src/readmodel';
import { loadSeed } from '../src/seed/load';
import { createServices, type Services } from '../src/services';
import { fixedClock } from '../src/shared/clock';
import { connectDatabase, ensureIndexes } from '../src/shared/db';
import { startLocalDatabase } from '../src/shared/local-db';
import { createLogger } from '../src/shared/logger';
import { NOW, SIZES, createBenchData } from './feeds';

const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}

/**
 * 100 bodies, each with 20 agencies, 10 officials, 12 weekly series (~52 occurrences a month), a
 * monthly session with 10 items each month of the feed window, 24 moved occurrences. Written with
 * bulk inserts through the services' models (the schedule's use cases would take many minutes).
 */
async function province(s: Services): Promise<void> {
  const m = s.conn.models;
  const months = Array.from({ length: 16 }, (_, i) => new Date(Date.UTC(2024, 11 + i, 1)).toISOString().slice(0, 7));
  const history = { at: new Date(NOW), by: 'bench', action: 'created', changes: {} };
  const docs: Record<string, Record<string, unknown>[]> = {
    Body: [],
    Agency: [],
    Official: [],
    Series: [],
    AgendaItem: [],
    OccurrenceOverride: [],
  };
  for (let b = 0; b < 100; b++) {
    const body = `xa-${b}`;
    docs.Body!.push({
      _id: body,
      code: body,
      name: `Ủy ban nhân dân xã số ${b}`,
      shortName: 'UBND xã',
      kind: 'people-committee',
      level: 'commune',
      place: 'Tỉnh Thử Nghiệm',
      parentName: 'UBND TỈNH',
      timeZone: 'Asia/Ho_Chi_Minh',
      documentDueWorkingDays: 3,
    });
    const agencies = Array.from({ length: 20 }, (_, a) => `${body}-cq-${a}`);
    agencies.forEach((code, a) =>
      docs.Agency!.push({
        _id: code,
        code,
        name: `Cơ quan chuyên môn số ${a} của xã ${b}`,
        shortName: `CQ ${a}`,
        bodyCode: body,
        emails: [`${code}@bench.example`],
      }),
    );
    const officials = Array.from({ length: 10 }, (_, o) => `${body}-cb-${o}`);
    officials.forEach((code, o) =>
      docs.Official!.push({
        _id: code,
        code,
        name: `Cán bộ số ${o}`,
        title: o ? 'Phó Chủ tịch UBND xã' : 'Chủ tịch UBND xã',
        bodyCode: body,
        agencyCode: null,
        email: `${code}@bench.example`,
      }),
    );
    const common = {
      bodyCode: body,
      chairCode: officials[0]!,
      attendees: { officials: officials.slice(0, 3), agencies: agencies.slice(0, 4) },
      holidayPolicy: 'next-working-day',
      endDate: null,
      timeZone: 'Asia/Ho_Chi_Minh',
      warnings: [],
      sequence: 0,
      description: 'Giao ban định kỳ; các bộ phận báo cáo tiến độ, khó khăn, vướng mắc và đề xuất.',
    };
    for (let i = 0; i < 12; i++) {
      docs.Series!.push({
        ...common,
        _id: `${body}-gb-${i}`,
        title: `Giao ban chuyên đề số ${i}`,
        kind: 'briefing',
        location: 'Phòng họp UBND xã',
        startTime: i % 2 ? '14:00' : '08:00',
        durationMinutes: 120,
        rrule: `FREQ=WEEKLY;BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]}`,
        startDate: '2024-06-03',
      });
    }
    docs.Series!.push({
      ...common,
      _id: `${body}-ph`,
      title: 'Phiên họp thường kỳ UBND xã',
      kind: 'regular-session',
      location: 'Hội trường',
      startTime: '08:00',
      durationMinutes: 240,
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=25',
      startDate: '2024-06-25',
    });
    for (const month of months) {
      for (let k = 0; k < 10; k++) {
        docs.AgendaItem!.push({
          _id: `${body}-${month}-${k}`,
          occurrenceId: `${body}-ph_${month.replace('-', '')}25T0800`,
          seriesId: `${body}-ph`,
          number: k + 1,
          kind: 'report',
          status: 'assigned',
          title: `Báo cáo kết quả thực hiện nhiệm vụ số ${k + 1} tháng ${month}; phương hướng, nhiệm vụ tháng tiếp theo.`,
          preparingAgencies: [{ code: agencies[k]!, role: 'lead' }],
          leaderCode: null,
          dueAt: new Date(`${month}-20T10:00:00Z`),
          dueAtFixed: false,
          warnings: [],
          carriedTo: null,
          carriedFrom: null,
          history: [history],
          rev: 0,
        });
      }
    }
    for (let i = 0; i < 24; i++) {
      const day = `2025-0${(i % 9) + 1}-0${(i % 5) + 2}`;
      docs.OccurrenceOverride!.push({
        _id: `${body}-gb-${i % 12}_${day.replace(/-/g, '')}T0800`,
        seriesId: `${body}-gb-${i % 12}`,
        originalStart: `${day}T08:00`,
        start: `${day}T15:00`,
        reason: 'Trùng lịch làm việc với cấp trên',
        cancelled: false,
        sequence: 1,
        warnings: [],
      });
    }
  }
  for (const [model, list] of Object.entries(docs)) {
    for (let i = 0; i < list.length; i += 2000) await m[model]!.insertMany(list.slice(i, i + 2000), { ordered: false });
  }
}

interface Row {
  label: string;
  counts: Record<string, number>;
  loadMs: number;
  mb: number;
  occurrencesPerMonth: number;
}

async function measureCase(
  uri: string,
  label: string,
  fill: (s: Services) => Promise<void>,
  monthBody?: string,
): Promise<Row> {
  const conn: Connection = await connectDatabase(`${uri}/bench_rm_${process.pid}_${label.replace(/\W/g, '')}`);
  const s = createServices(
    conn,
    { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: 'https://lich.example.gov.vn', readModel: { pollMs: 0 } },
    fixedClock(NOW),
    createLogger('warn'),
  );
  try {
    await ensureIndexes(conn);
    await fill(s);
    const month = await s.meetings.occurrencesIn({
      from: '2025-03-01',
      to: '2025-03-31',
      ...(monthBody ? { bodyCode: monthBody } : {}),
    });
    // A read model of its own (no polling), loaded from the database through the services' repositories.
    const rm = readModel(
      { meetingRepo: s.meetingRepo, agendaRepo: s.agendaRepo, orgRepos: s.orgRepos, adjustments: s.adjustments },
      { pollMs: 0 },
    );
    const before = heapMb();
    const t0 = performance.now();
    const snapshot = await rm.current();
    const loadMs = performance.now() - t0;
    const after = heapMb();
    // The snapshot is read after the measurement, so it is kept alive until measured.
    const row = { label, counts: snapshot.counts, loadMs, mb: after - before, occurrencesPerMonth: month.length };
    return row;
  } finally {
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
  }
}

function tokensMb(): number {
  const before = heapMb();
  const tokens = new Map<string, object>();
  for (let i = 0; i < 10_000; i++) {
    const hash = randomBytes(32).toString('base64url');
    tokens.set(hash, {
      id: `tok_${randomBytes(12).toString('base64url')}`,
      hash,
      kind: i % 2 ? 'agency' : 'official',
      subjectCode: `xa-${i % 100}-cq-${i % 20}`,
      label: 'Lịch của đơn vị',
      createdBy: 'office',
      createdAt: new Date(),
      revokedAt: null,
      replacedBy: null,
    });
  }
  const mb = heapMb() - before;
  // The map is read after the measurement, so it is kept alive until measured.
  return tokens.size > 0 ? mb : NaN;
}

async function main(): Promise<void> {
  if (!gc) console.log('(run with node --expose-gc for exact heap figures: npm run bench:readmodel does)');
  let uri = process.env.MONGODB_URI?.trim().replace(/\/[^/?]*(\?.*)?$/, '');
  let stopDb: (() => Promise<void>) | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-bench-rm-'));
  if (!uri) {
    const db = await startLocalDatabase({ dataDir: dir, log: () => undefined });
    uri = db.uri;
    stopDb = () => db.stop();
    console.log(`database: local ${db.kind} (throwaway)`);
  }
  try {
    console.log(
      `node ${process.version}, ${os.cpus().length} CPU, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    const rows: Row[] = [];
    rows.push(
      await measureCase(uri, 'seed', async (s) => {
        await loadSeed(s);
      }),
    );
    rows.push(await measureCase(uri, '~1300 events', (s) => createBenchData(s, SIZES[2]!), SIZES[2]!.body));
    rows.push(await measureCase(uri, 'province', province));
    console.log(
      'case          | occurrences in 3/2025 | series | overrides | meetings | items  | bodies/agencies/officials | load ms | heap MB',
    );
    for (const r of rows) {
      const c = r.counts;
      console.log(
        `${r.label.padEnd(13)} | ${String(r.occurrencesPerMonth).padStart(21)} | ${String(c.series).padStart(6)} | ${String(c.overrides).padStart(9)} | ${String(c.meetings).padStart(8)} | ${String(c.items).padStart(6)} | ${`${c.bodies}/${c.agencies}/${c.officials}`.padStart(25)} | ${r.loadMs.toFixed(0).padStart(7)} | ${r.mb.toFixed(1)}`,
      );
    }
    console.log(`\n10,000 private-feed tokens as records in a Map (not held today): ${tokensMb().toFixed(1)} MB`);
    console.log('Rendered feeds are cached apart, bounded by FEED_CACHE_MB (default 64).');
  } finally {
    await stopDb?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
