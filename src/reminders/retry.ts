/**
 * What to do after a failed send: retry later (transient) or dead-letter (permanent). Pure.
 *
 * - An SMTP reply 4xx (e.g. 421 service not available, 450 mailbox busy, 452 insufficient storage)
 *   or a connection-level failure (refused, reset, timeout, DNS, TLS) is transient: the delivery is
 *   retried with exponential backoff and jitter, so that many deliveries failing together (a mail
 *   server restarting) do not come back in one burst.
 * - An SMTP reply 5xx (e.g. 550 mailbox unavailable, 553 bad address) is permanent: the same
 *   message would be refused again. So is an error we cannot classify (a bug, a bad template):
 *   retrying would only repeat it. The delivery goes to the dead-letter state, where the Office
 *   sees it and can retry it once the cause is fixed.
 * - After `maxAttempts` attempts a transient failure is dead-lettered too.
 */

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay after the first failure; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 60_000, maxDelayMs: 6 * 3_600_000 };

const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROXY',
  'EMAXLIMIT',
  'EAUTH',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export type FailureClass = 'transient' | 'permanent';

/** Classifies a nodemailer / socket error. */
export function classifyFailure(err: unknown): FailureClass {
  const e = (err ?? {}) as { responseCode?: unknown; code?: unknown; permanent?: unknown };
  if (typeof e.responseCode === 'number')
    return e.responseCode >= 400 && e.responseCode < 500 ? 'transient' : 'permanent';
  if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return 'transient';
  return 'permanent';
}

/**
 * The delay before attempt `attempts + 1`, with "equal jitter": half the exponential delay fixed,
 * half random. `random` is injected (tests pass a constant).
 * @example backoffMs(1, DEFAULT_RETRY_POLICY, () => 0) // 30000 (half of 60 s)
 */
export function backoffMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export type FailureOutcome =
  { state: 'pending'; nextAttemptAt: Date; reason: null } | { state: 'dead'; reason: string };

/** After attempt number `attempts` (1-based) failed with `err` at `now`. */
export function afterFailure(
  err: unknown,
  attempts: number,
  now: Date,
  policy: RetryPolicy,
  random?: () => number,
): FailureOutcome {
  if (classifyFailure(err) === 'permanent') return { state: 'dead', reason: 'rejected permanently by the mail server' };
  if (attempts >= policy.maxAttempts) return { state: 'dead', reason: `still failing after ${attempts} attempts` };
  return {
    state: 'pending',
    nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, policy, random)),
    reason: null,
  };
}

/** A short, log-safe description of a send error (no credentials: nodemailer does not put them in messages). */
export function describeError(err: unknown): string {
  const e = (err ?? {}) as { responseCode?: number; code?: string; response?: string; message?: string };
  const parts = [e.code, e.responseCode, (e.response ?? e.message ?? String(err)).replace(/\s+/g, ' ').slice(0, 300)];
  return parts.filter((p) => p !== undefined && p !== '').join(' ');
}
