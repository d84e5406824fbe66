/**
 * The small collections of the reminders component: per-body settings (`reminderSettings`), what
 * change notices were based on (`notifiedStates`), opt-outs (`optOuts`) and opt-out link tokens
 * (`optOutTokens`, stored as SHA-256 digests only).
 */
import { randomBytes } from 'node:crypto';
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { hashSecret } from '../shared/secrets';
import { isDuplicateKey, onlyDuplicateKeys } from '../shared/db';
import {
  DEFAULT_REMINDER_SETTINGS,
  OPT_OUT_KINDS,
  type NotifiedState,
  type OptOut,
  type OptOutKind,
  type ReminderSettings,
} from './types';

type Doc = Record<string, unknown>;

const settingsSchema = new Schema(
  {
    _id: String, // body code
    preparationOffsets: { type: [Number], default: undefined },
    reminderTime: String,
    agendaTime: String,
    digestWeekday: { type: Number, default: undefined },
    digestTime: String,
    digestDays: Number,
    officeAgencyCode: { type: String, default: undefined },
  },
  { timestamps: true, versionKey: false, collection: 'reminderSettings', minimize: false },
);

const notifiedSchema = new Schema(
  {
    _id: String, // occurrence id
    sequence: { type: Number, required: true },
    cancelled: { type: Boolean, required: true },
    startUtc: { type: Date, required: true },
    endUtc: { type: Date, required: true },
    location: { type: String, default: '' },
    localStart: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'notifiedStates' },
);

const optOutSchema = new Schema(
  {
    _id: String, // `<email>|<kind>`
    email: { type: String, required: true, index: true },
    kind: { type: String, enum: OPT_OUT_KINDS, required: true },
    source: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'optOuts' },
);

const tokenSchema = new Schema(
  {
    _id: String, // SHA-256 of the token
    email: { type: String, required: true },
    kind: { type: String, enum: OPT_OUT_KINDS, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'optOutTokens' },
);
tokenSchema.index({ expiresAt: 1 });

function model(conn: Connection, name: string, schema: Schema): Model<Doc> {
  return (conn.models[name] ?? conn.model(name, schema)) as Model<Doc>;
}

/** Stored settings merged over the defaults (fields never written keep their default). */
export function withDefaults(bodyCode: string, stored: Partial<ReminderSettings> | null): ReminderSettings {
  const out: ReminderSettings = {
    bodyCode,
    ...DEFAULT_REMINDER_SETTINGS,
    preparationOffsets: [...DEFAULT_REMINDER_SETTINGS.preparationOffsets],
  };
  if (!stored) return out;
  for (const key of Object.keys(DEFAULT_REMINDER_SETTINGS) as (keyof typeof DEFAULT_REMINDER_SETTINGS)[]) {
    const v = stored[key];
    if (v !== undefined) (out as unknown as Doc)[key] = v;
  }
  return out;
}

export function reminderStores(conn: Connection) {
  const Settings = model(conn, 'ReminderSettings', settingsSchema);
  const Notified = model(conn, 'ReminderNotifiedState', notifiedSchema);
  const OptOutModel = model(conn, 'ReminderOptOut', optOutSchema);
  const Token = model(conn, 'ReminderOptOutToken', tokenSchema);

  return {
    settings: {
      async all(): Promise<Map<string, ReminderSettings>> {
        const docs = await Settings.find({}).lean();
        return new Map(docs.map((d) => [String(d._id), withDefaults(String(d._id), d as Partial<ReminderSettings>)]));
      },
      async get(bodyCode: string): Promise<ReminderSettings> {
        return withDefaults(
          bodyCode,
          (await Settings.findById(String(bodyCode)).lean()) as Partial<ReminderSettings> | null,
        );
      },
      /** Changes the given fields of a body's settings (the others keep their value or default). */
      async patch(bodyCode: string, input: Partial<Omit<ReminderSettings, 'bodyCode'>>): Promise<ReminderSettings> {
        const set: Doc = {};
        for (const [k, v] of Object.entries(input)) if (v !== undefined) set[k] = v;
        await Settings.updateOne({ _id: String(bodyCode) }, { $set: set }, { upsert: true });
        return this.get(bodyCode);
      },
    },

    notified: {
      async getMany(ids: string[]): Promise<Map<string, NotifiedState>> {
        if (!ids.length) return new Map();
        const docs = await Notified.find({ _id: trusted({ $in: ids.map(String) }) }).lean();
        return new Map(
          docs.map((d) => [
            String(d._id),
            {
              ...(d as unknown as NotifiedState),
              occurrenceId: String(d._id),
              location: typeof d.location === 'string' ? d.location : '',
            },
          ]),
        );
      },
      /**
       * Records states: inserts first sightings, and overwrites a stored state only with a higher
       * SEQUENCE (a planner that read an older schedule never moves it back).
       */
      async record(states: NotifiedState[], known: Set<string>): Promise<void> {
        const fresh = states
          .filter((s) => !known.has(s.occurrenceId))
          .map(({ occurrenceId, ...rest }) => ({ _id: occurrenceId, ...rest }));
        if (fresh.length) {
          try {
            await Notified.collection.insertMany(fresh as never[], { ordered: false });
          } catch (err) {
            // Another planner recorded the same first sighting: fine. Any other failure (even in a
            // batch that also had duplicates) is not: the states would be lost silently.
            if (!onlyDuplicateKeys(err)) throw err;
          }
        }
        for (const s of states.filter((x) => known.has(x.occurrenceId))) {
          const { occurrenceId, ...rest } = s;
          await Notified.updateOne({ _id: occurrenceId, sequence: trusted({ $lt: s.sequence }) }, { $set: rest });
        }
      },
    },

    optOuts: {
      async all(): Promise<OptOut[]> {
        const docs = await OptOutModel.find({}).sort({ email: 1, kind: 1 }).lean();
        return docs.map(({ _id, ...rest }) => rest as unknown as OptOut);
      },
      async add(email: string, kind: OptOutKind, source: OptOut['source'], now: Date): Promise<OptOut> {
        const doc = { email, kind, source, createdAt: now };
        try {
          await OptOutModel.collection.insertOne({ _id: `${email}|${kind}` as never, ...doc });
        } catch (err) {
          if (!isDuplicateKey(err)) throw err; // already opted out: the first record stands
        }
        return doc;
      },
      async remove(email: string, kind: OptOutKind): Promise<boolean> {
        return (await OptOutModel.deleteOne({ _id: `${email}|${kind}` })).deletedCount === 1;
      },
    },

    tokens: {
      /** A new opt-out token (128 random bits, base64url); only its digest is stored. */
      async issue(email: string, kind: OptOutKind, expiresAt: Date): Promise<string> {
        const token = randomBytes(16).toString('base64url');
        await Token.collection.insertOne({ _id: hashSecret(token) as never, email, kind, expiresAt });
        return token;
      },
      async resolve(token: string, now: Date): Promise<{ email: string; kind: OptOutKind } | null> {
        if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
        const doc = await Token.findById(hashSecret(token)).lean();
        if (!doc || (doc.expiresAt as Date) <= now) return null;
        return { email: String(doc.email), kind: doc.kind as OptOutKind };
      },
      async dropExpired(now: Date): Promise<number> {
        return (await Token.deleteMany({ expiresAt: trusted({ $lte: now }) })).deletedCount ?? 0;
      },
    },
  };
}

export type ReminderStores = ReturnType<typeof reminderStores>;
