import mongoose from 'mongoose';

/** How long an operation waits for an unreachable database before failing (then: 503). */
export const DATABASE_WAIT_MS = 5_000;
/** /healthz answers within this, whatever the database does. */
export const HEALTH_TIMEOUT_MS = 1_500;

/** Errors that mean "the database is not reachable right now", not "the request is wrong". */
const UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoExpiredSessionError',
]);

/** True when an error says the database is unreachable (down, frozen, restarting, disconnected). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { name?: unknown; message?: unknown; errorLabels?: unknown; errorLabelSet?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  // mongoose: "Connection operation buffering timed out", "Cannot call `x.find()` before initial connection is complete if `bufferCommands = false`", "Client must be connected".
  if (
    e.name === 'MongooseError' &&
    /buffering timed out|before initial connection|bufferCommands = false|must be connected|connection .*closed/i.test(
      message,
    )
  )
    return true;
  const labels =
    e.errorLabelSet instanceof Set ? [...e.errorLabelSet] : Array.isArray(e.errorLabels) ? e.errorLabels : [];
  return (
    labels.includes('ResetPool') || labels.includes('PoolRequestedRetry') || labels.includes('SystemOverloadedError')
  );
}

/** What /healthz says of the database: a ping bounded by HEALTH_TIMEOUT_MS, and the connection state. */
export async function databaseHealth(
  conn: mongoose.Connection,
): Promise<{ ok: boolean; database: { state: string; ping: boolean; error?: string } }> {
  const state = ['disconnected', 'connected', 'connecting', 'disconnecting'][conn.readyState] ?? 'unknown';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
  });
  try {
    if (!conn.db) throw new Error('not connected');
    await Promise.race([conn.db.admin().ping(), timeout]);
    return { ok: true, database: { state, ping: true } };
  } catch (err) {
    const error = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 200) : 'unknown error';
    return { ok: false, database: { state, ping: false, error } };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens a mongoose connection with filter sanitising on (operator objects such as `{"$gt": ""}`
 * in a filter are neutralised even if one slipped past validation). Our own operators are wrapped
 * in mongoose's `trusted()` inside the repositories.
 */
export async function connectDatabase(uri: string): Promise<mongoose.Connection> {
  const conn = mongoose.createConnection(uri, {
    sanitizeFilter: true,
    autoIndex: false,
    // Fail fast when the database is away, so requests get a 503 within seconds instead of
    // hanging: no buffering of commands while disconnected, a bounded server selection, and a
    // socket timeout for a database that accepts connections but stops answering.
    bufferCommands: false,
    serverSelectionTimeoutMS: DATABASE_WAIT_MS,
    socketTimeoutMS: 60_000,
  });
  await conn.asPromise();
  return conn;
}

/** Creates the indexes of every model registered on the connection (idempotent). */
export async function ensureIndexes(conn: mongoose.Connection): Promise<void> {
  for (const model of Object.values(conn.models)) await model.createIndexes();
}

/** Turns a lean document into a plain object with `id` instead of `_id` and no `__v`. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the caller's statement of the record's shape (a lean document is untyped): the one cast for every repository, kept here
export function plain<T>(doc: unknown): T {
  const { _id, __v, ...rest } = doc as Record<string, unknown> & { _id: unknown; __v?: unknown };
  return { id: String(_id), ...rest } as T;
}

/** A random id for new records (URL-safe, 16 bytes of randomness). */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Buffer.from(bytes).toString('hex')}`;
}

/** True for MongoDB's duplicate key error (E11000), from any server or driver layer. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; codeName?: unknown } | null;
  return e?.code === 11000 || e?.codeName === 'DuplicateKey';
}

/**
 * True when a write failed on duplicate keys and nothing else: a single E11000, or a bulk write
 * (insertMany, `ordered: false`) whose every write error is E11000, without a write-concern error.
 * A bulk error carries the code of its FIRST write error, so `isDuplicateKey` alone would also
 * accept a batch where a later document failed for another reason (a bad `_id`, a validation).
 */
export function onlyDuplicateKeys(err: unknown): boolean {
  const e = err as { writeErrors?: unknown; result?: { getWriteConcernError?: () => unknown } } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.result?.getWriteConcernError === 'function' && e.result.getWriteConcernError()) return false;
  if (e.writeErrors === undefined) return isDuplicateKey(err);
  const list: unknown[] = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
  return list.length > 0 && list.every(isDuplicateKey);
}

/**
 * Runs an upsert again when it lost an insert race (duplicate key): the second try finds the
 * document the winner inserted and updates it. Other errors pass through.
 */
export async function retryOnDuplicateKey<T>(op: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (err) {
      if (!isDuplicateKey(err) || i >= attempts) throw err;
    }
  }
}
