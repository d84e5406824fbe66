/**
 * The facts an email shows, built from the schedule at planning time and stored with the delivery
 * (so that sending needs no schedule lookups, and a change of facts is seen as a new data hash).
 * Plain JSON, Vietnamese text ready to print. Pure.
 */
import type { AgendaItem, ItemStatus } from '../agenda/types';
import type { Directory } from '../meetings/views';
import type { Occurrence } from '../meetings/types';
import { utcToLocal } from '../meetings/local-time';
import { dateTimeAt, dateTimeText, ITEM_STATUS_WORDS, ROLE_WORDS, shortDate } from '../shared/wording';

/** Statuses in which an agency still owes documents. */
export const OPEN_STATUSES: readonly ItemStatus[] = ['assigned', 'preparing', 'returned'];
export const isOpen = (item: AgendaItem): boolean => OPEN_STATUSES.includes(item.status);

/** Where the emails link to. Built from PUBLIC_BASE_URL; see links in the README. */
export interface ReminderLinks {
  /** A page showing the meeting (the public month page of its body). */
  meeting(occ: Occurrence): string;
  /** The agency's own page (its items and their status). */
  agency(): string;
  /** The opt-out page of a token. */
  optOut(token: string): string;
}

export function reminderLinks(publicBaseUrl: string): ReminderLinks {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    meeting: (occ) => `${base}/lich/${encodeURIComponent(occ.bodyCode)}/thang/${occ.localStart.slice(0, 7)}`,
    agency: () => `${base}/co-quan`,
    optOut: (token) => `${base}/email/huy-dang-ky/${encodeURIComponent(token)}`,
  };
}

export interface MeetingFacts {
  occurrenceId: string;
  title: string;
  bodyName: string;
  when: string;
  date: string;
  location: string;
  chair: string;
  cancelled: boolean;
  link: string;
}

export function meetingFacts(occ: Occurrence, dir: Directory, links: ReminderLinks): MeetingFacts {
  return {
    occurrenceId: occ.id,
    title: occ.title,
    bodyName: dir.bodies.get(occ.bodyCode)?.name ?? occ.bodyCode,
    when: dateTimeText(occ.localStart),
    date: shortDate(occ.localStart.slice(0, 10)),
    location: occ.location || 'Chưa xác định',
    chair: occ.chairCode ? (dir.officials.get(occ.chairCode)?.name ?? occ.chairCode) : '',
    cancelled: occ.status === 'cancelled',
    link: links.meeting(occ),
  };
}

export interface ItemFacts {
  number: number;
  title: string;
  due: string;
  /** The preparing agencies with their roles, e.g. "Thanh tra huyện (chủ trì); Công an huyện (phối hợp)". */
  agencies: string;
  leader: string;
  status: string;
}

export function itemFacts(item: AgendaItem, dir: Directory, zone: string): ItemFacts {
  return {
    number: item.number,
    title: item.title,
    due: item.dueAt ? dateTimeAt(item.dueAt, zone) : 'Chưa ấn định',
    agencies:
      item.preparingAgencies
        .map((a) => `${dir.agencies.get(a.code)?.name ?? a.code} (${ROLE_WORDS[a.role]})`)
        .join('; ') || 'Chưa giao',
    leader: item.leaderCode ? (dir.officials.get(item.leaderCode)?.name ?? item.leaderCode) : '',
    status: ITEM_STATUS_WORDS[item.status],
  };
}

/** The role of one agency on an item, in Vietnamese ("chủ trì" / "phối hợp"). */
export function roleOf(item: AgendaItem, agencyCode: string): string {
  const role = item.preparingAgencies.find((a) => a.code === agencyCode)?.role ?? 'lead';
  return ROLE_WORDS[role];
}

/** "còn 3 ngày làm việc" / "hôm nay là hạn". */
export function remainingText(offset: number): string {
  return offset === 0 ? 'hôm nay là hạn gửi tài liệu' : `còn ${offset} ngày làm việc đến hạn gửi tài liệu`;
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDateOf(instant: Date, zone: string): string {
  return utcToLocal(instant, zone).slice(0, 10);
}
