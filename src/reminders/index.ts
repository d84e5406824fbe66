/**
 * The reminders component: email reminders from a durable outbox (see README, "Email reminders").
 * `remindersComponent` registers its models and builds the use cases needed by the API;
 * `reminderRunner` (runner.ts) adds a mailer and runs planning + dispatch passes, from the cron job
 * (job.ts), the `npm run remind` command (cli.ts) or tests.
 */
import type { Connection } from 'mongoose';
import type { AgendaRepository } from '../agenda/repository';
import type { AdjustmentRepository } from '../calendar/adjustments';
import type { MeetingsService } from '../meetings/service';
import type { OrganisationRepositories } from '../organisation/repository';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { reminderLinks } from './facts';
import { deliveryRepository } from './repository';
import { reminderService } from './service';
import { reminderStores } from './stores';
import type { PlanningSource } from './sources';

export interface RemindersDeps {
  meetings: MeetingsService;
  agendaRepo: AgendaRepository;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  clock: Clock;
  logger: Logger;
  publicBaseUrl: string;
  defaultTimeZone: string;
}

export function remindersComponent(conn: Connection, deps: RemindersDeps) {
  const deliveries = deliveryRepository(conn);
  const stores = reminderStores(conn);
  return {
    ...deps,
    /** Other components planning into this outbox (the directives component registers one in services.ts). */
    sources: [] as PlanningSource[],
    deliveries,
    stores,
    links: reminderLinks(deps.publicBaseUrl),
    service: reminderService({ deliveries, stores, orgRepos: deps.orgRepos, clock: deps.clock }),
  };
}

export type RemindersComponent = ReturnType<typeof remindersComponent>;

export { reminderApiRoutes, optOutPages } from './routes';
export { reminderRunner, type ReminderRunner, type RunnerDeps } from './runner';
export { startReminderJob } from './job';
