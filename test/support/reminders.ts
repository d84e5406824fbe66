/**
 * The seeded app with a real SMTP sink and a reminders runner on the app's clock, as the
 * reminders integration tests use it: `const h = await startReminderHarness('2023-05-16T02:00:00Z')`.
 */
import { smtpMailer, type Mailer } from '../../src/mail/transport';
import { reminderRunner, type ReminderRunner } from '../../src/reminders';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { startTestApp, type TestApp } from './app';

export const MAIL_FROM = 'Văn phòng HĐND và UBND huyện <no-reply@lucngan.example>';

export interface ReminderHarness {
  t: TestApp;
  sink: SmtpSink;
  mailer: Mailer;
  runner: ReminderRunner;
  close(): Promise<void>;
}

/**
 * `fixedJitter`: retry jitter pinned to the middle, so backoff times are exact; `mailFrom`: another
 * sender; `name`: a database of its own (several harnesses in one test file).
 */
export async function startReminderHarness(
  now: string,
  options: { fixedJitter?: boolean; mailFrom?: string; name?: string } = {},
): Promise<ReminderHarness> {
  const t = await startTestApp({ seed: true, now, ...(options.name ? { name: options.name } : {}) });
  const from = options.mailFrom ?? MAIL_FROM;
  const sink = await startSmtpSink();
  const mailer = smtpMailer({ smtpUrl: sink.url, from, outboxDir: '' });
  const runner = reminderRunner(t.services.reminders, {
    mailer,
    mailFrom: from,
    officeEmails: ['vanphong@lucngan.example'],
    clock: t.clock,
    ...(options.fixedJitter ? { dispatch: { random: () => 0.5 } } : {}),
  });
  return {
    t,
    sink,
    mailer,
    runner,
    async close() {
      mailer.close();
      await sink.close();
      await t.close();
    },
  };
}
