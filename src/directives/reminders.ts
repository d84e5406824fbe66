/**
 * Reminders of directives, planned into the reminders component's outbox (a planning source,
 * src/reminders/sources.ts): the same keys-once, catch-up, mute and multi-instance guarantees as
 * the schedule's reminders. Planning is a pure function of the issued notices, the directory,
 * the settings, the working calendar and the clock.
 *
 * For an open directive (assigned / in progress) of an issued notice, to each assignee's
 * addresses (an agency's; an official's own, else their agency's; a body's Office):
 * - `directive-reminder`: `offsets` working days before the deadline (default 3 and 1) and on the
 *   day (0), at `reminderTime` in the issuing body's zone; useful until the deadline; after
 *   downtime only the latest of one directive's reminders to one address is sent;
 * - `directive-overdue`: the first working day after the deadline; useful for 7 days;
 * - `directive-report`: a standing task (no deadline, a cadence) is asked for its periodic report
 *   on each period's day (settings.ts), unless a report came in since the previous period;
 * - `directive-escalation`: to the Office, one email per issuing body and day on which a
 *   directive becomes overdue, listing every directive of that body overdue then (assigned or
 *   not); never subject to opt-out.
 * A directive reported done, confirmed or cancelled stops being planned, so its pending emails
 * are muted. The weekly digest of an agency lists its open directives due by the digest's end
 * (or overdue) and its standing tasks (`digestEntries`).
 *
 * Keys: `<kind>:-:-:<address>:<directive id>:<offset | period date>` (the escalation's:
 * `…:<address>:<body>:<date>`), so each is created once and sent once.
 */
import { utcToLocal } from '../meetings/local-time';
import { addDays, CADENCE_LABELS, dateTimeAt, DIRECTIVE_STATUS_WORDS, ROLE_WORDS, shortDate } from '../shared/wording';
import type { Directory } from '../meetings/views';
import { deliveryKey, hashOf, normaliseEmail } from '../reminders/keys';
import type { PlanningContext, PlanningSource, SourcePlan } from '../reminders/sources';
import { atLocal, overdueTime, preparationTimes } from '../reminders/timing';
import type { DeliveryKind, OptOutKind, PlannedDelivery } from '../reminders/types';
import { CADENCE_DAYS, isOpen, isOverdue, overdueDays, reportRequestDates, type DeadlineCalendar } from './deadlines';
import type { DirectiveSettings } from './settings';
import type { Assignee, Directive, Notice } from './types';
import { assigneeName, zoneOf } from './views';

export interface DirectivePlanInput {
  now: Date;
  /** Issued notices (others plan nothing). */
  notices: Notice[];
  directory: Directory;
  calendar: DeadlineCalendar & { addWorkingDays(date: string, n: number): string };
  settingsOf(bodyCode: string): DirectiveSettings;
  officeEmailsOf(bodyCode: string): string[];
  optedOut(email: string, kind: OptOutKind): boolean;
  /** The page of a directive (`/chi-dao/<id>`), the Office's board. */
  links: { directive(id: string): string; board(): string };
  defaultTimeZone: string;
}

interface Recipient {
  email: string;
  name: string;
  agencyCode: string | null;
  officialCode: string | null;
}

/** How long an overdue notice, an escalation and a report request stay useful. */
const USEFUL_DAYS = 7;

/** The addresses of an assignee: an agency's, an official's own (else their agency's), a body's Office. */
export function assigneeRecipients(
  a: Pick<Assignee, 'kind' | 'code'>,
  dir: Directory,
  officeEmailsOf: (bodyCode: string) => string[],
): Recipient[] {
  const list = (emails: string[], name: string, agencyCode: string | null, officialCode: string | null) =>
    emails.filter((e) => e.includes('@')).map((e) => ({ email: normaliseEmail(e), name, agencyCode, officialCode }));
  if (a.kind === 'agency') {
    const ag = dir.agencies.get(a.code);
    return ag ? list(ag.emails, ag.name, ag.code, null) : [];
  }
  if (a.kind === 'official') {
    const o = dir.officials.get(a.code);
    if (!o) return [];
    if (o.email) return list([o.email], o.name, o.agencyCode, o.code);
    const ag = o.agencyCode ? dir.agencies.get(o.agencyCode) : undefined;
    return ag ? list(ag.emails, o.name, ag.code, o.code) : [];
  }
  const body = dir.bodies.get(a.code);
  return list(officeEmailsOf(a.code), body?.shortName || body?.name || a.code, null, null);
}

const short = (text: string, n = 90) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1).replace(/\s+\S*$/, '')}…` : one;
};

export function noticeLabel(n: Pick<Notice, 'number' | 'date' | 'meetingDate'>): string {
  return `Thông báo${n.number ? ` số ${n.number}` : ''}${n.date ? ` ngày ${shortDate(n.date)}` : n.meetingDate ? ` (giao ban ngày ${shortDate(n.meetingDate)})` : ''}`;
}

/** The facts a directive email shows (plain JSON). */
export function directiveFacts(n: Notice, d: Directive, dir: Directory, zone: string, link: string) {
  return {
    id: d.id,
    number: d.number,
    text: d.text,
    short: short(d.text),
    section: d.section === null ? '' : (n.sections[d.section] ?? ''),
    due: d.dueAt
      ? d.dueTimeAssumed
        ? `ngày ${shortDate(utcToLocal(d.dueAt, zone).slice(0, 10))}`
        : dateTimeAt(d.dueAt, zone)
      : 'Không nêu',
    status: DIRECTIVE_STATUS_WORDS[d.status],
    assignees: d.assignees.map((a) => `${assigneeName(a, dir)} (${ROLE_WORDS[a.role]})`).join('; ') || 'Chưa giao',
    notice: noticeLabel(n),
    noticeTitle: n.title,
    bodyName: dir.bodies.get(n.bodyCode)?.name ?? n.bodyCode,
    link,
  };
}

export function planDirectiveDeliveries(input: DirectivePlanInput): PlannedDelivery[] {
  const { now, directory: dir, calendar: cal } = input;
  const out = new Map<string, PlannedDelivery>();
  const add = (
    kind: DeliveryKind,
    r: Recipient,
    extra: string,
    group: string | null,
    bodyCode: string,
    dueAt: Date,
    expiresAt: Date,
    data: Record<string, unknown>,
  ) => {
    if (expiresAt <= now || dueAt >= expiresAt) return;
    if (kind !== 'directive-escalation' && input.optedOut(r.email, kind as OptOutKind)) return;
    const full = { ...data, recipientName: r.name };
    const key = deliveryKey(kind, null, null, r.email, extra);
    out.set(key, {
      key,
      kind,
      group: group ? `${kind}:-:-:${r.email}:${group}` : null,
      occurrenceId: null,
      itemNumber: null,
      recipient: r.email,
      agencyCode: r.agencyCode,
      officialCode: r.officialCode,
      bodyCode,
      dueAt,
      expiresAt,
      data: full,
      dataHash: hashOf({ dueAt, expiresAt, data: full }),
    });
  };

  const escalations = new Map<string, { bodyCode: string; at: Date; zone: string }>();
  for (const n of input.notices) {
    if (n.status !== 'issued') continue;
    const zone = zoneOf(n, dir, input.defaultTimeZone);
    const settings = input.settingsOf(n.bodyCode);
    for (const d of n.directives) {
      if (!isOpen(d)) continue;
      const facts = directiveFacts(n, d, dir, zone, input.links.directive(d.id));
      const recipients = d.assignees.flatMap((a) =>
        assigneeRecipients(a, dir, input.officeEmailsOf).map((r) => ({ r, role: ROLE_WORDS[a.role] })),
      );
      if (d.dueAt) {
        const lateAt = overdueTime(d.dueAt, zone, settings.reminderTime, cal);
        const times = preparationTimes(d.dueAt, zone, settings.offsets, settings.reminderTime, cal);
        for (const { r, role } of recipients) {
          for (const t of times) {
            const remaining =
              t.offset === 0 ? 'hôm nay là hạn thực hiện' : `còn ${t.offset} ngày làm việc đến hạn thực hiện`;
            add('directive-reminder', r, `${d.id}:${t.offset}`, d.id, n.bodyCode, t.at, d.dueAt, {
              directive: facts,
              role,
              offset: t.offset,
              remaining,
            });
          }
          add(
            'directive-overdue',
            r,
            d.id,
            null,
            n.bodyCode,
            lateAt,
            new Date(lateAt.getTime() + USEFUL_DAYS * 86_400_000),
            { directive: facts, role },
          );
        }
        const day = utcToLocal(lateAt, zone).slice(0, 10);
        escalations.set(`${n.bodyCode}|${day}`, { bodyCode: n.bodyCode, at: lateAt, zone });
      } else if (d.cadence) {
        const today = utcToLocal(now, zone).slice(0, 10);
        for (const date of reportRequestDates(
          d.cadence,
          addDays(today, -USEFUL_DAYS),
          addDays(today, USEFUL_DAYS),
          { monthDay: settings.reportMonthDay, weekday: settings.reportWeekday },
          cal,
        )) {
          const since = addDays(date, -CADENCE_DAYS[d.cadence]);
          if (d.reports.some((rep) => utcToLocal(rep.at, zone).slice(0, 10) > since)) continue;
          const at = atLocal(date, settings.reminderTime, zone);
          for (const { r, role } of recipients) {
            add(
              'directive-report',
              r,
              `${d.id}:${date}`,
              d.id,
              n.bodyCode,
              at,
              atLocal(addDays(date, USEFUL_DAYS), '00:00', zone),
              { directive: facts, role, cadence: CADENCE_LABELS[d.cadence], period: shortDate(date) },
            );
          }
        }
      }
    }
  }

  // Escalations: per body and day a directive becomes overdue, every directive of the body overdue then.
  for (const { bodyCode, at, zone } of escalations.values()) {
    const late = input.notices
      .filter((n) => n.status === 'issued' && n.bodyCode === bodyCode)
      .flatMap((n) => n.directives.filter((d) => isOverdue(d, at)).map((d) => ({ n, d })))
      .sort((a, b) => a.d.dueAt!.getTime() - b.d.dueAt!.getTime() || a.d.id.localeCompare(b.d.id));
    if (!late.length) continue;
    const date = utcToLocal(at, zone).slice(0, 10);
    const items = late.map(({ n, d }) => ({
      ...directiveFacts(n, d, dir, zone, input.links.directive(d.id)),
      overdueDays: overdueDays(d, at, zone),
    }));
    const data = {
      bodyName: dir.bodies.get(bodyCode)?.name ?? bodyCode,
      date: shortDate(date),
      count: items.length,
      items,
      boardLink: input.links.board(),
    };
    for (const email of input.officeEmailsOf(bodyCode)) {
      const r: Recipient = { email: normaliseEmail(email), name: 'Văn phòng', agencyCode: null, officialCode: null };
      add(
        'directive-escalation',
        r,
        `${bodyCode}:${date}`,
        bodyCode,
        bodyCode,
        at,
        new Date(at.getTime() + USEFUL_DAYS * 86_400_000),
        data,
      );
    }
  }
  return [...out.values()];
}

/**
 * The open directives an agency's weekly digest lists: its own (or its officials'), due by the
 * digest's end or overdue, and its standing tasks.
 */
export function digestEntries(
  input: DirectivePlanInput,
  agencyCode: string,
  at: Date,
  until: Date,
): Record<string, unknown>[] {
  const { directory: dir } = input;
  const out: { due: number; entry: Record<string, unknown> }[] = [];
  for (const n of input.notices) {
    if (n.status !== 'issued') continue;
    const zone = zoneOf(n, dir, input.defaultTimeZone);
    for (const d of n.directives) {
      if (!isOpen(d)) continue;
      const mine = d.assignees.find(
        (a) =>
          (a.kind === 'agency' && a.code === agencyCode) ||
          (a.kind === 'official' && dir.officials.get(a.code)?.agencyCode === agencyCode),
      );
      if (!mine) continue;
      if (d.dueAt ? d.dueAt > until : !d.cadence) continue;
      const facts = directiveFacts(n, d, dir, zone, input.links.directive(d.id));
      out.push({
        due: d.dueAt?.getTime() ?? Number.MAX_SAFE_INTEGER,
        entry: {
          ...facts,
          role: ROLE_WORDS[mine.role],
          overdue: isOverdue(d, at),
          standing: !d.dueAt,
          cadence: d.cadence ? CADENCE_LABELS[d.cadence] : '',
        },
      });
    }
  }
  return out.sort((a, b) => a.due - b.due || String(a.entry.id).localeCompare(String(b.entry.id))).map((x) => x.entry);
}

/** The planning source registered on the reminders component (services.ts). */
export function directivesPlanningSource(deps: {
  listIssued(): Promise<Notice[]>;
  allSettings(): Promise<Map<string, DirectiveSettings>>;
  settingsDefault(bodyCode: string): DirectiveSettings;
  publicBaseUrl: string;
  defaultTimeZone: string;
}): PlanningSource {
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  return {
    name: 'directives',
    async plan(ctx: PlanningContext): Promise<SourcePlan> {
      const [notices, settings] = await Promise.all([deps.listIssued(), deps.allSettings()]);
      const input: DirectivePlanInput = {
        now: ctx.now,
        notices,
        directory: ctx.directory,
        calendar: ctx.calendar,
        settingsOf: (code) => settings.get(code) ?? deps.settingsDefault(code),
        officeEmailsOf: ctx.officeEmailsOf,
        optedOut: ctx.optedOut,
        links: {
          directive: (id) => `${base}/chi-dao/${encodeURIComponent(id)}`,
          board: () => `${base}/van-phong/chi-dao`,
        },
        defaultTimeZone: deps.defaultTimeZone,
      };
      return {
        deliveries: planDirectiveDeliveries(input),
        digestEntries: (agencyCode, at, until) => digestEntries(input, agencyCode, at, until),
      };
    },
  };
}
