import {
  type CalendarAdjustment,
  type DayOff,
  HOLIDAY_PERIODS,
  holidaysOfYear,
  isWeeklyRestDay,
  rulesOn,
} from '../../../src/calendar/holidays';

/** "date kind name" lines, compact enough to compare whole years at a glance. */
const lines = (days: DayOff[]): string[] => days.map((d) => `${d.date} ${d.kind} ${d.name}`);

// Fixture documents: realistic shapes, not quotations of real notices.
const tetSpan2024: CalendarAdjustment = {
  kind: 'tet-span',
  from: '2024-02-08',
  to: '2024-02-14',
  name: 'Nghỉ Tết Nguyên đán Giáp Thìn',
  documentNumber: 'Thông báo số 6150/TB-LĐTBXH',
};
const swap2025: CalendarAdjustment[] = [
  {
    kind: 'day-off',
    date: '2025-05-02',
    name: 'Nghỉ hoán đổi dịp 30/4 - 1/5',
    documentNumber: 'Thông báo số 1/TB-TEST',
  },
  { kind: 'working-day', date: '2025-04-26', name: 'Làm bù cho ngày 2/5', documentNumber: 'Thông báo số 1/TB-TEST' },
];

describe('holidaysOfYear with default rules', () => {
  it('2023: compensatory days chain over weekends', () => {
    expect(lines(holidaysOfYear(2023, []))).toEqual([
      '2023-01-01 holiday Tết Dương lịch', // Sunday
      '2023-01-02 compensatory Nghỉ bù Tết Dương lịch',
      '2023-01-21 holiday Tết Nguyên đán', // Saturday, 30 tháng Chạp
      '2023-01-22 holiday Tết Nguyên đán', // Sunday, mùng 1
      '2023-01-23 holiday Tết Nguyên đán',
      '2023-01-24 holiday Tết Nguyên đán',
      '2023-01-25 holiday Tết Nguyên đán',
      '2023-01-26 compensatory Nghỉ bù Tết Nguyên đán',
      '2023-01-27 compensatory Nghỉ bù Tết Nguyên đán',
      '2023-04-29 holiday Giỗ Tổ Hùng Vương', // Saturday
      '2023-04-30 holiday Ngày Chiến thắng', // Sunday
      '2023-05-01 holiday Ngày Quốc tế Lao động', // Monday
      '2023-05-02 compensatory Nghỉ bù Giỗ Tổ Hùng Vương',
      '2023-05-03 compensatory Nghỉ bù Ngày Chiến thắng',
      '2023-09-01 holiday Quốc khánh', // Friday: default extra day for a Saturday 2/9
      '2023-09-02 holiday Quốc khánh', // Saturday
      '2023-09-04 compensatory Nghỉ bù Quốc khánh',
    ]);
  });

  it('2022: 30/4 Saturday and 1/5 Sunday give Monday 2/5 and Tuesday 3/5', () => {
    const may = holidaysOfYear(2022, []).filter((d) => d.date.startsWith('2022-05'));
    expect(lines(may)).toEqual([
      '2022-05-01 holiday Ngày Quốc tế Lao động',
      '2022-05-02 compensatory Nghỉ bù Ngày Chiến thắng',
      '2022-05-03 compensatory Nghỉ bù Ngày Quốc tế Lao động',
    ]);
  });

  it('Tết: the last day of the lunar year (29 Chạp when there is no 30) and days 1–4', () => {
    const tet2025 = holidaysOfYear(2025, []).filter((d) => d.name === 'Tết Nguyên đán');
    expect(tet2025.map((d) => d.date)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']);
    // Saturday 1/2/2025 is compensated on Monday 3/2.
    expect(holidaysOfYear(2025, []).find((d) => d.kind === 'compensatory')?.date).toBe('2025-02-03');
  });

  it('includes a Tết eve that falls in January (Tết 1985 was 21/1; 4 days before the 2012 Code)', () => {
    const tet1985 = holidaysOfYear(1985, []).filter((d) => d.name === 'Tết Nguyên đán');
    expect(tet1985.map((d) => d.date)).toEqual(['1985-01-20', '1985-01-21', '1985-01-22', '1985-01-23']);
  });

  it.each([
    [2024, 'Monday', '2024-09-03'],
    [2025, 'Tuesday', '2025-09-01'],
    [2026, 'Wednesday', '2026-09-01'],
    [2021, 'Thursday', '2021-09-03'],
    [2022, 'Friday', '2022-09-01'],
    [2023, 'Saturday', '2023-09-01'],
    [2029, 'Sunday', '2029-09-03'],
  ])('%i: 2/9 on a %s → default extra day %s', (year, _weekday, extra) => {
    const national = holidaysOfYear(year, [])
      .filter((d) => d.name === 'Quốc khánh')
      .map((d) => d.date);
    expect(national).toEqual([extra, `${year}-09-02`].sort());
  });

  it('2/9 on a Sunday: extra day Monday 3/9, compensatory day Tuesday 4/9', () => {
    expect(lines(holidaysOfYear(2029, []).filter((d) => d.date >= '2029-09-01'))).toEqual([
      '2029-09-02 holiday Quốc khánh',
      '2029-09-03 holiday Quốc khánh',
      '2029-09-04 compensatory Nghỉ bù Quốc khánh',
    ]);
  });
});

describe('holidaysOfYear with adjustments', () => {
  it('a decided Tết span replaces the default days; its weekends are not compensated', () => {
    const tet = holidaysOfYear(2024, [tetSpan2024]).filter((d) => d.date < '2024-03-01' && d.date > '2024-01-31');
    expect(tet.map((d) => d.date)).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
    expect(tet.every((d) => d.kind === 'holiday' && d.name === 'Tết Nguyên đán')).toBe(true);
    expect(tet[0]?.documentNumber).toBe('Thông báo số 6150/TB-LĐTBXH');
  });

  it('without the decision, 2024 Tết gets 5 days and two compensatory days', () => {
    const feb = holidaysOfYear(2024, []).filter((d) => d.date.startsWith('2024-02'));
    expect(lines(feb)).toEqual([
      '2024-02-09 holiday Tết Nguyên đán',
      '2024-02-10 holiday Tết Nguyên đán',
      '2024-02-11 holiday Tết Nguyên đán',
      '2024-02-12 holiday Tết Nguyên đán',
      '2024-02-13 holiday Tết Nguyên đán',
      '2024-02-14 compensatory Nghỉ bù Tết Nguyên đán',
      '2024-02-15 compensatory Nghỉ bù Tết Nguyên đán',
    ]);
  });

  it('a Tết span only replaces the Tết it covers', () => {
    const tet2025 = holidaysOfYear(2025, [tetSpan2024]).filter((d) => d.name === 'Tết Nguyên đán');
    expect(tet2025).toHaveLength(5);
  });

  it('uses the decided day next to Quốc khánh instead of the default', () => {
    const decided: CalendarAdjustment = {
      kind: 'national-day-extra',
      date: '2021-09-01',
      name: 'Nghỉ Quốc khánh',
      documentNumber: 'Thông báo số 2/TB-TEST',
    };
    const september = holidaysOfYear(2021, [decided]).filter((d) => d.date.startsWith('2021-09'));
    expect(september).toEqual([
      { date: '2021-09-01', name: 'Quốc khánh', kind: 'holiday', documentNumber: 'Thông báo số 2/TB-TEST' },
      { date: '2021-09-02', name: 'Quốc khánh', kind: 'holiday' },
    ]);
  });

  it('lists decided days off but not make-up working days', () => {
    const may = holidaysOfYear(2025, swap2025).filter(
      (d) => d.date.startsWith('2025-0') && d.date >= '2025-04-20' && d.date < '2025-05-10',
    );
    expect(may).toEqual([
      { date: '2025-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' },
      { date: '2025-05-01', name: 'Ngày Quốc tế Lao động', kind: 'holiday' },
      {
        date: '2025-05-02',
        name: 'Nghỉ hoán đổi dịp 30/4 - 1/5',
        kind: 'decision',
        documentNumber: 'Thông báo số 1/TB-TEST',
      },
    ]);
  });

  it('ignores adjustments of other years', () => {
    expect(holidaysOfYear(2024, swap2025)).toEqual(holidaysOfYear(2024, []));
  });

  it('rejects malformed adjustments', () => {
    const noDate: CalendarAdjustment = { kind: 'day-off', name: 'x', documentNumber: 'y' };
    const backwards: CalendarAdjustment = { ...tetSpan2024, from: '2024-02-14', to: '2024-02-08' };
    expect(() => holidaysOfYear(2024, [noDate])).toThrow(RangeError);
    expect(() => holidaysOfYear(2024, [backwards])).toThrow(RangeError);
  });
});

describe('statutory holidays by period (Labour Codes 1994, 2012, 2019 and their amendments)', () => {
  const names = (year: number, name: string) =>
    holidaysOfYear(year, [])
      .filter((d) => d.name === name && d.kind === 'holiday')
      .map((d) => d.date);

  it('knows which law applies on which day, and says when it could not be verified', () => {
    expect(HOLIDAY_PERIODS.map((p) => p.from)).toEqual([
      '1970-01-01',
      '1995-01-01',
      '2007-04-02',
      '2013-05-01',
      '2021-01-01',
    ]);
    expect(rulesOn('1985-01-21')).toMatchObject({
      verified: false,
      compensation: false,
      tetDays: 4,
      hungKings: false,
      nationalDayDays: 1,
    });
    expect(rulesOn('1995-01-01')).toMatchObject({
      law: 'Bộ luật Lao động 1994 (Điều 73)',
      verified: true,
      compensation: true,
    });
    expect(rulesOn('2013-04-30').law).toMatch(/1994/);
    expect(rulesOn('2013-05-01').law).toBe('Bộ luật Lao động 2012 (Điều 115)');
    expect(rulesOn('2020-12-31').nationalDayDays).toBe(1);
    expect(rulesOn('2021-01-01')).toMatchObject({
      law: 'Bộ luật Lao động 2019 (Điều 112)',
      nationalDayDays: 2,
      tetDays: 5,
    });
  });

  it('1985 (before the 1994 Code, not verified): 1/1, 4 days of Tết, 30/4, 1/5, 2/9, no compensatory day', () => {
    expect(lines(holidaysOfYear(1985, []))).toEqual([
      '1985-01-01 holiday Tết Dương lịch',
      '1985-01-20 holiday Tết Nguyên đán', // Sunday: not compensated
      '1985-01-21 holiday Tết Nguyên đán',
      '1985-01-22 holiday Tết Nguyên đán',
      '1985-01-23 holiday Tết Nguyên đán',
      '1985-04-30 holiday Ngày Chiến thắng',
      '1985-05-01 holiday Ngày Quốc tế Lao động',
      '1985-09-02 holiday Quốc khánh',
    ]);
  });

  it('Giỗ Tổ Hùng Vương is a holiday from 2007 (Luật 84/2007/QH11), not in 2006', () => {
    expect(names(2006, 'Giỗ Tổ Hùng Vương')).toEqual([]);
    expect(names(2007, 'Giỗ Tổ Hùng Vương')).toEqual(['2007-04-26']);
    expect(names(2012, 'Giỗ Tổ Hùng Vương')).toEqual(['2012-03-31']);
    // A Saturday in 2012: compensated on Monday 2/4.
    expect(holidaysOfYear(2012, []).find((d) => d.name === 'Nghỉ bù Giỗ Tổ Hùng Vương')?.date).toBe('2012-04-02');
  });

  it('Tết: 4 days (the last day of the year and days 1–3) up to Tết 2013, 5 days from the 2012 Code (1/5/2013)', () => {
    expect(names(2006, 'Tết Nguyên đán')).toEqual(['2006-01-28', '2006-01-29', '2006-01-30', '2006-01-31']);
    expect(names(2012, 'Tết Nguyên đán')).toEqual(['2012-01-22', '2012-01-23', '2012-01-24', '2012-01-25']);
    // Tết 2013 (10/2) came before the 2012 Code took effect.
    expect(names(2013, 'Tết Nguyên đán')).toEqual(['2013-02-09', '2013-02-10', '2013-02-11', '2013-02-12']);
    expect(names(2014, 'Tết Nguyên đán')).toEqual([
      '2014-01-30',
      '2014-01-31',
      '2014-02-01',
      '2014-02-02',
      '2014-02-03',
    ]);
  });

  it('Quốc khánh: one day until 2020, 2/9 and an adjacent day from 2021 (2019 Code)', () => {
    expect(names(2020, 'Quốc khánh')).toEqual(['2020-09-02']);
    expect(names(2021, 'Quốc khánh')).toEqual(['2021-09-02', '2021-09-03']);
    // 2006: 2/9 on a Saturday, compensated on Monday 4/9.
    expect(lines(holidaysOfYear(2006, []).filter((d) => d.date >= '2006-09-01'))).toEqual([
      '2006-09-02 holiday Quốc khánh',
      '2006-09-04 compensatory Nghỉ bù Quốc khánh',
    ]);
  });

  it('compensatory days from 1995, on the weekly rest days of the time (Saturday only from 2/10/1999)', () => {
    // 1/1/1995 was a Sunday.
    expect(holidaysOfYear(1995, []).find((d) => d.kind === 'compensatory')).toEqual({
      date: '1995-01-02',
      name: 'Nghỉ bù Tết Dương lịch',
      kind: 'compensatory',
    });
    // 1/5/1999 was a Saturday, then a working day of offices: no compensatory day.
    expect(holidaysOfYear(1999, []).filter((d) => d.kind === 'compensatory')).toEqual([]);
    expect([isWeeklyRestDay('1999-09-25'), isWeeklyRestDay('1999-09-26'), isWeeklyRestDay('1999-10-02')]).toEqual([
      false,
      true,
      true,
    ]);
  });
});

describe('holidaysOfYear invariants, 1970–2100', () => {
  it('returns sorted, distinct days of that year, with compensatory days on working weekdays', () => {
    for (let year = 1970; year <= 2100; year++) {
      const days = holidaysOfYear(year, []);
      const dates = days.map((d) => d.date);
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
      expect([...new Set(dates)].sort()).toEqual(dates);
      // 1/1, Tết, (Giỗ Tổ), 30/4, 1/5, 2/9 (and its neighbour) under the rules of each day, each on its own date.
      const tet = days.find((d) => d.name === 'Tết Nguyên đán')!.date;
      const expected =
        1 +
        rulesOn(tet).tetDays +
        (days.some((d) => d.name === 'Giỗ Tổ Hùng Vương') ? 1 : 0) +
        2 +
        rulesOn(`${year}-09-02`).nationalDayDays;
      expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(expected);
      expect(days.some((d) => d.name === 'Giỗ Tổ Hùng Vương')).toBe(year >= 2007);
      const weekendHolidays = days.filter(
        (d) => d.kind === 'holiday' && isWeeklyRestDay(d.date) && rulesOn(d.date).compensation,
      );
      const compensatory = days.filter((d) => d.kind === 'compensatory');
      expect(compensatory).toHaveLength(weekendHolidays.length);
      expect(compensatory.every((d) => !isWeeklyRestDay(d.date))).toBe(true);
    }
  });

  it('rejects years outside 1970–2100', () => {
    expect(() => holidaysOfYear(1969, [])).toThrow(RangeError);
    expect(() => holidaysOfYear(2101, [])).toThrow(RangeError);
  });

  it('uses NFC Vietnamese names', () => {
    for (const d of holidaysOfYear(2023, [])) expect(d.name).toBe(d.name.normalize('NFC'));
  });
});
