import { Schema, type Connection, type Model } from 'mongoose';
import type { RecordDefinition, Stored } from '../shared/records';
import {
  HOLIDAY_POLICIES,
  MEETING_KINDS,
  type Attendees,
  type Meeting,
  type OccurrenceOverride,
  type Series,
} from './types';

/** The records as stored: the types of ./types.ts with their id as `_id` (src/shared/records.ts). */
export type SeriesRecord = Stored<Series>;
export type OverrideRecord = Stored<OccurrenceOverride, 'occurrenceId'>;
export type MeetingRecord = Stored<Meeting>;
/** One counter bumped by every schedule write, so caches (feeds) in any instance can invalidate. */
export interface ScheduleVersionRecord {
  _id: string;
  version: number;
  updatedAt: Date;
}

const attendeesSchema = new Schema<Attendees>(
  { officials: { type: [String], default: [] }, agencies: { type: [String], default: [] } },
  { _id: false },
);
const noAttendees = (): Attendees => ({ officials: [], agencies: [] });

const seriesDefinition = {
  _id: String,
  title: { type: String, required: true },
  kind: { type: String, enum: MEETING_KINDS, required: true },
  bodyCode: { type: String, required: true, index: true },
  chairCode: { type: String, default: null },
  attendees: { type: attendeesSchema, default: noAttendees },
  location: { type: String, default: '' },
  startTime: { type: String, required: true },
  durationMinutes: { type: Number, required: true },
  timeZone: { type: String, required: true },
  rrule: { type: String, required: true },
  startDate: { type: String, required: true },
  endDate: { type: String, default: null },
  holidayPolicy: { type: String, enum: HOLIDAY_POLICIES, required: true },
  description: { type: String, default: '' },
  timeAssumed: { type: Boolean, default: false },
  warnings: { type: [String], default: [] },
  sequence: { type: Number, default: 0 },
} satisfies RecordDefinition<SeriesRecord>;
const seriesSchema = new Schema<SeriesRecord>(seriesDefinition, {
  timestamps: true,
  versionKey: false,
  collection: 'series',
});

const overrideDefinition = {
  _id: String, // the occurrence id
  seriesId: { type: String, required: true, index: true },
  originalStart: { type: String, required: true },
  start: { type: String, default: null },
  durationMinutes: { type: Number, default: null },
  location: { type: String, default: null },
  cancelled: { type: Boolean, default: false },
  reason: { type: String, default: null },
  attendees: { type: attendeesSchema, default: null },
  title: { type: String, default: null },
  description: { type: String, default: null },
  warnings: { type: [String], default: [] },
  sequence: { type: Number, default: 0 },
} satisfies RecordDefinition<OverrideRecord>;
const overrideSchema = new Schema<OverrideRecord>(overrideDefinition, {
  timestamps: { createdAt: false, updatedAt: true },
  versionKey: false,
  collection: 'occurrenceOverrides',
});

const meetingDefinition = {
  _id: String,
  seriesId: { type: String, default: null, index: true },
  title: { type: String, required: true },
  kind: { type: String, enum: MEETING_KINDS, required: true },
  bodyCode: { type: String, required: true, index: true },
  chairCode: { type: String, default: null },
  attendees: { type: attendeesSchema, default: noAttendees },
  location: { type: String, default: '' },
  start: { type: String, required: true, index: true },
  durationMinutes: { type: Number, required: true },
  timeZone: { type: String, required: true },
  cancelled: { type: Boolean, default: false },
  reason: { type: String, default: null },
  originalStart: { type: String, default: null },
  description: { type: String, default: '' },
  timeAssumed: { type: Boolean, default: false },
  warnings: { type: [String], default: [] },
  sequence: { type: Number, default: 0 },
} satisfies RecordDefinition<MeetingRecord>;
const meetingSchema = new Schema<MeetingRecord>(meetingDefinition, {
  timestamps: true,
  versionKey: false,
  collection: 'meetings',
});

const metaDefinition = {
  _id: String,
  version: { type: Number, default: 0 },
} satisfies RecordDefinition<ScheduleVersionRecord>;
const metaSchema = new Schema<ScheduleVersionRecord>(metaDefinition, {
  timestamps: { createdAt: false, updatedAt: true },
  versionKey: false,
  collection: 'meta',
});

export interface MeetingModels {
  Series: Model<SeriesRecord>;
  Override: Model<OverrideRecord>;
  Meeting: Model<MeetingRecord>;
  Meta: Model<ScheduleVersionRecord>;
}

/** The models on a connection (registered on first use). */
export function meetingModels(conn: Connection): MeetingModels {
  return {
    Series: conn.models.Series ?? conn.model<SeriesRecord>('Series', seriesSchema),
    Override: conn.models.OccurrenceOverride ?? conn.model<OverrideRecord>('OccurrenceOverride', overrideSchema),
    Meeting: conn.models.Meeting ?? conn.model<MeetingRecord>('Meeting', meetingSchema),
    Meta: conn.models.Meta ?? conn.model<ScheduleVersionRecord>('Meta', metaSchema),
  };
}
