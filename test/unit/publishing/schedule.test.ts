import { WorkingCalendar } from '../../../src/calendar/working-days';
import { expandSeries } from '../../../src/meetings/occurrences';
import { buildSchedule } from '../../../src/publishing/schedule';
import { readHolidayDecisions } from '../../../src/seed/load';
import { body, directory, item, occurrences, override, regular, series, settings } from './fixtures';

describe('the weekly schedule', () => {
  test('when built for the week of 1/5/2023, then every day is listed with its lunar date and the holidays are named', () => {
    const week = { from: '2023-05-01', to: '2023-05-07' };
    const doc = buildSchedule({
      body,
      week: '2023-W18',
      directory,
      occurrences: occurrences(week),
      items: [],
      settings: settings(),
      calendar: new WorkingCalendar([]),
    });
    expect(doc.days.map((d) => `${d.weekday} ${d.dateLabel} (${d.lunar})${d.dayOff ? ` ${d.dayOff}` : ''}`)).toEqual([
      'Thứ Hai 1/5/2023 (12/3 ÂL) Ngày Quốc tế Lao động',
      'Thứ Ba 2/5/2023 (13/3 ÂL) Nghỉ bù Giỗ Tổ Hùng Vương',
      'Thứ Tư 3/5/2023 (14/3 ÂL) Nghỉ bù Ngày Chiến thắng',
      'Thứ Năm 4/5/2023 (15/3 ÂL)',
      'Thứ Sáu 5/5/2023 (16/3 ÂL)',
      'Thứ Bảy 6/5/2023 (17/3 ÂL)',
      'Chủ nhật 7/5/2023 (18/3 ÂL)',
    ]);
    expect(doc.days[3]!.entries).toEqual([
      expect.objectContaining({
        period: 'Chiều',
        time: '14h00',
        content: 'Giao ban Chủ tịch và các Phó Chủ tịch UBND huyện',
        chair: 'Chủ tịch UBND huyện',
        attendees: 'Các Phó Chủ tịch UBND huyện; Văn phòng HĐND và UBND huyện',
        note: '',
      }),
    ]);
    expect(doc.subtitle).toBe('Tuần 18 (từ ngày 1/5/2023 đến ngày 7/5/2023)');
    expect(doc.note).toBe('Lịch này thay thư mời họp.');
    expect(doc.header.numberLine).toBe('');
  });

  test('when the session was moved into the week, then it shows where it came from and who prepares its items', () => {
    const week = { from: '2023-05-22', to: '2023-05-28' };
    const occs = occurrences(week, [override(regular, '2023-05-25T08:00', { start: '2023-05-23T08:00' })]);
    const items = [
      item('thuong-ky_20230525T0800', 1, [['tckh', 'lead']]),
      item('thuong-ky_20230525T0800', 2, [
        ['tckh', 'lead'],
        ['thanh-tra', 'coordinating'],
      ]),
    ];
    const doc = buildSchedule({
      body,
      week: '2023-W21',
      directory,
      occurrences: occs,
      items,
      settings: settings(),
      calendar: new WorkingCalendar([]),
    });
    const tuesday = doc.days.find((d) => d.date === '2023-05-23')!;
    expect(tuesday.entries[0]).toMatchObject({
      period: 'Sáng',
      time: '8h00',
      content: 'Phiên họp thường kỳ UBND huyện (2 nội dung trình)',
      preparing: 'Phòng Tài chính - Kế hoạch',
      note: 'Dời từ 8h00 ngày 25/5/2023',
      status: 'moved',
    });
  });
});

describe('the weekly schedule and official decisions, estimated times', () => {
  test('when a day is off by a Government decision, then the schedule names the decision; an estimated time is printed "(giờ dự kiến)"', () => {
    const cal = new WorkingCalendar(readHolidayDecisions());
    const weekly = series({
      id: 'giao-ban',
      title: 'Giao ban',
      startDate: '2024-01-04',
      holidayPolicy: 'skip',
      timeAssumed: true,
    });
    const occs = expandSeries(weekly, [], { from: '2024-02-12', to: '2024-02-18' }, cal);
    const doc = buildSchedule({
      body,
      week: '2024-W07',
      directory,
      occurrences: occs,
      items: [],
      settings: settings(),
      calendar: cal,
    });
    expect(doc.days.slice(0, 4).map((d) => d.dayOff)).toEqual([
      'Tết Nguyên đán (theo Công văn số 8662/VPCP-KGVX ngày 03/11/2023)',
      'Tết Nguyên đán (theo Công văn số 8662/VPCP-KGVX ngày 03/11/2023)',
      'Tết Nguyên đán (theo Công văn số 8662/VPCP-KGVX ngày 03/11/2023)',
      null, // Thursday 15/2/2024: a working day, as decided
    ]);
    expect(doc.days[3]!.entries.map((e) => `${e.period} ${e.time}`)).toEqual(['Chiều 14h00 (giờ dự kiến)']);
  });
});
