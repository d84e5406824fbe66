import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { newId, plain } from '../shared/db';
import { AGENCY_ROLES, ITEM_KINDS, ITEM_STATUSES, type AgendaItem, type HistoryEntry } from './types';

const itemSchema = new Schema(
  {
    _id: String,
    occurrenceId: { type: String, required: true },
    seriesId: { type: String, default: null },
    number: { type: Number, required: true },
    title: { type: String, required: true },
    kind: { type: String, enum: ITEM_KINDS, required: true },
    preparingAgencies: {
      type: [new Schema({ code: String, role: { type: String, enum: AGENCY_ROLES } }, { _id: false })],
      default: [],
    },
    leaderCode: { type: String, default: null },
    dueAt: { type: Date, default: null },
    dueAtFixed: { type: Boolean, default: false },
    status: { type: String, enum: ITEM_STATUSES, required: true },
    warnings: { type: [String], default: [] },
    carriedTo: { type: String, default: null },
    carriedFrom: { type: String, default: null },
    history: { type: [Schema.Types.Mixed], default: [] },
  },
  { timestamps: true, versionKey: false, collection: 'agendaItems' },
);
itemSchema.index({ occurrenceId: 1, number: 1 }, { unique: true });
itemSchema.index({ 'preparingAgencies.code': 1 });
itemSchema.index({ dueAt: 1 });

function model(conn: Connection): Model<Record<string, unknown>> {
  return (conn.models.AgendaItem ?? conn.model('AgendaItem', itemSchema)) as Model<Record<string, unknown>>;
}

export type NewItem = Omit<AgendaItem, 'id' | 'createdAt' | 'updatedAt' | 'history' | 'carriedTo'> & { carriedTo?: string | null };

/** Data access for agenda items; plain objects only. */
export function agendaRepository(conn: Connection) {
  const Item = model(conn);
  const toItem = (d: unknown) => plain<AgendaItem>(d);
  return {
    async listByOccurrences(occurrenceIds: string[]): Promise<AgendaItem[]> {
      if (!occurrenceIds.length) return [];
      const docs = await Item.find({ occurrenceId: trusted({ $in: occurrenceIds.map(String) }) }).sort({ occurrenceId: 1, number: 1 }).lean();
      return docs.map(toItem);
    },
    async listByAgency(agencyCode: string): Promise<AgendaItem[]> {
      const docs = await Item.find({ 'preparingAgencies.code': String(agencyCode) }).sort({ dueAt: 1 }).lean();
      return docs.map(toItem);
    },
    /** Items whose documents fall due in [from, to] (reminders). */
    async listDueBetween(from: Date, to: Date): Promise<AgendaItem[]> {
      const docs = await Item.find({ dueAt: trusted({ $gte: from, $lte: to }) }).sort({ dueAt: 1 }).lean();
      return docs.map(toItem);
    },
    async get(occurrenceId: string, number: number): Promise<AgendaItem | null> {
      const doc = await Item.findOne({ occurrenceId: String(occurrenceId), number: Number(number) }).lean();
      return doc ? toItem(doc) : null;
    },
    async insertMany(items: NewItem[], history: HistoryEntry): Promise<AgendaItem[]> {
      if (!items.length) return [];
      const docs = await Item.insertMany(items.map((i) => ({ _id: newId('item'), carriedTo: null, ...i, history: [history] })));
      return docs.map((d) => toItem(d.toObject()));
    },
    /** Sets fields and appends a history entry (only when something changed). */
    async update(id: string, patch: Partial<NewItem> & { carriedTo?: string | null }, history: HistoryEntry): Promise<AgendaItem | null> {
      const doc = await Item.findOneAndUpdate({ _id: String(id) }, { $set: patch, $push: { history } }, { returnDocument: 'after' }).lean();
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
