/**
 * The outbox, in four collections:
 * - `deliveries`: open deliveries (pending, muted), one document per key (`_id` = key): the work
 *   to do. Dispatch and planning read it every minute, so it holds no history.
 * - `deliveryLog`: finished deliveries (sent, dead, expired), same shape, same `_id`. Finishing is
 *   an insert here, then the open copy is deleted (in batches). A delivery in the log as sent is
 *   never sent again, even if a crash left its open copy behind.
 * - `deliveryKeys`: every key ever planned (insert-only): planning twice, or on two instances at
 *   once, creates a delivery once, even after it moved to the log.
 * - `deliveryLocks`: claims (locks.ts).
 * - `deliveryMessages`: one document per email that carried several deliveries (a bundle, see
 *   bundle.ts and dispatcher.ts), written before its deliveries are recorded as sent one by one.
 *
 * Why finished deliveries move instead of changing state in place: on the local FerretDB v1
 * every update or delete of one document scans the whole collection (measured: ~150-200 ms per
 * update at 10,000 deliveries, ~7 ms at 1,000; inserts stay ~2 ms; one `deleteMany` of 200
 * documents ~3 s). Moving keeps per-delivery work to inserts and one delete per batch, and keeps
 * the open collection as small as the work left. On MongoDB it costs nothing extra.
 */
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { duplicateIndexes, isDuplicateKey, lockStore, type Lock } from './locks';
import type { StoredSummary } from './reconcile';
import { DELIVERY_KINDS, DELIVERY_STATES, type Delivery, type DeliveryState, type PlannedDelivery } from './types';

type Doc = Record<string, unknown>;

function deliverySchema(collection: string) {
  const schema = new Schema(
    {
      _id: String,
      kind: { type: String, enum: DELIVERY_KINDS, required: true },
      group: { type: String, default: null },
      occurrenceId: { type: String, default: null },
      itemNumber: { type: Number, default: null },
      recipient: { type: String, required: true },
      agencyCode: { type: String, default: null },
      officialCode: { type: String, default: null },
      bodyCode: { type: String, default: null },
      state: { type: String, enum: DELIVERY_STATES, required: true },
      reason: { type: String, default: null },
      dueAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
      nextAttemptAt: { type: Date, required: true },
      attempts: { type: Number, default: 0 },
      claims: { type: Number, default: 0 },
      lastError: { type: String, default: null },
      messageId: { type: String, default: null },
      sentAt: { type: Date, default: null },
      response: { type: String, default: null },
      data: { type: Schema.Types.Mixed, default: {} },
      dataHash: { type: String, required: true },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
    },
    { versionKey: false, collection, minimize: false },
  );
  schema.index({ state: 1, nextAttemptAt: 1 });
  schema.index({ agencyCode: 1, state: 1, dueAt: 1 });
  schema.index({ occurrenceId: 1 });
  return schema;
}

const keySchema = new Schema(
  { _id: String, createdAt: { type: Date, required: true } },
  { versionKey: false, collection: 'deliveryKeys' },
);

/** An email that carried several deliveries: `_id` is its Message-ID. */
const messageSchema = new Schema(
  {
    _id: String,
    keys: { type: [String], required: true },
    response: { type: String, default: '' },
    sentAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'deliveryMessages' },
);
messageSchema.index({ keys: 1 });
messageSchema.index({ sentAt: 1 });

function models(conn: Connection) {
  const m = (name: string, schema: Schema) => (conn.models[name] ?? conn.model(name, schema)) as Model<Doc>;
  return {
    Open: m('ReminderDelivery', deliverySchema('deliveries')),
    Log: m('ReminderDeliveryLog', deliverySchema('deliveryLog')),
    Key: m('ReminderDeliveryKey', keySchema),
    Message: m('ReminderDeliveryMessage', messageSchema),
  };
}

/** Defaults filled on read (an old document may lack some fields). */
export function toDelivery(doc: unknown): Delivery {
  const d = doc as Doc;
  return {
    key: String(d._id),
    kind: d.kind,
    group: d.group ?? null,
    occurrenceId: d.occurrenceId ?? null,
    itemNumber: d.itemNumber ?? null,
    recipient: d.recipient,
    agencyCode: d.agencyCode ?? null,
    officialCode: d.officialCode ?? null,
    bodyCode: d.bodyCode ?? null,
    state: d.state,
    reason: d.reason ?? null,
    dueAt: d.dueAt,
    expiresAt: d.expiresAt,
    nextAttemptAt: d.nextAttemptAt ?? d.dueAt,
    attempts: Number(d.attempts ?? 0),
    claims: Number(d.claims ?? 0),
    lastError: d.lastError ?? null,
    messageId: d.messageId ?? null,
    sentAt: d.sentAt ?? null,
    response: d.response ?? null,
    data: (d.data as Record<string, unknown>) ?? {},
    dataHash: d.dataHash ?? '',
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  } as Delivery;
}

function toDoc(d: Delivery): Doc {
  const { key, ...rest } = d;
  return { _id: key, ...rest };
}

function newDelivery(p: PlannedDelivery, state: DeliveryState, reason: string | null, now: Date): Delivery {
  return {
    ...p,
    state,
    reason,
    nextAttemptAt: p.dueAt,
    attempts: 0,
    claims: 0,
    lastError: null,
    messageId: null,
    sentAt: null,
    response: null,
    createdAt: now,
    updatedAt: now,
  };
}

export interface DeliveryFilter {
  state?: DeliveryState | undefined;
  kind?: string | undefined;
  agencyCode?: string | undefined;
  occurrenceId?: string | undefined;
  recipient?: string | undefined;
}

const OPEN_STATES: DeliveryState[] = ['pending', 'muted'];
/** A registered key with no delivery this long after registration was lost by a crash. */
const ORPHAN_AFTER_MS = 120_000;

export function deliveryRepository(conn: Connection) {
  const { Open, Log, Key, Message } = models(conn);
  const locks = lockStore(conn);
  /** Keys known to have their delivery (open or finished): no need to register them again. */
  const settled = new Set<string>();

  async function insertInto(model: Model<Doc>, docs: Doc[]): Promise<void> {
    if (!docs.length) return;
    try {
      await model.collection.insertMany(docs, { ordered: false });
    } catch (err) {
      duplicateIndexes(err); // a duplicate here is a concurrent insert of the same new key: fine
    }
  }

  return {
    ...locks,

    /**
     * Inserts new deliveries, each key once ever: the key is registered first (unique insert),
     * and only the registrant inserts the delivery (`pending` into the outbox, `expired` straight
     * into the log). A key registered but without a delivery long after (a crash in between) is
     * recovered.
     */
    async insertNew(
      rows: { planned: PlannedDelivery; state: 'pending' | 'expired'; reason: string | null }[],
      now: Date,
      opts: { recheck?: boolean } = {},
    ): Promise<{ inserted: number; existing: number }> {
      // `recheck`: a caller that found keys registered without a delivery tries them again even
      // though this process already saw them (the in-memory `settled` set would skip them).
      const fresh = opts.recheck ? rows : rows.filter((r) => !settled.has(r.planned.key));
      let existing = rows.length - fresh.length;
      const won: typeof fresh = [];
      for (let i = 0; i < fresh.length; i += 1000) {
        const chunk = fresh.slice(i, i + 1000);
        let taken = new Set<number>();
        try {
          await Key.collection.insertMany(chunk.map((r) => ({ _id: r.planned.key, createdAt: now })) as never[], {
            ordered: false,
          });
        } catch (err) {
          taken = duplicateIndexes(err);
        }
        // Registered before: normally its delivery exists (or another planner is inserting it
        // right now). Only a registration old enough may be an orphan of a crash: check those.
        const dupKeys = chunk.filter((_, j) => taken.has(j)).map((r) => r.planned.key);
        const old = new Set<string>();
        if (dupKeys.length) {
          const regs = await Key.find({ _id: trusted({ $in: dupKeys }) }, { createdAt: 1 }).lean();
          for (const reg of regs)
            if (now.getTime() - (reg.createdAt as Date).getTime() > ORPHAN_AFTER_MS) old.add(String(reg._id));
        }
        const orphans = await this.orphansAmong([...old]);
        for (const [j, r] of chunk.entries()) {
          if (!taken.has(j) || orphans.has(r.planned.key)) won.push(r);
          else existing++;
        }
      }
      await insertInto(
        Open,
        won.filter((r) => r.state === 'pending').map((r) => toDoc(newDelivery(r.planned, 'pending', null, now))),
      );
      await insertInto(
        Log,
        won.filter((r) => r.state !== 'pending').map((r) => toDoc(newDelivery(r.planned, r.state, r.reason, now))),
      );
      for (const r of rows) settled.add(r.planned.key);
      return { inserted: won.length, existing };
    },

    /**
     * Registered keys with neither an open nor a finished delivery. Reads the outbox first, then
     * the log: a delivery moving from one to the other (inserted in the log, then deleted from the
     * outbox) is always seen in one of them.
     */
    async orphansAmong(keys: string[]): Promise<Set<string>> {
      if (!keys.length) return new Set();
      const found = new Set(
        (await Open.find({ _id: trusted({ $in: keys }) }, { _id: 1 }).lean()).map((d) => String(d._id)),
      );
      const rest = keys.filter((k) => !found.has(k));
      if (rest.length)
        for (const d of await Log.find({ _id: trusted({ $in: rest }) }, { _id: 1 }).lean()) found.add(String(d._id));
      return new Set(keys.filter((k) => !found.has(k)));
    },

    /** Forgets cached keys that planning no longer produces (bounds the cache). */
    retainSettled(keys: Set<string>): void {
      for (const k of settled) if (!keys.has(k)) settled.delete(k);
    },

    /** What reconciling compares with: the open deliveries. */
    async storedForPlanning(): Promise<StoredSummary[]> {
      const docs = await Open.find(
        {},
        { kind: 1, group: 1, state: 1, reason: 1, dueAt: 1, expiresAt: 1, nextAttemptAt: 1, attempts: 1, dataHash: 1 },
      ).lean();
      return docs.map((d) => ({
        key: String(d._id),
        kind: d.kind,
        group: (d.group as string | null) ?? null,
        state: d.state,
        reason: (d.reason as string | null) ?? null,
        dueAt: d.dueAt,
        expiresAt: d.expiresAt,
        nextAttemptAt: (d.nextAttemptAt as Date) ?? d.dueAt,
        attempts: Number(d.attempts ?? 0),
        dataHash: typeof d.dataHash === 'string' ? d.dataHash : '',
      })) as StoredSummary[];
    },

    /**
     * Pending deliveries whose time has come, oldest first (some may be claimed by others); the
     * members of a bundle (kind, meeting, address, send time) next to each other, so that a
     * limited read cuts at most the last one.
     */
    async candidates(now: Date, limit: number, exclude: string[] = []): Promise<Delivery[]> {
      const filter: Doc = { state: 'pending', nextAttemptAt: trusted({ $lte: now }) };
      if (exclude.length) filter._id = trusted({ $nin: exclude });
      return (
        await Open.find(filter)
          .sort({ nextAttemptAt: 1, kind: 1, occurrenceId: 1, recipient: 1, dueAt: 1, _id: 1 })
          .limit(limit)
          .lean()
      ).map(toDelivery);
    },

    /** Records that one email carried these deliveries (before each is recorded as sent). */
    async recordMessage(messageId: string, keys: string[], response: string, sentAt: Date): Promise<void> {
      try {
        await Message.collection.insertOne({ _id: messageId as never, keys, response, sentAt });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // the same bundle sent again after a crash: the first record stands
      }
    },
    /** The recorded email that carried a delivery, if any (see the dispatcher's crash recovery). */
    async messageCovering(key: string): Promise<{ messageId: string; response: string; sentAt: Date } | null> {
      const doc = await Message.findOne({ keys: String(key) }).lean();
      return doc
        ? {
            messageId: String(doc._id),
            response: typeof doc.response === 'string' ? doc.response : '',
            sentAt: doc.sentAt as Date,
          }
        : null;
    },
    /** Drops records of emails sent before `before` (housekeeping, with the claim locks). */
    async dropMessagesOlderThan(before: Date): Promise<number> {
      return (await Message.deleteMany({ sentAt: trusted({ $lt: before }) })).deletedCount ?? 0;
    },

    async getOpen(key: string): Promise<Delivery | null> {
      const doc = await Open.findById(String(key)).lean();
      return doc ? toDelivery(doc) : null;
    },
    async getFinished(key: string): Promise<Delivery | null> {
      const doc = await Log.findById(String(key)).lean();
      return doc ? toDelivery(doc) : null;
    },
    /** The current record of a key: finished if it is in the log, else open. */
    async get(key: string): Promise<Delivery | null> {
      return (await this.getFinished(key)) ?? (await this.getOpen(key));
    },

    /** Changes an open delivery under a claim, if nobody wrote it since it was read with `claimsSeen`. */
    async writeLocked(
      lock: Lock,
      claimsSeen: number,
      patch: Partial<Omit<Delivery, 'key' | 'claims'>>,
      now: Date,
    ): Promise<boolean> {
      if (lock.number <= claimsSeen) return false;
      const res = await Open.updateOne(
        { _id: lock.deliveryId, claims: claimsSeen },
        { $set: { ...patch, claims: lock.number, updatedAt: now } },
      );
      return res.modifiedCount === 1;
    },

    /**
     * Finishes a claimed delivery: writes it to the log (sent, dead, expired). The open copy is
     * dropped by the caller with `dropOpen`, in batches. Returns false when the log already had
     * it as sent (then nothing is overwritten).
     */
    async finish(
      lock: Lock,
      d: Delivery,
      patch: Partial<Omit<Delivery, 'key' | 'claims'>>,
      now: Date,
    ): Promise<boolean> {
      const doc = toDoc({ ...d, ...patch, claims: lock.number, updatedAt: now });
      try {
        await Log.collection.insertOne(doc);
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // In the log already: a dead-lettered delivery the Office retried, or a finish whose
        // open copy a crash left behind. Only the former is replaced.
        const before = await Log.findById(d.key).lean();
        if (!before || before.state === 'sent') return false;
        await Log.replaceOne({ _id: d.key }, doc);
        return true;
      }
    },

    /** Deletes open copies of finished deliveries (one statement per batch). */
    async dropOpen(keys: string[]): Promise<void> {
      for (let i = 0; i < keys.length; i += 500)
        await Open.deleteMany({ _id: trusted({ $in: keys.slice(i, i + 500) }) });
    },

    /** A dead-lettered delivery back into the outbox (the Office's retry). */
    async reopen(d: Delivery, patch: Partial<Delivery>, now: Date): Promise<void> {
      await insertInto(Open, [toDoc({ ...d, ...patch, updatedAt: now })]);
      await Log.deleteOne({ _id: d.key, state: d.state });
    },

    async list(
      filter: DeliveryFilter,
      limit: number,
      offset: number,
    ): Promise<{ total: number; deliveries: Delivery[] }> {
      const q: Doc = {};
      for (const [k, v] of Object.entries(filter)) if (typeof v === 'string') q[k] = v;
      const where = filter.state ? [OPEN_STATES.includes(filter.state) ? Open : Log] : [Open, Log];
      const parts = await Promise.all(
        where.map(async (m) => ({
          total: await m.countDocuments(q),
          docs: await m
            .find(q, { data: 0 })
            .sort({ dueAt: -1, _id: 1 })
            .limit(offset + limit)
            .lean(),
        })),
      );
      const merged = parts
        .flatMap((p) => p.docs.map(toDelivery))
        .sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime() || (a.key < b.key ? -1 : 1));
      return { total: parts.reduce((n, p) => n + p.total, 0), deliveries: merged.slice(offset, offset + limit) };
    },

    /** Pending deliveries to one agency, soonest first. */
    async upcomingForAgency(agencyCode: string, limit: number): Promise<Delivery[]> {
      const docs = await Open.find({ agencyCode: String(agencyCode), state: 'pending' }, { data: 0 })
        .sort({ dueAt: 1, _id: 1 })
        .limit(limit)
        .lean();
      return docs.map(toDelivery);
    },

    async countByState(): Promise<Record<DeliveryState, number>> {
      const out = {} as Record<DeliveryState, number>;
      for (const s of DELIVERY_STATES)
        out[s] = await (OPEN_STATES.includes(s) ? Open : Log).countDocuments({ state: s });
      return out;
    },

    /** Muted deliveries past their usefulness can never come back: moved to the log. */
    async retireMuted(now: Date): Promise<number> {
      const docs = await Open.find({ state: 'muted', expiresAt: trusted({ $lte: now }) })
        .limit(1000)
        .lean();
      await insertInto(Log, docs);
      await this.dropOpen(docs.map((d) => String(d._id)));
      return docs.length;
    },
  };
}

export type DeliveryRepository = ReturnType<typeof deliveryRepository>;
export type { Lock };
