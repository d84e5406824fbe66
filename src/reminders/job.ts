/**
 * The cron entry point: every minute (Asia/Ho_Chi_Minh, no overlapping runs) one reminders pass.
 * node-cron keeps nothing across restarts; the outbox does (deliveries that fell due while the
 * service was down are handled by the first pass after start-up).
 */
import { createTask } from 'node-cron';
import { createMailer } from '../mail/transport';
import type { Logger } from '../shared/logger';
import { reminderRunner, type RunnerDeps } from './runner';

export interface ReminderJobConfig {
  REMINDERS_ENABLED: boolean;
  SMTP_URL?: string | undefined;
  MAIL_FROM: string;
  MAIL_OUTBOX_DIR: string;
  OFFICE_EMAIL: string[];
}

export const REMINDER_CRON = '* * * * *';
export const REMINDER_CRON_ZONE = 'Asia/Ho_Chi_Minh';
/** A pass stops dispatching after this long and continues at the next tick. */
const PASS_BUDGET_MS = 50_000;

/** Starts the job (when enabled) and says at start-up how mail leaves; `stop()` on shutdown. */
export function startReminderJob(
  component: RunnerDeps,
  config: ReminderJobConfig,
  logger: Logger,
): { stop(): Promise<void> } | null {
  if (!config.REMINDERS_ENABLED) {
    logger.info('reminders: disabled (REMINDERS_ENABLED=false)');
    return null;
  }
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: config.MAIL_OUTBOX_DIR });
  logger.info(`reminders: every minute; mail ${mailer.describe()}`);
  if (!config.OFFICE_EMAIL.length)
    logger.info(
      'reminders: OFFICE_EMAIL is not set: escalations go only to bodies whose reminder settings name an office agency',
    );
  const runner = reminderRunner(component, { mailer, mailFrom: config.MAIL_FROM, officeEmails: config.OFFICE_EMAIL });
  let stopping = false;
  let running: Promise<unknown> | null = null;
  const task = createTask(
    REMINDER_CRON,
    async () => {
      if (stopping) return;
      running = runner
        .pass(PASS_BUDGET_MS, () => stopping)
        .catch((err: unknown) => {
          logger.error('reminders pass failed', { error: String((err as Error)?.stack ?? err) });
        });
      await running;
      running = null;
    },
    { timezone: REMINDER_CRON_ZONE, noOverlap: true, name: 'reminders' },
  );
  void task.start();
  return {
    /** Stops the schedule and waits for a running pass to finish its current batch. */
    async stop() {
      stopping = true;
      await task.stop();
      await running;
      await task.destroy();
      mailer.close();
    },
  };
}
