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
export function deliveryKey(
  kind: DeliveryKind,
  occurrenceId: string | null,
  itemNumber: number | null,
  recipient: string,
  extra?: string | number,
): string {
  const parts = [kind, occurrenceId ?? '-', itemNumber === null ? '-' : String(itemNumber), recipient];
  if (extra !== undefined) parts.push(String(extra));
  return parts.join(':');
}

/** The key without its extra part: deliveries of one group replace each other. */
export function groupKey(
  kind: DeliveryKind,
  occurrenceId: string | null,
  itemNumber: number | null,
  recipient: string,
): string {
  return deliveryKey(kind, occurrenceId, itemNumber, recipient);
}

/** Lower-case, trimmed address; deliveries are per address, whatever the case it was typed in. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The Message-ID of a delivery sent alone: the same for every attempt, so a receiving server or
 * client that got a message twice (a lease that expired mid-send) can tell it is one message. Its
 * domain is the sender's (see `messageDomainOf`): a Message-ID without a real domain is scored
 * by spam filters.
 * @example messageIdOf('digest:-:-:a@b.example:2023-05-15', 'lucngan.gov.vn') // '<3f1c…@lucngan.gov.vn>'
 */
export function messageIdOf(key: string, domain: string): string {
  return `<${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 40)}@${domain}>`;
}

/**
 * The Message-ID of one email carrying several deliveries (bundle.ts): derived from their keys,
 * so a re-send of the same bundle after a crash carries the same id, and two emails with
 * different contents never share one. One key gives `messageIdOf(key)`.
 */
export function bundleMessageIdOf(keys: string[], domain: string): string {
  const sorted = [...new Set(keys)].sort();
  return sorted.length === 1 ? messageIdOf(sorted[0]!, domain) : messageIdOf(`bundle\n${sorted.join('\n')}`, domain);
}

/** The domain of the sender's address (MAIL_FROM), for Message-IDs. */
export function messageDomainOf(senderEmail: string): string {
  const at = senderEmail.lastIndexOf('@');
  const domain =
    at >= 0
      ? senderEmail
          .slice(at + 1)
          .trim()
          .toLowerCase()
      : '';
  if (!/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/.test(domain))
    throw new Error(`the sender address ${JSON.stringify(senderEmail)} has no domain to put in Message-IDs`);
  return domain;
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
