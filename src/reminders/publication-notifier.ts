/**
 * Connects the publishing component's revision notices to the outbox: one `publication`
 * delivery per recipient address per published revision (kind, body, period, version), due at
 * once. The facts the templates render are stored on the delivery, so the dispatcher sends it
 * like any other. Planning never mutes these (reconcile.ts: event kinds), and a key is used once,
 * so telling the outbox about the same revision twice sends nothing more.
 */
import type { PublicationNotifier, RevisionNotice } from '../publishing/notifier';
import type { RemindersComponent } from './index';
import { deliveryKey, hashOf, normaliseEmail } from './keys';
import type { PlannedDelivery } from './types';
import { monthYear } from '../shared/wording';

/** A revision notice stops being useful after this long (then it expires unsent). */
export const PUBLICATION_NOTICE_DAYS = 7;

/** The deliveries a notice asks for (pure); addresses opted out of `publication` are left out. */
export function publicationDeliveries(
  notice: RevisionNotice,
  optedOut: (email: string) => boolean = () => false,
): PlannedDelivery[] {
  // From the publication, not the clock: a completion pass that plans the same notice later
  // produces the same delivery (and a notice planned too late expires instead of going out).
  const dueAt = notice.publishedAt;
  const expiresAt = new Date(notice.publishedAt.getTime() + PUBLICATION_NOTICE_DAYS * 86_400_000);
  const documentName =
    notice.kind === 'programme'
      ? `chương trình công tác tháng ${monthYear(notice.period)}`
      : `lịch công tác tuần ${notice.period}`;
  const revision = `${notice.kind}-${notice.bodyCode}:${notice.period}:${notice.version}`;
  const out = new Map<string, PlannedDelivery>();
  for (const r of notice.recipients) {
    for (const raw of r.emails) {
      if (!raw.includes('@')) continue;
      const email = normaliseEmail(raw);
      if (out.has(email) || optedOut(email)) continue;
      const data = {
        documentKind: notice.kind,
        documentName,
        bodyCode: notice.bodyCode,
        bodyName: notice.bodyName,
        period: notice.period,
        version: notice.version,
        previousVersion: notice.previousVersion,
        label: notice.label,
        subject: notice.subject,
        recipientName: r.name,
        lines: notice.comparison.lines.map((text) => ({ text })),
        url: notice.url,
        compareUrl: notice.compareUrl,
        meetingIds: r.meetingIds,
        publishedAt: notice.publishedAt.toISOString(),
        publishedBy: notice.publishedBy,
      };
      out.set(email, {
        key: deliveryKey('publication', null, null, email, revision),
        kind: 'publication',
        group: null,
        occurrenceId: null,
        itemNumber: null,
        recipient: email,
        agencyCode: r.kind === 'agency' ? r.code : null,
        officialCode: r.kind === 'official' ? r.code : null,
        bodyCode: notice.bodyCode,
        dueAt,
        expiresAt,
        data,
        dataHash: hashOf({ dueAt, expiresAt, data }),
      });
    }
  }
  return [...out.values()];
}

/** The notifier publishing uses once connected (services.ts). */
export function publicationNotifier(
  reminders: Pick<RemindersComponent, 'deliveries' | 'stores' | 'clock' | 'logger'>,
): PublicationNotifier {
  return {
    async revisionPublished(notice) {
      const now = reminders.clock.now();
      const optOuts = new Set(
        (await reminders.stores.optOuts.all()).filter((o) => o.kind === 'publication').map((o) => o.email),
      );
      const planned = publicationDeliveries(notice, (email) => optOuts.has(email));
      const { inserted } = await reminders.deliveries.insertNew(
        planned.map((p) => ({ planned: p, state: 'pending' as const, reason: null })),
        now,
        { recheck: true },
      );
      // A key registered by a process that died before inserting its delivery is taken over only
      // once it is old enough (another process may still be inserting it): until then, fail, so
      // that the intent stays and the completion pass tries again later.
      const orphans = await reminders.deliveries.orphansAmong(planned.map((p) => p.key));
      if (orphans.size)
        throw new Error(
          `${orphans.size} revision notice(s) registered but not stored yet (a crash during queueing); retried by the completion pass`,
        );
      reminders.logger.info('revision notices queued', {
        kind: notice.kind,
        body: notice.bodyCode,
        period: notice.period,
        version: notice.version,
        inserted,
      });
    },
  };
}
