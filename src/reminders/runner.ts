/**
 * One reminders pass = planning, then dispatch, at the clock's time; plus hourly housekeeping
 * (old claim locks, expired opt-out tokens). Used by the cron job, the CLI and the tests.
 */
import type { Mailer } from '../mail/transport';
import type { Clock } from '../shared/clock';
import { dispatcherOf, type DispatcherDeps, type DispatchReport } from './dispatcher';
import { loadEmailTemplates } from './email-templates';
import type { ReminderLinks } from './facts';
import { plannerOf, type PlannerDeps, type PlanReport } from './planner';
import { parseSender, type EmailTemplates } from './render';

/**
 * What a pass needs: the planner's sources and the outbox, the links put in emails, a clock.
 * The reminders component (`remindersComponent`) is one; tests and the benchmark pass it too.
 */
export interface RunnerDeps extends PlannerDeps {
  links: ReminderLinks;
  clock: Clock;
}

export interface RunnerOptions {
  mailer: Mailer;
  /** MAIL_FROM, e.g. `Văn phòng HĐND và UBND <no-reply@lucngan.gov.vn>`. */
  mailFrom: string;
  /** OFFICE_EMAIL addresses (escalations for bodies whose settings name no office agency). */
  officeEmails: string[];
  /** Defaults to the component's clock. */
  clock?: Clock;
  templates?: EmailTemplates;
  /** Dispatcher tuning (tests: owner, lease, jitter, retry policy). */
  dispatch?: Partial<Pick<DispatcherDeps, 'owner' | 'leaseMs' | 'batchSize' | 'concurrency' | 'retry' | 'random'>>;
}

export interface PassReport {
  at: string;
  plan: PlanReport;
  dispatch: DispatchReport;
}

const HOUSEKEEPING_EVERY_MS = 3_600_000;

export function reminderRunner(c: RunnerDeps, options: RunnerOptions) {
  const clock = options.clock ?? c.clock;
  const sender = parseSender(options.mailFrom);
  const planner = plannerOf(c, { officeEmails: options.officeEmails, sender });
  const dispatcher = dispatcherOf({
    deliveries: c.deliveries,
    stores: c.stores,
    mailer: options.mailer,
    templates: options.templates ?? loadEmailTemplates(),
    links: c.links,
    sender,
    clock,
    logger: c.logger,
    ...options.dispatch,
  });
  let lastHousekeeping = 0;

  return {
    planner,
    dispatcher,
    /** Planning then dispatch at the clock's time; `budgetMs` bounds the dispatch (cron: < 1 minute). */
    async pass(budgetMs?: number, shouldStop?: () => boolean): Promise<PassReport> {
      const now = clock.now();
      const plan = await planner.plan(now, dispatcher.owner);
      const dispatch = await dispatcher.dispatch({
        ...(budgetMs === undefined ? {} : { deadline: Date.now() + budgetMs }),
        ...(shouldStop ? { shouldStop } : {}),
      });
      // After dispatch: a copy left open by a crash is recognised through its predecessor's lock
      // (kept 7 days), so dispatch must see those locks before they are dropped.
      if (Date.now() - lastHousekeeping > HOUSEKEEPING_EVERY_MS) {
        lastHousekeeping = Date.now();
        await c.deliveries.dropOlderThan(new Date(now.getTime() - 7 * 86_400_000));
        await c.deliveries.dropMessagesOlderThan(new Date(now.getTime() - 7 * 86_400_000));
        await c.deliveries.retireMuted(now);
        await c.stores.tokens.dropExpired(now);
      }
      if (dispatch.sent || dispatch.dead || dispatch.retrying || dispatch.expired)
        c.logger.info('reminders dispatched', { ...dispatch });
      return { at: now.toISOString(), plan, dispatch };
    },
  };
}

export type ReminderRunner = ReturnType<typeof reminderRunner>;
