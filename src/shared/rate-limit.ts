/**
 * A per-key sliding-window counter of failed attempts (per client address): invalid feed tokens,
 * invalid API keys and sign-ins. In process memory: each instance limits on its own, so behind N
 * instances an address gets up to N × the limit; enough to make guessing pointless (secrets have
 * 256 bits) and to stop a client hammering with dead secrets. Successes are never counted (Google
 * fetches feeds from shared addresses; an office shares one address).
 */
export interface SlidingWindowOptions {
  /** Failures allowed per window. */
  limit: number;
  windowMs: number;
  /** Most addresses tracked; the oldest are forgotten first (bounded memory under a flood). */
  maxKeys?: number;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly maxKeys: number;

  constructor(private readonly options: SlidingWindowOptions) {
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  /** Seconds until `key` may fail again, or 0 when it is under the limit. */
  retryAfter(key: string, now: number): number {
    const list = this.recent(key, now);
    if (list.length < this.options.limit) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.options.limit]! + this.options.windowMs - now) / 1000));
  }

  /** Records one failure of `key` at `now`. */
  record(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.hits.delete(key); // re-insert: Map order = least recently failing first
    this.hits.set(key, list);
    while (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
  }
}

/**
 * Failures of one kind of secret per client address: each failure is recorded, and once an
 * address has `limit` failures within the window its next failure is answered 429 (the caller
 * throws `RateLimitedError(retryAfter)`). Successful attempts are neither counted nor limited.
 */
export class FailureThrottle {
  private readonly limiter: SlidingWindowLimiter;

  constructor(
    options: { limit: number; windowSeconds: number; maxKeys?: number },
    private readonly now: () => Date,
  ) {
    this.limiter = new SlidingWindowLimiter({
      limit: options.limit,
      windowMs: options.windowSeconds * 1000,
      ...(options.maxKeys ? { maxKeys: options.maxKeys } : {}),
    });
  }

  /** Records a failure of `client`; returns the seconds it must wait when it was already at the limit, else 0. */
  fail(client: string): number {
    const at = this.now().getTime();
    const retryAfter = this.limiter.retryAfter(client, at);
    this.limiter.record(client, at);
    return retryAfter;
  }
}
