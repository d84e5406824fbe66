/**
 * The dispatch use case: claim due deliveries (locks.ts), send them with the mailer, then record
 * the outcome under the claims: sent, dead-lettered or expired go to the log (an insert); a
 * transient failure stays in the outbox with its next attempt time.
 *
 * One email per bundle (bundle.ts): the due deliveries of one kind, meeting, address and send
 * time (an agency's reminders of items 1-6) go out as one email listing them; every delivery of
 * the bundle is then recorded as sent with that email's Message-ID and reply, and a failure
 * retries or dead-letters the bundle as a whole.
 *
 * Exactly once, as far as SMTP allows: a delivery is sent only by the holder of its claim; a
 * holder that won its claim at the first try knows nobody wrote the delivery since it was read,
 * and any other holder re-reads it and checks the log first, so a delivery already sent (or
 * muted, re-timed) is never sent again. The one window left is a holder that outlives its lease
 * (5 minutes) while still sending: no send starts with less than 90 s of lease left, SMTP
 * timeouts are 30 s, and the Message-ID is the same on every attempt, so even that case is
 * recognisable downstream.
 *
 * Bundles keep that rule, per delivery:
 * - Claims: the leader of each bundle (its first key) is claimed first, the other members only by
 *   the winner of the leader, so two dispatchers never split a bundle between two emails. A member
 *   claimed by someone else all the same (the planner re-timing it right then) is left to its
 *   holder: it goes out in an email of its own, still once.
 * - Crash between sending and recording: recording a bundle is several inserts, so the email's
 *   Message-ID, keys and reply are first written as ONE document (`deliveryMessages`); a later
 *   holder of a member that is not in the log yet finds that record and completes the member as
 *   sent instead of sending it again. The window left is the one of a single delivery above
 *   (between the reply and that one insert), and a re-send then has the same Message-ID.
 */
import { randomBytes } from 'node:crypto';
import type { Mailer } from '../mail/transport';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { ReminderLinks } from './facts';
import { bundlesOf, emailInput, takeWholeBundles } from './bundle';
import { messageDomainOf } from './keys';
import { renderEmail, type EmailTemplates, type Sender } from './render';
import type { DeliveryRepository, Lock } from './repository';
import { afterFailure, DEFAULT_RETRY_POLICY, describeError, type RetryPolicy } from './retry';
import type { ReminderStores } from './stores';
import { OPT_OUT_KINDS, type Delivery, type OptOutKind } from './types';

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
  /** Deliveries sent (several of a bundle share one email). */
  sent: number;
  /** Emails sent. */
  messages: number;
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

type Outcome = Exclude<keyof DispatchReport, 'ms' | 'messages'>;

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
  /** Message-IDs are under the sender's domain. */
  const domain = messageDomainOf(deps.sender.email);

  async function optOutUrl(d: Delivery, now: Date): Promise<string | null> {
    if (!(OPT_OUT_KINDS as readonly string[]).includes(d.kind)) return null; // escalations are not optional
    const token = await deps.stores.tokens.issue(
      d.recipient,
      d.kind as OptOutKind,
      new Date(now.getTime() + OPT_OUT_TOKEN_DAYS * 86_400_000),
    );
    return deps.links.optOut(token);
  }

  /**
   * The current state of one claimed member of a bundle: `send` when it still needs sending,
   * else what became of it (released, completed from a previous holder's record, expired).
   * `read` is the delivery as the candidate query returned it (still current when the lock was
   * won at the first try). Finished ones are added to `finished`, whose open copies are dropped
   * after the batch.
   */
  async function resolve(
    lock: Lock,
    read: Delivery,
    now: Date,
    finished: string[],
  ): Promise<{ outcome: Outcome } | { send: Delivery }> {
    const d = lock.first ? read : await deps.deliveries.getOpen(lock.deliveryId);
    if (!d || d.state !== 'pending' || d.nextAttemptAt > now || lock.number <= d.claims) {
      await deps.deliveries.release(lock);
      return { outcome: 'skipped' };
    }
    if (!lock.first) {
      // A previous holder may have sent it and died before dropping the open copy: never again.
      // (A lock won at the first try means there was no previous holder since the last write.)
      if ((await deps.deliveries.getFinished(d.key))?.state === 'sent') {
        finished.push(d.key);
        return { outcome: 'skipped' };
      }
      // ... or sent it in a bundle and died before recording this member: record it now.
      const sentIn = await deps.deliveries.messageCovering(d.key);
      if (sentIn) {
        await deps.deliveries.finish(
          lock,
          d,
          {
            state: 'sent',
            attempts: d.attempts + 1,
            sentAt: sentIn.sentAt,
            messageId: sentIn.messageId,
            response: sentIn.response,
            lastError: null,
            reason: null,
          },
          now,
        );
        finished.push(d.key);
        return { outcome: 'skipped' };
      }
    }
    if (d.expiresAt <= now) {
      await deps.deliveries.finish(
        lock,
        d,
        { state: 'expired', reason: 'not sent before it stopped being useful (service down or mail server failing)' },
        now,
      );
      finished.push(d.key);
      return { outcome: 'expired' };
    }
    return { send: d };
  }

  /**
   * Handles the claimed members of one bundle: one email for those that still need sending, then
   * every one of them recorded with the same outcome. Returns what happened to each member and
   * how many emails went out (0 or 1).
   */
  async function handleBundle(
    claimed: { lock: Lock; read: Delivery }[],
    now: Date,
    finished: string[],
  ): Promise<{ outcomes: [string, Outcome][]; messages: number }> {
    const outcomes: [string, Outcome][] = [];
    const live: { lock: Lock; d: Delivery }[] = [];
    const all = (outcome: Outcome) => [...outcomes, ...live.map((m): [string, Outcome] => [m.d.key, outcome])];
    for (const { lock, read } of claimed) {
      const r = await resolve(lock, read, now, finished);
      if ('send' in r) live.push({ lock, d: r.send });
      else outcomes.push([lock.deliveryId, r.outcome]);
    }
    if (!live.length) return { outcomes, messages: 0 };
    const leaseUntil = Math.min(...live.map((m) => m.lock.leaseUntil.getTime()));
    if (deps.clock.now().getTime() > leaseUntil - LEASE_MARGIN_MS) {
      for (const m of live) await deps.deliveries.release(m.lock);
      return { outcomes: all('skipped'), messages: 0 };
    }
    const members = live.map((m) => m.d);
    const keys = members.map((d) => d.key);
    const input = emailInput(members, domain);
    const finishAll = async (patch: (d: Delivery) => Partial<Delivery>) => {
      for (const { lock, d } of live) {
        await deps.deliveries.finish(lock, d, patch(d), now);
        finished.push(d.key);
      }
    };
    let response: string;
    try {
      const message = renderEmail(deps.templates, input, {
        sender: deps.sender,
        optOutUrl: await optOutUrl(members[0]!, now),
      });
      ({ response } = await deps.mailer.send(message));
    } catch (err) {
      // The bundle fails, waits and is retried (or dead-lettered) as a whole.
      const attempts = Math.max(...members.map((d) => d.attempts)) + 1;
      const outcome = afterFailure(err, attempts, now, policy, deps.random);
      const lastError = describeError(err);
      if (outcome.state === 'dead') {
        await finishAll((d) => ({
          state: 'dead',
          attempts: d.attempts + 1,
          lastError,
          reason: outcome.reason,
          messageId: input.messageId,
        }));
        deps.logger.warn('reminder dead-lettered', { keys, attempts, error: lastError });
        return { outcomes: all('dead'), messages: 0 };
      }
      for (const { lock, d } of live)
        await deps.deliveries.writeLocked(
          lock,
          d.claims,
          { attempts: d.attempts + 1, lastError, nextAttemptAt: outcome.nextAttemptAt, messageId: input.messageId },
          now,
        );
      deps.logger.info('reminder send failed; will retry', {
        keys,
        attempts,
        next: outcome.nextAttemptAt.toISOString(),
        error: lastError,
      });
      return { outcomes: all('retrying'), messages: 0 };
    }
    const reply = response.slice(0, 500);
    // One document says the whole bundle went out, before its members are recorded one by one.
    if (live.length > 1) await deps.deliveries.recordMessage(input.messageId, keys, reply, now);
    await finishAll((d) => ({
      state: 'sent',
      attempts: d.attempts + 1,
      sentAt: now,
      messageId: input.messageId,
      response: reply,
      lastError: null,
      reason: null,
    }));
    return { outcomes: all('sent'), messages: 1 };
  }

  return {
    owner,
    /**
     * Sends what is due at the clock's time, batch after batch, until nothing is left,
     * `deadline` (epoch ms of the real clock) has passed or `shouldStop()` says so (shutdown).
     */
    async dispatch(options: { deadline?: number; shouldStop?: () => boolean } = {}): Promise<DispatchReport> {
      const report: DispatchReport = {
        sent: 0,
        messages: 0,
        retrying: 0,
        dead: 0,
        expired: 0,
        busy: 0,
        skipped: 0,
        ms: { fetch: 0, lock: 0, handle: 0, drop: 0 },
      };
      let mark = Date.now();
      const lap = (phase: keyof DispatchReport['ms']) => {
        report.ms[phase] += Date.now() - mark;
        mark = Date.now();
      };
      const busy = new Set<string>();
      const seen = new Set<string>();
      const toDrop: string[] = [];
      let widen = 1;
      for (;;) {
        if ((options.deadline !== undefined && Date.now() > options.deadline) || options.shouldStop?.()) break;
        const now = deps.clock.now();
        mark = Date.now();
        // Sent, dead-lettered or retrying deliveries leave the candidates by themselves; `seen`
        // only stops a run from looping over one whose outcome could not be written.
        // Deliveries held by others are skipped here rather than in the query: the local
        // FerretDB evaluates a long $nin per document.
        const limit = Math.min(batchSize * widen + busy.size + toDrop.length, MAX_FETCH);
        const read = await deps.deliveries.candidates(now, limit);
        const fetched = read.filter((c) => !busy.has(c.key));
        lap('fetch');
        if (!fetched.length) break;
        const fresh = fetched.filter((c) => !seen.has(c.key));
        const candidates = takeWholeBundles(fresh, batchSize, read.length >= limit, limit < MAX_FETCH);
        for (const c of fetched) if (seen.has(c.key)) busy.add(c.key);
        if (fresh.length && !candidates.length) {
          widen *= 2; // one bundle larger than the read: read more before sending any of it
          continue;
        }
        widen = 1;
        for (const c of candidates) seen.add(c.key);
        if (!candidates.length) continue;
        // Leaders first; the rest of a bundle only for the winner of its leader (see the top).
        const bundles = bundlesOf(candidates);
        const locks = await deps.deliveries.lockMany(
          bundles.map((b) => b[0]!),
          owner,
          now,
          leaseMs,
        );
        const followers = bundles.filter((b) => locks.has(b[0]!.key)).flatMap((b) => b.slice(1));
        if (followers.length)
          for (const [k, l] of await deps.deliveries.lockMany(followers, owner, now, leaseMs)) locks.set(k, l);
        lap('lock');
        for (const c of candidates) {
          if (!locks.has(c.key)) {
            busy.add(c.key);
            report.busy++;
          }
        }
        const queue = bundles
          .map((b) => b.filter((c) => locks.has(c.key)).map((c) => ({ lock: locks.get(c.key)!, read: c })))
          .filter((b) => b.length);
        const finished = toDrop;
        await Promise.all(
          Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
            for (let claimed = queue.shift(); claimed; claimed = queue.shift()) {
              const { outcomes, messages } = await handleBundle(claimed, now, finished);
              report.messages += messages;
              for (const [key, outcome] of outcomes) {
                report[outcome]++;
                // A delivery given back stays pending: do not pick it up again in this run.
                if (outcome === 'skipped') busy.add(key);
              }
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
