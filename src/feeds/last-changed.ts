/**
 * When each feed's bytes last changed, for its Last-Modified header: per feed (subject and
 * options, not the window) the ETag last rendered and the time it became that. Last-Modified then
 * moves only when the bytes do, not on every schedule write (an edit of another body, a change that
 * the feed does not show). Kept in the database, so every instance, before and after a restart,
 * gives the same Last-Modified for the same bytes; remembered in memory for the common case.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from '../shared/db';

export interface FeedState {
  etag: string;
  changedAt: Date;
}

const feedStateSchema = new Schema(
  {
    _id: String, // the feed key: "<subject kind>:<code>|<canonical query>"
    etag: { type: String, required: true },
    changedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'feedStates' },
);

function model(conn: Connection): Model<Record<string, unknown>> {
  return (conn.models.FeedState ?? conn.model('FeedState', feedStateSchema)) as Model<Record<string, unknown>>;
}

/** The stored state of each feed; `replace` is a compare-and-set on the ETag read before. */
export function feedStateRepository(conn: Connection) {
  const FeedStates = model(conn);
  const toState = (doc: Record<string, unknown> | null): FeedState | null =>
    doc ? { etag: String(doc.etag), changedAt: new Date(doc.changedAt as Date) } : null;
  return {
    async get(key: string): Promise<FeedState | null> {
      return toState(await FeedStates.findById(String(key)).lean());
    },
    /** Writes `next` if the feed is still at `previous` (null: not recorded yet). False when another writer came first. */
    async replace(key: string, previous: FeedState | null, next: FeedState): Promise<boolean> {
      if (!previous) {
        try {
          await FeedStates.create({ _id: String(key), etag: next.etag, changedAt: next.changedAt });
          return true;
        } catch (err) {
          if (isDuplicateKey(err)) return false;
          throw err;
        }
      }
      const res = await FeedStates.updateOne(
        { _id: String(key), etag: previous.etag },
        { $set: { etag: next.etag, changedAt: next.changedAt } },
      );
      return res.matchedCount === 1;
    },
  };
}
export type FeedStateRepository = ReturnType<typeof feedStateRepository>;

/** Entries kept in memory before the map is emptied (each feed's key is small). */
const MEMORY_LIMIT = 10_000;

/**
 * Decides a feed's Last-Modified from its ETag: the time recorded for that ETag when it is the
 * one last recorded, else `candidate` (when the data or window last changed), never earlier than
 * the previous change. Without a repository, per process only.
 */
export class LastChanged {
  private readonly memory = new Map<string, FeedState>();

  constructor(private readonly repo: FeedStateRepository | null) {}

  async settle(key: string, etag: string, candidate: Date): Promise<Date> {
    const remembered = this.memory.get(key);
    if (remembered?.etag === etag) return remembered.changedAt;
    if (!this.repo) return this.remember(key, next(remembered ?? null, etag, candidate)).changedAt;
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.repo.get(key);
      if (stored?.etag === etag) return this.remember(key, stored).changedAt;
      const state = next(stored, etag, candidate);
      if (await this.repo.replace(key, stored, state)) return this.remember(key, state).changedAt;
      // Another instance recorded a change meanwhile: read again.
    }
    return next(null, etag, candidate).changedAt;
  }

  private remember(key: string, state: FeedState): FeedState {
    if (this.memory.size >= MEMORY_LIMIT) this.memory.clear();
    this.memory.set(key, state);
    return state;
  }
}

/** The new state of a feed whose bytes changed: at `candidate`, and after the previous change. */
function next(previous: FeedState | null, etag: string, candidate: Date): FeedState {
  const at =
    previous && candidate.getTime() <= previous.changedAt.getTime()
      ? new Date(previous.changedAt.getTime() + 1000)
      : candidate;
  return { etag, changedAt: new Date(Math.floor(at.getTime() / 1000) * 1000) };
}
