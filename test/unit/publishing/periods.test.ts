import {
  monthPeriod,
  monthRange,
  shiftMonth,
  shiftWeek,
  weekOf,
  weekPeriod,
  weekRange,
} from '../../../src/publishing/periods';

describe('months and ISO weeks', () => {
  test('when taking a month, then its first and last dates are right, leap years included', () => {
    expect(monthRange('2023-05')).toEqual({ from: '2023-05-01', to: '2023-05-31', year: 2023, month: 5 });
    expect(monthRange('2024-02').to).toBe('2024-02-29');
    expect(monthRange('2100-02').to).toBe('2100-02-28');
  });

  test('when taking an ISO week, then it runs Monday to Sunday, across year ends', () => {
    expect(weekRange('2023-W21')).toMatchObject({ from: '2023-05-22', to: '2023-05-28' });
    expect(weekRange('2020-W53')).toMatchObject({ from: '2020-12-28', to: '2021-01-03' });
    expect(weekOf('2021-01-01')).toBe('2020-W53');
    expect(weekOf('2024-12-30')).toBe('2025-W01');
  });

  test('when a period is malformed or does not exist, then the schema refuses it', () => {
    expect(monthPeriod.safeParse('2023-13').success).toBe(false);
    expect(monthPeriod.safeParse('2023-5').success).toBe(false);
    expect(monthPeriod.safeParse('1969-12').success).toBe(false);
    // The calendar covers 1970-2100; a week or a holiday look-ahead at either end would leave it.
    expect(monthPeriod.safeParse('1970-01').success).toBe(false);
    expect(monthPeriod.safeParse('2100-12').success).toBe(false);
    expect(monthPeriod.safeParse('1971-01').success).toBe(true);
    expect(monthPeriod.safeParse('2099-12').success).toBe(true);
    expect(weekPeriod.safeParse('1970-W01').success).toBe(false);
    expect(weekPeriod.safeParse('2100-W52').success).toBe(false);
    expect(weekPeriod.safeParse('1971-W01').success).toBe(true);
    expect(weekPeriod.safeParse('2099-W53').success).toBe(true);
    expect(weekPeriod.safeParse('2020-W53').success).toBe(true);
    expect(weekPeriod.safeParse('2021-W53').success).toBe(false);
    expect(weekPeriod.safeParse('2023-W00').success).toBe(false);
  });

  test('when moving by months and weeks, then year ends are crossed', () => {
    expect(shiftMonth('2023-01', -1)).toBe('2022-12');
    expect(shiftMonth('2023-12', 1)).toBe('2024-01');
    expect(shiftMonth('2023-05', -17)).toBe('2021-12');
    expect(shiftWeek('2020-W53', 1)).toBe('2021-W01');
    expect(shiftWeek('2021-W01', -1)).toBe('2020-W53');
  });
});
