/**
 * When each private feed token was last fetched, by which client, and how often. Writing on every
 * fetch would put a database write on the cached path, so fetches are counted in memory and
 * written at most once per `throttleMs` per token (the first fetch after a quiet spell is written
 * at once), without the request waiting. `flushAll()` writes what is pending (the token list
 * calls it, so the Office sees this instance's latest figures); other instances' last minute of
 * fetches may lag.
 */
import type { Logger } from '../shared/logger';
import type { FeedTokenRepository } from './tokens';

interface Pending {
  count: number;
  lastAt: Date;
  userAgent: string | null;
  flushedAt: number;
  /** The token's last write: its writes are chained so that a later one never lands first. */
  writing: Promise<void>;
}

export class FetchStats {
  private readonly pending = new Map<string, Pending>();
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly repo: Pick<FeedTokenRepository, 'recordFetches'>,
    private readonly logger: Logger,
    private readonly throttleMs: number,
  ) {}

  record(tokenId: string, at: Date, userAgent: string | null): void {
    let p = this.pending.get(tokenId);
    if (!p) {
      p = { count: 0, lastAt: at, userAgent, flushedAt: Number.NEGATIVE_INFINITY, writing: Promise.resolve() };
      this.pending.set(tokenId, p);
    }
    p.count++;
    p.lastAt = at;
    p.userAgent = userAgent;
    if (at.getTime() - p.flushedAt >= this.throttleMs) this.flush(tokenId, p, at.getTime());
  }

  private flush(tokenId: string, p: Pending, now: number): void {
    if (p.count === 0) return;
    const { count, lastAt, userAgent } = p;
    p.count = 0;
    p.flushedAt = now;
    const write = p.writing
      .then(() => this.repo.recordFetches(tokenId, count, lastAt, userAgent))
      .catch((err: unknown) => {
        p.count += count; // try again with the next flush
        this.logger.warn('feed token fetch statistics not saved', { tokenId, error: String(err) });
      })
      .finally(() => this.writes.delete(write));
    p.writing = write;
    this.writes.add(write);
  }

  /** Writes every pending count and waits for all writes in progress. */
  async flushAll(): Promise<void> {
    for (const [id, p] of this.pending) this.flush(id, p, p.lastAt.getTime());
    await Promise.all([...this.writes]);
  }
}
