import { trusted, type Connection } from 'mongoose';
import { retryOnDuplicateKey } from '../shared/db';
import { fromStored } from '../shared/records';
import { meetingModels, type OverrideRecord } from './models';
import type { Meeting, OccurrenceOverride, Series } from './types';

type New<T> = Omit<T, 'createdAt' | 'updatedAt' | 'sequence'>;

/** What an override holds when the upsert that created it wrote only some fields. */
const OVERRIDE_DEFAULTS = {
  start: null,
  durationMinutes: null,
  location: null,
  cancelled: false,
  reason: null,
  attendees: null,
  title: null,
  description: null,
  warnings: [],
  sequence: 0,
} satisfies Partial<OccurrenceOverride>;

/** Fills fields an upsert may not have written (defaults are not applied on every server). */
function toOverride(doc: OverrideRecord): OccurrenceOverride {
  const { _id, ...rest } = doc;
  return { ...OVERRIDE_DEFAULTS, ...rest, occurrenceId: _id };
}

/** Data access for series, their per-occurrence overrides and one-off meetings; plain objects only. */
export function meetingRepository(conn: Connection) {
  const { Series: SeriesModel, Override, Meeting: MeetingModel, Meta } = meetingModels(conn);

  return {
    async createSeries(series: New<Series>): Promise<Series> {
      const { id, ...rest } = series;
      const doc = await SeriesModel.create({ _id: id, ...rest, sequence: 0 });
      return fromStored(doc.toObject());
    },
    async getSeries(id: string): Promise<Series | null> {
      const doc = await SeriesModel.findById(String(id)).lean();
      return doc ? fromStored(doc) : null;
    },
    async listSeries(filter: { bodyCode?: string } = {}): Promise<Series[]> {
      const q: Record<string, string> = {};
      if (filter.bodyCode) q.bodyCode = filter.bodyCode;
      const docs = await SeriesModel.find(q).sort({ _id: 1 }).lean();
      return docs.map(fromStored);
    },
    /** Applies a patch and bumps the series' SEQUENCE; with `ifSequence`, only if the series is still at that SEQUENCE (else null). */
    async updateSeries(id: string, patch: Partial<New<Series>>, ifSequence?: number): Promise<Series | null> {
      const filter: Record<string, unknown> = { _id: String(id) };
      if (ifSequence !== undefined) filter.sequence = Number(ifSequence);
      const doc = await SeriesModel.findOneAndUpdate(
        filter,
        { $set: patch, $inc: { sequence: 1 } },
        { returnDocument: 'after' },
      ).lean();
      return doc ? fromStored(doc) : null;
    },

    async getOverride(occurrenceId: string): Promise<OccurrenceOverride | null> {
      const doc = await Override.findById(String(occurrenceId)).lean();
      return doc ? toOverride(doc) : null;
    },
    async listOverrides(seriesIds: string[]): Promise<OccurrenceOverride[]> {
      if (!seriesIds.length) return [];
      const docs = await Override.find({ seriesId: trusted({ $in: seriesIds.map(String) }) }).lean();
      return docs.map(toOverride);
    },
    /**
     * Creates or changes the override of one occurrence, bumping its SEQUENCE atomically (`$inc`
     * on one document). Two first writes of the same occurrence can both try to insert: the loser
     * gets a duplicate key and is retried as an update (MongoDB does the same for an upsert on `_id`).
     */
    async upsertOverride(
      key: { occurrenceId: string; seriesId: string; originalStart: string },
      patch: Partial<
        Omit<OccurrenceOverride, 'occurrenceId' | 'seriesId' | 'originalStart' | 'sequence' | 'updatedAt'>
      >,
      bumpSequence = true,
    ): Promise<OccurrenceOverride> {
      const run = () =>
        Override.findOneAndUpdate(
          { _id: key.occurrenceId },
          {
            $set: { ...patch, seriesId: key.seriesId, originalStart: key.originalStart },
            $inc: { sequence: bumpSequence ? 1 : 0 },
          },
          { returnDocument: 'after', upsert: true },
        ).lean();
      return toOverride(await retryOnDuplicateKey(run));
    },
    /** Adds warnings to an occurrence's override (created if missing) without touching anything else. */
    async addOverrideWarnings(
      key: { occurrenceId: string; seriesId: string; originalStart: string },
      warnings: string[],
    ): Promise<void> {
      await retryOnDuplicateKey(() =>
        Override.updateOne(
          { _id: key.occurrenceId },
          {
            $addToSet: { warnings: trusted({ $each: warnings }) },
            $set: { seriesId: key.seriesId, originalStart: key.originalStart },
          },
          { upsert: true },
        ),
      );
    },

    async createMeeting(meeting: New<Meeting>): Promise<Meeting> {
      const { id, ...rest } = meeting;
      const doc = await MeetingModel.create({ _id: id, ...rest, sequence: 0 });
      return fromStored(doc.toObject());
    },
    async getMeeting(id: string): Promise<Meeting | null> {
      const doc = await MeetingModel.findById(String(id)).lean();
      return doc ? fromStored(doc) : null;
    },
    /** Meetings whose local start date lies in [fromDate, toDate] (strings compare as dates). */
    async listMeetings(
      filter: { fromDate?: string; toDate?: string; bodyCode?: string; seriesId?: string } = {},
    ): Promise<Meeting[]> {
      const q: Record<string, unknown> = {};
      if (filter.bodyCode) q.bodyCode = filter.bodyCode;
      if (filter.seriesId) q.seriesId = filter.seriesId;
      if (filter.fromDate || filter.toDate) {
        q.start = trusted({
          ...(filter.fromDate ? { $gte: filter.fromDate } : {}),
          ...(filter.toDate ? { $lte: `${filter.toDate}T99` } : {}),
        });
      }
      const docs = await MeetingModel.find(q).sort({ start: 1 }).lean();
      return docs.map(fromStored);
    },
    async updateMeeting(id: string, patch: Partial<New<Meeting>>): Promise<Meeting | null> {
      const doc = await MeetingModel.findOneAndUpdate(
        { _id: String(id) },
        { $set: patch, $inc: { sequence: 1 } },
        { returnDocument: 'after' },
      ).lean();
      return doc ? fromStored(doc) : null;
    },
    async addMeetingWarnings(id: string, warnings: string[]): Promise<void> {
      await MeetingModel.updateOne({ _id: String(id) }, { $addToSet: { warnings: trusted({ $each: warnings }) } });
    },

    /** Marks the schedule as changed (feeds and other caches compare this number): one atomic `$inc`. */
    async bumpScheduleVersion(): Promise<number> {
      const doc = await retryOnDuplicateKey(() =>
        Meta.findOneAndUpdate(
          { _id: 'schedule' },
          { $inc: { version: 1 } },
          { upsert: true, returnDocument: 'after' },
        ).lean(),
      );
      return Number(doc?.version ?? 0);
    },
    async scheduleVersion(): Promise<{ version: number; updatedAt: Date | null }> {
      const doc = await Meta.findById('schedule').lean();
      return { version: Number(doc?.version ?? 0), updatedAt: doc?.updatedAt ?? null };
    },
  };
}

export type MeetingRepository = ReturnType<typeof meetingRepository>;
