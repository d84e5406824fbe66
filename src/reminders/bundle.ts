/**
 * Bundles: the deliveries that go out as one email. Pure.
 *
 * The outbox keeps one delivery per item and address (its key, its state, its retries), because
 * that is what planning reasons about: an item submitted mutes its own reminders, a moved meeting
 * re-times them. But an agency preparing items 1-6 of one session must not get six emails in the
 * same minute. So the dispatcher sends the due deliveries of one bundle, i.e. the same kind (one
 * of `BUNDLED_KINDS`), meeting, address and send time, as ONE email listing the items, and
 * records each delivery as sent with that email's Message-ID and the server's reply. Other kinds
 * already carry everything for one address in one delivery (agenda, escalation, digest) or are
 * one event (change, publication): each is a bundle of one.
 *
 * @example bundleKeyOf({key: 'preparation:s:3:a@x:3', kind: 'preparation', occurrenceId: 's', recipient: 'a@x', dueAt})
 *   // 'preparation|s|a@x|2023-05-15T01:00:00.000Z', the same for items 1-6 of that meeting and address
 */
import { formatItemRange } from '../agenda/ranges';
import { bundleMessageIdOf } from './keys';
import type { RenderInput } from './render';
import type { Delivery, DeliveryKind } from './types';

/** Kinds whose deliveries of one meeting, address and send time are sent as one email. */
export const BUNDLED_KINDS: readonly DeliveryKind[] = ['preparation', 'overdue'];

type Keyed = Pick<Delivery, 'key' | 'kind' | 'occurrenceId' | 'recipient' | 'dueAt'>;

/** The bundle a delivery belongs to (its own key when its kind is not bundled). */
export function bundleKeyOf(d: Keyed): string {
  if (!BUNDLED_KINDS.includes(d.kind) || !d.occurrenceId) return d.key;
  return [d.kind, d.occurrenceId, d.recipient, d.dueAt.toISOString()].join('|');
}

/**
 * The bundles of a list, in the order they first appear; members sorted by key. The first member
 * is the bundle's leader: dispatchers claim leaders first, so that two of them never split one
 * bundle between two emails (the loser of the leader leaves the whole bundle alone).
 */
export function bundlesOf<T extends Keyed>(list: T[]): T[][] {
  const out = new Map<string, T[]>();
  for (const d of list) {
    const k = bundleKeyOf(d);
    out.set(k, [...(out.get(k) ?? []), d]);
  }
  return [...out.values()].map((members) => members.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}

/**
 * Up to about `batchSize` candidates without cutting a bundle: the members of a bundle already
 * taken come along, and when the read was full (`truncated`) the bundle of its last candidate,
 * which may go on beyond it, waits for the next read. When that bundle is all there is, the
 * answer is empty if a larger read is possible (`canReadMore`: read more, then decide), else
 * everything read.
 */
export function takeWholeBundles<T extends Keyed>(
  fresh: T[],
  batchSize: number,
  truncated: boolean,
  canReadMore = false,
): T[] {
  const taken = new Set(fresh.slice(0, batchSize).map(bundleKeyOf));
  const out = fresh.filter((c) => taken.has(bundleKeyOf(c)));
  if (!truncated || !fresh.length) return out;
  const last = bundleKeyOf(fresh[fresh.length - 1]!);
  const rest = out.filter((c) => bundleKeyOf(c) !== last);
  if (rest.length) return rest;
  return canReadMore ? [] : fresh;
}

type Member = Pick<Delivery, 'key' | 'kind' | 'recipient' | 'itemNumber' | 'data'>;

/**
 * The facts of one email about several items (preparation or overdue), from the facts stored with
 * each delivery: the meeting once, then each item with the agency's role and, for a preparation
 * reminder, how long is left. `numbers` is written the Office's way ("1-6", "7, 8").
 */
export function bundleFacts(members: Member[]): Record<string, unknown> {
  const sorted = [...members].sort((a, b) => (a.itemNumber ?? 0) - (b.itemNumber ?? 0));
  const items: Record<string, unknown>[] = sorted.map((m) => ({
    ...(m.data.item as Record<string, unknown>),
    role: m.data.role ?? '',
    remaining: m.data.remaining ?? '',
    offset: m.data.offset ?? null,
  }));
  // The most urgent item leads the subject: the smallest offset (due soonest) among those sent together.
  const urgent = items.reduce(
    (best, i) => (((i.offset as number | null) ?? Infinity) < ((best.offset as number | null) ?? Infinity) ? i : best),
    items[0]!,
  );
  const sameDue = new Set(items.map((i) => `${String(i.due)}|${String(i.offset)}`)).size === 1;
  const first = sorted[0]!.data;
  return {
    recipientName: first.recipientName,
    meeting: first.meeting,
    agencyLink: first.agencyLink,
    items,
    count: items.length,
    several: items.length > 1,
    numbers: formatItemRange(items.map((i) => Number(i.number))),
    due: urgent.due,
    remaining: urgent.remaining,
    sameDue,
  };
}

/** What one email renders from its deliveries (one or a bundle) and its Message-ID. */
export function emailInput(members: Member[], domain: string): RenderInput {
  const [first] = members;
  if (!first) throw new Error('an email needs at least one delivery');
  const messageId = bundleMessageIdOf(
    members.map((m) => m.key),
    domain,
  );
  if (!BUNDLED_KINDS.includes(first.kind))
    return { kind: first.kind, recipient: first.recipient, data: first.data, messageId };
  return { kind: first.kind, recipient: first.recipient, data: bundleFacts(members), messageId };
}
