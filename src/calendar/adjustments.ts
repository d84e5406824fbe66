import { Schema, type Connection, type Model } from 'mongoose';
import { z } from 'zod';
import { newId, plain } from '../shared/db';
import { localDate, requiredText } from '../shared/schemas';
import type { CalendarAdjustment } from './holidays';
import { WorkingCalendar } from './working-days';

/**
 * Official adjustments to the working calendar, entered by the Office from the Government's
 * yearly documents (they cannot be computed): the Prime Minister's Tết span, the second day of
 * National Day, working-day swaps and make-up Saturdays. Each carries its document number.
 */
export interface StoredAdjustment extends CalendarAdjustment {
  id: string;
  createdAt: Date;
}

const adjustmentSchema = new Schema(
  {
    _id: String,
    kind: { type: String, required: true },
    date: { type: String, default: null },
    from: { type: String, default: null },
    to: { type: String, default: null },
    name: { type: String, required: true },
    documentNumber: { type: String, required: true },
    documentDate: { type: String, default: null },
    issuer: { type: String, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, collection: 'calendarAdjustments' },
);

/** The document that decided an adjustment: its number (required), date and issuer. */
const decision = {
  documentNumber: requiredText(200),
  documentDate: localDate.optional(),
  issuer: requiredText(200).optional(),
};

export const adjustmentInput = z.discriminatedUnion(
  'kind',
  [
    z
      .strictObject({
        kind: z.literal('tet-span'),
        from: localDate,
        to: localDate,
        name: requiredText(200),
        ...decision,
      })
      .refine((a) => a.from <= a.to, { error: 'must not be after "to"', path: ['from'] })
      .refine(
        (a) => a.from.slice(0, 4) === a.to.slice(0, 4) || Number(a.to.slice(0, 4)) - Number(a.from.slice(0, 4)) === 1,
        { error: 'a Tết span lasts days, not years', path: ['to'] },
      ),
    z.strictObject({
      kind: z.literal('national-day-extra'),
      date: localDate.refine((d) => /-(09-01|09-03)$/.test(d), 'must be 1/9 or 3/9'),
      name: requiredText(200),
      ...decision,
    }),
    z.strictObject({ kind: z.literal('day-off'), date: localDate, name: requiredText(200), ...decision }),
    z.strictObject({ kind: z.literal('working-day'), date: localDate, name: requiredText(200), ...decision }),
  ],
  { error: "must be one of 'tet-span', 'national-day-extra', 'day-off', 'working-day'" },
);
export type AdjustmentInput = z.output<typeof adjustmentInput>;

function model(conn: Connection): Model<Record<string, unknown>> {
  return (conn.models.CalendarAdjustment ?? conn.model('CalendarAdjustment', adjustmentSchema)) as Model<
    Record<string, unknown>
  >;
}

type Decided = Pick<CalendarAdjustment, 'kind' | 'date' | 'from' | 'to'>;

/**
 * Whether two adjustments decide the same thing: Tết spans that overlap (the same Tết), the day
 * next to Quốc khánh of the same year, or a day off / make-up day on the same date.
 */
export function decidesSame(a: Decided, b: Decided): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'tet-span') return !!a.from && !!a.to && !!b.from && !!b.to && a.from <= b.to && b.from <= a.to;
  if (a.kind === 'national-day-extra') return (a.date ?? '').slice(0, 4) === (b.date ?? '').slice(0, 4);
  return a.date === b.date;
}

function toAdjustment(doc: unknown): StoredAdjustment {
  const raw = plain<Record<string, unknown>>(doc);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== null) out[k] = v;
  return out as unknown as StoredAdjustment;
}

export function adjustmentRepository(conn: Connection) {
  const Adjustment = model(conn);
  return {
    async list(): Promise<StoredAdjustment[]> {
      const docs = await Adjustment.find({}).sort({ date: 1, from: 1 }).lean();
      return docs.map(toAdjustment);
    },
    async create(input: AdjustmentInput): Promise<StoredAdjustment> {
      const doc = await Adjustment.create({ _id: newId('adj'), ...input });
      return toAdjustment(doc.toObject());
    },
    /**
     * Records a decision unless one deciding the same thing is there already, whoever recorded it
     * (see `decidesSame`): loading the seeded decisions again adds nothing, and a decision the
     * Office recorded or corrected by hand is kept. True when added.
     */
    async ensure(input: AdjustmentInput): Promise<boolean> {
      const existing = (await Adjustment.find({ kind: input.kind }).lean()).map(toAdjustment);
      if (existing.some((a) => decidesSame(a, input))) return false;
      await Adjustment.create({ _id: newId('adj'), ...input });
      return true;
    },
    async remove(id: string): Promise<boolean> {
      const res = await Adjustment.deleteOne({ _id: String(id) });
      return res.deletedCount === 1;
    },
  };
}
export type AdjustmentRepository = ReturnType<typeof adjustmentRepository>;

/** The working calendar with every recorded adjustment (one small query). */
export async function loadWorkingCalendar(repo: AdjustmentRepository): Promise<WorkingCalendar> {
  return new WorkingCalendar(await repo.list());
}
