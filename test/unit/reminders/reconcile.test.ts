import { planDeliveries } from '../../../src/reminders/plan';
import { reconcile, SUPERSEDED, type StoredSummary } from '../../../src/reminders/reconcile';
import type { PlannedDelivery } from '../../../src/reminders/types';
import { item, planInput, session } from './fixtures';

function stored(p: PlannedDelivery, fields: Partial<StoredSummary> = {}): StoredSummary {
  return {
    key: p.key,
    kind: p.kind,
    group: p.group,
    state: 'pending',
    reason: null,
    dueAt: p.dueAt,
    expiresAt: p.expiresAt,
    nextAttemptAt: p.dueAt,
    attempts: 0,
    dataHash: p.dataHash,
    ...fields,
  };
}
const prep = (list: PlannedDelivery[], offset: number) =>
  list.find((p) => p.key === `preparation:ubnd-phien-hop-thuong-ky_20230525T0800:1:tckh@lucngan.example:${offset}`)!;

describe('reconciling planned deliveries with the outbox (pure)', () => {
  test('when the outbox is empty, then everything planned is inserted; when it holds the same, nothing is written', () => {
    const now = new Date('2023-05-01T01:00:00Z');
    const planned = planDeliveries(planInput(now.toISOString()));
    const first = reconcile(planned, [], [], now);
    expect(first.inserts).toHaveLength(planned.length);
    expect(first.inserts.every((i) => i.state === 'pending')).toBe(true);
    const again = reconcile(
      planned,
      [],
      planned.map((p) => stored(p)),
      now,
    );
    expect(again).toEqual({ inserts: [], refreshes: [], mutes: [], expires: [] });
  });

  test('when the service comes back on 16/5 09:00 after being down since 8/5, then of the 9/5 and 15/5 reminders only the 15/5 one stays to be sent', () => {
    const now = new Date('2023-05-16T02:00:00Z');
    const planned = planDeliveries(planInput(now.toISOString()));
    const r = reconcile(planned, [], [], now);
    const state = (offset: number) => r.inserts.find((i) => i.planned.key === prep(planned, offset).key)!;
    expect(state(7)).toMatchObject({ state: 'expired', reason: SUPERSEDED });
    expect(state(3)).toMatchObject({ state: 'pending' });
    expect(state(1)).toMatchObject({ state: 'pending' });
  });

  test('when both were already stored and pending, then the older one is expired', () => {
    const now = new Date('2023-05-16T02:00:00Z');
    const planned = planDeliveries(planInput(now.toISOString()));
    const r = reconcile(
      planned,
      [],
      planned.map((p) => stored(p)),
      now,
    );
    expect(r.expires).toEqual([{ key: prep(planned, 7).key, reason: SUPERSEDED }]);
  });

  test('when the meeting moves, then pending reminders are refreshed with their new times', () => {
    const now = new Date('2023-05-08T01:00:00Z');
    const before = planDeliveries(planInput(now.toISOString()));
    const moved = planDeliveries(
      planInput(now.toISOString(), {
        occurrences: [session({ localStart: '2023-05-30T08:00' })],
        items: [item(1, { dueAt: new Date('2023-05-25T10:00:00Z') })],
      }),
    );
    const r = reconcile(
      moved,
      [],
      before.map((p) => stored(p)),
      now,
    );
    // The escalation is keyed by its date: the new one is inserted, the old one muted; the item
    // now falls after this Monday's 14-day digest window.
    expect(r.inserts.map((i) => i.planned.key)).toEqual([
      'escalation:ubnd-phien-hop-thuong-ky_20230525T0800:-:vanphong@lucngan.example:2023-05-26',
    ]);
    expect(r.mutes.map((m) => m.key).sort()).toEqual([
      'digest:-:-:tckh@lucngan.example:2023-05-08',
      'escalation:ubnd-phien-hop-thuong-ky_20230525T0800:-:vanphong@lucngan.example:2023-05-19',
    ]);
    const refreshed = r.refreshes.find((f) => f.key === prep(before, 7).key)!;
    expect(refreshed.planned.dueAt.toISOString()).toBe('2023-05-16T01:00:00.000Z');
  });

  test('when the item is submitted, then its pending reminders are muted with the reason given; sent ones are left alone', () => {
    const now = new Date('2023-05-16T02:00:00Z');
    const before = planDeliveries(planInput(now.toISOString()));
    const after = planDeliveries(planInput(now.toISOString(), { items: [item(1, { status: 'submitted' })] }));
    const outbox = before.map((p) => stored(p, p.key === prep(before, 3).key ? { state: 'sent' } : {}));
    const r = reconcile(after, [], outbox, now, () => 'item submitted');
    expect(r.mutes.map((m) => m.key).sort()).toEqual(
      [
        prep(before, 7).key,
        prep(before, 1).key,
        prep(before, 0).key,
        ...before.filter((p) => ['overdue', 'escalation', 'digest'].includes(p.kind)).map((p) => p.key),
      ].sort(),
    );
    expect(new Set(r.mutes.map((m) => m.reason))).toEqual(new Set(['item submitted']));
  });

  test('when a muted delivery is wanted again (cancellation undone), then it is unmuted', () => {
    const now = new Date('2023-05-08T01:00:00Z');
    const planned = planDeliveries(planInput(now.toISOString()));
    const r = reconcile(
      planned,
      [],
      planned.map((p) => stored(p, { state: 'muted', reason: 'meeting cancelled' })),
      now,
    );
    expect(r.refreshes).toHaveLength(planned.length);
    expect(r.refreshes.every((f) => f.from === 'muted')).toBe(true);
  });

  test('when a change notice is stored and not planned again, then it is neither muted nor re-inserted', () => {
    const now = new Date('2023-05-08T01:00:00Z');
    const notice = {
      ...planDeliveries(planInput(now.toISOString()))[0]!,
      key: 'change:x:-:a@b.example:2',
      kind: 'change' as const,
      group: 'change:x:-:a@b.example',
    };
    expect(reconcile([], [], [stored(notice)], now)).toEqual({ inserts: [], refreshes: [], mutes: [], expires: [] });
  });
  test('when a publication notice waits in the outbox, then planning (which never plans it) leaves it alone', () => {
    const now = new Date('2023-05-10T02:00:00Z');
    const pub = {
      ...planDeliveries(planInput(now.toISOString()))[0]!,
      key: 'publication:-:-:tckh@lucngan.example:programme-ubnd:2023-05:2',
      kind: 'publication' as const,
      group: null,
      dueAt: now,
      expiresAt: new Date('2023-05-17T02:00:00Z'),
    };
    expect(reconcile(planDeliveries(planInput(now.toISOString())), [], [stored(pub)], now).mutes).toEqual([]);
  });
});
