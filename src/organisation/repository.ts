import { trusted, type Connection, type Model } from 'mongoose';
import { plain } from '../shared/db';
import { organisationModels } from './models';
import { compareBodies, type Agency, type Body, type Official } from './types';

/** Data access for records keyed by a human-readable `code`; returns plain objects. */
export interface CodeRepository<T extends { code: string }> {
  list(filter?: Partial<Record<keyof T, string>>): Promise<T[]>;
  get(code: string): Promise<T | null>;
  /** The records whose codes are given, in no particular order (missing codes are simply absent). */
  getMany(codes: string[]): Promise<T[]>;
  create(record: Omit<T, 'id' | 'createdAt' | 'updatedAt'>): Promise<T>;
  update(code: string, patch: Partial<Omit<T, 'id' | 'code' | 'createdAt' | 'updatedAt'>>): Promise<T | null>;
  count(): Promise<number>;
}

function codeRepository<T extends { code: string }>(model: Model<Record<string, unknown>>): CodeRepository<T> {
  return {
    async list(filter = {}) {
      const query: Record<string, string> = {};
      for (const [k, v] of Object.entries(filter)) if (typeof v === 'string') query[k] = v;
      const docs = await model.find(query).sort({ code: 1 }).lean();
      return docs.map((d) => plain<T>(d));
    },
    async get(code) {
      const doc = await model.findOne({ code: String(code) }).lean();
      return doc ? plain<T>(doc) : null;
    },
    async getMany(codes) {
      if (!codes.length) return [];
      const docs = await model.find({ code: trusted({ $in: codes.map(String) }) }).lean();
      return docs.map((d) => plain<T>(d));
    },
    async create(record) {
      const doc = await model.create({ _id: record.code, ...record });
      return plain<T>(doc.toObject());
    },
    async update(code, patch) {
      const doc = await model.findOneAndUpdate({ code: String(code) }, { $set: patch }, { returnDocument: 'after' }).lean();
      return doc ? plain<T>(doc) : null;
    },
    count: () => model.countDocuments(),
  };
}

export interface OrganisationRepositories {
  bodies: CodeRepository<Body>;
  agencies: CodeRepository<Agency>;
  officials: CodeRepository<Official>;
}

export function organisationRepositories(conn: Connection): OrganisationRepositories {
  const m = organisationModels(conn);
  const bodies = codeRepository<Body>(m.Body);
  return {
    // Bodies in their political order (Huyện ủy, HĐND, UBND), not by code.
    bodies: { ...bodies, list: async (filter) => (await bodies.list(filter)).sort(compareBodies) },
    agencies: codeRepository<Agency>(m.Agency),
    officials: codeRepository<Official>(m.Official),
  };
}
