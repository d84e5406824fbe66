import { roman, sentenceVi, upperVi, versionLabel } from '../../../src/publishing/format';
import { clockTime, dateWithWeekday, joinVi, partOfDay, placeDateLine, shortDate } from '../../../src/shared/wording';

describe('Vietnamese wording of official documents', () => {
  test('when writing the place-date line, then days below 10 and months 1-2 get a leading zero (Nghị định 30/2020)', () => {
    expect(placeDateLine('Lục Ngạn', '2023-05-05')).toBe('Lục Ngạn, ngày 05 tháng 5 năm 2023');
    expect(placeDateLine('Lục Ngạn', '2024-02-15')).toBe('Lục Ngạn, ngày 15 tháng 02 năm 2024');
    expect(placeDateLine('Lục Ngạn', '2024-01-09')).toBe('Lục Ngạn, ngày 09 tháng 01 năm 2024');
    expect(placeDateLine('Lục Ngạn', '2024-12-31')).toBe('Lục Ngạn, ngày 31 tháng 12 năm 2024');
  });

  test('when the date is not yet known (a draft), then dots stand for day and month', () => {
    expect(placeDateLine('Lục Ngạn', null, 2023)).toBe('Lục Ngạn, ngày ... tháng ... năm 2023');
  });

  test('when writing dates and times in the body, then they follow the Office: 23/5/2023 (Thứ Ba), 8h00', () => {
    expect(shortDate('2023-05-23')).toBe('23/5/2023');
    expect(dateWithWeekday('2023-05-23')).toBe('Ngày 23/5/2023 (Thứ Ba)');
    expect(dateWithWeekday('2023-05-28')).toBe('Ngày 28/5/2023 (Chủ nhật)');
    expect(clockTime('08:00')).toBe('8h00');
    expect(clockTime('14:30')).toBe('14h30');
    expect([partOfDay('07:30'), partOfDay('11:59'), partOfDay('12:00'), partOfDay('18:00')]).toEqual([
      'Sáng',
      'Sáng',
      'Chiều',
      'Tối',
    ]);
  });

  test('when numbering sections and versions, then Roman numerals and "điều chỉnh lần N" are used', () => {
    expect([1, 2, 3, 4, 9, 14].map(roman)).toEqual(['I', 'II', 'III', 'IV', 'IX', 'XIV']);
    expect([1, 2, 3].map(versionLabel)).toEqual(['Ban hành lần đầu', 'Điều chỉnh lần 1', 'Điều chỉnh lần 2']);
  });

  test('when upper-casing a body name, then Vietnamese letters keep their marks in NFC', () => {
    const upper = upperVi('Ủy ban nhân dân huyện Lục Ngạn'.normalize('NFD'));
    expect(upper).toBe('ỦY BAN NHÂN DÂN HUYỆN LỤC NGẠN');
    expect(upper).toBe(upper.normalize('NFC'));
    expect(joinVi(['4', '11', '18', '25/5/2023'])).toBe('4, 11, 18 và 25/5/2023');
  });

  test('when a summary (trích yếu) in capitals is printed under the document type, then it is in lower case with a capital first letter', () => {
    expect(sentenceVi('CÔNG TÁC THÁNG 5 NĂM 2023')).toBe('Công tác tháng 5 năm 2023');
    expect(sentenceVi('ĐIỀU CHỈNH LỊCH HỌP')).toBe('Điều chỉnh lịch họp');
    expect(sentenceVi('')).toBe('');
  });
});
