/**
 * Two instances of the built service on one database, many concurrent writes to the same
 * records through both: nothing lost (agencies, history entries, SEQUENCE steps), no spurious 409.
 */
import { dueAt } from '../../src/agenda/due';
import { loadWorkingCalendar } from '../../src/calendar/adjustments';
import { call, chaosDatabase, startInstance, type ChaosDb, type Instance } from './harness';

let db: ChaosDb;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  db = await chaosDatabase('chaos-concurrency');
  a = await startInstance({ MONGODB_URI: db.uri }); // seeds the empty database
  b = await startInstance({ MONGODB_URI: db.uri });
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.close();
});

const both = (i: number) => (i % 2 ? b : a).base;

async function newMeeting(id: string, items: number): Promise<string> {
  const created = await call(a.base, 'POST', '/api/meetings', db.officeKey, {
    id,
    title: `Họp thử đồng thời ${id}`,
    kind: 'other',
    bodyCode: 'ubnd',
    date: '2023-06-20',
    time: '08:00',
    durationMinutes: 120,
  });
  expect(created.status).toBe(201);
  if (items) {
    const list = Array.from({ length: items }, (_, i) => ({
      number: i + 1,
      title: `Nội dung ${i + 1}`,
      kind: 'report',
      preparingAgencies: [],
    }));
    const added = await call(a.base, 'POST', `/api/occurrences/${id}/agenda`, db.officeKey, { items: list });
    expect(added.status).toBe(201);
  }
  return id;
}

describe('when two instances take concurrent writes to the same records', () => {
  test('then 48 concurrent "add agency" assignments keep all 12 agencies and 12 history entries per item', async () => {
    const id = await newMeeting('chaos-assign', 5);
    const agencies = ((await call(a.base, 'GET', '/api/agencies', db.officeKey)).body.agencies as { code: string }[])
      .map((x) => x.code)
      .slice(0, 12);
    expect(agencies).toHaveLength(12);
    const replies = await Promise.all(
      Array.from({ length: 48 }, (_, i) =>
        call(both(i), 'POST', `/api/occurrences/${id}/agenda/assign`, db.officeKey, {
          items: '1-5',
          agencyCode: agencies[i % 12],
          role: 'coordinating',
          mode: 'add',
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(48).fill(200));
    const items = await db.services.agendaRepo.listByOccurrences([id]);
    expect(items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5]);
    process.stderr.write(
      `[chaos] 48 concurrent assigns of 12 agencies: agencies kept per item = ${JSON.stringify(items.map((i) => new Set(i.preparingAgencies.map((p) => p.code)).size))}, "assigned" history entries per item = ${JSON.stringify(items.map((i) => i.history.filter((h) => h.action === 'assigned').length))}\n`,
    );
    for (const item of items) {
      expect(item.preparingAgencies.map((p) => p.code).sort()).toEqual([...agencies].sort());
      expect(item.history.filter((h) => h.action === 'assigned')).toHaveLength(12);
    }
  });

  test('then 50 concurrent moves of one occurrence all succeed and its SEQUENCE grows by exactly 50', async () => {
    const id = await newMeeting('chaos-move', 3);
    const before = (await call(a.base, 'GET', `/api/occurrences/${id}`, db.officeKey)).body.sequence as number;
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(both(i), 'POST', `/api/occurrences/${id}/move`, db.officeKey, {
          date: `2023-07-${String((i % 28) + 1).padStart(2, '0')}`,
          time: '14:00',
          reason: `Lần dời ${i + 1}`,
        }),
      ),
    );
    const after = await db.services.meetingRepo.getMeeting(id);
    process.stderr.write(
      `[chaos] 50 concurrent moves of a one-off meeting: statuses ${JSON.stringify(countBy(replies.map((r) => r.status)))}, SEQUENCE ${before} -> ${after!.sequence}\n`,
    );
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(after!.sequence).toBe(before + 50);
    // Every item's due date follows the final time (no stale re-timing won).
    const occ = await db.services.meetings.getOccurrence(id);
    const items = await db.services.agendaRepo.listByOccurrences([id]);
    const expected = await expectedDue(occ.id);
    for (const item of items) expect(item.dueAt?.toISOString()).toBe(expected);
  });

  test('then 50 concurrent moves of a series occurrence (first override written concurrently) give no 409 and 50 SEQUENCE steps', async () => {
    const occs = (await call(a.base, 'GET', '/api/occurrences?from=2023-06-01&to=2023-06-30&body=ubnd', db.officeKey))
      .body.occurrences as { id: string; seriesId: string | null; sequence: number }[];
    const target = occs.find((o) => o.seriesId)!;
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(both(i), 'POST', `/api/occurrences/${encodeURIComponent(target.id)}/move`, db.officeKey, {
          date: '2023-06-28',
          time: `${String(7 + (i % 10)).padStart(2, '0')}:00`,
          reason: `Dời ${i}`,
        }),
      ),
    );
    const override = await db.services.meetingRepo.getOverride(target.id);
    process.stderr.write(
      `[chaos] 50 concurrent first moves of a series occurrence: statuses ${JSON.stringify(countBy(replies.map((r) => r.status)))}, override SEQUENCE = ${override!.sequence}\n`,
    );
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(override!.sequence).toBe(50);
    const now = (await call(a.base, 'GET', `/api/occurrences/${encodeURIComponent(target.id)}`, db.officeKey)).body
      .sequence as number;
    expect(now).toBe(target.sequence + 50);
  });

  test('then concurrent status changes keep an unbroken history (every step recorded, each from the previous one)', async () => {
    const id = await newMeeting('chaos-status', 1);
    const statuses = ['preparing', 'submitted', 'returned', 'ready'];
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(both(i), 'POST', `/api/occurrences/${id}/agenda/1/status`, db.officeKey, { status: statuses[i % 4] }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(200));
    const [item] = await db.services.agendaRepo.listByOccurrences([id]);
    const steps = item!.history
      .filter((h) => h.action === 'status')
      .map((h) => h.changes.status as { from: string; to: string });
    expect(steps.length).toBeGreaterThan(0);
    process.stderr.write(
      `[chaos] 40 concurrent status changes: statuses ${JSON.stringify(countBy(replies.map((r) => r.status)))}, history steps ${steps.length}, broken links ${steps.filter((st, i) => i > 0 && st.from !== steps[i - 1]!.to).length}\n`,
    );
    let current = 'assigned';
    for (const step of steps) {
      expect(step.from).toBe(current);
      expect(step.to).not.toBe(step.from);
      current = step.to;
    }
    expect(item!.status).toBe(current);
    expect(item!.rev).toBe(item!.history.length - 1);
  });

  test('then concurrent carry-overs of one deferred item create one copy', async () => {
    const occs = (await call(a.base, 'GET', '/api/occurrences?from=2023-06-01&to=2023-06-30&body=ubnd', db.officeKey))
      .body.occurrences as { id: string; seriesId: string | null; status: string }[];
    const source = occs.filter((o) => o.seriesId && o.status !== 'cancelled')[1]!;
    expect(
      (
        await call(a.base, 'POST', `/api/occurrences/${encodeURIComponent(source.id)}/agenda`, db.officeKey, {
          number: 1,
          title: 'Nội dung hoãn',
          kind: 'report',
          preparingAgencies: [],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(a.base, 'POST', `/api/occurrences/${encodeURIComponent(source.id)}/agenda/1/status`, db.officeKey, {
          status: 'deferred',
        })
      ).status,
    ).toBe(200);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(both(i), 'POST', `/api/occurrences/${encodeURIComponent(source.id)}/agenda/1/carry-over`, db.officeKey),
      ),
    );
    expect(replies.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const targets = new Set(
      replies.filter((r) => r.status === 201).map((r) => `${r.body.occurrenceId}#${r.body.item.number}`),
    );
    expect(targets.size).toBe(1);
    const [carried] = [...targets];
    const copies = await db.services.agendaRepo.listByOccurrences([carried!.split('#')[0]!]);
    expect(copies.filter((i) => i.carriedFrom === `${source.id}#1`)).toHaveLength(1);
    const [src] = await db.services.agendaRepo.listByOccurrences([source.id]);
    expect(src!.carriedTo).toBe(carried);
  });
});

/** The documents-due instant the service should hold for an occurrence's items (computed here from the stored data). */
async function expectedDue(occurrenceId: string): Promise<string> {
  const cal = await loadWorkingCalendar(db.services.adjustments);
  const occ = await db.services.meetings.getOccurrence(occurrenceId, cal);
  const body = await db.services.orgRepos.bodies.get(occ.bodyCode);
  return dueAt(occ.localStart, occ.timeZone, body?.documentDueWorkingDays ?? 3, cal).toISOString();
}

function countBy(values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
