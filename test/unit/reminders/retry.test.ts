import { afterFailure, backoffMs, classifyFailure, DEFAULT_RETRY_POLICY } from '../../../src/reminders/retry';

const smtpError = (responseCode: number) =>
  Object.assign(new Error(`${responseCode} nope`), { code: 'EMESSAGE', responseCode });

describe('retry policy (pure)', () => {
  test('when the server answers 4xx or the connection fails, then it is transient; 5xx or an unknown error is permanent', () => {
    expect(classifyFailure(smtpError(421))).toBe('transient');
    expect(classifyFailure(smtpError(452))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('refused'), { code: 'ECONNECTION' }))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))).toBe('transient');
    expect(classifyFailure(smtpError(550))).toBe('permanent');
    expect(classifyFailure(smtpError(553))).toBe('permanent');
    expect(classifyFailure(new TypeError('template bug'))).toBe('permanent');
  });

  test('when attempts grow, then the delay doubles up to the cap, with half of it random', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect([1, 2, 3].map((n) => backoffMs(n, p, () => 0))).toEqual([30_000, 60_000, 120_000]);
    expect([1, 2, 3].map((n) => backoffMs(n, p, () => 1))).toEqual([60_000, 120_000, 240_000]);
    expect(backoffMs(30, p, () => 1)).toBe(p.maxDelayMs);
  });

  test('when a transient failure reaches the attempt limit, then it is dead-lettered', () => {
    const now = new Date('2023-05-16T02:00:00Z');
    expect(afterFailure(smtpError(421), 1, now, DEFAULT_RETRY_POLICY, () => 0.5)).toEqual({
      state: 'pending',
      nextAttemptAt: new Date(now.getTime() + 45_000),
      reason: null,
    });
    expect(afterFailure(smtpError(421), 8, now, DEFAULT_RETRY_POLICY).state).toBe('dead');
    expect(afterFailure(smtpError(550), 1, now, DEFAULT_RETRY_POLICY).state).toBe('dead');
  });
});
