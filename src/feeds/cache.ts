/**
 * Rendered feeds kept in process memory, keyed by (subject, options, window, schedule version).
 * The version is the read model's (src/readmodel), so an entry is not served after an edit once
 * the instance knows of it (at once for its own edits, within READ_MODEL_POLL_MS for others');
 * entries of older versions are dropped as soon as a newer version is seen. Bounded by total bytes, least recently used first out. Concurrent
 * misses of one key share a single build.
 */
export interface RenderedFeed {
  bytes: Buffer;
  /** Strong ETag, quoted. */
  etag: string;
  lastModified: Date;
  /** `Last-Modified` header value (precomputed: the cached path formats nothing). */
  lastModifiedHttp: string;
  /** Number of VEVENTs. */
  events: number;
}

export class RenderedFeedCache {
  private readonly entries = new Map<string, RenderedFeed>();
  private readonly building = new Map<string, Promise<RenderedFeed>>();
  private bytes = 0;
  private version = -1;

  constructor(private readonly maxBytes: number) {}

  /** The cached feed, or the result of `build` (shared by concurrent callers of the same key). */
  async get(key: string, version: number, build: () => Promise<RenderedFeed>): Promise<RenderedFeed> {
    if (version > this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
    }
    const fullKey = `${version}|${key}`;
    const hit = this.entries.get(fullKey);
    if (hit) {
      this.entries.delete(fullKey); // refresh its place in the LRU order
      this.entries.set(fullKey, hit);
      return hit;
    }
    let pending = this.building.get(fullKey);
    if (!pending) {
      pending = build().finally(() => this.building.delete(fullKey));
      this.building.set(fullKey, pending);
      pending.then((feed) => this.store(fullKey, version, feed)).catch(() => undefined);
    }
    return pending;
  }

  /** The cached feed of this key and version if there is one, without building (the short path). */
  peek(key: string, version: number): RenderedFeed | undefined {
    return version === this.version ? this.entries.get(`${version}|${key}`) : undefined;
  }

  private store(fullKey: string, version: number, feed: RenderedFeed): void {
    if (version !== this.version || feed.bytes.length > this.maxBytes) return;
    this.entries.set(fullKey, feed);
    this.bytes += feed.bytes.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.bytes.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
