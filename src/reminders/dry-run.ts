/**
 * What a pass would send at a given time, without writing anything: the planner's computation
 * laid over the outbox's due deliveries.
 */
import type { Computed } from './planner';
import type { DeliveryRepository } from './repository';
import type { DeliveryKind } from './types';

export interface WouldSend {
  key: string;
  kind: DeliveryKind;
  recipient: string;
  occurrenceId: string | null;
  itemNumber: number | null;
  dueAt: Date;
  data: Record<string, unknown>;
}

export async function wouldSend(
  computed: Computed,
  deliveries: DeliveryRepository,
  limit = 100_000,
): Promise<WouldSend[]> {
  const { now, reconciliation: r } = computed;
  const gone = new Set([...r.mutes.map((m) => m.key), ...r.expires.map((e) => e.key)]);
  const refreshed = new Map(r.refreshes.map((f) => [f.key, f.planned]));
  const out: WouldSend[] = [];
  for (const d of await deliveries.candidates(now, limit)) {
    if (gone.has(d.key) || d.expiresAt <= now) continue;
    const p = refreshed.get(d.key);
    if (p && (p.dueAt > now || p.expiresAt <= now)) continue;
    out.push({
      key: d.key,
      kind: d.kind,
      recipient: d.recipient,
      occurrenceId: d.occurrenceId,
      itemNumber: d.itemNumber,
      dueAt: p?.dueAt ?? d.dueAt,
      data: p?.data ?? d.data,
    });
  }
  for (const f of r.refreshes) {
    // A muted delivery coming back, due now, is not among the pending candidates.
    if (f.from === 'muted' && f.planned.dueAt <= now && !gone.has(f.key))
      out.push({
        key: f.key,
        kind: f.planned.kind,
        recipient: f.planned.recipient,
        occurrenceId: f.planned.occurrenceId,
        itemNumber: f.planned.itemNumber,
        dueAt: f.planned.dueAt,
        data: f.planned.data,
      });
  }
  for (const i of r.inserts) {
    // Planning proposes every wanted key the outbox lacks, finished ones included: look them up.
    if (i.state === 'pending' && i.planned.dueAt <= now && !(await deliveries.get(i.planned.key)))
      out.push({
        key: i.planned.key,
        kind: i.planned.kind,
        recipient: i.planned.recipient,
        occurrenceId: i.planned.occurrenceId,
        itemNumber: i.planned.itemNumber,
        dueAt: i.planned.dueAt,
        data: i.planned.data,
      });
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : 1));
}

/** Of the keys planning proposes to insert, those the outbox and its log do not have yet. */
export async function trulyNew(
  computed: Computed,
  deliveries: DeliveryRepository,
): Promise<Computed['reconciliation']['inserts']> {
  const out: Computed['reconciliation']['inserts'] = [];
  for (const i of computed.reconciliation.inserts) if (!(await deliveries.get(i.planned.key))) out.push(i);
  return out;
}
