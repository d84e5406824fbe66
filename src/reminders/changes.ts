/**
 * Change notices without hooks into the meetings component: each planning pass compares every
 * occurrence of the window with what was last notified for it (`NotifiedState`) and plans a
 * notice when its time, place or cancellation changed. Pure.
 *
 * Rules:
 * - The first time an occurrence is seen, its state is recorded and nothing is sent: there is no
 *   earlier state anybody was told about by email, and the feeds already show the current one.
 *   (The seed's May 2023 session, moved by the work programme itself, is not "news" on the first
 *   day the service runs.) An occurrence enters the window 60 days ahead, so moves made later
 *   than that are always notified.
 * - A later pass notifies when the occurrence's SEQUENCE grew and its start, end, place or
 *   cancellation differs from the recorded state; a change of only title or description updates
 *   the record silently. A lower or equal SEQUENCE is a stale read and is ignored.
 * - The notice goes to every attendee and every agency preparing one of its items, keyed by
 *   (occurrence, SEQUENCE, recipient): two instances detecting the same change send one notice.
 *   Several notices for one meeting that fall due together (moved, then cancelled, while the
 *   service was down) collapse to the latest.
 * - Nothing is sent once the meeting (its later start, for a move) is in the past.
 */
import type { AgendaItem } from '../agenda/types';
import { uidOf } from '../meetings/ical-ids';
import type { Occurrence } from '../meetings/types';
import type { Directory } from '../meetings/views';
import { meetingFacts, type ReminderLinks } from './facts';
import { agencyRecipients, attendeeRecipients, toPlanned, type Recipient } from './plan';
import { dateTimeText } from '../shared/wording';
import type { NotifiedState, OptOutKind, PlannedDelivery } from './types';

export interface ChangeInput {
  now: Date;
  occurrences: Occurrence[];
  items: AgendaItem[];
  notified: Map<string, NotifiedState>;
  directory: Directory;
  links: ReminderLinks;
  optedOut(email: string, kind: OptOutKind): boolean;
  /** ORGANIZER of the iTIP invitations (the MAIL_FROM address). */
  organizer: { name: string; email: string };
}

export interface ChangeResult {
  notices: PlannedDelivery[];
  /** States to record (first sightings and changes). */
  states: NotifiedState[];
}

export function stateOf(occ: Occurrence, now: Date): NotifiedState {
  return {
    occurrenceId: occ.id,
    sequence: occ.sequence,
    cancelled: occ.status === 'cancelled',
    startUtc: occ.startUtc,
    endUtc: occ.endUtc,
    location: occ.location,
    localStart: occ.localStart,
    updatedAt: now,
  };
}

export type ChangeKind = 'moved' | 'cancelled' | 'restored' | 'relocated';

/** What changed between two states, or null when nothing a calendar cares about did. */
export function changeBetween(before: NotifiedState, after: NotifiedState): ChangeKind | null {
  if (after.cancelled !== before.cancelled) return after.cancelled ? 'cancelled' : 'restored';
  if (after.cancelled) return null;
  if (after.startUtc.getTime() !== before.startUtc.getTime() || after.endUtc.getTime() !== before.endUtc.getTime())
    return 'moved';
  if (after.location !== before.location) return 'relocated';
  return null;
}

export function changeRecipients(occ: Occurrence, items: AgendaItem[], dir: Directory): Recipient[] {
  const seen = new Set<string>();
  const preparing = [...new Set(items.flatMap((i) => i.preparingAgencies.map((a) => a.code)))].flatMap((c) =>
    agencyRecipients(c, dir),
  );
  return [...attendeeRecipients(occ, dir), ...preparing].filter((r) =>
    seen.has(r.email) ? false : (seen.add(r.email), true),
  );
}

export function detectChanges(input: ChangeInput): ChangeResult {
  const { now } = input;
  const notices: PlannedDelivery[] = [];
  const states: NotifiedState[] = [];
  for (const occ of input.occurrences) {
    const current = stateOf(occ, now);
    const before = input.notified.get(occ.id);
    if (!before) {
      states.push(current);
      continue;
    }
    if (occ.sequence <= before.sequence) continue;
    states.push(current);
    const change = changeBetween(before, current);
    if (!change) continue;
    const expiresAt = change === 'cancelled' ? before.startUtc : occ.startUtc;
    if (expiresAt <= now) continue;
    const items = input.items.filter((i) => i.occurrenceId === occ.id).sort((a, b) => a.number - b.number);
    const data = {
      change,
      meeting: meetingFacts(occ, input.directory, input.links),
      previousWhen: dateTimeText(before.localStart),
      newWhen: dateTimeText(occ.localStart),
      previousLocation: before.location,
      reason: occ.reason ?? '',
      ical: {
        method: change === 'cancelled' ? 'CANCEL' : 'REQUEST',
        uid: uidOf(occ),
        // A rule-generated occurrence is an instance of its series' VEVENT in feeds.
        recurrenceId: occ.meetingId ? null : occ.originalLocalStart,
        zone: occ.timeZone,
        start: occ.localStart,
        durationMinutes: occ.durationMinutes,
        sequence: occ.sequence,
        summary: occ.title,
        location: occ.location,
        description: occ.description,
        stamp: now.toISOString(),
        organizer: input.organizer,
      },
    };
    for (const recipient of changeRecipients(occ, items, input.directory)) {
      if (input.optedOut(recipient.email, 'change')) continue;
      notices.push(
        toPlanned({
          kind: 'change',
          occurrenceId: occ.id,
          itemNumber: null,
          recipient,
          extra: occ.sequence,
          grouped: true,
          bodyCode: occ.bodyCode,
          dueAt: now,
          expiresAt,
          data,
        }),
      );
    }
  }
  return { notices, states };
}
