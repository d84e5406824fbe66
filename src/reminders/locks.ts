/**
 * Claims on deliveries, by insertion (collection `deliveryLocks`).
 *
 * Every write to an open delivery (sending it, re-timing or muting it, an operator's retry)
 * happens under a claim: inserting the document `<key>#<n>`, where n is one more than the
 * delivery's `claims` counter. The unique `_id` makes the insert atomic on every server, so
 * exactly one claimer wins number n; its write sets `claims = n`, and the next claim uses n + 1.
 * A lock carries a lease: when its holder died before writing, the next claimer finds it expired
 * and takes n + 1.
 *
 * Why not the usual `findOneAndUpdate` claim: the local FerretDB v1 (SQLite) runs findAndModify
 * and updates as a read followed by a separate write. In a trial, 10 parallel findOneAndUpdate
 * claimers over 300 deliveries made 1,037 duplicate claims, 20 parallel
 * `updateOne({_id, v: 0}, {$set: {v: 1}})` all reported success 10 times, and 50 parallel `$inc`
 * added 4. Unique inserts were exact (1 winner of 20). With MongoDB both ways are atomic.
 */
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from '../shared/db';

const lockSchema = new Schema(
  {
    _id: String,
    deliveryId: { type: String, required: true },
    number: { type: Number, required: true },
    owner: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'deliveryLocks' },
);
lockSchema.index({ createdAt: 1 });

export interface Lock {
  deliveryId: string;
  number: number;
  owner: string;
  leaseUntil: Date;
  /** True when won at `claims + 1` on the first try: nobody wrote the delivery since it was read. */
  first: boolean;
}

export { isDuplicateKey };

/** Indexes (into the array inserted) of the documents an unordered insertMany rejected as duplicates. */
export function duplicateIndexes(err: unknown): Set<number> {
  const e = err as { code?: number; writeErrors?: { index: number; code: number }[] | { index: number; code: number } };
  const list = Array.isArray(e?.writeErrors) ? e.writeErrors : e?.writeErrors ? [e.writeErrors] : [];
  if (!list.length || list.some((w) => w.code !== 11000)) throw err;
  return new Set(list.map((w) => w.index));
}

export function lockStore(conn: Connection) {
  const Lock = (conn.models.ReminderDeliveryLock ?? conn.model('ReminderDeliveryLock', lockSchema)) as Model<
    Record<string, unknown>
  >;
  const raw = () => Lock.collection;

  async function insert(
    deliveryId: string,
    number: number,
    owner: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<boolean> {
    try {
      await raw().insertOne({
        _id: `${deliveryId}#${number}` as never,
        deliveryId,
        number,
        owner,
        leaseUntil,
        createdAt: now,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** After the insert of number `taken` failed: skip numbers whose lock expired (holder gone). */
  async function after(
    deliveryId: string,
    taken: number,
    owner: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<Lock | null> {
    let n = taken;
    for (let tries = 0; tries < 8; tries++) {
      const existing = await Lock.findById(`${deliveryId}#${n}`).lean();
      if (existing && (existing.leaseUntil as Date) > now) return null; // a live holder
      if (existing) n += 1;
      if (await insert(deliveryId, n, owner, now, leaseUntil))
        return { deliveryId, number: n, owner, leaseUntil, first: false };
    }
    return null;
  }

  return {
    /** Claims one delivery; null when another holder has it. */
    async lock(d: { key: string; claims: number }, owner: string, now: Date, leaseMs: number): Promise<Lock | null> {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      if (await insert(d.key, d.claims + 1, owner, now, leaseUntil))
        return { deliveryId: d.key, number: d.claims + 1, owner, leaseUntil, first: true };
      return after(d.key, d.claims + 1, owner, now, leaseUntil);
    },

    /** Claims many: one unordered insert for the common case, then one by one for the rest. */
    async lockMany(
      list: { key: string; claims: number }[],
      owner: string,
      now: Date,
      leaseMs: number,
    ): Promise<Map<string, Lock>> {
      const out = new Map<string, Lock>();
      if (!list.length) return out;
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const docs = list.map((d) => ({
        _id: `${d.key}#${d.claims + 1}`,
        deliveryId: d.key,
        number: d.claims + 1,
        owner,
        leaseUntil,
        createdAt: now,
      }));
      let taken = new Set<number>();
      try {
        await raw().insertMany(docs as never[], { ordered: false });
      } catch (err) {
        taken = duplicateIndexes(err);
      }
      // The locks that beat ours, read at once: a live one means the delivery is busy elsewhere.
      const lost = list.filter((_, i) => taken.has(i));
      const holders = new Map<string, Date>();
      if (lost.length) {
        const ids = lost.map((d) => `${d.key}#${d.claims + 1}`);
        for (let i = 0; i < ids.length; i += 1000) {
          for (const l of await Lock.find({ _id: trusted({ $in: ids.slice(i, i + 1000) }) }, { leaseUntil: 1 }).lean())
            holders.set(String(l._id), l.leaseUntil as Date);
        }
      }
      for (const [i, d] of list.entries()) {
        if (!taken.has(i)) out.set(d.key, { deliveryId: d.key, number: d.claims + 1, owner, leaseUntil, first: true });
        else if ((holders.get(`${d.key}#${d.claims + 1}`) ?? now) <= now) {
          const lock = await after(d.key, d.claims + 1, owner, now, leaseUntil);
          if (lock) out.set(d.key, lock);
        }
      }
      return out;
    },

    /** Gives a claim back early (the delivery turned out not to need this holder). */
    async release(lock: Lock): Promise<void> {
      await Lock.deleteOne({ _id: `${lock.deliveryId}#${lock.number}` });
    },

    /** Drops locks older than `before` (their leases ended long ago). */
    async dropOlderThan(before: Date): Promise<number> {
      return (await Lock.deleteMany({ createdAt: trusted({ $lt: before }) })).deletedCount ?? 0;
    },
  };
}

export type LockStore = ReturnType<typeof lockStore>;
