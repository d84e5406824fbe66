import { agendaLines, rangeText } from '../../../src/publishing/preparing-lines';
import type { MeetingItem } from '../../../src/publishing/types';

const agency = (code: string, role = 'lead') => ({
  code,
  role,
  name: (
    {
      tckh: 'Phòng Tài chính - Kế hoạch',
      tt: 'Thanh tra huyện',
      ca: 'Công an huyện',
      vp: 'Văn phòng HĐND và UBND huyện',
      nv: 'Phòng Nội vụ',
      kt: 'Phòng Kinh tế - Hạ tầng',
    } as Record<string, string>
  )[code]!,
});
const items = (spec: Record<number, ReturnType<typeof agency>[]>): MeetingItem[] =>
  Object.entries(spec).map(([n, agencies]) => ({ number: Number(n), title: `Nội dung ${n}.`, agencies }));
const preparing = (list: MeetingItem[]) => agendaLines(list).map((l) => (l.type === 'item' ? `${l.number}.` : l.text));

describe('preparing agencies written as the Office writes them', () => {
  test('when ranges are written, then a run of three or more is "từ a-b" and shorter ones are listed', () => {
    expect(rangeText([1, 2, 3, 4, 5, 6])).toBe('từ 1-6');
    expect(rangeText([7, 8])).toBe('7, 8');
    expect(rangeText([8])).toBe('8');
    expect(rangeText([1, 2, 3, 5])).toBe('1-3, 5');
  });

  test('when the May 2023 agenda is laid out, then each agency line follows the last item it prepares, as in the document', () => {
    const may = items({
      1: [agency('tckh')],
      2: [agency('tckh')],
      3: [agency('tckh')],
      4: [agency('tckh')],
      5: [agency('tckh')],
      6: [agency('tckh')],
      7: [agency('tt')],
      8: [agency('tt'), agency('ca')],
      9: [],
      10: [agency('vp')],
      11: [agency('vp')],
      13: [],
      14: [agency('nv')],
      15: [],
    });
    expect(preparing(may)).toEqual([
      '1.',
      '2.',
      '3.',
      '4.',
      '5.',
      '6.',
      '(Phòng Tài chính - Kế hoạch chuẩn bị nội dung từ 1-6)',
      '7.',
      '8.',
      '(Thanh tra huyện chuẩn bị nội dung 7, 8)',
      '(Công an huyện chuẩn bị nội dung 8)',
      '9.',
      '10.',
      '11.',
      '(Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11)',
      '13.',
      '14.',
      '(Phòng Nội vụ chuẩn bị nội dung 14)',
      '15.',
    ]);
  });

  test('when an agency prepares items apart, or coordinates, then its line names all its items after the last one', () => {
    const list = items({ 1: [agency('tckh'), agency('kt', 'coordinating')], 2: [agency('tt')], 3: [agency('tckh')] });
    expect(preparing(list)).toEqual([
      '1.',
      '(Phòng Kinh tế - Hạ tầng phối hợp chuẩn bị nội dung 1)',
      '2.',
      '(Thanh tra huyện chuẩn bị nội dung 2)',
      '3.',
      '(Phòng Tài chính - Kế hoạch chuẩn bị nội dung 1, 3)',
    ]);
  });

  test('when a lead and a coordinating agency end on the same item, then the lead comes first', () => {
    const list = items({ 4: [agency('kt', 'coordinating'), agency('tckh')] });
    expect(preparing(list)).toEqual([
      '4.',
      '(Phòng Tài chính - Kế hoạch chuẩn bị nội dung 4)',
      '(Phòng Kinh tế - Hạ tầng phối hợp chuẩn bị nội dung 4)',
    ]);
  });

  test('when items arrive out of order, then they are laid out by number', () => {
    const list = items({ 3: [agency('tt')], 1: [agency('tt')], 2: [agency('tt')] }).reverse();
    expect(preparing(list)).toEqual(['1.', '2.', '3.', '(Thanh tra huyện chuẩn bị nội dung từ 1-3)']);
  });
});
