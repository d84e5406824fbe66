/**
 * The Vietnamese wording of the whole service, in one place: dates, times, weekdays, and the labels
 * of meeting kinds, item and directive statuses, roles and the like. Pages, feeds, emails and
 * documents all print through this module, so one thing has one wording everywhere.
 *
 * Pure. Inputs are local wall-clock strings (`2023-05-23`, `08:00`, `2023-05-23T08:00`) already
 * placed in the right zone by the caller; the one function that takes an instant (`dateTimeAt`)
 * takes its zone too and converts with luxon. The host's `TZ` never changes a result.
 *
 * Label tables are `as const` objects keyed by the codes the domain modules declare
 * (`MEETING_KINDS`, `ITEM_STATUSES`, `DIRECTIVE_STATUSES`...). This module sits below them in the
 * layering, so it does not import their types: indexing a table with the domain's union type
 * fails to compile when a code has no label, and test/unit/shared/wording.test.ts checks each
 * table against its enum, both ways.
 *
 * Every table holds the capitalised label: pages and documents print it alone (a badge, a table
 * cell, a select option). Feeds and emails print statuses and roles in running text ("trạng thái:
 * đã nộp", "(chủ trì)"), from a `..._WORDS` table: the same wording in lower case (`inSentence`).
 * Never write a second wording.
 */

import { DateTime } from 'luxon';

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month, day of a strict `yyyy-MM-dd` local date; RangeError for anything else or an impossible day. */
function ymd(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: "${date}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(2000, mo - 1, d));
  t.setUTCFullYear(y);
  if (mo < 1 || mo > 12 || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    throw new RangeError(`No such date: "${date}"`);
  }
  return [y, mo, d];
}

/** The instant of midnight UTC of a local date: used only for calendar arithmetic, never shown. */
function utcMidnight(date: string): Date {
  const [y, m, d] = ymd(date);
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y); // Date.UTC maps years 0-99 to 1900-1999
  return t;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The date `n` calendar days later (earlier if negative). No zone is involved: a local date plus
 * days is a local date.
 * @example addDays('2024-02-28', 2) === '2024-03-01'; addDays('2023-05-01', -1) === '2023-04-30'
 */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  const t = utcMidnight(date);
  t.setUTCDate(t.getUTCDate() + n);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** ISO day of week of a local date: 1 = Monday … 7 = Sunday (src/meetings/local-time.ts exports one for callers). */
function isoWeekday(date: string): number {
  const js = utcMidnight(date).getUTCDay();
  return js === 0 ? 7 : js;
}

/**
 * A date as Vietnamese text writes it: day/month/year without leading zeros (pages, feeds, emails,
 * documents).
 * @example shortDate('2023-05-23') === '23/5/2023'; shortDate('2023-05-04') === '4/5/2023'
 */
export function shortDate(date: string): string {
  const [y, m, d] = ymd(date);
  return `${d}/${m}/${y}`;
}

/**
 * A date with two-digit day and month, as the Government's documents number themselves: used when
 * citing a document ("Công văn số 8662/VPCP-KGVX ngày 03/11/2023").
 * @example paddedDate('2023-11-03') === '03/11/2023'
 */
export function paddedDate(date: string): string {
  const [y, m, d] = ymd(date);
  return `${pad(d)}/${pad(m)}/${y}`;
}

/**
 * Day and month only, for lists of days of one month.
 * @example dayMonth('2023-05-04') === '4/5'
 */
export function dayMonth(date: string): string {
  const [, m, d] = ymd(date);
  return `${d}/${m}`;
}

/**
 * A month (`yyyy-MM`) as Vietnamese text writes it, after "tháng".
 * @example monthYear('2023-05') === '5/2023' // "chương trình công tác tháng 5/2023"
 */
export function monthYear(month: string): string {
  const [y, m] = ymd(`${month}-01`);
  return `${m}/${y}`;
}

/**
 * The date line of an official document (Nghị định 30/2020): days below 10 and the months January
 * and February get a leading zero, other months do not; without a date, dots for the clerk.
 * @example placeDateLine('Lục Ngạn', '2023-05-05') === 'Lục Ngạn, ngày 05 tháng 5 năm 2023'
 *          placeDateLine('Lục Ngạn', null, 2023) === 'Lục Ngạn, ngày ... tháng ... năm 2023'
 */
export function placeDateLine(place: string, date: string | null, year?: number): string {
  if (!date) return `${place}, ngày ... tháng ... năm ${year ?? '...'}`;
  const [y, m, d] = ymd(date);
  return `${place}, ngày ${d < 10 ? pad(d) : d} tháng ${m < 3 ? pad(m) : m} năm ${y}`;
}

// ---------------------------------------------------------------------------------------------
// Weekdays
// ---------------------------------------------------------------------------------------------

/** Names of the days of week, Monday first (index = ISO weekday - 1), as a label or a line starts. */
export const WEEKDAY_LABELS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;

/** The same inside a sentence: "thứ Hai" … "thứ Bảy", and "Chủ nhật", which keeps its capital. */
export const WEEKDAY_WORDS = ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'] as const;

export type WeekdayLabel = (typeof WEEKDAY_LABELS)[number];

/**
 * The day of week of a local date, capitalised.
 * @example weekdayLabel('2023-05-23') === 'Thứ Ba'; weekdayLabel('2025-04-27') === 'Chủ nhật'
 */
export function weekdayLabel(date: string): WeekdayLabel {
  return WEEKDAY_LABELS[isoWeekday(date) - 1]!;
}

/**
 * The day of week of a local date inside a sentence.
 * @example weekdayWord('2023-05-25') === 'thứ Năm'; weekdayWord('2025-04-27') === 'Chủ nhật'
 */
export function weekdayWord(date: string): string {
  return WEEKDAY_WORDS[isoWeekday(date) - 1]!;
}

/**
 * A day heading: the weekday, then the date.
 * @example dayHeading('2023-05-23') === 'Thứ Ba, 23/5/2023'
 */
export function dayHeading(date: string): string {
  return `${weekdayLabel(date)}, ${shortDate(date)}`;
}

/**
 * A date as official documents start a line with it.
 * @example dateWithWeekday('2023-05-23') === 'Ngày 23/5/2023 (Thứ Ba)'
 */
export function dateWithWeekday(date: string): string {
  return `Ngày ${shortDate(date)} (${weekdayLabel(date)})`;
}

// ---------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------

const TIME = /^(\d{2}):(\d{2})/;

function hm(time: string): [number, string] {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`Not an HH:mm time: "${time}"`);
  return [Number(m[1]), m[2]!];
}

/**
 * A time as documents and pages print it (Vietnamese "8h00").
 * @example clockTime('08:00') === '8h00'; clockTime('14:30') === '14h30'
 */
export function clockTime(time: string): string {
  const [h, m] = hm(time);
  return `${h}h${m}`;
}

/**
 * The time of a local date-time as a 24-hour clock, as feeds and emails print it.
 * @example hourMinute('2023-05-23T08:00') === '08:00'
 */
export function hourMinute(localDateTime: string): string {
  const m = /T(\d{2}:\d{2})/.exec(localDateTime);
  if (!m) throw new RangeError(`Not a local date-time YYYY-MM-DDTHH:mm: "${localDateTime}"`);
  return m[1]!;
}

/** Printed after a time the source document did not state (the Office's estimate). */
export const ASSUMED_TIME_NOTE = '(giờ dự kiến)';

/**
 * A meeting's time as documents and pages print it, marked when it is an estimate.
 * @example meetingTime('08:00', true) === '8h00 (giờ dự kiến)'; meetingTime('14:00', false) === '14h00'
 */
export function meetingTime(time: string, assumed: boolean | undefined): string {
  return assumed ? `${clockTime(time)} ${ASSUMED_TIME_NOTE}` : clockTime(time);
}

/**
 * Buổi of a local time: before noon "Sáng", before 18:00 "Chiều", then "Tối".
 * @example partOfDay('07:30') === 'Sáng'; partOfDay('14:00') === 'Chiều'
 */
export function partOfDay(time: string): 'Sáng' | 'Chiều' | 'Tối' {
  const [hour] = hm(time);
  return hour < 12 ? 'Sáng' : hour < 18 ? 'Chiều' : 'Tối';
}

/**
 * A local date-time as feeds and emails print it (subjects, "Thời gian: …", "Dời từ …"): the clock
 * time, the weekday as a label, the date. Documents word a slot their own way ("8h00 sáng thứ Tư,
 * ngày 10/5/2023", src/publishing/programme.ts) from `clockTime`, `partOfDay` and `weekdayWord`.
 * @example dateTimeText('2023-05-23T08:00') === '08:00, Thứ Ba ngày 23/5/2023'
 */
export function dateTimeText(localDateTime: string): string {
  const date = localDateTime.slice(0, 10);
  return `${hourMinute(localDateTime)}, ${weekdayLabel(date)} ngày ${shortDate(date)}`;
}

/**
 * An instant inside a sentence, on the wall clock of `zone` (luxon, so the host's TZ plays no part).
 * @example dateTimeAt(new Date('2023-05-18T10:00:00Z'), 'Asia/Ho_Chi_Minh') === '17:00, Thứ Năm ngày 18/5/2023'
 */
export function dateTimeAt(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new RangeError(`Cannot show ${instant.toISOString()} in zone '${zone}'`);
  return dateTimeText(local.toFormat("yyyy-MM-dd'T'HH:mm"));
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

/**
 * A label inside a sentence: its first letter in lower case (labels here hold no proper names).
 * @example inSentence('Đã nộp') === 'đã nộp'
 */
export function inSentence(label: string): string {
  const first = label.codePointAt(0);
  if (first === undefined) return '';
  const head = String.fromCodePoint(first);
  return `${head.toLocaleLowerCase('vi')}${label.slice(head.length)}`;
}

/** The sentence forms of a label table. */
function wordsOf<K extends string>(labels: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(labels).map(([k, v]) => [k, inSentence(v)])) as Record<K, string>;
}

/**
 * Joins a list the Vietnamese way.
 * @example joinVi(['4', '11', '18', '25']) === '4, 11, 18 và 25'
 */
export function joinVi(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Meetings (src/meetings/types.ts)
// ---------------------------------------------------------------------------------------------

/** Kinds of meeting (`MEETING_KINDS`), e.g. in a feed's name "Lịch họp … (Giao ban)". */
export const MEETING_KIND_LABELS = {
  'regular-session': 'Phiên họp thường kỳ',
  'extraordinary-session': 'Phiên họp bất thường',
  briefing: 'Giao ban',
  'thematic-conference': 'Hội nghị chuyên đề',
  'council-session': 'Kỳ họp HĐND',
  other: 'Cuộc họp khác',
} as const;

/** Status of an occurrence (`OccurrenceStatus`): on schedule, moved or cancelled. */
export const OCCURRENCE_STATUS_LABELS = { scheduled: 'Theo lịch', moved: 'Đã dời', cancelled: 'Đã hủy' } as const;

/** What a series does with an occurrence on a day off (`HOLIDAY_POLICIES`). */
export const HOLIDAY_POLICY_LABELS = {
  skip: 'Bỏ buổi họp trùng ngày nghỉ',
  'previous-working-day': 'Dời về ngày làm việc liền trước',
  'next-working-day': 'Dời sang ngày làm việc liền sau',
  keep: 'Giữ nguyên ngày',
} as const;

// ---------------------------------------------------------------------------------------------
// Agenda items (src/agenda/types.ts)
// ---------------------------------------------------------------------------------------------

/** Kinds of agenda item (`ITEM_KINDS`). */
export const ITEM_KIND_LABELS = {
  report: 'Báo cáo',
  'draft-decision': 'Dự thảo quyết định',
  plan: 'Kế hoạch',
  other: 'Khác',
} as const;

/**
 * Status of an agenda item (`ITEM_STATUSES`), one wording on pages, feeds and emails.
 * "submitted" is "Đã nộp": the agency has handed its documents to the Office ("nộp", as the agency's
 * button "Đã nộp tài liệu" says); "gửi" is kept for the documents reaching members ("hạn gửi tài
 * liệu"). "returned" says why: "Trả lại để hoàn thiện".
 */
export const ITEM_STATUS_LABELS = {
  assigned: 'Đã giao',
  preparing: 'Đang chuẩn bị',
  submitted: 'Đã nộp',
  returned: 'Trả lại để hoàn thiện',
  ready: 'Sẵn sàng',
  considered: 'Đã xem xét',
  deferred: 'Hoãn',
} as const;

/** `ITEM_STATUS_LABELS` inside a sentence: "trạng thái: đã nộp". */
export const ITEM_STATUS_WORDS = wordsOf(ITEM_STATUS_LABELS);

/** Role of a preparing agency or of a directive's assignee (`lead` / `coordinating`). */
export const ROLE_LABELS = { lead: 'Chủ trì', coordinating: 'Phối hợp' } as const;

/** `ROLE_LABELS` inside a sentence: "Thanh tra huyện (chủ trì)". */
export const ROLE_WORDS = wordsOf(ROLE_LABELS);

// ---------------------------------------------------------------------------------------------
// Directives (src/directives/types.ts)
// ---------------------------------------------------------------------------------------------

/** Kinds of notice (`NOTICE_KINDS`). */
export const NOTICE_KIND_LABELS = {
  'directive-opinions': 'Thông báo ý kiến chỉ đạo',
  conclusions: 'Thông báo kết luận',
  'task-assignment': 'Thông báo giao nhiệm vụ',
} as const;

/** Status of a notice (`NOTICE_STATUSES`). */
export const NOTICE_STATUS_LABELS = { draft: 'Dự thảo', issued: 'Đã ban hành' } as const;

/** Status of a directive (`DIRECTIVE_STATUSES`), one wording on pages, feeds, emails and reports. */
export const DIRECTIVE_STATUS_LABELS = {
  assigned: 'Đã giao',
  'in-progress': 'Đang thực hiện',
  'reported-done': 'Báo cáo hoàn thành',
  done: 'Hoàn thành (Văn phòng xác nhận)',
  cancelled: 'Đã hủy',
} as const;

/** `DIRECTIVE_STATUS_LABELS` inside a sentence: "trạng thái: đang thực hiện". */
export const DIRECTIVE_STATUS_WORDS = wordsOf(DIRECTIVE_STATUS_LABELS);

/** Reporting cadence of a standing task (`CADENCES`); only inside sentences, so lower case: "báo cáo hằng tuần". */
export const CADENCE_LABELS = { weekly: 'hằng tuần', monthly: 'hằng tháng', quarterly: 'hằng quý' } as const;

/** State of an extension request (`EXTENSION_STATES`). */
export const EXTENSION_LABELS = {
  requested: 'Đang xin gia hạn',
  granted: 'Đã được gia hạn',
  refused: 'Không được gia hạn',
} as const;

/** The classification follow-up reports use (`Progress` of src/directives/deadlines.ts; see domain.md). */
export const PROGRESS_LABELS = {
  'done-on-time': 'Hoàn thành đúng hạn',
  'done-late': 'Hoàn thành quá hạn',
  'on-track': 'Đang thực hiện trong hạn',
  overdue: 'Đang thực hiện quá hạn',
  'not-due': 'Chưa đến hạn',
  standing: 'Thường xuyên',
  'no-deadline': 'Chưa có thời hạn',
  cancelled: 'Đã hủy',
} as const;
