import { Schema, type Connection, type Model } from 'mongoose';
import { newId, plain } from '../shared/db';
import { generateSecret, hashSecret, sameDigest } from '../shared/secrets';
import { ROLES, type Principal, type Role } from '../http/principal';

/**
 * API keys. A key is 32 random bytes (256 bits) shown once at creation; only its SHA-256 is
 * stored, so a database leak reveals no usable key. Keys are revocable and never logged.
 * The repository is the HTTP layer's KeyVerifier (src/http/auth.ts, wired in src/app.ts); the roles
 * and the principal are defined in src/http/principal.ts and re-exported here.
 */
export { ROLES, type Principal, type Role };

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  /** For role `agency`: the agency whose items the key may update. */
  agencyCode: string | null;
  /** First characters of the key, to recognise it in lists. */
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const KEY_PREFIX = 'lh_';

const apiKeySchema = new Schema(
  {
    _id: String,
    name: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    agencyCode: { type: String, default: null },
    hash: { type: String, required: true, unique: true },
    prefix: { type: String, required: true },
    revokedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, collection: 'apiKeys' },
);

function model(conn: Connection): Model<Record<string, unknown>> {
  return (conn.models.ApiKey ?? conn.model('ApiKey', apiKeySchema)) as Model<Record<string, unknown>>;
}

function toApiKey(doc: unknown): ApiKey {
  const { hash, ...rest } = plain<ApiKey & { hash: string }>(doc);
  return rest;
}

export function apiKeyRepository(conn: Connection) {
  const ApiKeyModel = model(conn);
  return {
    /** Creates a key and returns the secret, which is never stored or shown again. */
    async create(input: {
      name: string;
      role: Role;
      agencyCode: string | null;
    }): Promise<{ key: ApiKey; secret: string }> {
      const secret = generateSecret(KEY_PREFIX);
      const doc = await ApiKeyModel.create({
        _id: newId('key'),
        ...input,
        hash: hashSecret(secret),
        prefix: secret.slice(0, KEY_PREFIX.length + 6),
      });
      return { key: toApiKey(doc.toObject()), secret };
    },
    /** The principal for a presented secret, or null when unknown or revoked. */
    async authenticate(secret: string, now: Date): Promise<Principal | null> {
      const hash = hashSecret(secret);
      const doc = await ApiKeyModel.findOneAndUpdate(
        { hash, revokedAt: null },
        { $set: { lastUsedAt: now } },
        { returnDocument: 'after' },
      ).lean();
      if (!doc || !sameDigest(String(doc.hash), hash)) return null;
      const key = toApiKey(doc);
      return { keyId: key.id, name: key.name, role: key.role, agencyCode: key.agencyCode };
    },
    /** One key by id (revoked ones included), or null. */
    async get(id: string): Promise<ApiKey | null> {
      const doc = await ApiKeyModel.findById(String(id)).lean();
      return doc ? toApiKey(doc) : null;
    },
    async list(): Promise<ApiKey[]> {
      const docs = await ApiKeyModel.find({}).sort({ createdAt: 1 }).lean();
      return docs.map(toApiKey);
    },
    /**
     * Revokes a key; null when there is no such key. Idempotent: revoking a revoked key changes
     * nothing and returns it with its first `revokedAt` (the update only matches a live key).
     */
    async revoke(id: string, now: Date): Promise<ApiKey | null> {
      const doc = await ApiKeyModel.findOneAndUpdate(
        { _id: String(id), revokedAt: null },
        { $set: { revokedAt: now } },
        { returnDocument: 'after' },
      ).lean();
      if (doc) return toApiKey(doc);
      const existing = await ApiKeyModel.findById(String(id)).lean();
      return existing ? toApiKey(existing) : null;
    },
  };
}

export type ApiKeyRepository = ReturnType<typeof apiKeyRepository>;
