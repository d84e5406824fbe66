import type { Occurrence } from './types';

/**
 * iCalendar identities shared by the feeds and the emailed iTIP invitations, so that a calendar
 * client matches an emailed change to the event it already has from a feed.
 *
 * - A series is one VEVENT: UID `<seriesId>@<domain>`; an occurrence of it is addressed by that
 *   UID plus RECURRENCE-ID = its original local start (TZID of the series' zone).
 * - A one-off meeting or extra session: UID `<meetingId>@<domain>`.
 * - In expanded feeds (one VEVENT per occurrence): UID `<occurrenceId>@<domain>`.
 */
export const UID_DOMAIN = 'lich-hop';

export function seriesUid(seriesId: string): string {
  return `${seriesId}@${UID_DOMAIN}`;
}

export function meetingUid(meetingId: string): string {
  return `${meetingId}@${UID_DOMAIN}`;
}

export function expandedUid(occurrenceId: string): string {
  return `${occurrenceId}@${UID_DOMAIN}`;
}

/** The UID under which clients know this occurrence (series UID for rule-generated ones). */
export function uidOf(occ: Pick<Occurrence, 'seriesId' | 'meetingId' | 'id'>): string {
  if (occ.meetingId) return meetingUid(occ.meetingId);
  if (occ.seriesId) return seriesUid(occ.seriesId);
  return expandedUid(occ.id);
}
