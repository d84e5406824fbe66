/**
 * Sign-in sessions of the web pages. The user pastes an API key once; the server keeps a session
 * whose id (256 random bits) lives only in an HttpOnly, SameSite=Lax cookie and whose SHA-256
 * is the database key. Expiry is checked on every read (FerretDB has no TTL index); expired rows
 * are removed when met and by `deleteExpired`. Each session carries a CSRF token for form posts.
 */
import { randomBytes } from 'node:crypto';
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import type { Principal } from '../access/api-keys';
import { hashSecret } from '../shared/secrets';

export interface WebSession {
  principal: Principal;
  csrf: string;
  createdAt: Date;
  expiresAt: Date;
}

const schema = new Schema(
  {
    _id: String,
    keyId: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true },
    agencyCode: { type: String, default: null },
    csrf: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'webSessions' },
);
schema.index({ expiresAt: 1 });
schema.index({ keyId: 1 });

export const SESSION_COOKIE = 'lh_session';

export function webSessionRepository(conn: Connection) {
  const Session = (conn.models.WebSession ?? conn.model('WebSession', schema)) as Model<Record<string, unknown>>;
  return {
    /** Opens a session for a principal; returns the cookie value (shown once, stored hashed). */
    async create(
      principal: Principal,
      now: Date,
      hours: number,
    ): Promise<{ id: string; csrf: string; expiresAt: Date }> {
      const id = randomBytes(32).toString('base64url');
      const csrf = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + hours * 3_600_000);
      await Session.create({
        _id: hashSecret(id),
        keyId: principal.keyId,
        name: principal.name,
        role: principal.role,
        agencyCode: principal.agencyCode,
        csrf,
        createdAt: now,
        expiresAt,
      });
      return { id, csrf, expiresAt };
    },
    /** The live session for a cookie value, or null (unknown or expired; an expired one is removed). */
    async find(id: string, now: Date): Promise<WebSession | null> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
      const doc = await Session.findById(hashSecret(id)).lean();
      if (!doc) return null;
      if ((doc.expiresAt as Date).getTime() <= now.getTime()) {
        await Session.deleteOne({ _id: String(doc._id) });
        return null;
      }
      return {
        principal: {
          keyId: String(doc.keyId),
          name: String(doc.name),
          role: doc.role as Principal['role'],
          agencyCode: (doc.agencyCode as string | null) ?? null,
        },
        csrf: String(doc.csrf),
        createdAt: doc.createdAt as Date,
        expiresAt: doc.expiresAt as Date,
      };
    },
    async remove(id: string): Promise<void> {
      await Session.deleteOne({ _id: hashSecret(String(id)) });
    },
    async deleteExpired(now: Date): Promise<number> {
      return (await Session.deleteMany({ expiresAt: trusted({ $lte: now }) })).deletedCount ?? 0;
    },
  };
}

export type WebSessionRepository = ReturnType<typeof webSessionRepository>;
