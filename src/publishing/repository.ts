/**
 * Data access of publishing: the Office's per-month settings (part A, signature, list) and the
 * publications. A publication is written once and never updated: the repository has no update or
 * delete for it, and the key `<kind>:<body>:<period>:<version>` makes a second writer of the same
 * version fail instead of overwriting.
 */
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { ConflictError } from '../shared/errors';
import type { ProgrammeSettings } from './settings';
import type { DocumentKind, PublishedDocument } from './types';

export interface Publication {
  id: string;
  kind: DocumentKind;
  bodyCode: string;
  /** `YYYY-MM` or `YYYY-Www`. */
  period: string;
  version: number;
  label: string;
  documentNumber: string | null;
  publishedAt: Date;
  publishedBy: string;
  note: string;
  /** See `fingerprint` in ./versions. */
  fingerprint: string;
  /** The schedule version (meetingRepo) the document was built from. */
  scheduleVersion: number;
}

export interface PublicationWithSnapshot extends Publication {
  snapshot: PublishedDocument;
}

const settingsSchema = new Schema(
  {
    _id: String,
    bodyCode: { type: String, required: true },
    month: { type: String, required: true },
    partA: { type: String, default: '' },
    signatureAuthority: String,
    signatureTitle: String,
    signerName: String,
    recipients: { type: [String], default: undefined },
    issueDate: { type: String, default: null },
    numberTemplate: String,
    updatedAt: Date,
    updatedBy: String,
  },
  { versionKey: false, collection: 'programmeSettings' },
);
settingsSchema.index({ bodyCode: 1, month: 1 }, { unique: true });

const frozen = { immutable: true } as const;
const publicationSchema = new Schema(
  {
    _id: String,
    kind: { type: String, required: true, ...frozen },
    bodyCode: { type: String, required: true, ...frozen },
    period: { type: String, required: true, ...frozen },
    version: { type: Number, required: true, ...frozen },
    label: { type: String, required: true, ...frozen },
    documentNumber: { type: String, default: null, ...frozen },
    publishedAt: { type: Date, required: true, ...frozen },
    publishedBy: { type: String, required: true, ...frozen },
    note: { type: String, default: '', ...frozen },
    fingerprint: { type: String, required: true, ...frozen },
    scheduleVersion: { type: Number, default: 0, ...frozen },
    /** The document model as JSON text: stored verbatim, so it reads back exactly as published. */
    snapshot: { type: String, required: true, ...frozen },
  },
  { versionKey: false, collection: 'publications' },
);
publicationSchema.index({ kind: 1, bodyCode: 1, period: 1, version: 1 }, { unique: true });
publicationSchema.index({ publishedAt: -1 });

type Doc = Record<string, unknown>;
function models(conn: Connection) {
  return {
    Settings: (conn.models.ProgrammeSettings ?? conn.model('ProgrammeSettings', settingsSchema)) as Model<Doc>,
    Publication: (conn.models.Publication ?? conn.model('Publication', publicationSchema)) as Model<Doc>,
  };
}

function toSettings(doc: Doc): Partial<ProgrammeSettings> {
  const { _id, updatedAt, ...rest } = doc;
  const out: Partial<ProgrammeSettings> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== null) (out as Record<string, unknown>)[k] = v;
  if (doc.issueDate === null) out.issueDate = null;
  if (updatedAt instanceof Date) out.updatedAt = updatedAt.toISOString();
  return out;
}

function toPublication(doc: Doc): Publication {
  const { _id, snapshot, ...rest } = doc;
  return {
    id: String(_id),
    ...(rest as Omit<Publication, 'id'>),
    documentNumber: (rest.documentNumber as string | null) ?? null,
    note: (rest.note as string) ?? '',
  };
}

export function publishingRepository(conn: Connection) {
  const { Settings, Publication } = models(conn);
  return {
    async getSettings(bodyCode: string, month: string): Promise<Partial<ProgrammeSettings> | null> {
      const doc = await Settings.findOne({ bodyCode: String(bodyCode), month: String(month) }).lean();
      return doc ? toSettings(doc) : null;
    },
    /** The latest month before `month` that has settings of its own. */
    async previousSettings(bodyCode: string, month: string): Promise<Partial<ProgrammeSettings> | null> {
      const doc = await Settings.findOne({ bodyCode: String(bodyCode), month: trusted({ $lt: String(month) }) })
        .sort({ month: -1 })
        .lean();
      return doc ? toSettings(doc) : null;
    },
    async saveSettings(
      bodyCode: string,
      month: string,
      patch: Partial<ProgrammeSettings>,
      by: string,
      at: Date,
    ): Promise<void> {
      const { bodyCode: _b, month: _m, updatedAt: _u, updatedBy: _by, ...fields } = patch;
      await Settings.findOneAndUpdate(
        { _id: `${bodyCode}:${month}` },
        { $set: { ...fields, bodyCode, month, updatedAt: at, updatedBy: by } },
        { upsert: true, returnDocument: 'after' },
      );
    },

    async latest(kind: DocumentKind, bodyCode: string, period: string): Promise<Publication | null> {
      const doc = await Publication.findOne({ kind, bodyCode: String(bodyCode), period: String(period) })
        .sort({ version: -1 })
        .select({ snapshot: 0 })
        .lean();
      return doc ? toPublication(doc) : null;
    },
    async get(
      kind: DocumentKind,
      bodyCode: string,
      period: string,
      version: number,
    ): Promise<PublicationWithSnapshot | null> {
      const doc = await Publication.findOne({ _id: `${kind}:${bodyCode}:${period}:${Number(version)}` }).lean();
      return doc ? { ...toPublication(doc), snapshot: JSON.parse(String(doc.snapshot)) as PublishedDocument } : null;
    },
    async versions(kind: DocumentKind, bodyCode: string, period: string): Promise<Publication[]> {
      const docs = await Publication.find({ kind, bodyCode: String(bodyCode), period: String(period) })
        .sort({ version: 1 })
        .select({ snapshot: 0 })
        .lean();
      return docs.map(toPublication);
    },
    /** Every publication (newest first), without snapshots: the archive. */
    async all(filter: { kind?: DocumentKind; bodyCode?: string } = {}): Promise<Publication[]> {
      const query: Record<string, string> = {};
      if (filter.kind) query.kind = filter.kind;
      if (filter.bodyCode) query.bodyCode = String(filter.bodyCode);
      const docs = await Publication.find(query).sort({ publishedAt: -1 }).select({ snapshot: 0 }).limit(5000).lean();
      return docs.map(toPublication);
    },
    /** Stores a new version; a concurrent publication of the same version is a conflict, never an overwrite. */
    async insert(p: Omit<Publication, 'id'>, snapshot: PublishedDocument): Promise<Publication> {
      try {
        const doc = await Publication.create({
          _id: `${p.kind}:${p.bodyCode}:${p.period}:${p.version}`,
          ...p,
          snapshot: JSON.stringify(snapshot),
        });
        return toPublication(doc.toObject());
      } catch (err) {
        if ((err as { code?: number }).code === 11000) {
          throw new ConflictError(
            `Version ${p.version} of this document was just published by someone else; reload and try again.`,
            [{ field: 'version', problem: 'already published' }],
          );
        }
        throw err;
      }
    },
  };
}

export type PublishingRepository = ReturnType<typeof publishingRepository>;
