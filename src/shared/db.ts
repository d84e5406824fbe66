import mongoose from 'mongoose';

/**
 * Opens a mongoose connection with filter sanitising on (operator objects such as `{"$gt": ""}`
 * in a filter are neutralised even if one slipped past validation). Our own operators are wrapped
 * in mongoose's `trusted()` inside the repositories.
 */
export async function connectDatabase(uri: string): Promise<mongoose.Connection> {
  const conn = mongoose.createConnection(uri, {
    sanitizeFilter: true,
    autoIndex: false,
    serverSelectionTimeoutMS: 15_000,
  });
  await conn.asPromise();
  return conn;
}

/** Creates the indexes of every model registered on the connection (idempotent). */
export async function ensureIndexes(conn: mongoose.Connection): Promise<void> {
  for (const model of Object.values(conn.models)) await model.createIndexes();
}

/** Turns a lean document into a plain object with `id` instead of `_id` and no `__v`. */
export function plain<T>(doc: unknown): T {
  const { _id, __v, ...rest } = doc as Record<string, unknown> & { _id: unknown; __v?: unknown };
  void __v;
  return { id: String(_id), ...rest } as T;
}

/** A random id for new records (URL-safe, 16 bytes of randomness). */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Buffer.from(bytes).toString('hex')}`;
}
