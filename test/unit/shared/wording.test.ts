import { AGENCY_ROLES, ITEM_KINDS, ITEM_STATUSES } from '../../../src/agenda/types';
import {
  CADENCES,
  DIRECTIVE_STATUSES,
  EXTENSION_STATES,
  NOTICE_KINDS,
  NOTICE_STATUSES,
} from '../../../src/directives/types';
import type { Progress } from '../../../src/directives/deadlines';
import { HOLIDAY_POLICIES, MEETING_KINDS, OCCURRENCE_STATUSES } from '../../../src/meetings/types';
import {
  addDays,
  CADENCE_LABELS,
  clockTime,
  dateTimeAt,
  dateTimeText,
  dateWithWeekday,
  dayHeading,
  dayMonth,
  DIRECTIVE_STATUS_LABELS,
  DIRECTIVE_STATUS_WORDS,
  EXTENSION_LABELS,
  HOLIDAY_POLICY_LABELS,
  hourMinute,
  inSentence,
  ITEM_KIND_LABELS,
  ITEM_STATUS_LABELS,
  ITEM_STATUS_WORDS,
  joinVi,
  MEETING_KIND_LABELS,
  meetingTime,
  monthYear,
  NOTICE_KIND_LABELS,
  NOTICE_STATUS_LABELS,
  OCCURRENCE_STATUS_LABELS,
  paddedDate,
  partOfDay,
  placeDateLine,
  PROGRESS_LABELS,
  ROLE_LABELS,
  ROLE_WORDS,
  shortDate,
  WEEKDAY_LABELS,
  WEEKDAY_WORDS,
  weekdayLabel,
  weekdayWord,
} from '../../../src/shared/wording';

const PROGRESSES: Record<Progress, true> = {
  'done-on-time': true,
  'done-late': true,
  'on-track': true,
  overdue: true,
  'not-due': true,
  standing: true,
  'no-deadline': true,
  cancelled: true,
};

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('wording: dates', () => {
  test('when a date is written, then it has no leading zeros (23/5/2023)', () => {
    expect(shortDate('2023-05-23')).toBe('23/5/2023');
    expect(shortDate('2023-05-04')).toBe('4/5/2023');
    expect(shortDate('2024-12-31')).toBe('31/12/2024');
    expect(dayMonth('2023-05-04')).toBe('4/5');
    expect(monthYear('2023-05')).toBe('5/2023');
  });

  test('when a document is cited, then its date has two-digit day and month', () => {
    expect(paddedDate('2023-11-03')).toBe('03/11/2023');
    expect(paddedDate('2024-12-31')).toBe('31/12/2024');
  });

  test('when a document is dated, then Nghị định 30 pads days below 10 and months 1 and 2 only', () => {
    expect(placeDateLine('Lục Ngạn', '2023-05-05')).toBe('Lục Ngạn, ngày 05 tháng 5 năm 2023');
    expect(placeDateLine('Lục Ngạn', '2024-02-15')).toBe('Lục Ngạn, ngày 15 tháng 02 năm 2024');
    expect(placeDateLine('Lục Ngạn', '2023-12-25')).toBe('Lục Ngạn, ngày 25 tháng 12 năm 2023');
    expect(placeDateLine('Lục Ngạn', null, 2023)).toBe('Lục Ngạn, ngày ... tháng ... năm 2023');
  });

  test('when the input is not a real local date, then it is refused rather than printed wrong', () => {
    expect(() => shortDate('23/5/2023')).toThrow(RangeError);
    expect(() => shortDate('2023-02-29')).toThrow(RangeError);
    expect(() => monthYear('2023-13')).toThrow(RangeError);
    expect(() => hourMinute('2023-05-23')).toThrow(RangeError);
  });
});

describe('wording: addDays (the one calendar-day arithmetic)', () => {
  test('when days are added across months, years and leap days, then the calendar is followed', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-05-23', 0)).toBe('2023-05-23');
    expect(addDays('1970-01-01', -1)).toBe('1969-12-31');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  test('when a whole 400-year cycle (146097 days) is added, then the same day comes back', () => {
    expect(addDays('2000-01-01', 146097)).toBe('2400-01-01');
    expect(addDays('2400-01-01', -146097)).toBe('2000-01-01');
    let d = '2023-01-01';
    for (let i = 0; i < 365; i++) d = addDays(d, 1);
    expect(d).toBe('2024-01-01');
  });

  test('when the count is not whole or the date is malformed, then RangeError', () => {
    expect(() => addDays('2024-05-05', 0.5)).toThrow(RangeError);
    expect(() => addDays('05/05/2024', 1)).toThrow(RangeError);
  });
});

describe('wording: weekdays and times', () => {
  test('when a week is walked, then each day has its Vietnamese name (label and in-sentence)', () => {
    const week = ['2023-05-22', '2023-05-23', '2023-05-24', '2023-05-25', '2023-05-26', '2023-05-27', '2023-05-28'];
    const labels = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
    expect(week.map(weekdayLabel)).toEqual(labels);
    expect(week.map(weekdayWord)).toEqual(['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật']);
    expect(WEEKDAY_LABELS).toHaveLength(7);
    expect(WEEKDAY_WORDS).toHaveLength(7);
  });

  test('when Tết and far dates are named, then the weekday is right (no host-zone drift)', () => {
    expect(weekdayLabel('2023-01-22')).toBe('Chủ nhật'); // Tết 2023
    expect(weekdayLabel('2024-02-10')).toBe('Thứ Bảy'); // Tết 2024
    expect(weekdayLabel('1985-01-21')).toBe('Thứ Hai');
    expect(weekdayLabel('2100-12-31')).toBe('Thứ Sáu');
  });

  test('when a day is headed or a document line starts with it, then the weekday goes with the date', () => {
    expect(dayHeading('2023-05-23')).toBe('Thứ Ba, 23/5/2023');
    expect(dateWithWeekday('2023-05-23')).toBe('Ngày 23/5/2023 (Thứ Ba)');
  });

  test('when a time is printed, then documents say 8h00 and feeds and emails 08:00', () => {
    expect(clockTime('08:00')).toBe('8h00');
    expect(clockTime('14:30')).toBe('14h30');
    expect(meetingTime('08:00', true)).toBe('8h00 (giờ dự kiến)');
    expect(meetingTime('14:00', false)).toBe('14h00');
    expect(hourMinute('2023-05-23T08:00')).toBe('08:00');
    expect(dateTimeText('2023-05-23T08:00')).toBe('08:00, Thứ Ba ngày 23/5/2023');
    expect(dateTimeText('2023-05-28T14:00')).toBe('14:00, Chủ nhật ngày 28/5/2023');
  });

  test('when an instant is shown in a zone, then the zone decides the wall clock, not the host', () => {
    const at = new Date('2023-05-18T10:00:00Z');
    expect(dateTimeAt(at, 'Asia/Ho_Chi_Minh')).toBe('17:00, Thứ Năm ngày 18/5/2023');
    expect(dateTimeAt(new Date('2023-05-18T17:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('00:30, Thứ Sáu ngày 19/5/2023');
    expect(dateTimeAt(at, 'America/Los_Angeles')).toBe('03:00, Thứ Năm ngày 18/5/2023');
    expect(() => dateTimeAt(at, 'Mars/Olympus')).toThrow(RangeError);
  });

  test('when a time falls in the day, then its buổi is Sáng, Chiều or Tối', () => {
    const times = ['07:30', '11:59', '12:00', '17:59', '18:00'];
    expect(times.map(partOfDay)).toEqual(['Sáng', 'Sáng', 'Chiều', 'Chiều', 'Tối']);
  });

  test('when a list is joined, then the last pair takes "và"', () => {
    expect(joinVi([])).toBe('');
    expect(joinVi(['4'])).toBe('4');
    expect(joinVi(['4', '11', '18', '25'])).toBe('4, 11, 18 và 25');
  });
});

describe('wording: label tables', () => {
  test.each([
    ['MEETING_KIND_LABELS', MEETING_KIND_LABELS, MEETING_KINDS],
    ['OCCURRENCE_STATUS_LABELS', OCCURRENCE_STATUS_LABELS, OCCURRENCE_STATUSES],
    ['HOLIDAY_POLICY_LABELS', HOLIDAY_POLICY_LABELS, HOLIDAY_POLICIES],
    ['ITEM_KIND_LABELS', ITEM_KIND_LABELS, ITEM_KINDS],
    ['ITEM_STATUS_LABELS', ITEM_STATUS_LABELS, ITEM_STATUSES],
    ['ITEM_STATUS_WORDS', ITEM_STATUS_WORDS, ITEM_STATUSES],
    ['ROLE_LABELS', ROLE_LABELS, AGENCY_ROLES],
    ['ROLE_WORDS', ROLE_WORDS, AGENCY_ROLES],
    ['NOTICE_KIND_LABELS', NOTICE_KIND_LABELS, NOTICE_KINDS],
    ['NOTICE_STATUS_LABELS', NOTICE_STATUS_LABELS, NOTICE_STATUSES],
    ['DIRECTIVE_STATUS_LABELS', DIRECTIVE_STATUS_LABELS, DIRECTIVE_STATUSES],
    ['DIRECTIVE_STATUS_WORDS', DIRECTIVE_STATUS_WORDS, DIRECTIVE_STATUSES],
    ['CADENCE_LABELS', CADENCE_LABELS, CADENCES],
    ['EXTENSION_LABELS', EXTENSION_LABELS, EXTENSION_STATES],
    ['PROGRESS_LABELS', PROGRESS_LABELS, Object.keys(PROGRESSES)],
  ] as [string, Record<string, string>, readonly string[]][])(
    'when %s is read, then it labels exactly the codes of its enum, each in NFC and non-empty',
    (_name, table, codes) => {
      expect(sorted(Object.keys(table))).toEqual(sorted(codes));
      for (const label of Object.values(table)) {
        expect(label.trim()).toBe(label);
        expect(label.length).toBeGreaterThan(0);
        expect(label.normalize('NFC')).toBe(label);
      }
    },
  );

  test('when a status is written in a sentence, then it is the same wording in lower case', () => {
    for (const s of ITEM_STATUSES) expect(ITEM_STATUS_WORDS[s]).toBe(ITEM_STATUS_LABELS[s].toLocaleLowerCase('vi'));
    for (const r of AGENCY_ROLES) expect(ROLE_WORDS[r]).toBe(ROLE_LABELS[r].toLocaleLowerCase('vi'));
    expect(DIRECTIVE_STATUS_WORDS['in-progress']).toBe('đang thực hiện');
    expect(DIRECTIVE_STATUS_WORDS.done).toBe('hoàn thành (Văn phòng xác nhận)'); // the proper name keeps its capital
    expect(inSentence('Đã nộp')).toBe('đã nộp');
    expect(inSentence('')).toBe('');
  });

  test('when documents are submitted, then every output says "Đã nộp" (one wording per status)', () => {
    expect(ITEM_STATUS_LABELS.submitted).toBe('Đã nộp');
    expect(ITEM_STATUS_WORDS.submitted).toBe('đã nộp');
    expect(ITEM_STATUS_LABELS.returned).toBe('Trả lại để hoàn thiện');
    expect(ITEM_STATUS_LABELS.deferred).toBe('Hoãn');
  });

  test('when labels are capitalised, then each starts with a capital letter', () => {
    const capitalised = [
      MEETING_KIND_LABELS,
      OCCURRENCE_STATUS_LABELS,
      HOLIDAY_POLICY_LABELS,
      ITEM_KIND_LABELS,
      ITEM_STATUS_LABELS,
      ROLE_LABELS,
      NOTICE_KIND_LABELS,
      NOTICE_STATUS_LABELS,
      DIRECTIVE_STATUS_LABELS,
      EXTENSION_LABELS,
      PROGRESS_LABELS,
    ];
    for (const table of capitalised) {
      for (const label of Object.values<string>(table)) expect(label[0]).toBe(label[0]!.toLocaleUpperCase('vi'));
    }
  });
});
