/**
 * Delivery keys, Message-IDs and content hashes. Pure.
 */
import { createHash } from 'node:crypto';
import type { DeliveryKind } from './types';

/**
 * The unique key of a delivery.
 * @example deliveryKey('preparation', 'ubnd-phien-hop-thuong-ky_20230525T0800', 3, 'tckh@lucngan.example', 7)
 * // 'preparation:ubnd-phien-hop-thuong-ky_20230525T0800:3:tckh@lucngan.example:7'
 */
export function deliveryKey(kind: DeliveryKind, occurrenceId: string | null, itemNumber: number | null, recipient: string, extra?: string | number): string {
  const parts = [kind, occurrenceId ?? '-', itemNumber === null ? '-' : String(itemNumber), recipient];
  if (extra !== undefined) parts.push(String(extra));
  return parts.join(':');
}

/** The key without its extra part: deliveries of one group replace each other. */
export function groupKey(kind: DeliveryKind, occurrenceId: string | null, itemNumber: number | null, recipient: string): string {
  return deliveryKey(kind, occurrenceId, itemNumber, recipient);
}

/** Lower-case, trimmed address; deliveries are per address, whatever the case it was typed in. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The Message-ID of a delivery: the same for every attempt, so a receiving server or client that
 * got a message twice (a lease that expired mid-send) can tell it is one message.
 * @example messageIdOf('digest:-:-:a@b.example:2023-05-15') // '<3f1c…@lich-hop>'
 */
export function messageIdOf(key: string, domain = 'lich-hop'): string {
  return `<${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 40)}@${domain}>`;
}

/** JSON with sorted object keys, so that equal data always hashes the same. */
export function stableJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(stableJson(value), 'utf8').digest('hex').slice(0, 32);
}
