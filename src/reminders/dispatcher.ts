/**
 * The dispatch use case: claim due deliveries (locks.ts), send each with the mailer, then record
 * the outcome under the claim: sent, dead-lettered or expired go to the log (an insert); a
 * transient failure stays in the outbox with its next attempt time.
 *
 * Exactly once, as far as SMTP allows: a delivery is sent only by the holder of its claim; a
 * holder that won its claim at the first try knows nobody wrote the delivery since it was read,
 * and any other holder re-reads it and checks the log first, so a delivery already sent (or
 * muted, re-timed) is never sent again. The one window left is a holder that outlives its lease
 * (5 minutes) while still sending: no send starts with less than 90 s of lease left, SMTP
 * timeouts are 30 s, and the Message-ID is the same on every attempt, so even that case is
 * recognisable downstream.
 */
import { randomBytes } from 'node:crypto';
import type { Mailer } from '../mail/transport';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { ReminderLinks } from './facts';
import { renderEmail, type EmailTemplates, type Sender } from './render';
import type { DeliveryRepository, Lock } from './repository';
import { afterFailure, DEFAULT_RETRY_POLICY, describeError, type RetryPolicy } from './retry';
import type { ReminderStores } from './stores';
import type { Delivery, OptOutKind } from './types';

export interface DispatcherDeps {
  deliveries: DeliveryRepository;
  stores: ReminderStores;
  mailer: Mailer;
  templates: EmailTemplates;
  links: ReminderLinks;
  sender: Sender;
  clock: Clock;
  logger: Logger;
  retry?: RetryPolicy;
  /** Jitter source (tests pass a constant). */
  random?: () => number;
  /** Identifies this dispatcher in claims (default: random). */
  owner?: string;
  leaseMs?: number;
  batchSize?: number;
  /** Messages sent in parallel (at most the SMTP pool's connections are used). */
  concurrency?: number;
}

export interface DispatchReport {
  sent: number;
  retrying: number;
  dead: number;
  expired: number;
  /** Claimed by another dispatcher (or instance) at the time. */
  busy: number;
  /** Claimed, then found not to need sending any more (sent, muted or re-timed meanwhile). */
  skipped: number;
  /** Wall-clock milliseconds spent reading candidates, claiming, handling (render, send, record) and clearing the outbox. */
  ms: { fetch: number; lock: number; handle: number; drop: number };
}

type Outcome = Exclude<keyof DispatchReport, 'ms'>;

export const DEFAULT_LEASE_MS = 5 * 60_000;
/** No send starts with less lease left than this. */
const LEASE_MARGIN_MS = 90_000;
/** At most this many candidates are read at once. */
const MAX_FETCH = 10_000;
/** Open copies of finished deliveries are dropped in one statement once this many wait. */
const DROP_EVERY = 2_000;
/** Opt-out links stay valid this long. */
const OPT_OUT_TOKEN_DAYS = 180;

export function dispatcherOf(deps: DispatcherDeps) {
  const owner = deps.owner ?? `dispatcher-${randomBytes(6).toString('hex')}`;
  const policy = deps.retry ?? DEFAULT_RETRY_POLICY;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = deps.batchSize ?? 1000;
  const concurrency = Math.max(1, deps.concurrency ?? 5);

  async function optOutUrl(d: Delivery, now: Date): Promise<string | null> {
    if (d.kind === 'escalation') return null;
    const token = await deps.stores.tokens.issue(d.recipient, d.kind as OptOutKind, new Date(now.getTime() + OPT_OUT_TOKEN_DAYS * 86_400_000));
    return deps.links.optOut(token);
  }

  /**
   * Handles one claimed delivery; returns what happened. `read` is the delivery as the candidate
   * query returned it (still current when the lock was won at the first try). Finished ones are
   * added to `finished`, whose open copies are dropped after the batch.
   */
  async function handle(lock: Lock, read: Delivery, now: Date, finished: string[]): Promise<Outcome> {
    const d = lock.first ? read : await deps.deliveries.getOpen(lock.deliveryId);
    if (!d || d.state !== 'pending' || d.nextAttemptAt > now || lock.number <= d.claims) {
      await deps.deliveries.release(lock);
      return 'skipped';
    }
    // A previous holder may have sent it and died before dropping the open copy: never again.
    // (A lock won at the first try means there was no previous holder since the last write.)
    if (!lock.first && (await deps.deliveries.getFinished(d.key))?.state === 'sent') {
      finished.push(d.key);
      return 'skipped';
    }
    const finish = async (patch: Partial<Delivery>) => {
      await deps.deliveries.finish(lock, d, patch, now);
      finished.push(d.key);
    };
    if (d.expiresAt <= now) {
      await finish({ state: 'expired', reason: 'not sent before it stopped being useful (service down or mail server failing)' });
      return 'expired';
    }
    if (deps.clock.now().getTime() > lock.leaseUntil.getTime() - LEASE_MARGIN_MS) {
      await deps.deliveries.release(lock);
      return 'skipped';
    }
    const attempts = d.attempts + 1;
    let response: string;
    try {
      const message = renderEmail(deps.templates, d, { sender: deps.sender, optOutUrl: await optOutUrl(d, now) });
      ({ response } = await deps.mailer.send(message));
    } catch (err) {
      const outcome = afterFailure(err, attempts, now, policy, deps.random);
      const lastError = describeError(err);
      if (outcome.state === 'dead') {
        await finish({ state: 'dead', attempts, lastError, reason: outcome.reason });
        deps.logger.warn('reminder dead-lettered', { key: d.key, attempts, error: lastError });
        return 'dead';
      }
      await deps.deliveries.writeLocked(lock, d.claims, { attempts, lastError, nextAttemptAt: outcome.nextAttemptAt }, now);
      deps.logger.info('reminder send failed; will retry', { key: d.key, attempts, next: outcome.nextAttemptAt.toISOString(), error: lastError });
      return 'retrying';
    }
    await finish({ state: 'sent', attempts, sentAt: now, response: response.slice(0, 500), lastError: null, reason: null });
    return 'sent';
  }

  return {
    owner,
    /**
     * Sends what is due at the clock's time, batch after batch, until nothing is left,
     * `deadline` (epoch ms of the real clock) has passed or `shouldStop()` says so (shutdown).
     */
    async dispatch(options: { deadline?: number; shouldStop?: () => boolean } = {}): Promise<DispatchReport> {
      const report: DispatchReport = { sent: 0, retrying: 0, dead: 0, expired: 0, busy: 0, skipped: 0, ms: { fetch: 0, lock: 0, handle: 0, drop: 0 } };
      let mark = Date.now();
      const lap = (phase: keyof DispatchReport['ms']) => {
        report.ms[phase] += Date.now() - mark;
        mark = Date.now();
      };
      const busy = new Set<string>();
      const seen = new Set<string>();
      const toDrop: string[] = [];
      for (;;) {
        if ((options.deadline !== undefined && Date.now() > options.deadline) || options.shouldStop?.()) break;
        const now = deps.clock.now();
        mark = Date.now();
        // Sent, dead-lettered or retrying deliveries leave the candidates by themselves; `seen`
        // only stops a run from looping over one whose outcome could not be written.
        // Deliveries held by others are skipped here rather than in the query: the local
        // FerretDB evaluates a long $nin per document.
        const fetched = (await deps.deliveries.candidates(now, Math.min(batchSize + busy.size + toDrop.length, MAX_FETCH))).filter((c) => !busy.has(c.key));
        lap('fetch');
        if (!fetched.length) break;
        const candidates = fetched.filter((c) => !seen.has(c.key)).slice(0, batchSize);
        for (const c of fetched) if (seen.has(c.key)) busy.add(c.key);
        for (const c of candidates) seen.add(c.key);
        if (!candidates.length) continue;
        const locks = await deps.deliveries.lockMany(candidates, owner, now, leaseMs);
        lap('lock');
        for (const c of candidates) {
          if (!locks.has(c.key)) {
            busy.add(c.key);
            report.busy++;
          }
        }
        const byKey = new Map(candidates.map((c) => [c.key, c]));
        const queue = [...locks.values()];
        const finished = toDrop;
        await Promise.all(
          Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
            for (let lock = queue.shift(); lock; lock = queue.shift()) {
              const outcome = await handle(lock, byKey.get(lock.deliveryId)!, now, finished);
              report[outcome]++;
              // A delivery given back stays pending: do not pick it up again in this run.
              if (outcome === 'skipped') busy.add(lock.deliveryId);
            }
          }),
        );
        lap('handle');
        // Finished deliveries are in the log already; their open copies (seen, so not picked up
        // again by this run; claimed, so not by others) are deleted in large batches, because each
        // delete statement scans the outbox on the local FerretDB.
        if (toDrop.length >= DROP_EVERY) await deps.deliveries.dropOpen(toDrop.splice(0));
        lap('drop');
      }
      mark = Date.now();
      await deps.deliveries.dropOpen(toDrop);
      lap('drop');
      return report;
    },
  };
}

export type Dispatcher = ReturnType<typeof dispatcherOf>;
