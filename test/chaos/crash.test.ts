/**
 * kill -9 of the built service at random points of multi-document changes, then a restart:
 * the invariants hold after the restart (its start-up completion pass finishes what was cut).
 * Delays come from a seeded generator; CHAOS_SEED replays a run.
 */
import { loadWorkingCalendar } from '../../src/calendar/adjustments';
import { dueAt } from '../../src/agenda/due';
import { call, chaosDatabase, seededDelays, sleep, startInstance, type ChaosDb, type Instance } from './harness';

const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
const delay = seededDelays(SEED);
const TRIES = 4;

let db: ChaosDb;
let instance: Instance;

beforeAll(async () => {
  process.stderr.write(`[chaos] CHAOS_SEED=${SEED}\n`);
  db = await chaosDatabase('chaos-crash');
  instance = await startInstance({ MONGODB_URI: db.uri });
});

afterAll(async () => {
  await instance?.stop();
  await db?.close();
});

/** kill -9 now, start again (the start-up pass runs before it listens). */
async function crashAndRestart(): Promise<void> {
  await instance.crash();
  instance = await startInstance({ MONGODB_URI: db.uri });
}

/** Starts a request, kills the instance after `ms`, restarts it; the request's fate does not matter. */
async function killDuring(ms: number, request: () => Promise<unknown>): Promise<void> {
  const pending = request();
  await sleep(ms);
  await crashAndRestart();
  await pending;
}

async function expectedDue(occurrenceId: string): Promise<string> {
  const cal = await loadWorkingCalendar(db.services.adjustments);
  const occ = await db.services.meetings.getOccurrence(occurrenceId, cal);
  const body = await db.services.orgRepos.bodies.get(occ.bodyCode);
  return dueAt(occ.localStart, occ.timeZone, body?.documentDueWorkingDays ?? 3, cal).toISOString();
}

function manyItems(n: number, from = 1) {
  return Array.from({ length: n }, (_, i) => ({
    number: from + i,
    title: `Nội dung số ${from + i} của phiên họp`,
    kind: 'report',
    preparingAgencies: [{ code: 'phong-tc-kh', role: 'lead' }],
  }));
}

describe('when the service is killed (-9) in the middle of a change and restarted', () => {
  test('then after a cut move of a meeting with 200 items every item is due by the meeting where it now is', async () => {
    const id = 'chaos-move-200';
    expect(
      (
        await call(instance.base, 'POST', '/api/meetings', db.officeKey, {
          id,
          title: 'Phiên họp nhiều nội dung',
          kind: 'other',
          bodyCode: 'ubnd',
          date: '2023-08-15',
          time: '08:00',
          durationMinutes: 240,
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(instance.base, 'POST', `/api/occurrences/${id}/agenda`, db.officeKey, { items: manyItems(200) }))
        .status,
    ).toBe(201);
    const stale: number[] = [];
    for (let t = 0; t < TRIES; t++) {
      const ms = delay(30, 900);
      const date = `2023-09-${String(4 + t * 3).padStart(2, '0')}`;
      await killDuring(ms, () =>
        call(instance.base, 'POST', `/api/occurrences/${id}/move`, db.officeKey, {
          date,
          time: '14:00',
          reason: `Dời lần ${t + 1}`,
        }),
      );
      const expected = await expectedDue(id);
      const items = await db.services.agendaRepo.listByOccurrences([id]);
      expect(items).toHaveLength(200);
      stale.push(items.filter((i) => i.dueAt?.toISOString() !== expected).length);
    }
    process.stderr.write(
      `[chaos] move of 200 items killed at random points: stale due dates after restart per try = ${JSON.stringify(stale)}\n`,
    );
    expect(stale).toEqual(Array(TRIES).fill(0));
    expect(await db.services.intents.count()).toBe(0);
  });

  test('then an agenda batch cut half-way is stored whole or not at all', async () => {
    const counts: number[] = [];
    for (let t = 0; t < TRIES; t++) {
      const id = `chaos-batch-${t}`;
      expect(
        (
          await call(instance.base, 'POST', '/api/meetings', db.officeKey, {
            id,
            title: 'Phiên họp thêm nội dung',
            kind: 'other',
            bodyCode: 'ubnd',
            date: '2023-08-22',
            time: '08:00',
            durationMinutes: 240,
          })
        ).status,
      ).toBe(201);
      await killDuring(delay(5, 400), () =>
        call(instance.base, 'POST', `/api/occurrences/${id}/agenda`, db.officeKey, { items: manyItems(200) }),
      );
      counts.push((await db.services.agendaRepo.listByOccurrences([id])).length);
    }
    process.stderr.write(
      `[chaos] agenda batch of 200 killed at random points: items stored after restart per try = ${JSON.stringify(counts)}\n`,
    );
    for (const n of counts) expect([0, 200]).toContain(n);
    expect(await db.services.intents.count()).toBe(0);
  });

  test('then every published revision that changed meetings has its revision notices planned', async () => {
    const path = '/api/programmes/ubnd/2023-05';
    expect((await call(instance.base, 'POST', `${path}/publish`, db.officeKey, { documentNumber: '45' })).status).toBe(
      201,
    );
    const briefings = (
      (await call(instance.base, 'GET', '/api/occurrences?from=2023-05-01&to=2023-05-31&body=ubnd', db.officeKey)).body
        .occurrences as { id: string; seriesId: string | null }[]
    ).filter((o) => o.seriesId);
    const change = async (t: number) => {
      const occ = briefings[t % briefings.length]!;
      const moved = await call(
        instance.base,
        'POST',
        `/api/occurrences/${encodeURIComponent(occ.id)}/move`,
        db.officeKey,
        { date: '2023-05-29', time: `${String(8 + t).padStart(2, '0')}:30`, reason: `Điều chỉnh ${t + 1}` },
      );
      expect(moved.status).toBe(200);
    };
    // One publish uncut, to learn how long it takes here; the cuts then land before, during and after storing.
    await change(0);
    const started = Date.now();
    expect((await call(instance.base, 'POST', `${path}/publish`, db.officeKey, {})).status).toBe(201);
    const took = Date.now() - started;
    for (let t = 1; t <= TRIES + 2; t++) {
      await change(t);
      await killDuring(delay(Math.round(took * 0.3), Math.round(took * 1.3)), () =>
        call(instance.base, 'POST', `${path}/publish`, db.officeKey, {}),
      );
    }
    const versions = await db.services.publishing.versions('programme', 'ubnd', '2023-05');
    // A kill between registering a notice's outbox key and storing it leaves work that may be
    // taken over only once the key is old (2 min: another process could still be storing it);
    // the completion pass (every 30 s) finishes it then. Wait for that bound, no longer.
    const stored = new Set(versions.map((v) => v.version));
    const unfinished = async () =>
      (await db.services.intents.pending(new Date(Date.now() + 60_000))).filter((i) =>
        stored.has(Number(i.payload.version)),
      );
    const end = Date.now() + 300_000;
    let waited = 0;
    while ((await unfinished()).length && Date.now() < end) {
      await sleep(5_000);
      waited += 5;
    }
    if (waited) process.stderr.write(`[chaos] waited ${waited} s for the completion pass to finish revision notices\n`);
    expect(versions.length).toBeGreaterThanOrEqual(1);
    const { deliveries } = await db.services.reminders.deliveries.list({ kind: 'publication' }, 10_000, 0);
    const missing = versions
      .filter((v) => v.version > 1)
      .filter((v) => !deliveries.some((d) => d.key.endsWith(`:programme-ubnd:2023-05:${v.version}`)));
    for (const v of missing) {
      const { comparison } = await db.services.publishing.compare(
        'programme',
        'ubnd',
        '2023-05',
        v.version - 1,
        v.version,
      );
      process.stderr.write(
        `[chaos] version ${v.version} has no notices; meetingsChanged=${comparison.meetingsChanged} lines=${JSON.stringify(comparison.lines)}\n`,
      );
    }
    process.stderr.write(
      `[chaos] publishing killed at random points: versions ${versions.map((v) => v.version).join(',')}; revisions without notices = ${JSON.stringify(missing.map((v) => v.version))}\n`,
    );
    expect(missing.map((v) => v.version)).toEqual([]);
    // Left: only intents of publishes killed before their version was stored (dropped after 10 minutes).
    const left = await db.services.intents.pending(new Date(Date.now() + 60_000));
    for (const i of left) {
      expect(i.kind).toBe('revision-notices');
      expect(versions.map((v) => v.version)).not.toContain(i.payload.version);
    }
  }, 600_000);
});
