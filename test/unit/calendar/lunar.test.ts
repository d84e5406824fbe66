import { fromDayNumber, toDayNumber } from '../../../src/shared/day-number';
import {
  type LunarDate,
  canChi,
  formatLunar,
  formatLunarShort,
  leapMonthOf,
  lunarToSolar,
  solarToLunar,
  tetDate,
} from '../../../src/calendar/lunar';

const lunar = (day: number, month: number, year: number, leap = false): LunarDate => ({ day, month, year, leap });

describe('tetDate', () => {
  it.each([
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2000, '2000-02-05'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
  ])('Tết %i is %s in Vietnam (UTC+7)', (year, expected) => {
    expect(tetDate(year)).toBe(expected);
    expect(solarToLunar(expected)).toEqual(lunar(1, 1, year));
  });

  it('differs from the Chinese calendar (UTC+8) in 1985 and 2007', () => {
    expect(tetDate(1985, 8)).toBe('1985-02-20');
    expect(tetDate(2007, 8)).toBe('2007-02-18');
    expect(tetDate(1985)).not.toBe(tetDate(1985, 8));
    expect(tetDate(2007)).not.toBe(tetDate(2007, 8));
    // …and agrees with it in ordinary years.
    expect(tetDate(2024, 8)).toBe(tetDate(2024));
  });

  it('always falls between 21/1 and 20/2', () => {
    for (let year = 1970; year <= 2100; year++) {
      expect(tetDate(year) >= `${year}-01-21` && tetDate(year) <= `${year}-02-20`).toBe(true);
    }
  });

  it('rejects years outside 1970–2100', () => {
    expect(() => tetDate(1969)).toThrow(RangeError);
    expect(() => tetDate(2101)).toThrow(RangeError);
    expect(() => tetDate(2024.5)).toThrow(RangeError);
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
  it.each([
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('%i → %s', (year, expected) => {
    expect(lunarToSolar(lunar(10, 3, year))).toBe(expected);
    expect(solarToLunar(expected)).toEqual(lunar(10, 3, year));
  });
});

describe('leap months', () => {
  it('2023 has a leap 2nd month starting on 22/3/2023', () => {
    expect(leapMonthOf(2023)).toBe(2);
    expect(solarToLunar('2023-03-22')).toEqual(lunar(1, 2, 2023, true));
    expect(solarToLunar('2023-03-21')).toEqual(lunar(30, 2, 2023));
    expect(lunarToSolar(lunar(1, 2, 2023, true))).toBe('2023-03-22');
    expect(lunarToSolar(lunar(1, 2, 2023))).toBe('2023-02-20');
  });

  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2033, 11],
    [2024, null],
    [2026, null],
  ])('lunar year %i: leap month %p', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it('handles the leap 11th month of 2033 (months 11–12 straddle the solar year)', () => {
    const leap11 = lunarToSolar(lunar(1, 11, 2033, true));
    const regular11 = lunarToSolar(lunar(1, 11, 2033));
    expect(leap11 > regular11).toBe(true);
    expect(solarToLunar(leap11)).toEqual(lunar(1, 11, 2033, true));
  });

  it('rejects a leap month that the year does not have', () => {
    expect(() => lunarToSolar(lunar(1, 3, 2023, true))).toThrow(RangeError);
    expect(() => lunarToSolar(lunar(1, 1, 2024, true))).toThrow(RangeError);
  });
});

describe('lunarToSolar validation', () => {
  it('knows which years have a "30 Tết": 2024 did, 2025–2032 do not', () => {
    expect(solarToLunar('2024-02-09')).toEqual(lunar(30, 12, 2023));
    expect(solarToLunar('2025-01-28')).toEqual(lunar(29, 12, 2024));
    expect(() => lunarToSolar(lunar(30, 12, 2024))).toThrow(RangeError);
    for (let year = 2024; year <= 2031; year++) {
      expect(() => lunarToSolar(lunar(30, 12, year))).toThrow(RangeError);
    }
    expect(lunarToSolar(lunar(30, 12, 2032))).toBe('2033-01-30');
  });

  it('rejects impossible fields and dates outside the supported range', () => {
    expect(() => lunarToSolar(lunar(0, 1, 2024))).toThrow(RangeError);
    expect(() => lunarToSolar(lunar(31, 1, 2024))).toThrow(RangeError);
    expect(() => lunarToSolar(lunar(1, 13, 2024))).toThrow(RangeError);
    expect(() => lunarToSolar(lunar(1.5, 1, 2024))).toThrow(RangeError);
    // 1/11 of lunar 1968 is in December 1968; 1/1 of lunar 2101 is in 2101.
    expect(() => lunarToSolar(lunar(1, 11, 1968))).toThrow(RangeError);
    expect(() => lunarToSolar(lunar(1, 1, 2101))).toThrow(RangeError);
  });
});

describe('solarToLunar', () => {
  it('rejects malformed dates and dates outside 1970–2100', () => {
    expect(() => solarToLunar('1969-12-31')).toThrow(RangeError);
    expect(() => solarToLunar('2101-01-01')).toThrow(RangeError);
    expect(() => solarToLunar('2023-02-29')).toThrow(RangeError);
    expect(() => solarToLunar('2023-3-1')).toThrow(RangeError);
  });

  it('gives the 1970 start and the 2100 end of the supported range', () => {
    expect(solarToLunar('1970-01-01').year).toBe(1969);
    expect(solarToLunar('2100-12-31').year).toBe(2100);
  });

  it('has no dependence on the host time zone (works on day numbers only)', () => {
    expect(solarToLunar('2024-09-17')).toEqual(lunar(15, 8, 2024)); // Tết Trung thu
  });
});

describe('round trip solar → lunar → solar', () => {
  it.each([1970, 1985, 2000, 2007, 2023, 2033, 2100])('every day of %i', (year) => {
    let previous: LunarDate | null = null;
    for (let day = toDayNumber(`${year}-01-01`); day <= toDayNumber(`${year}-12-31`); day++) {
      const date = fromDayNumber(day);
      const l = solarToLunar(date);
      expect(lunarToSolar(l)).toBe(date);
      expect(l.day).toBeGreaterThanOrEqual(1);
      expect(l.day).toBeLessThanOrEqual(30);
      // Consecutive days: either the next lunar day, or day 1 after a 29- or 30-day month.
      if (previous) {
        if (l.day === 1) expect([29, 30]).toContain(previous.day);
        else expect(l).toEqual({ ...previous, day: previous.day + 1 });
      }
      previous = l;
    }
  });
});

describe('names and formats', () => {
  it.each([
    [2023, 'Quý Mão'],
    [2024, 'Giáp Thìn'],
    [2025, 'Ất Tỵ'],
    [2026, 'Bính Ngọ'],
    [2000, 'Canh Thìn'],
    [1985, 'Ất Sửu'],
    [1975, 'Ất Mão'],
  ])('canChi(%i) = %s', (year, name) => {
    expect(canChi(year)).toBe(name);
  });

  it('formats short and long forms', () => {
    expect(formatLunarShort(lunar(5, 4, 2023))).toBe('5/4 ÂL');
    expect(formatLunarShort(lunar(1, 2, 2023, true))).toBe('1/2n ÂL');
    expect(formatLunar(lunar(1, 1, 2024))).toBe('ngày 1 tháng Giêng năm Giáp Thìn');
    expect(formatLunar(lunar(29, 12, 2023))).toBe('ngày 29 tháng Chạp năm Quý Mão');
    expect(formatLunar(lunar(1, 2, 2023, true))).toBe('ngày 1 tháng 2 nhuận năm Quý Mão');
  });

  it('uses NFC Vietnamese text', () => {
    const texts = [formatLunarShort(lunar(1, 2, 2023, true)), formatLunar(lunar(1, 2, 2023, true))];
    for (let year = 2020; year < 2032; year++) texts.push(canChi(year));
    for (const text of texts) expect(text).toBe(text.normalize('NFC'));
  });
});
