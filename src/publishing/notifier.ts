/**
 * Who must hear about a revision, and the port through which they are told. Publishing does not
 * send mail itself: it hands a `RevisionNotice` to a `PublicationNotifier` (the reminders outbox
 * when connected; a no-op by default).
 */
import type { Directory } from '../meetings/views';
import type { Comparison } from './compare';
import type { DocumentKind, MeetingEntry } from './types';

export interface NoticeRecipient {
  kind: 'official' | 'agency';
  code: string;
  name: string;
  emails: string[];
  /** Ids of the changed meetings this recipient attends or prepares for. */
  meetingIds: string[];
}

/** A published revision that changed meetings. */
export interface RevisionNotice {
  kind: DocumentKind;
  bodyCode: string;
  bodyName: string;
  /** `YYYY-MM` or `YYYY-Www`. */
  period: string;
  version: number;
  previousVersion: number;
  /** "Điều chỉnh lần 1". */
  label: string;
  /** Vietnamese subject line for a notice. */
  subject: string;
  /** Public URL of the new version and of the comparison. */
  url: string;
  compareUrl: string;
  comparison: Comparison;
  recipients: NoticeRecipient[];
  publishedAt: Date;
  publishedBy: string;
}

export interface PublicationNotifier {
  /** Called after a revision that changed meetings is stored. Errors are logged, never undo the publication. */
  revisionPublished(notice: RevisionNotice): Promise<void>;
}

export const noopNotifier: PublicationNotifier = {
  async revisionPublished() {
    /* nothing is sent until the reminders outbox is connected */
  },
};

/** Ids of meetings the comparison touches. */
export function changedMeetingIds(c: Comparison): Set<string> {
  return new Set(
    [...c.added, ...c.removed, ...c.cancelled, ...c.restored, ...c.moved, ...c.changed]
      .map((m) => m.id)
      .concat(c.agenda.map((a) => a.meeting.id)),
  );
}

/**
 * Everyone affected by the changed meetings, in either version: the chair and attending
 * officials, attending agencies and the agencies preparing their items.
 */
export function affectedRecipients(
  c: Comparison,
  before: MeetingEntry[],
  after: MeetingEntry[],
  dir: Directory,
): NoticeRecipient[] {
  const ids = changedMeetingIds(c);
  const out = new Map<string, NoticeRecipient>();
  const add = (kind: 'official' | 'agency', code: string, meetingId: string) => {
    const key = `${kind}:${code}`;
    let r = out.get(key);
    if (!r) {
      const official = kind === 'official' ? dir.officials.get(code) : undefined;
      const agency = kind === 'agency' ? dir.agencies.get(code) : undefined;
      r = {
        kind,
        code,
        name: official?.name ?? agency?.name ?? code,
        emails: official?.email ? [official.email] : (agency?.emails ?? []),
        meetingIds: [],
      };
      out.set(key, r);
    }
    if (!r.meetingIds.includes(meetingId)) r.meetingIds.push(meetingId);
  };
  for (const m of [...before, ...after]) {
    if (!ids.has(m.id)) continue;
    if (m.chair) add('official', m.chair.code, m.id);
    for (const o of m.officials) add('official', o.code, m.id);
    for (const a of m.agencies) add('agency', a.code, m.id);
    for (const i of m.items) for (const a of i.agencies) add('agency', a.code, m.id);
  }
  return [...out.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code));
}
