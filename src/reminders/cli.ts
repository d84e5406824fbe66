/**
 * `npm run remind -- --at <ISO time> [--dry-run]`: one planning and dispatch pass as if the clock
 * were at that time (default: now). With --dry-run, lists what would be sent and writes nothing.
 * Mail goes where the service's would: SMTP_URL, else .eml files in MAIL_OUTBOX_DIR.
 */
import { bootstrap } from '../bootstrap';
import { createMailer } from '../mail/transport';
import { toOffsetIso } from '../meetings/local-time';
import { fixedClock } from '../shared/clock';
import { instant } from '../shared/schemas';
import { bundlesOf, emailInput } from './bundle';
import { trulyNew, wouldSend, type WouldSend } from './dry-run';
import { messageDomainOf } from './keys';
import { loadEmailTemplates } from './email-templates';
import { plannerOf } from './planner';
import { parseSender, renderSubject } from './render';
import { reminderRunner } from './runner';

const USAGE = 'usage: npm run remind -- [--at 2023-05-16T09:00:00+07:00] [--dry-run]';

export function parseArgs(argv: string[]): { at: Date | null; dryRun: boolean } {
  let at: Date | null = null;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--at' || arg.startsWith('--at=')) {
      const value = arg === '--at' ? argv[++i] : arg.slice(5);
      const parsed = instant.safeParse(value);
      if (!parsed.success)
        throw new Error(
          `--at: ${parsed.error.issues[0]?.message ?? 'invalid'} (got ${JSON.stringify(value ?? '')})\n${USAGE}`,
        );
      at = parsed.data;
    } else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  return { at, dryRun };
}

async function run(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const ctx = await bootstrap({ seed: false });
  const { config, services } = ctx;
  const zone = config.DEFAULT_TIME_ZONE;
  const clock = fixedClock(args.at ?? new Date());
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    out(
      `reminders pass at ${toOffsetIso(clock.now(), zone)}${args.dryRun ? ' (dry run: nothing is written or sent)' : ''}`,
    );
    if (args.dryRun) {
      const planner = plannerOf(services.reminders, {
        officeEmails: config.OFFICE_EMAIL,
        sender: parseSender(config.MAIL_FROM),
      });
      const computed = await planner.compute(clock.now());
      const r = computed.reconciliation;
      const inserts = await trulyNew(computed, services.reminders.deliveries);
      out(
        `planned ${computed.planned.length}; would insert ${inserts.length} (${inserts.filter((i) => i.state === 'expired').length} of them as superseded), refresh ${r.refreshes.length}, mute ${r.mutes.length}, expire ${r.expires.length}`,
      );
      const templates = loadEmailTemplates();
      const list = await wouldSend(computed, services.reminders.deliveries);
      const emails = bundlesOf(list);
      out(`would send ${list.length} in ${emails.length} emails:`);
      for (const members of emails) {
        const [w] = members as [WouldSend];
        const email = emailInput(members, messageDomainOf(parseSender(config.MAIL_FROM).email));
        out(
          `  ${toOffsetIso(w.dueAt, zone)}  ${w.kind.padEnd(11)}  ${w.recipient}  ${renderSubject(templates, w.kind, email.data)}${members.length > 1 ? ` (${members.length} deliveries)` : ''}`,
        );
      }
      return;
    }
    const mailer = createMailer({
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      outboxDir: config.MAIL_OUTBOX_DIR,
    });
    out(`mail: ${mailer.describe()}`);
    try {
      const report = await reminderRunner(services.reminders, {
        mailer,
        mailFrom: config.MAIL_FROM,
        officeEmails: config.OFFICE_EMAIL,
        clock,
      }).pass();
      out(`planning: ${JSON.stringify(report.plan)}`);
      out(`dispatch: ${JSON.stringify(report.dispatch)}`);
    } finally {
      mailer.close();
    }
  } finally {
    await ctx.close();
  }
}

if (require.main === module) {
  run().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
}
