import { trusted, type Connection, type Model } from 'mongoose';
import { fromStored } from '../shared/records';
import { organisationModels, type AgencyRecord, type BodyRecord, type OfficialRecord } from './models';
import { compareBodies, type Agency, type Body, type Official } from './types';

/** Data access for records keyed by a human-readable `code`; returns plain objects. */
export interface CodeRepository<T extends { code: string }> {
  list(filter?: Partial<Record<keyof T, string>>): Promise<T[]>;
  get(code: string): Promise<T | null>;
  /** The records whose codes are given, in no particular order (missing codes are simply absent). */
  getMany(codes: string[]): Promise<T[]>;
  create(record: NewRecord<T>): Promise<T>;
  update(code: string, patch: Partial<Omit<T, 'id' | 'code' | 'createdAt' | 'updatedAt'>>): Promise<T | null>;
  count(): Promise<number>;
}

/** A record as created: without its id and timestamps. */
export type NewRecord<T> = Omit<T, 'id' | 'createdAt' | 'updatedAt'>;

/** How one kind of record is stored: its code as `_id`, read back with `fromStored` (checked per kind). */
interface Mapping<T, R> {
  toRecord(record: NewRecord<T>): Partial<R>;
  toEntity(record: R): T;
}

/** The repository of one kind of record keyed by its code (stored as `_id`). */
function codeRepository<T extends { code: string }, R extends { _id: string }>(
  model: Model<R>,
  { toRecord, toEntity }: Mapping<T, R>,
): CodeRepository<T> {
  const withCode = (code: string): Record<string, string> => ({ code: String(code) });
  return {
    async list(filter = {}) {
      const query: Record<string, string> = {};
      for (const [k, v] of Object.entries(filter)) if (typeof v === 'string') query[k] = v;
      const docs = await model.find(query).sort({ code: 1 }).lean<R[]>();
      return docs.map(toEntity);
    },
    async get(code) {
      const doc = await model.findOne(withCode(code)).lean<R>();
      return doc ? toEntity(doc) : null;
    },
    async getMany(codes) {
      if (!codes.length) return [];
      const anyOf: Record<string, unknown> = { code: trusted({ $in: codes.map(String) }) };
      const docs = await model.find(anyOf).lean<R[]>();
      return docs.map(toEntity);
    },
    async create(record) {
      const doc = await model.create(toRecord(record));
      return toEntity(doc.toObject<R>());
    },
    async update(code, patch) {
      const changes: Record<string, unknown> = { ...patch };
      const doc = await model
        .findOneAndUpdate(withCode(code), { $set: changes }, { returnDocument: 'after' })
        .lean<R>();
      return doc ? toEntity(doc) : null;
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
  // The code is the stored `_id`; spelled out per kind so the compiler checks each mapping.
  const bodies = codeRepository<Body, BodyRecord>(m.Body, {
    toRecord: (r) => ({ ...r, _id: r.code }),
    toEntity: fromStored,
  });
  const agencies = codeRepository<Agency, AgencyRecord>(m.Agency, {
    toRecord: (r) => ({ ...r, _id: r.code }),
    toEntity: fromStored,
  });
  const officials = codeRepository<Official, OfficialRecord>(m.Official, {
    toRecord: (r) => ({ ...r, _id: r.code }),
    toEntity: fromStored,
  });
  return {
    // Bodies in their political order (Huyện ủy, HĐND, UBND), not by code.
    bodies: { ...bodies, list: async (filter) => (await bodies.list(filter)).sort(compareBodies) },
    agencies,
    officials,
  };
}
