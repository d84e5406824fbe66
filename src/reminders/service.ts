/**
 * The reminders component's use cases for the Office and the public opt-out page: list the outbox,
 * retry a dead-lettered delivery, an agency's upcoming reminders, opt-outs, per-body settings.
 */
import type { OrganisationRepositories } from '../organisation/repository';
import type { Clock } from '../shared/clock';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { normaliseEmail } from './keys';
import type { DeliveryFilter, DeliveryRepository } from './repository';
import type { ReminderStores } from './stores';
import type { Delivery, OptOut, OptOutKind, ReminderSettings } from './types';

export interface ReminderServiceDeps {
  deliveries: DeliveryRepository;
  stores: ReminderStores;
  orgRepos: OrganisationRepositories;
  clock: Clock;
}

const OPERATOR_LEASE_MS = 60_000;

export function reminderService(deps: ReminderServiceDeps) {
  const { deliveries, stores } = deps;

  async function deliveryOrThrow(key: string): Promise<Delivery> {
    const d = await deliveries.get(key);
    if (!d) throw new NotFoundError('Delivery', key);
    return d;
  }

  async function bodyOrThrow(code: string): Promise<void> {
    if (!(await deps.orgRepos.bodies.get(code))) throw new NotFoundError('Body', code);
  }

  return {
    list: (filter: DeliveryFilter, limit: number, offset: number) => deliveries.list(filter, limit, offset),
    get: deliveryOrThrow,
    counts: () => deliveries.countByState(),

    /** A dead-lettered delivery back to the outbox, due now, with its attempts reset. */
    async retry(key: string): Promise<Delivery> {
      const now = deps.clock.now();
      const d = await deliveryOrThrow(key);
      if (d.state !== 'dead')
        throw new ConflictError(`Delivery '${key}' is ${d.state}; only a dead-lettered delivery can be retried.`, [
          { field: 'state', problem: `is ${d.state}, not dead` },
        ]);
      if (d.expiresAt <= now)
        throw new ConflictError(`Delivery '${key}' is no longer useful (it expired at ${d.expiresAt.toISOString()}).`, [
          { field: 'expiresAt', problem: 'has passed' },
        ]);
      const lock = await deliveries.lock(d, 'operator', now, OPERATOR_LEASE_MS);
      if (!lock) throw new ConflictError(`Delivery '${key}' is being handled right now; try again in a minute.`);
      await deliveries.reopen(
        d,
        { state: 'pending', reason: null, attempts: 0, nextAttemptAt: now, claims: lock.number },
        now,
      );
      return deliveryOrThrow(key);
    },

    async upcomingForAgency(code: string, limit: number): Promise<Delivery[]> {
      if (!(await deps.orgRepos.agencies.get(code))) throw new NotFoundError('Agency', code);
      return deliveries.upcomingForAgency(code, limit);
    },

    optOuts: () => stores.optOuts.all(),
    addOptOut: (email: string, kind: OptOutKind, source: OptOut['source'] = 'office') =>
      stores.optOuts.add(normaliseEmail(email), kind, source, deps.clock.now()),
    async removeOptOut(email: string, kind: OptOutKind): Promise<void> {
      if (!(await stores.optOuts.remove(normaliseEmail(email), kind)))
        throw new NotFoundError('Opt-out', `${email}|${kind}`);
    },
    /** The address and kind an opt-out link stands for, or null (unknown or expired link). */
    resolveOptOutToken: (token: string) => stores.tokens.resolve(token, deps.clock.now()),

    async settings(bodyCode: string): Promise<ReminderSettings> {
      await bodyOrThrow(bodyCode);
      return stores.settings.get(bodyCode);
    },
    async patchSettings(
      bodyCode: string,
      input: Partial<Omit<ReminderSettings, 'bodyCode'>>,
    ): Promise<ReminderSettings> {
      await bodyOrThrow(bodyCode);
      if (input.officeAgencyCode && !(await deps.orgRepos.agencies.get(input.officeAgencyCode))) {
        throw ValidationError.field('officeAgencyCode', `no agency '${input.officeAgencyCode}'`);
      }
      return stores.settings.patch(bodyCode, input);
    },
  };
}

export type ReminderService = ReturnType<typeof reminderService>;
