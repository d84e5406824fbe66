/**
 * Directives' deadlines as events of private feeds (an agency's, an official's; never a public
 * feed): one zero-length, transparent event (it blocks no time) at each open directive's
 * deadline, titled to read well in a phone's agenda ("Hạn: Chỉ đạo tổ chức Lễ trao tặng Huy
 * hiệu Đảng…"), with the directive's text, notice and assignees in its description and a link
 * to its page. SEQUENCE counts the deadline's changes; DTSTAMP is the directive's last change.
 * Pure.
 */
import type { ExtraFeedEvent } from '../feeds/extra-events';
import { nfc } from '../feeds/text';
import { wallClock } from '../feeds/zoned';
import { UID_DOMAIN } from '../meetings/ical-ids';
import type { Directory } from '../meetings/views';
import { isOpen } from './deadlines';
import { noticeLabel } from './reminders';
import type { Notice } from './types';
import { assigneeName, zoneOf } from './views';
import { DIRECTIVE_STATUS_WORDS, ROLE_WORDS } from '../shared/wording';

/** Stable UID of a directive's deadline event. */
export const directiveUid = (id: string) => `directive_${id}@${UID_DOMAIN}`;

/** At most `n` characters, cut at a word. */
function title(text: string, n = 70): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1).replace(/\s+\S*$/, '')}…` : one;
}

export function directiveFeedEvents(
  notices: Notice[],
  dir: Directory,
  base: string,
  defaultZone: string,
): ExtraFeedEvent[] {
  const out: ExtraFeedEvent[] = [];
  for (const n of notices) {
    if (n.status !== 'issued') continue;
    const zone = zoneOf(n, dir, defaultZone);
    for (const d of n.directives) {
      if (!isOpen(d) || !d.dueAt) continue;
      const subjects: ExtraFeedEvent['subjects'] = [];
      for (const a of d.assignees) {
        if (a.kind === 'agency') subjects.push({ kind: 'agency', code: a.code });
        if (a.kind === 'official') {
          subjects.push({ kind: 'official', code: a.code });
          const agency = dir.officials.get(a.code)?.agencyCode;
          if (agency) subjects.push({ kind: 'agency', code: agency });
        }
      }
      if (!subjects.length) continue;
      const url = `${base}/chi-dao/${encodeURIComponent(d.id)}`;
      const at = wallClock(d.dueAt, zone);
      const description = [
        d.text,
        '',
        `${noticeLabel(n)}: ${n.title}`,
        `Thực hiện: ${d.assignees.map((a) => `${assigneeName(a, dir)} (${ROLE_WORDS[a.role]})`).join('; ')}`,
        `Trạng thái: ${DIRECTIVE_STATUS_WORDS[d.status]}`,
        url,
      ].join('\n');
      out.push({
        subjects,
        event: {
          uid: directiveUid(d.id),
          zone,
          start: at,
          end: at,
          startUtc: d.dueAt,
          endUtc: d.dueAt,
          recurrenceId: null,
          rrule: null,
          exdates: [],
          summary: nfc(`Hạn: ${title(d.text)}`),
          description: nfc(description),
          location: '',
          organizer: null,
          url,
          sequence: d.deadlineHistory.length,
          stamp: d.updatedAt,
          cancelled: false,
          transparent: true,
        },
      });
    }
  }
  return out.sort(
    (a, b) => a.event.startUtc.getTime() - b.event.startUtc.getTime() || (a.event.uid < b.event.uid ? -1 : 1),
  );
}
