import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { isDuplicateKey, newId } from '../shared/db';
import { fromStored, type RecordDefinition, type Stored } from '../shared/records';
import {
  AGENCY_ROLES,
  ITEM_KINDS,
  ITEM_STATUSES,
  type AgendaItem,
  type HistoryEntry,
  type PreparingAgency,
} from './types';

/** An agenda item as stored (src/shared/records.ts): the type of ./types.ts with its id as `_id`. */
type ItemRecord = Stored<AgendaItem>;

const preparingAgencySchema = new Schema<PreparingAgency>(
  { code: String, role: { type: String, enum: AGENCY_ROLES } },
  { _id: false },
);

const itemDefinition = {
  _id: String,
  occurrenceId: { type: String, required: true },
  seriesId: { type: String, default: null },
  number: { type: Number, required: true },
  title: { type: String, required: true },
  kind: { type: String, enum: ITEM_KINDS, required: true },
  preparingAgencies: { type: [preparingAgencySchema], default: [] },
  leaderCode: { type: String, default: null },
  dueAt: { type: Date, default: null },
  dueAtFixed: { type: Boolean, default: false },
  status: { type: String, enum: ITEM_STATUSES, required: true },
  warnings: { type: [String], default: [] },
  carriedTo: { type: String, default: null },
  carriedFrom: { type: String, default: null },
  history: { type: [{ type: Schema.Types.Mixed }], default: [] },
  rev: { type: Number, default: 0 },
} satisfies RecordDefinition<ItemRecord>;
const itemSchema = new Schema<ItemRecord>(itemDefinition, {
  timestamps: true,
  versionKey: false,
  collection: 'agendaItems',
});
itemSchema.index({ occurrenceId: 1, number: 1 }, { unique: true });
itemSchema.index({ 'preparingAgencies.code': 1 });
itemSchema.index({ dueAt: 1 });

function model(conn: Connection): Model<ItemRecord> {
  return conn.models.AgendaItem ?? conn.model<ItemRecord>('AgendaItem', itemSchema);
}

export type NewItem = Omit<AgendaItem, 'id' | 'createdAt' | 'updatedAt' | 'history' | 'carriedTo' | 'rev'> & {
  carriedTo?: string | null;
};

/** A new item with the id it will be stored under (chosen before any write, so a retry finds it). */
export type NewItemWithId = NewItem & { id: string };

/** Items stored before revisions existed have no `rev`: they are revision 0. */
function revFilter(rev: number) {
  return rev === 0 ? trusted({ $in: [0, null] }) : Number(rev);
}

/** Data access for agenda items; plain objects only. */
export function agendaRepository(conn: Connection) {
  const Item = model(conn);
  // Items stored before revisions existed have no `rev`: revision 0.
  const toItem = (d: ItemRecord): AgendaItem => {
    const item = fromStored(d);
    return { ...item, rev: Number(item.rev ?? 0) };
  };
  return {
    /** Every item, by occurrence and number (the read model's load, src/readmodel). */
    async listAll(): Promise<AgendaItem[]> {
      const docs = await Item.find({}).sort({ occurrenceId: 1, number: 1 }).lean();
      return docs.map(toItem);
    },
    async listByOccurrences(occurrenceIds: string[]): Promise<AgendaItem[]> {
      if (!occurrenceIds.length) return [];
      const docs = await Item.find({ occurrenceId: trusted({ $in: occurrenceIds.map(String) }) })
        .sort({ occurrenceId: 1, number: 1 })
        .lean();
      return docs.map(toItem);
    },
    async listByAgency(agencyCode: string): Promise<AgendaItem[]> {
      const docs = await Item.find({ 'preparingAgencies.code': String(agencyCode) })
        .sort({ dueAt: 1 })
        .lean();
      return docs.map(toItem);
    },
    /** Items whose documents fall due in [from, to] (reminders). */
    async listDueBetween(from: Date, to: Date): Promise<AgendaItem[]> {
      const docs = await Item.find({ dueAt: trusted({ $gte: from, $lte: to }) })
        .sort({ dueAt: 1 })
        .lean();
      return docs.map(toItem);
    },
    async get(occurrenceId: string, number: number): Promise<AgendaItem | null> {
      const doc = await Item.findOne({ occurrenceId: String(occurrenceId), number: Number(number) }).lean();
      return doc ? toItem(doc) : null;
    },
    async insertMany(items: NewItem[], history: HistoryEntry): Promise<AgendaItem[]> {
      return this.insertWithIds(
        items.map((i) => ({ id: newId('item'), ...i })),
        history,
      );
    },
    /**
     * Inserts items under the ids they carry and returns those stored under these ids; an item
     * already stored under its id (an earlier try of the same batch) counts as inserted.
     * Idempotent, so an interrupted batch can be finished. An item whose number was taken by
     * another item meanwhile is missing from the result.
     */
    async insertWithIds(items: NewItemWithId[], history: HistoryEntry): Promise<AgendaItem[]> {
      if (!items.length) return [];
      const docs = items.map(({ id, ...i }) => ({ _id: id, carriedTo: null, ...i, rev: 0, history: [history] }));
      try {
        await Item.insertMany(docs, { ordered: false });
      } catch (err) {
        // Stored before under the same id (an earlier try), or a number taken meanwhile by another
        // item: the caller compares what is stored with what it asked for.
        if (!isDuplicateKey(err)) throw err;
      }
      const stored = await Item.find({ _id: trusted({ $in: docs.map((d) => d._id) }) })
        .sort({ number: 1 })
        .lean();
      return stored.map(toItem);
    },
    /** Sets fields and appends a history entry (only when something changed). */
    async update(
      id: string,
      patch: Partial<NewItem> & { carriedTo?: string | null },
      history: HistoryEntry,
    ): Promise<AgendaItem | null> {
      const doc = await Item.findOneAndUpdate(
        { _id: String(id) },
        { $set: patch, $push: { history }, $inc: { rev: 1 } },
        { returnDocument: 'after' },
      ).lean();
      return doc ? toItem(doc) : null;
    },
    /**
     * Optimistic update: applies only if the item is still at revision `rev` (nobody changed it
     * since it was read). Null when it was changed meanwhile: read again and recompute.
     */
    async updateIfRev(
      id: string,
      rev: number,
      patch: Partial<NewItem> & { carriedTo?: string | null },
      history: HistoryEntry,
    ): Promise<AgendaItem | null> {
      const doc = await Item.findOneAndUpdate(
        { _id: String(id), rev: revFilter(rev) },
        { $set: patch, $push: { history }, $inc: { rev: 1 } },
        { returnDocument: 'after' },
      ).lean();
      return doc ? toItem(doc) : null;
    },
    /**
     * Adds an agency to an item in one atomic write, unless the item already lists that agency
     * (then nothing is written and null is returned). Concurrent additions of different agencies
     * all land: no read-modify-write.
     */
    async addAgencyIfAbsent(
      id: string,
      agency: { code: string; role: string },
      history: HistoryEntry,
    ): Promise<AgendaItem | null> {
      const doc = await Item.findOneAndUpdate(
        // `$nor` of an equality, not `$ne`: FerretDB v1 evaluates `$ne` on an array path as "some
        // element differs" (MongoDB: "no element equals"); the `$nor` form means the same on both.
        trusted({ _id: String(id), $nor: [{ 'preparingAgencies.code': String(agency.code) }] }),
        {
          $push: { preparingAgencies: { code: String(agency.code), role: String(agency.role) }, history },
          $inc: { rev: 1 },
        },
        { returnDocument: 'after' },
      ).lean();
      return doc ? toItem(doc) : null;
    },
    async removeMany(ids: string[]): Promise<void> {
      if (ids.length) await Item.deleteMany({ _id: trusted({ $in: ids.map(String) }) });
    },
    async getById(id: string): Promise<AgendaItem | null> {
      const doc = await Item.findById(String(id)).lean();
      return doc ? toItem(doc) : null;
    },
    /** Sets dueAt without a history entry (recomputed after a move; the move itself is recorded). */
    async setDueAt(id: string, dueAt: Date | null): Promise<void> {
      await Item.updateOne({ _id: String(id) }, { $set: { dueAt } });
    },
    async remove(id: string): Promise<void> {
      await Item.deleteOne({ _id: String(id) });
    },
  };
}
export type AgendaRepository = ReturnType<typeof agendaRepository>;
