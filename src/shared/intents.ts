/**
 * Intents: how a change that spans several documents survives a crash at any point.
 *
 * MongoDB without transactions (and FerretDB v1, which has none) writes one document atomically,
 * never several. A use case that must write several documents (move a meeting, then re-time the
 * documents-due dates of its 200 items; store a programme version, then queue its revision
 * notices; insert a batch of agenda items) first records an *intent*: one small document naming
 * the work. Then it does the work and deletes the intent. Every step of the work is idempotent,
 * so the work can be done again from the intent alone.
 *
 * A completion pass (`completePendingIntents`) runs at start-up and periodically in every
 * instance: it redoes the work of each intent it finds and deletes it. Whatever point a process
 * dies at (before the intent, between two writes, before the delete), the next pass of any
 * instance finishes the change; a pass racing with the use case that is still running does the
 * same idempotent work twice, which is harmless.
 *
 * Guarantee: a change whose intent was stored is completed by the next pass (start-up or within
 * `INTENT_PASS_INTERVAL_MS`); a change whose intent was not stored did not start writing.
 *
 * @example
 *   await runWithIntent(intents, 'due-dates', { occurrenceIds: [id] }, () => handlers['due-dates']({ occurrenceIds: [id] }));
 */
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { newId } from './db';
import type { Logger } from './logger';

export interface Intent {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  attempts: number;
  lastError: string | null;
}

/** Redoes the work of one intent; must be idempotent. */
export type IntentHandler = (payload: Record<string, unknown>, intent: Intent) => Promise<void>;

/** How often every instance looks for unfinished intents. */
export const INTENT_PASS_INTERVAL_MS = 30_000;

const intentSchema = new Schema(
  {
    _id: String,
    kind: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, default: null },
  },
  { versionKey: false, collection: 'intents', minimize: false },
);
intentSchema.index({ createdAt: 1 });

function model(conn: Connection): Model<Record<string, unknown>> {
  return (conn.models.Intent ?? conn.model('Intent', intentSchema)) as Model<Record<string, unknown>>;
}

/** Data access of intents; plain objects only. */
export function intentRepository(conn: Connection) {
  const M = model(conn);
  const toIntent = (d: Record<string, unknown>): Intent => ({
    id: String(d._id),
    kind: String(d.kind),
    payload: (d.payload as Record<string, unknown>) ?? {},
    createdAt: d.createdAt as Date,
    attempts: Number(d.attempts ?? 0),
    lastError: (d.lastError as string | null) ?? null,
  });
  return {
    async record(kind: string, payload: Record<string, unknown>, now = new Date()): Promise<string> {
      const id = newId('intent');
      await M.collection.insertOne({ _id: id, kind, payload, createdAt: now, attempts: 0, lastError: null } as never);
      return id;
    },
    async done(id: string): Promise<void> {
      await M.deleteOne({ _id: String(id) });
    },
    /** Intents created at or before `createdBefore`, oldest first. */
    async pending(createdBefore: Date, limit = 500): Promise<Intent[]> {
      const docs = await M.find({ createdAt: trusted({ $lte: createdBefore }) })
        .sort({ createdAt: 1 })
        .limit(limit)
        .lean();
      return docs.map((d) => toIntent(d as Record<string, unknown>));
    },
    async failed(id: string, error: string): Promise<void> {
      await M.updateOne({ _id: String(id) }, { $inc: { attempts: 1 }, $set: { lastError: error.slice(0, 1000) } });
    },
    async count(): Promise<number> {
      return M.countDocuments({});
    },
  };
}
export type IntentRepository = ReturnType<typeof intentRepository>;

/**
 * Records the intent, does the work, deletes the intent. If the work throws, the intent stays
 * and the next completion pass finishes the change; the error still reaches the caller.
 */
export async function runWithIntent<T>(
  intents: IntentRepository,
  kind: string,
  payload: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  const id = await intents.record(kind, payload);
  const result = await work();
  await intents.done(id);
  return result;
}

export interface PassReport {
  completed: number;
  failed: number;
  unknown: number;
}

/**
 * Completes every intent older than `minAgeMs`: runs its handler, then deletes it. A handler
 * that fails leaves the intent for the next pass (its attempts and last error are recorded); an
 * intent of a kind with no handler is left alone and reported.
 */
export async function completePendingIntents(
  intents: IntentRepository,
  handlers: Record<string, IntentHandler>,
  opts: { now?: Date; minAgeMs?: number; logger?: Logger } = {},
): Promise<PassReport> {
  const now = opts.now ?? new Date();
  const report: PassReport = { completed: 0, failed: 0, unknown: 0 };
  for (const intent of await intents.pending(new Date(now.getTime() - (opts.minAgeMs ?? 0)))) {
    const handler = handlers[intent.kind];
    if (!handler) {
      report.unknown++;
      continue;
    }
    try {
      await handler(intent.payload, intent);
      await intents.done(intent.id);
      report.completed++;
      opts.logger?.info('unfinished change completed', {
        kind: intent.kind,
        intent: intent.id,
        since: intent.createdAt.toISOString(),
      });
    } catch (err) {
      report.failed++;
      opts.logger?.warn('unfinished change could not be completed yet', {
        kind: intent.kind,
        intent: intent.id,
        error: String(err),
      });
      await intents.failed(intent.id, String(err)).catch(() => undefined);
    }
  }
  return report;
}
