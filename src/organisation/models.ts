import { Schema, type Connection, type Model } from 'mongoose';
import { BODY_KINDS, LEVELS } from './types';

const bodySchema = new Schema(
  {
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
  },
  { timestamps: true, versionKey: false, collection: 'bodies' },
);

const agencySchema = new Schema(
  {
    _id: String,
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    shortName: { type: String, default: '' },
    bodyCode: { type: String, required: true, index: true },
    emails: { type: [String], default: [] },
  },
  { timestamps: true, versionKey: false, collection: 'agencies' },
);

const officialSchema = new Schema(
  {
    _id: String,
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    title: { type: String, default: '' },
    bodyCode: { type: String, required: true, index: true },
    agencyCode: { type: String, default: null },
    email: { type: String, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'officials' },
);

export interface OrganisationModels {
  Body: Model<Record<string, unknown>>;
  Agency: Model<Record<string, unknown>>;
  Official: Model<Record<string, unknown>>;
}

export function organisationModels(conn: Connection): OrganisationModels {
  return {
    Body: (conn.models.Body ?? conn.model('Body', bodySchema)) as Model<Record<string, unknown>>,
    Agency: (conn.models.Agency ?? conn.model('Agency', agencySchema)) as Model<Record<string, unknown>>,
    Official: (conn.models.Official ?? conn.model('Official', officialSchema)) as Model<Record<string, unknown>>,
  };
}
