import { Schema, type Connection, type Model } from 'mongoose';
import type { RecordDefinition, Stored } from '../shared/records';
import { BODY_KINDS, LEVELS, type Agency, type Body, type Official } from './types';

/** The records as stored: the types of ./types.ts with their id as `_id` (the code; src/shared/records.ts). */
export type BodyRecord = Stored<Body>;
export type AgencyRecord = Stored<Agency>;
export type OfficialRecord = Stored<Official>;

const bodyDefinition = {
  _id: String,
  code: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  shortName: { type: String, required: true },
  kind: { type: String, enum: BODY_KINDS, required: true },
  level: { type: String, enum: LEVELS, required: true },
  place: { type: String, default: '' },
  parentName: { type: String, default: '' },
  timeZone: { type: String, required: true },
  documentDueWorkingDays: { type: Number, default: 3 },
} satisfies RecordDefinition<BodyRecord>;
const bodySchema = new Schema<BodyRecord>(bodyDefinition, {
  timestamps: true,
  versionKey: false,
  collection: 'bodies',
});

const agencyDefinition = {
  _id: String,
  code: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  shortName: { type: String, default: '' },
  bodyCode: { type: String, required: true, index: true },
  emails: { type: [String], default: [] },
} satisfies RecordDefinition<AgencyRecord>;
const agencySchema = new Schema<AgencyRecord>(agencyDefinition, {
  timestamps: true,
  versionKey: false,
  collection: 'agencies',
});

const officialDefinition = {
  _id: String,
  code: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  title: { type: String, default: '' },
  bodyCode: { type: String, required: true, index: true },
  agencyCode: { type: String, default: null },
  email: { type: String, default: null },
} satisfies RecordDefinition<OfficialRecord>;
const officialSchema = new Schema<OfficialRecord>(officialDefinition, {
  timestamps: true,
  versionKey: false,
  collection: 'officials',
});

export interface OrganisationModels {
  Body: Model<BodyRecord>;
  Agency: Model<AgencyRecord>;
  Official: Model<OfficialRecord>;
}

/** The models on a connection (registered on first use). */
export function organisationModels(conn: Connection): OrganisationModels {
  return {
    Body: conn.models.Body ?? conn.model<BodyRecord>('Body', bodySchema),
    Agency: conn.models.Agency ?? conn.model<AgencyRecord>('Agency', agencySchema),
    Official: conn.models.Official ?? conn.model<OfficialRecord>('Official', officialSchema),
  };
}
