/**
 * Coalesces database reads without ever serving stale data: a caller's result always comes from a
 * read that started after the call was made. Calls made while a read is in flight wait for the
 * next read, which then serves all of them at once; an idle reader starts the read at the end of
 * the current turn of the event loop, so requests parsed in the same turn share it. With one
 * request at a time this is one read per request; under load, one read per round trip serves
 * every request that arrived meanwhile.
 *
 * This keeps "an edit shows on the very next request" (the read that answers a request begins
 * after the request arrived, hence after any edit that completed before it) while the cost of
 * the freshness check stays flat as traffic grows.
 *
 * @example const version = new FreshReader(async () => new Map([['v', await repo.scheduleVersion()]]));
 * await version.get('v');
 */
interface Batch<K, V> {
  /** One promise per key, shared by every caller of that key in the batch. */
  promises: Map<K, Promise<V | undefined>>;
  settle: Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }>;
}

export class FreshReader<K, V> {
  private pending: Batch<K, V> | null = null;
  private inFlight = false;
  private scheduled = false;

  constructor(private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>) {}

  get(key: K): Promise<V | undefined> {
    const batch: Batch<K, V> = (this.pending ??= { promises: new Map(), settle: new Map() });
    let promise = batch.promises.get(key);
    if (!promise) {
      promise = new Promise((resolve, reject) => batch.settle.set(key, { resolve, reject }));
      batch.promises.set(key, promise);
    }
    if (!this.inFlight && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        if (!this.inFlight) this.start();
      });
    }
    return promise;
  }

  private start(): void {
    const batch = this.pending;
    this.pending = null;
    if (!batch) return;
    this.inFlight = true;
    let loading: Promise<Map<K, V>>;
    try {
      loading = this.loadMany([...batch.settle.keys()]);
    } catch (err) {
      // A synchronous throw reaches the callers exactly as an asynchronous rejection would: the same value, not wrapped.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- forwards loadMany's thrown value unchanged
      loading = Promise.reject(err);
    }
    loading
      .then(
        (values) => {
          for (const [key, s] of batch.settle) s.resolve(values.get(key));
        },
        (err: unknown) => {
          for (const s of batch.settle.values()) s.reject(err);
        },
      )
      .finally(() => {
        this.inFlight = false;
        this.start();
      });
  }
}
