/**
 * Compares what planning wants with what the outbox holds and says what to write. Pure.
 *
 * - wanted, absent            → insert (pending; or expired when superseded, see below);
 * - wanted, pending, changed  → refresh: new send time, expiry and facts (a moved meeting re-times
 *                               its pending reminders this way);
 * - wanted, muted             → unmute (e.g. a cancellation was undone);
 * - pending, no longer wanted → mute (meeting cancelled, item submitted, recipient opted out,
 *                               settings changed); change and publication notices are events,
 *                               never muted here (publication notices are not planned at all);
 * - sent / dead / expired     → left alone: a key is used once.
 *
 * After downtime ("catch-up"): of the deliveries of one group (one item's preparation reminders
 * to one address; one meeting's change notices to one address) that are due now, only the latest
 * is sent; the earlier ones are marked expired with reason "superseded". Example: down from 8/5
 * to 16/5/2023 09:00, the "7 working days" reminder of 9/5 and the "3 working days" one of 15/5
 * both fell due; only the latter is sent. Anything past its expiry is expired by the dispatcher.
 */
import { EVENT_KINDS, type DeliveryKind, type DeliveryState, type PlannedDelivery } from './types';

/** The fields of a stored delivery that reconciling needs. */
export interface StoredSummary {
  key: string;
  kind: DeliveryKind;
  group: string | null;
  state: DeliveryState;
  reason: string | null;
  dueAt: Date;
  expiresAt: Date;
  nextAttemptAt: Date;
  attempts: number;
  dataHash: string;
}

export const SUPERSEDED = 'superseded by a later reminder of the same item (catch-up after downtime)';

export interface Reconciliation {
  inserts: { planned: PlannedDelivery; state: 'pending' | 'expired'; reason: string | null }[];
  refreshes: { key: string; planned: PlannedDelivery; from: 'pending' | 'muted' }[];
  mutes: { key: string; reason: string }[];
  expires: { key: string; reason: string }[];
}

/**
 * @param planned derived deliveries (everything but change notices): the full wanted set
 * @param notices change notices detected in this pass (inserted if absent, never refreshed)
 * @param stored  pending deliveries and every delivery not yet expired
 * @param whyNot  reason recorded when muting a pending delivery that is no longer wanted
 */
export function reconcile(
  planned: PlannedDelivery[],
  notices: PlannedDelivery[],
  stored: StoredSummary[],
  now: Date,
  whyNot: (s: StoredSummary) => string = () => 'no longer planned',
): Reconciliation {
  const out: Reconciliation = { inserts: [], refreshes: [], mutes: [], expires: [] };
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const wanted = new Map<string, PlannedDelivery>();
  for (const p of [...planned, ...notices]) wanted.set(p.key, p);

  /** Pending after this pass, with the send time it will have: the input of catch-up. */
  const effective: { key: string; group: string; dueAt: Date; insert?: (typeof out.inserts)[number] }[] = [];

  for (const p of wanted.values()) {
    const s = byKey.get(p.key);
    if (!s) {
      const insert = { planned: p, state: 'pending' as const, reason: null };
      out.inserts.push(insert);
      if (p.group) effective.push({ key: p.key, group: p.group, dueAt: p.dueAt, insert });
      continue;
    }
    if (EVENT_KINDS.includes(p.kind)) {
      if (s.state === 'pending' && s.group) effective.push({ key: s.key, group: s.group, dueAt: s.dueAt });
      continue;
    }
    if (s.state === 'pending' || s.state === 'muted') {
      if (s.state === 'muted' || s.dataHash !== p.dataHash)
        out.refreshes.push({ key: s.key, planned: p, from: s.state });
      if (p.group) effective.push({ key: s.key, group: p.group, dueAt: p.dueAt });
    }
  }

  for (const s of stored) {
    if (s.state !== 'pending' || EVENT_KINDS.includes(s.kind) || wanted.has(s.key)) continue;
    if (s.expiresAt > now) out.mutes.push({ key: s.key, reason: whyNot(s) });
  }

  // Catch-up: in each group, of the members due now only the latest is sent.
  const groups = new Map<string, typeof effective>();
  for (const e of effective) if (e.dueAt <= now) groups.set(e.group, [...(groups.get(e.group) ?? []), e]);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    members.sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime() || (a.key < b.key ? 1 : -1));
    for (const older of members.slice(1)) {
      if (older.insert) {
        older.insert.state = 'expired';
        older.insert.reason = SUPERSEDED;
      } else {
        out.refreshes = out.refreshes.filter((r) => r.key !== older.key);
        out.expires.push({ key: older.key, reason: SUPERSEDED });
      }
    }
  }
  return out;
}

/** True when a reconciliation writes nothing. */
export function isEmpty(r: Reconciliation): boolean {
  return !r.inserts.length && !r.refreshes.length && !r.mutes.length && !r.expires.length;
}
