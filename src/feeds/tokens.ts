/**
 * Secret tokens of private feeds (`/feeds/<token>.ics`). A token is 32 random bytes (256 bits),
 * shown once in the feed URL when created; only its SHA-256 is stored. Revoking (or rotating,
 * which revokes and issues a new one) stops the old URL on the next request.
 */
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { generateSecret, hashSecret } from '../shared/secrets';
import { newId, plain } from '../shared/db';

export const TOKEN_KINDS = ['official', 'agency'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface FeedToken {
  id: string;
  kind: TokenKind;
  /** Official or agency code. */
  subjectCode: string;
  /** Free note of the Office, e.g. "điện thoại của Chánh Văn phòng". */
  label: string;
  /** First characters of the token, to tell URLs apart (not enough to use one). */
  hint: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
  /** Id of the token that replaced this one when it was rotated. */
  replacedBy: string | null;
  lastFetchedAt: Date | null;
  lastUserAgent: string | null;
  fetchCount: number;
}

/** Shape of a token in a URL (base64url of 32 bytes); anything else is not looked up. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const HINT_LENGTH = 4;

const tokenSchema = new Schema(
  {
    _id: String,
    kind: { type: String, enum: TOKEN_KINDS, required: true },
    subjectCode: { type: String, required: true },
    label: { type: String, default: '' },
    hint: { type: String, required: true },
    hash: { type: String, required: true, unique: true },
    createdBy: { type: String, default: '' },
    revokedAt: { type: Date, default: null },
    replacedBy: { type: String, default: null },
    lastFetchedAt: { type: Date, default: null },
    lastUserAgent: { type: String, default: null },
    fetchCount: { type: Number, default: 0 },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, collection: 'feedTokens' },
);

function model(conn: Connection): Model<Record<string, unknown>> {
  return (conn.models.FeedToken ?? conn.model('FeedToken', tokenSchema)) as Model<Record<string, unknown>>;
}

function toToken(doc: unknown): FeedToken & { hash: string } {
  const raw = plain<
    Partial<FeedToken> & {
      id: string;
      kind: TokenKind;
      subjectCode: string;
      hint: string;
      hash: string;
      createdAt: Date;
    }
  >(doc);
  return {
    label: '',
    createdBy: '',
    revokedAt: null,
    replacedBy: null,
    lastFetchedAt: null,
    lastUserAgent: null,
    fetchCount: 0,
    ...raw,
  };
}

function withoutHash(t: FeedToken & { hash: string }): FeedToken {
  const { hash, ...rest } = t;
  return rest;
}

export function feedTokenRepository(conn: Connection) {
  const Token = model(conn);
  return {
    /** Creates a token; the secret is returned once and never stored. */
    async create(input: {
      kind: TokenKind;
      subjectCode: string;
      label: string;
      createdBy: string;
    }): Promise<{ token: FeedToken; secret: string }> {
      const secret = generateSecret('');
      const doc = await Token.create({
        _id: newId('ftk'),
        ...input,
        hint: secret.slice(0, HINT_LENGTH),
        hash: hashSecret(secret),
      });
      return { token: withoutHash(toToken(doc.toObject())), secret };
    },
    /** Active (not revoked) tokens by hash of their secret, with the hash for a constant-time check. */
    async findActiveByHashes(hashes: string[]): Promise<Map<string, FeedToken & { hash: string }>> {
      if (!hashes.length) return new Map();
      const docs = await Token.find({ hash: trusted({ $in: hashes.map(String) }), revokedAt: null }).lean();
      return new Map(docs.map((d) => toToken(d)).map((t) => [t.hash, t]));
    },
    async get(id: string): Promise<FeedToken | null> {
      const doc = await Token.findById(String(id)).lean();
      return doc ? withoutHash(toToken(doc)) : null;
    },
    async list(filter: { kind?: TokenKind; subjectCode?: string } = {}): Promise<FeedToken[]> {
      const q: Record<string, string> = {};
      if (filter.kind) q.kind = filter.kind;
      if (filter.subjectCode) q.subjectCode = filter.subjectCode;
      const docs = await Token.find(q).sort({ createdAt: 1, _id: 1 }).lean();
      return docs.map((d) => withoutHash(toToken(d)));
    },
    /** Revokes a token that is still active; null when it does not exist or was already revoked. */
    async revoke(id: string, at: Date, replacedBy: string | null = null): Promise<FeedToken | null> {
      const doc = await Token.findOneAndUpdate(
        { _id: String(id), revokedAt: null },
        { $set: { revokedAt: at, replacedBy } },
        { returnDocument: 'after' },
      ).lean();
      return doc ? withoutHash(toToken(doc)) : null;
    },
    /** Adds `count` fetches and sets the last fetch time and client. */
    async recordFetches(id: string, count: number, lastAt: Date, userAgent: string | null): Promise<void> {
      await Token.updateOne(
        { _id: String(id) },
        { $inc: { fetchCount: count }, $set: { lastFetchedAt: lastAt, lastUserAgent: userAgent } },
      );
    },
  };
}

export type FeedTokenRepository = ReturnType<typeof feedTokenRepository>;
