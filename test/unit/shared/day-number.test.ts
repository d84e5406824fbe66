import {
  fromDayNumber,
  jdFromYmd,
  parseDate,
  toDayNumber,
  weekdayOfDayNumber,
  ymdFromJd,
} from '../../../src/shared/day-number';

describe('day numbers', () => {
  it('match the astronomical Julian Day Number', () => {
    expect(toDayNumber('2000-01-01')).toBe(2451545);
    expect(toDayNumber('1970-01-01')).toBe(2440588);
    expect(jdFromYmd(1858, 11, 17)).toBe(2400001); // MJD 0 starts at midnight of this day
  });

  it('round-trip every day from 1969 to 2101', () => {
    const mismatches: number[] = [];
    for (let jd = toDayNumber('1969-01-01'); jd <= toDayNumber('2101-12-31'); jd++) {
      const { year, month, day } = ymdFromJd(jd);
      if (toDayNumber(fromDayNumber(jd)) !== jd || jdFromYmd(year, month, day) !== jd) mismatches.push(jd);
    }
    expect(mismatches).toEqual([]);
  });

  it('weekday: JDN 0 was a Monday', () => {
    expect(weekdayOfDayNumber(0)).toBe(1);
    expect(weekdayOfDayNumber(toDayNumber('2024-02-10'))).toBe(6);
  });

  it('parseDate is strict', () => {
    expect(parseDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of [
      '2023-02-29',
      '2100-02-29',
      '2024-04-31',
      '2024-00-10',
      '2024-1-01',
      '2024-01-01T00:00',
      ' 2024-01-01',
      '',
    ]) {
      expect(() => parseDate(bad)).toThrow(RangeError);
    }
  });
});
