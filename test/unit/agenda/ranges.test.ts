import { formatItemRange, parseItemRange } from '../../../src/agenda/ranges';
import { applyAssignments } from '../../../src/agenda/import';
import { dueAt } from '../../../src/agenda/due';
import { WorkingCalendar } from '../../../src/calendar/working-days';

describe('parseItemRange', () => {
  test.each([
    ['1-6', [1, 2, 3, 4, 5, 6]],
    ['từ 1-6', [1, 2, 3, 4, 5, 6]],
    ['7, 8', [7, 8]],
    ['10, 11, 12', [10, 11, 12]],
    ['1 đến 3', [1, 2, 3]],
    ['1–3, 5', [1, 2, 3, 5]],
    ['nội dung 7 và 8', [7, 8]],
    ['8', [8]],
    ['3, 1-2, 2', [1, 2, 3]],
  ])('when the Office writes "%s", then the items are %j', (text, expected) => {
    expect(parseItemRange(text)).toEqual(expected);
  });

  test.each([
    ['', /empty/],
    ['6-1', /backwards/],
    ['0-3', /start at 1/],
    ['1-500', /past 200/],
    ['a, b', /cannot read 'a'/],
  ])('when the range is "%s", then it is refused with a reason', (text, reason) => {
    expect(() => parseItemRange(text)).toThrow(reason);
  });

  test('when numbers are formatted, then runs of three or more become ranges', () => {
    expect(formatItemRange([1, 2, 3, 4, 5, 6])).toBe('1-6');
    expect(formatItemRange([7, 8])).toBe('7, 8');
    expect(formatItemRange([10, 11, 12, 14])).toBe('10-12, 14');
    expect(formatItemRange([])).toBe('');
  });
});

describe('applyAssignments (the May 2023 programme as written)', () => {
  const names: Record<string, string> = {
    tc: 'Phòng Tài chính - Kế hoạch',
    tt: 'Thanh tra huyện',
    ca: 'Công an huyện',
    vp: 'Văn phòng HĐND và UBND huyện',
  };
  const result = applyAssignments(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15],
    [
      { agencyCode: 'tc', items: '1-6', text: 'Phòng Tài chính - Kế hoạch chuẩn bị nội dung từ 1-6' },
      { agencyCode: 'tt', items: '7, 8', text: 'Thanh tra huyện chuẩn bị nội dung 7, 8' },
      { agencyCode: 'ca', items: '8', text: 'Công an huyện chuẩn bị nội dung 8' },
      { agencyCode: 'vp', items: '10, 11, 12', text: 'Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11, 12' },
    ],
    (c) => names[c] ?? c,
  );
  const item = (n: number) => result.items.find((i) => i.number === n)!;

  test('when an item is claimed by two agencies, then both are kept and the item is flagged', () => {
    expect(item(8).preparingAgencies.map((a) => a.code)).toEqual(['tt', 'ca']);
    expect(item(8).warnings).toEqual([expect.stringContaining('Nội dung 8 được giao cho 2 cơ quan: Thanh tra huyện')]);
  });

  test('when the list skips a number and an assignment names it, then the agenda is flagged twice and nothing is invented', () => {
    expect(result.items.map((i) => i.number)).not.toContain(12);
    expect(result.agendaWarnings).toEqual([
      'Văn bản nguồn không có nội dung số 12 (danh sách chuyển từ 11 sang 13).',
      'Văn bản giao "Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11, 12" nhưng không có nội dung số 12 trong danh sách.',
    ]);
  });

  test('when an item has no agency, then it says so', () => {
    expect(item(9).preparingAgencies).toEqual([]);
    expect(item(9).warnings).toEqual(['Văn bản nguồn không giao cơ quan chuẩn bị nội dung 9.']);
    expect(item(1).warnings).toEqual([]);
  });
});

describe('dueAt', () => {
  const cal = new WorkingCalendar([]);
  test('when the session is on Tuesday 23/5/2023, then documents are due Thursday 18/5 at 17:00 Hanoi time', () => {
    expect(dueAt('2023-05-23T08:00', 'Asia/Ho_Chi_Minh', 3, cal).toISOString()).toBe('2023-05-18T10:00:00.000Z');
  });
  test('when the meeting follows the 30/4-1/5 holidays, then holidays do not count as working days', () => {
    // 2/5 and 3/5/2023 are compensatory days off for 29/4 and 30/4 (weekend).
    expect(dueAt('2023-05-05T08:00', 'Asia/Ho_Chi_Minh', 3, cal).toISOString()).toBe('2023-04-27T10:00:00.000Z');
  });
  test('when no working days are required, then documents are due at the start', () => {
    expect(dueAt('2023-05-23T08:00', 'Asia/Ho_Chi_Minh', 0, cal).toISOString()).toBe('2023-05-23T01:00:00.000Z');
  });
});
