/**
 * Throttling of invalid API keys, per client address: presented in `Authorization: Bearer` /
 * `X-API-Key` on the API, or pasted into the web sign-in form (/dang-nhap). Both count in one
 * window per instance, like invalid feed tokens (src/feeds); valid keys are never limited.
 * Settings: AUTH_INVALID_KEY_LIMIT and AUTH_INVALID_KEY_WINDOW_SECONDS (src/config.ts).
 */
import type { Clock } from '../shared/clock';
import { FailureThrottle } from '../shared/rate-limit';

export interface KeyThrottleSettings {
  /** Invalid keys one client address may present per window before getting 429. */
  invalidKeyLimit: number;
  invalidKeyWindowSeconds: number;
}

export const DEFAULT_KEY_THROTTLE: KeyThrottleSettings = { invalidKeyLimit: 20, invalidKeyWindowSeconds: 600 };

/** The settings from the validated environment (src/config.ts, AUTH_* variables). */
export function keyThrottleFromConfig(c: {
  AUTH_INVALID_KEY_LIMIT: number;
  AUTH_INVALID_KEY_WINDOW_SECONDS: number;
}): KeyThrottleSettings {
  return { invalidKeyLimit: c.AUTH_INVALID_KEY_LIMIT, invalidKeyWindowSeconds: c.AUTH_INVALID_KEY_WINDOW_SECONDS };
}

/**
 * One throttle per instance, shared by the API and the web sign-in: the InvalidKeyThrottle of the
 * HTTP authentication (src/http/auth.ts, which also defines `clientAddress`).
 */
export function keyThrottle(settings: Partial<KeyThrottleSettings> | undefined, clock: Clock): FailureThrottle {
  const s = { ...DEFAULT_KEY_THROTTLE, ...settings };
  return new FailureThrottle({ limit: s.invalidKeyLimit, windowSeconds: s.invalidKeyWindowSeconds }, () => clock.now());
}
