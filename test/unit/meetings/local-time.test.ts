import { addDays } from '../../../src/shared/wording';
import {
  addMinutesLocal,
  fromFloating,
  isLocalDate,
  isLocalDateTime,
  isLocalTime,
  isValidZone,
  isoWeekday,
  localToUtc,
  toFloating,
  toOffsetIso,
  utcToLocal,
} from '../../../src/meetings/local-time';

describe('local-time', () => {
  it('when a Vietnamese local date-time is converted, then it is 7 hours ahead of UTC whatever the host zone', () => {
    expect(localToUtc('2023-05-23T08:00', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2023-05-23T01:00:00.000Z');
    expect(localToUtc('2023-05-01T00:30', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2023-04-30T17:30:00.000Z');
  });

  it('when an instant is formatted, then it carries the local offset', () => {
    const instant = new Date('2023-05-23T01:00:00.000Z');
    expect(toOffsetIso(instant, 'Asia/Ho_Chi_Minh')).toBe('2023-05-23T08:00:00+07:00');
    expect(toOffsetIso(instant, 'UTC')).toBe('2023-05-23T01:00:00+00:00');
    expect(toOffsetIso(new Date('2023-05-23T01:00:00.250Z'), 'Asia/Ho_Chi_Minh')).toBe('2023-05-23T08:00:00.250+07:00');
    expect(utcToLocal(instant, 'Asia/Ho_Chi_Minh')).toBe('2023-05-23T08:00');
  });

  it('when Europe/Paris changes to summer time, then 09:00 local keeps its wall-clock time', () => {
    expect(localToUtc('2023-03-20T09:00', 'Europe/Paris').toISOString()).toBe('2023-03-20T08:00:00.000Z');
    expect(localToUtc('2023-03-27T09:00', 'Europe/Paris').toISOString()).toBe('2023-03-27T07:00:00.000Z');
    // In the spring-forward gap the clock is moved forward by the gap.
    expect(utcToLocal(localToUtc('2023-03-26T02:30', 'Europe/Paris'), 'Europe/Paris')).toBe('2023-03-26T03:30');
    // Two hours of real time across the change: 01:30 + 120 min = 04:30 local.
    expect(addMinutesLocal('2023-03-26T01:30', 120, 'Europe/Paris')).toBe('2023-03-26T04:30');
    expect(addMinutesLocal('2023-05-23T08:00', 150, 'Asia/Ho_Chi_Minh')).toBe('2023-05-23T10:30');
  });

  it('when zones are checked, then only IANA zones are valid', () => {
    expect(isValidZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isValidZone('Europe/Paris')).toBe(true);
    expect(isValidZone('Not/A_Zone')).toBe(false);
    expect(isValidZone('')).toBe(false);
    expect(() => localToUtc('2023-05-23T08:00', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('when local values are parsed, then impossible dates and times are rejected', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2023-5-1')).toBe(false);
    expect(isLocalTime('23:59')).toBe(true);
    expect(isLocalTime('24:00')).toBe(false);
    expect(isLocalDateTime('2023-05-23T08:00')).toBe(true);
    expect(isLocalDateTime('2023-05-23T08:00:00')).toBe(false);
    expect(isLocalDateTime('2023-05-23 08:00')).toBe(false);
  });

  it('when days are added, then months and leap years are crossed on the calendar', () => {
    expect(addDays('2023-04-28', 6)).toBe('2023-05-04');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(isoWeekday('2023-05-11')).toBe(4); // Thursday
    expect(isoWeekday('2023-05-07')).toBe(7); // Sunday
  });

  it('when a floating date is built, then its UTC fields hold the wall-clock value, even for early years', () => {
    expect(toFloating('2023-05-23T08:00').toISOString()).toBe('2023-05-23T08:00:00.000Z');
    expect(fromFloating(toFloating('0050-03-01T07:30'))).toBe('0050-03-01T07:30');
  });
});
