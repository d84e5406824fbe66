/**
 * Calendar dates as integer Julian Day Numbers (JDN).
 *
 * Everything in `src/calendar` works on `YYYY-MM-DD` strings and JDNs, never on `Date`, so that the
 * results cannot depend on the host time zone. The JDN of a Gregorian date is the number of the day
 * that starts at the preceding noon UT; successive days have successive numbers, which makes
 * "add n days" and "day of week" plain integer arithmetic.
 *
 * It lives in shared (below the calendar) because the input schemas of every component state the
 * supported year range; `src/calendar` re-exports what its users need.
 */

/** First and last solar years supported by the lunar calendar and the holiday rules. */
export const FIRST_SUPPORTED_YEAR = 1970;
export const LAST_SUPPORTED_YEAR = 2100;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1–12) and day of a Gregorian date. */
export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

/**
 * Parses a strict `YYYY-MM-DD` string; throws RangeError for anything else, including
 * impossible dates such as `2023-02-29`.
 * @example parseDate('2024-02-29') // { year: 2024, month: 2, day: 29 }
 */
export function parseDate(date: string): YearMonthDay {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: "${date}"`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`No such date: "${date}"`);
  }
  return { year, month, day };
}

/** Number of days of a Gregorian month, e.g. `daysInMonth(2024, 2) === 29`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Julian Day Number of a Gregorian date (proleptic for dates before 1582).
 * @example jdFromYmd(2000, 1, 1) === 2451545
 */
export function jdFromYmd(year: number, month: number, day: number): number {
  // Shift the year to start in March so that the leap day is the last day of the shifted year.
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** Inverse of {@link jdFromYmd}. */
export function ymdFromJd(jd: number): YearMonthDay {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/**
 * Day number of a `YYYY-MM-DD` string.
 * @example toDayNumber('2000-01-01') === 2451545
 */
export function toDayNumber(date: string): number {
  const { year, month, day } = parseDate(date);
  return jdFromYmd(year, month, day);
}

/**
 * `YYYY-MM-DD` string of a day number.
 * @example fromDayNumber(2451545) === '2000-01-01'
 */
export function fromDayNumber(jd: number): string {
  const { year, month, day } = ymdFromJd(jd);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Day of week of a day number: 1 = Monday … 7 = Sunday (JDN 0 was a Monday). */
export function weekdayOfDayNumber(jd: number): number {
  return (((jd % 7) + 7) % 7) + 1;
}

/** Throws RangeError unless `year` is within 1970–2100. */
export function assertSupportedYear(year: number, what = 'Year'): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(
      `${what} ${year} is outside the supported range ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`,
    );
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
