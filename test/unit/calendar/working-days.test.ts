import type { CalendarAdjustment } from '../../../src/calendar/holidays';
import { WorkingCalendar, weekdayOf } from '../../../src/calendar/working-days';
import { addDays, weekdayLabel } from '../../../src/shared/wording';

const swap2025: CalendarAdjustment[] = [
  {
    kind: 'day-off',
    date: '2025-05-02',
    name: 'Nghỉ hoán đổi dịp 30/4 - 1/5',
    documentNumber: 'Thông báo số 1/TB-TEST',
  },
  { kind: 'working-day', date: '2025-04-26', name: 'Làm bù cho ngày 2/5', documentNumber: 'Thông báo số 1/TB-TEST' },
];

describe('date helpers', () => {
  it('weekdayOf: 1 = Monday … 7 = Sunday', () => {
    expect(weekdayOf('2000-01-01')).toBe(6);
    expect(weekdayOf('2025-04-26')).toBe(6);
    expect(weekdayOf('2025-04-27')).toBe(7);
    expect(weekdayOf('2025-04-28')).toBe(1);
    expect(weekdayOf('1970-01-01')).toBe(4);
  });

  it('addDays crosses months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // 2100 is not a leap year
    expect(addDays('2024-05-05', 0)).toBe('2024-05-05');
    expect(() => addDays('2024-05-05', 0.5)).toThrow(RangeError);
    expect(() => addDays('05/05/2024', 1)).toThrow(RangeError);
  });

  it('weekdayLabel', () => {
    const week = ['2025-04-28', '2025-04-29', '2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'];
    expect(week.map(weekdayLabel)).toEqual([
      'Thứ Hai',
      'Thứ Ba',
      'Thứ Tư',
      'Thứ Năm',
      'Thứ Sáu',
      'Thứ Bảy',
      'Chủ nhật',
    ]);
  });
});

describe('WorkingCalendar.dayOff', () => {
  const calendar = new WorkingCalendar([]);

  it('weekends', () => {
    expect(calendar.dayOff('2025-03-08')).toEqual({ date: '2025-03-08', name: 'Thứ Bảy', kind: 'weekend' });
    expect(calendar.dayOff('2025-03-09')).toEqual({ date: '2025-03-09', name: 'Chủ nhật', kind: 'weekend' });
    expect(calendar.dayOff('2025-03-10')).toBeNull();
  });

  it('a holiday on a weekend is reported as the holiday', () => {
    expect(calendar.dayOff('2023-04-29')).toEqual({ date: '2023-04-29', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' });
  });

  it('2023: 1/1 was a Sunday, so Monday 2/1 was off', () => {
    expect(calendar.dayOff('2023-01-02')).toEqual({
      date: '2023-01-02',
      name: 'Nghỉ bù Tết Dương lịch',
      kind: 'compensatory',
    });
    expect(calendar.isWorkingDay('2023-01-03')).toBe(true);
  });

  it('2023: Hùng Kings on Saturday 29/4, 30/4 on Sunday, 1/5 Monday → Tuesday 2/5 and Wednesday 3/5 off', () => {
    expect(
      ['2023-04-28', '2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03', '2023-05-04'].map((d) =>
        calendar.isWorkingDay(d),
      ),
    ).toEqual([true, false, false, false, false, false, true]);
    expect(calendar.dayOff('2023-05-02')?.kind).toBe('compensatory');
    expect(calendar.dayOff('2023-05-03')?.kind).toBe('compensatory');
  });

  it('2023: 2/9 on Saturday → Friday 1/9 (extra day) and Monday 4/9 (compensatory) off', () => {
    expect(calendar.dayOff('2023-09-01')?.name).toBe('Quốc khánh');
    expect(calendar.dayOff('2023-09-02')?.kind).toBe('holiday');
    expect(calendar.dayOff('2023-09-04')).toEqual({
      date: '2023-09-04',
      name: 'Nghỉ bù Quốc khánh',
      kind: 'compensatory',
    });
    expect(calendar.isWorkingDay('2023-09-05')).toBe(true);
  });

  it('2025 swap: Saturday 26/4 is worked, Friday 2/5 is off', () => {
    const swapped = new WorkingCalendar(swap2025);
    expect(calendar.isWorkingDay('2025-04-26')).toBe(false);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(true);
    expect(swapped.isWorkingDay('2025-04-26')).toBe(true);
    expect(swapped.dayOff('2025-05-02')).toEqual({
      date: '2025-05-02',
      name: 'Nghỉ hoán đổi dịp 30/4 - 1/5',
      kind: 'decision',
      documentNumber: 'Thông báo số 1/TB-TEST',
    });
    expect(swapped.nextWorkingDay('2025-04-25')).toBe('2025-04-26');
    expect(swapped.nextWorkingDay('2025-04-29')).toBe('2025-05-05');
  });

  it('returns copies: callers cannot corrupt the cache', () => {
    const first = calendar.dayOff('2023-01-02')!;
    first.name = 'changed';
    expect(calendar.dayOff('2023-01-02')?.name).toBe('Nghỉ bù Tết Dương lịch');
  });

  it('rejects malformed dates and years outside 1969–2101', () => {
    expect(() => calendar.dayOff('2023-13-01')).toThrow(RangeError);
    expect(() => calendar.dayOff('2102-01-03')).toThrow(RangeError);
    expect(() => calendar.dayOff('1968-12-30')).toThrow(RangeError);
    expect(() => new WorkingCalendar([{ kind: 'working-day', name: 'x', documentNumber: 'y' }])).toThrow(RangeError);
  });
});

describe('WorkingCalendar just outside 1970–2100', () => {
  const calendar = new WorkingCalendar([]);
  it('knows only weekly rest days in the year before and after, so arithmetic at the ends of the range works', () => {
    expect(calendar.dayOff('2101-01-03')).toBeNull(); // a Monday; no holiday data for 2101
    expect(calendar.dayOff('2101-01-01')?.kind).toBe('weekend'); // a Saturday
    expect(calendar.isWorkingDay('1969-12-31')).toBe(true);
    expect(calendar.addWorkingDays('1970-01-05', -3)).toBe('1969-12-31'); // Sat 3/1 and Fri 2/1 were worked; 1/1 is a holiday
    expect(calendar.nextWorkingDay('2100-12-31')).toBe('2101-01-03');
  });
});

describe('WorkingCalendar arithmetic', () => {
  const calendar = new WorkingCalendar([]);

  it('nextWorkingDay / previousWorkingDay are strict', () => {
    expect(calendar.nextWorkingDay('2023-04-28')).toBe('2023-05-04');
    expect(calendar.previousWorkingDay('2023-05-04')).toBe('2023-04-28');
    expect(calendar.nextWorkingDay('2023-05-22')).toBe('2023-05-23');
    expect(calendar.previousWorkingDay('2023-05-22')).toBe('2023-05-19');
  });

  it('addWorkingDays', () => {
    expect(calendar.addWorkingDays('2023-05-23', -3)).toBe('2023-05-18');
    expect(calendar.addWorkingDays('2023-05-18', 3)).toBe('2023-05-23');
    expect(calendar.addWorkingDays('2023-05-20', 0)).toBe('2023-05-20'); // a Saturday stays
    expect(calendar.addWorkingDays('2023-05-20', 1)).toBe('2023-05-22');
    expect(calendar.addWorkingDays('2023-04-27', 2)).toBe('2023-05-04');
    expect(() => calendar.addWorkingDays('2023-05-23', 1.5)).toThrow(RangeError);
  });

  it('workingDaysBetween counts (from, to] and is antisymmetric', () => {
    expect(calendar.workingDaysBetween('2023-05-18', '2023-05-23')).toBe(3);
    expect(calendar.workingDaysBetween('2023-05-23', '2023-05-18')).toBe(-3);
    expect(calendar.workingDaysBetween('2023-05-23', '2023-05-23')).toBe(0);
    expect(calendar.workingDaysBetween('2023-04-28', '2023-05-04')).toBe(1);
    // 2023: 260 weekdays minus 11 weekday days off (2/1; 23–27/1; 1–3/5; 1/9, 4/9).
    expect(calendar.workingDaysBetween('2022-12-31', '2023-12-31')).toBe(249);
  });

  it('addWorkingDays and workingDaysBetween agree from any working day', () => {
    for (let offset = 0; offset < 40; offset++) {
      const start = addDays('2023-01-02', offset * 9);
      if (!calendar.isWorkingDay(start)) continue;
      for (const n of [-25, -7, -1, 1, 4, 30]) {
        expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
      }
    }
  });

  it('crosses into the next year', () => {
    expect(calendar.nextWorkingDay('2022-12-30')).toBe('2023-01-03');
  });
});
