/**
 * Reminder planning: a pure function from the schedule (occurrences, agenda items, organisation,
 * per-body settings, working-day calendar) and a clock to the deliveries that should exist.
 * Nothing here reads the database or the host's clock; the planner use case (planner.ts) loads the
 * inputs, and reconcile.ts compares the result with the outbox.
 *
 * What is planned, for a meeting that is not cancelled and has not started:
 * - preparation: to every address of every preparing agency (lead and coordinating) of an item
 *   still open (assigned / preparing / returned), `preparationOffsets` working days before the
 *   documents are due (default 7, 3, 1 and on the due day), at `reminderTime`; useful until due;
 * - overdue: to the same addresses, the first working day after the due date; useful until the
 *   meeting starts (planning stops wanting it as soon as the item is submitted);
 * - escalation: to the Office, at the same time, one email per meeting and due date listing the
 *   items still open; never subject to opt-out;
 * - agenda: to every attendee (officials and agencies), the working day before the meeting, at
 *   `agendaTime`; useful until the meeting starts;
 * - digest: per agency, on `digestWeekday` at `digestTime` in its body's zone, the open items it
 *   prepares that are due within `digestDays` (or already overdue); useful for that day only.
 * A delivery whose useful time has passed is not planned at all.
 */
import type { AgendaItem } from '../agenda/types';
import type { Directory } from '../meetings/views';
import type { Occurrence } from '../meetings/types';
import { addDays, shortDate } from '../shared/wording';
import { isOpen, itemFacts, localDateOf, meetingFacts, remainingText, roleOf, type ReminderLinks } from './facts';
import { deliveryKey, groupKey, hashOf, normaliseEmail } from './keys';
import { agendaTime, digestSlots, overdueTime, preparationTimes, type ReminderCalendar } from './timing';
import type { DeliveryKind, OptOutKind, PlannedDelivery, ReminderSettings } from './types';

export interface PlanInput {
  now: Date;
  /** Occurrences of the planning window (cancelled ones included; they plan nothing). */
  occurrences: Occurrence[];
  /** Agenda items of those occurrences. */
  items: AgendaItem[];
  directory: Directory;
  settingsOf(bodyCode: string): ReminderSettings;
  calendar: ReminderCalendar;
  /** Addresses of the Office for escalations about this body's meetings. */
  officeEmailsOf(bodyCode: string): string[];
  optedOut(email: string, kind: OptOutKind): boolean;
  links: ReminderLinks;
  defaultTimeZone: string;
  /** More entries of an agency's digest sent at `at` covering until `until` (its open directives: sources.ts). */
  digestExtras?(agencyCode: string, at: Date, until: Date): Record<string, unknown>[];
}

export interface Recipient {
  email: string;
  name: string;
  agencyCode: string | null;
  officialCode: string | null;
}

function uniqueByEmail(list: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return list.filter((r) => (seen.has(r.email) ? false : (seen.add(r.email), true)));
}

export function agencyRecipients(code: string, dir: Directory): Recipient[] {
  const agency = dir.agencies.get(code);
  if (!agency) return [];
  return uniqueByEmail(
    agency.emails
      .filter((e) => e.includes('@'))
      .map((e) => ({ email: normaliseEmail(e), name: agency.name, agencyCode: code, officialCode: null })),
  );
}

/** Officials and agencies attending, one entry per address. */
export function attendeeRecipients(occ: Occurrence, dir: Directory): Recipient[] {
  const officials = occ.attendees.officials.flatMap((code): Recipient[] => {
    const o = dir.officials.get(code);
    return o?.email ? [{ email: normaliseEmail(o.email), name: o.name, agencyCode: null, officialCode: code }] : [];
  });
  return uniqueByEmail([...officials, ...occ.attendees.agencies.flatMap((c) => agencyRecipients(c, dir))]);
}

interface Draft {
  kind: DeliveryKind;
  occurrenceId: string | null;
  itemNumber: number | null;
  recipient: Recipient;
  extra?: string | number;
  grouped: boolean;
  bodyCode: string | null;
  dueAt: Date;
  expiresAt: Date;
  data: Record<string, unknown>;
}

export function toPlanned(d: Draft): PlannedDelivery {
  const r = d.recipient;
  const data = { ...d.data, recipientName: r.name };
  return {
    key: deliveryKey(d.kind, d.occurrenceId, d.itemNumber, r.email, d.extra),
    kind: d.kind,
    group: d.grouped ? groupKey(d.kind, d.occurrenceId, d.itemNumber, r.email) : null,
    occurrenceId: d.occurrenceId,
    itemNumber: d.itemNumber,
    recipient: r.email,
    agencyCode: r.agencyCode,
    officialCode: r.officialCode,
    bodyCode: d.bodyCode,
    dueAt: d.dueAt,
    expiresAt: d.expiresAt,
    data,
    dataHash: hashOf({ dueAt: d.dueAt, expiresAt: d.expiresAt, data }),
  };
}

/** The deliveries that should exist at `input.now` (see the top of this file). */
export function planDeliveries(input: PlanInput): PlannedDelivery[] {
  const { now, directory: dir, calendar: cal, links } = input;
  const out: PlannedDelivery[] = [];
  const add = (d: Draft) => {
    if (d.expiresAt <= now || d.dueAt >= d.expiresAt) return; // no longer (or never) useful
    if (d.kind !== 'escalation' && input.optedOut(d.recipient.email, d.kind as OptOutKind)) return;
    out.push(toPlanned(d));
  };

  const itemsByOcc = new Map<string, AgendaItem[]>();
  for (const item of input.items)
    itemsByOcc.set(item.occurrenceId, [...(itemsByOcc.get(item.occurrenceId) ?? []), item]);
  const live = input.occurrences.filter((o) => o.status !== 'cancelled' && o.startUtc > now);

  for (const occ of live) {
    const settings = input.settingsOf(occ.bodyCode);
    const zone = occ.timeZone;
    const meeting = meetingFacts(occ, dir, links);
    const items = (itemsByOcc.get(occ.id) ?? []).sort((a, b) => a.number - b.number);
    const open = items.filter((i) => isOpen(i) && i.dueAt) as (AgendaItem & { dueAt: Date })[];
    const base = { occurrenceId: occ.id, bodyCode: occ.bodyCode };

    for (const item of open) {
      const facts = itemFacts(item, dir, zone);
      const expiresAt = item.dueAt < occ.startUtc ? item.dueAt : occ.startUtc;
      const times = preparationTimes(item.dueAt, zone, settings.preparationOffsets, settings.reminderTime, cal);
      const lateAt = overdueTime(item.dueAt, zone, settings.reminderTime, cal);
      for (const pa of item.preparingAgencies) {
        for (const recipient of agencyRecipients(pa.code, dir)) {
          const data = { meeting, item: facts, role: roleOf(item, pa.code), agencyLink: links.agency() };
          for (const t of times) {
            add({
              ...base,
              kind: 'preparation',
              itemNumber: item.number,
              recipient,
              extra: t.offset,
              grouped: true,
              dueAt: t.at,
              expiresAt,
              data: { ...data, offset: t.offset, remaining: remainingText(t.offset) },
            });
          }
          add({
            ...base,
            kind: 'overdue',
            itemNumber: item.number,
            recipient,
            grouped: false,
            dueAt: lateAt,
            expiresAt: occ.startUtc,
            data,
          });
        }
      }
    }

    // Escalation: one email per meeting and overdue date, listing the items still open then.
    const byLateAt = new Map<number, (AgendaItem & { dueAt: Date })[]>();
    for (const item of open) {
      const at = overdueTime(item.dueAt, zone, settings.reminderTime, cal).getTime();
      byLateAt.set(at, [...(byLateAt.get(at) ?? []), item]);
    }
    for (const [at, late] of byLateAt) {
      const lateAt = new Date(at);
      for (const email of input.officeEmailsOf(occ.bodyCode)) {
        const recipient: Recipient = {
          email: normaliseEmail(email),
          name: 'Văn phòng',
          agencyCode: null,
          officialCode: null,
        };
        const data = { meeting, items: late.map((i) => itemFacts(i, dir, zone)), count: late.length };
        add({
          ...base,
          kind: 'escalation',
          itemNumber: null,
          recipient,
          extra: localDateOf(lateAt, zone),
          grouped: false,
          dueAt: lateAt,
          expiresAt: occ.startUtc,
          data,
        });
      }
    }

    const agendaAt = agendaTime(occ.localStart, zone, settings.agendaTime, cal);
    const agendaItems = items.filter((i) => i.status !== 'deferred').map((i) => itemFacts(i, dir, zone));
    for (const recipient of attendeeRecipients(occ, dir)) {
      add({
        ...base,
        kind: 'agenda',
        itemNumber: null,
        recipient,
        grouped: false,
        dueAt: agendaAt,
        expiresAt: occ.startUtc,
        data: { meeting, items: agendaItems, hasItems: agendaItems.length > 0 },
      });
    }
  }

  planDigests(input, live, itemsByOcc, add);
  return out;
}

function planDigests(
  input: PlanInput,
  live: Occurrence[],
  itemsByOcc: Map<string, AgendaItem[]>,
  add: (d: Draft) => void,
): void {
  const { directory: dir } = input;
  for (const agency of dir.agencies.values()) {
    const recipients = agencyRecipients(agency.code, dir);
    if (!recipients.length) continue;
    const settings = input.settingsOf(agency.bodyCode);
    if (settings.digestWeekday === null) continue;
    const zone = dir.bodies.get(agency.bodyCode)?.timeZone ?? input.defaultTimeZone;
    for (const slot of digestSlots(input.now, zone, settings.digestWeekday, settings.digestTime)) {
      const until = new Date(slot.at.getTime() + settings.digestDays * 86_400_000);
      const entries = live
        .filter((occ) => occ.startUtc > slot.at)
        .flatMap((occ) =>
          (itemsByOcc.get(occ.id) ?? [])
            .filter(
              (i) =>
                isOpen(i) && i.dueAt && i.dueAt <= until && i.preparingAgencies.some((a) => a.code === agency.code),
            )
            .map((i) => ({ occ, item: i as AgendaItem & { dueAt: Date } })),
        )
        .sort(
          (a, b) =>
            a.item.dueAt.getTime() - b.item.dueAt.getTime() ||
            a.occ.startUtc.getTime() - b.occ.startUtc.getTime() ||
            a.item.number - b.item.number,
        )
        .map(({ occ, item }) => ({
          meeting: meetingFacts(occ, dir, input.links),
          item: itemFacts(item, dir, occ.timeZone),
          role: roleOf(item, agency.code),
          overdue: item.dueAt < slot.at,
        }));
      const directives = input.digestExtras?.(agency.code, slot.at, until) ?? [];
      if (!entries.length && !directives.length) continue;
      const data = {
        agencyName: agency.name,
        from: shortDate(slot.date),
        to: shortDate(addDays(slot.date, settings.digestDays)),
        days: settings.digestDays,
        entries,
        count: entries.length,
        agencyLink: input.links.agency(),
        directives,
        directiveCount: directives.length,
      };
      for (const recipient of recipients) {
        add({
          kind: 'digest',
          occurrenceId: null,
          itemNumber: null,
          bodyCode: agency.bodyCode,
          recipient,
          extra: slot.date,
          grouped: true,
          dueAt: slot.at,
          expiresAt: slot.expiresAt,
          data,
        });
      }
    }
  }
}
