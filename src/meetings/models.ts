import { Schema, type Connection, type Model } from 'mongoose';
import { HOLIDAY_POLICIES, MEETING_KINDS } from './types';

const attendeesSchema = new Schema(
  { officials: { type: [String], default: [] }, agencies: { type: [String], default: [] } },
  { _id: false },
);

const seriesSchema = new Schema(
  {
    _id: String,
    title: { type: String, required: true },
    kind: { type: String, enum: MEETING_KINDS, required: true },
    bodyCode: { type: String, required: true, index: true },
    chairCode: { type: String, default: null },
    attendees: { type: attendeesSchema, default: () => ({}) },
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
  },
  { timestamps: true, versionKey: false, collection: 'series' },
);

const overrideSchema = new Schema(
  {
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
  },
  { timestamps: { createdAt: false, updatedAt: true }, versionKey: false, collection: 'occurrenceOverrides' },
);

const meetingSchema = new Schema(
  {
    _id: String,
    seriesId: { type: String, default: null, index: true },
    title: { type: String, required: true },
    kind: { type: String, enum: MEETING_KINDS, required: true },
    bodyCode: { type: String, required: true, index: true },
    chairCode: { type: String, default: null },
    attendees: { type: attendeesSchema, default: () => ({}) },
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
  },
  { timestamps: true, versionKey: false, collection: 'meetings' },
);

/** One counter bumped by every schedule write, so caches (feeds) in any instance can invalidate. */
const metaSchema = new Schema(
  { _id: String, version: { type: Number, default: 0 } },
  { timestamps: { createdAt: false, updatedAt: true }, versionKey: false, collection: 'meta' },
);

type AnyModel = Model<Record<string, unknown>>;
export interface MeetingModels {
  Series: AnyModel;
  Override: AnyModel;
  Meeting: AnyModel;
  Meta: AnyModel;
}

export function meetingModels(conn: Connection): MeetingModels {
  const get = (name: string, schema: Schema) => (conn.models[name] ?? conn.model(name, schema)) as AnyModel;
  return {
    Series: get('Series', seriesSchema),
    Override: get('OccurrenceOverride', overrideSchema),
    Meeting: get('Meeting', meetingSchema),
    Meta: get('Meta', metaSchema),
  };
}
