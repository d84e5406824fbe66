/**
 * The Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's published algorithm
 * ("Thuật toán tính âm lịch", https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html).
 *
 * Rules: a lunar month starts on the local day of a new moon; month 11 is the month containing the
 * winter solstice; a lunar year between two months 11 that has 13 months gets a leap month, which is
 * the first month after month 11 that contains no major solar term (trung khí). "Local" is what makes
 * the Vietnamese calendar (UTC+7) differ from the Chinese one (UTC+8) in some years, e.g. Tết 1985
 * and 2007, so the time zone is a parameter rather than hidden in a library.
 *
 * Astronomy: new moons and the sun's longitude come from Jean Meeus' series as used by Đức; their
 * precision is ample for 1970–2100. Only integer day numbers leave this module.
 */
import {
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  assertSupportedYear,
  fromDayNumber,
  jdFromYmd,
  parseDate,
} from '../shared/day-number';

/** A date of the lunar calendar; `leap` marks a day of the leap month (tháng nhuận). */
export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** Vietnam's standard time, UTC+7. */
export const VIETNAM_TIME_ZONE = 7;

const SYNODIC_MONTH = 29.530588853;
/** Julian date of the new moon numbered k = 0 in Meeus' series (1900-01-01 13:51 UT). */
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;

// The supported span, as day numbers: lunar dates are only accepted/returned inside it.
const FIRST_DAY = jdFromYmd(FIRST_SUPPORTED_YEAR, 1, 1);
const LAST_DAY = jdFromYmd(LAST_SUPPORTED_YEAR, 12, 31);

/** Julian date (UT, fractional) of the k-th new moon after the 1900-01-01 one (Meeus, ch. 47). */
function newMoonJulianDate(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const moonLatitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  const [m, mp, f] = [sunAnomaly * DEG, moonAnomaly * DEG, moonLatitude * DEG];
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(m) +
    0.0021 * Math.sin(2 * m) -
    0.4068 * Math.sin(mp) +
    0.0161 * Math.sin(2 * mp) -
    0.0004 * Math.sin(3 * mp) +
    0.0104 * Math.sin(2 * f) -
    0.0051 * Math.sin(m + mp) -
    0.0074 * Math.sin(m - mp) +
    0.0004 * Math.sin(2 * f + m) -
    0.0004 * Math.sin(2 * f - m) -
    0.0006 * Math.sin(2 * f + mp) +
    0.001 * Math.sin(2 * f - mp) +
    0.0005 * Math.sin(2 * mp + m);
  // ΔT (terrestrial minus universal time), in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + correction - deltaT;
}

/** Apparent longitude of the sun, in radians within [0, 2π), at a Julian date (Meeus, ch. 25). */
function sunLongitude(julianDate: number): number {
  const t = (julianDate - 2451545.0) / 36525; // Julian centuries since J2000
  const t2 = t * t;
  const meanAnomaly = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const center =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly * DEG) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly * DEG) +
    0.00029 * Math.sin(3 * meanAnomaly * DEG);
  const longitude = (meanLongitude + center) * DEG;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** Day number of the local day on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoonJulianDate(k) + 0.5 + timeZone / 24);
}

/**
 * Which 30° sector (0–11) of the ecliptic the sun is in at local midnight starting a day.
 * A month whose first day and next month's first day share a sector contains no major term.
 */
function sunSector(dayNumber: number, timeZone: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Index k of the new moon that starts the month beginning on `monthStart`. */
function newMoonIndex(monthStart: number): number {
  return Math.floor((monthStart - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
}

const month11Cache = new Map<string, number>();

/** Day number of the first day of lunar month 11 (the one with the winter solstice) of a solar year. */
function month11Start(year: number, timeZone: number): number {
  const key = `${year}@${timeZone}`;
  const cached = month11Cache.get(key);
  if (cached !== undefined) return cached;
  const k = Math.floor((jdFromYmd(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  let start = newMoonDay(k, timeZone);
  // Sector 9 starts at longitude 270° (the solstice): a month starting past it is month 12.
  if (sunSector(start, timeZone) >= 9) start = newMoonDay(k - 1, timeZone);
  month11Cache.set(key, start);
  return start;
}

/**
 * In a 13-month span starting at month 11 (`a11`), the offset (1–12) from month 11 of the leap
 * month: the first month without a major solar term.
 */
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = newMoonIndex(a11);
  let offset = 1;
  let sector = sunSector(newMoonDay(k + offset, timeZone), timeZone);
  for (;;) {
    const next = sunSector(newMoonDay(k + offset + 1, timeZone), timeZone);
    if (next === sector || offset >= 12) return offset;
    sector = next;
    offset += 1;
  }
}

/** Month number (1–12) of the leap month at a given offset from month 11. */
function leapMonthNumber(offset: number): number {
  // Offset 1 repeats month 11, offset 2 repeats month 12, offset 3 repeats month 1, …
  return ((offset + 9) % 12) + 1;
}

/** True when the span from month 11 `a11` to the next month 11 `b11` holds 13 lunar months. */
function hasLeapMonth(a11: number, b11: number): boolean {
  return b11 - a11 > 365;
}

function assertDayInRange(dayNumber: number, what: string): void {
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) {
    throw new RangeError(`${what} is outside the supported range ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`);
  }
}

/**
 * Converts a solar date to the Vietnamese lunar calendar.
 * @example solarToLunar('2023-03-22') // { day: 1, month: 2, year: 2023, leap: true }
 */
export function solarToLunar(date: string, timeZone = VIETNAM_TIME_ZONE): LunarDate {
  const { year: solarYear, month, day } = parseDate(date);
  assertSupportedYear(solarYear, 'Solar year');
  const dayNumber = jdFromYmd(solarYear, month, day);

  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, timeZone);

  // Find the two months 11 that enclose the date; the lunar year is named by the later one's
  // solar year, except for months 11 and 12, which still belong to the earlier lunar year.
  let a11 = month11Start(solarYear, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = solarYear;
    a11 = month11Start(solarYear - 1, timeZone);
  } else {
    lunarYear = solarYear + 1;
    b11 = month11Start(solarYear + 1, timeZone);
  }

  const offset = Math.floor((monthStart - a11) / 29); // months since month 11
  let lunarMonth = offset + 11;
  let leap = false;
  if (hasLeapMonth(a11, b11)) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    if (offset >= leapOffset) {
      lunarMonth = offset + 10;
      leap = offset === leapOffset;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && offset < 4) lunarYear -= 1;

  return { day: dayNumber - monthStart + 1, month: lunarMonth, year: lunarYear, leap };
}

/**
 * Converts a lunar date to a solar `YYYY-MM-DD` date. Throws RangeError for impossible dates
 * (30th of a 29-day month, a leap month that the year does not have) and outside 1970–2100.
 * @example lunarToSolar({ day: 10, month: 3, year: 2024, leap: false }) === '2024-04-18'
 */
export function lunarToSolar(lunar: LunarDate, timeZone = VIETNAM_TIME_ZONE): string {
  const { day, month, year, leap } = lunar;
  const describe = `Lunar date ${day}/${month}${leap ? ' (leap)' : ''}/${year}`;
  if (![day, month, year].every(Number.isInteger) || month < 1 || month > 12 || day < 1 || day > 30) {
    throw new RangeError(`${describe} does not exist`);
  }
  // Months 11 and 12 of lunar year Y lie in the span starting at month 11 of solar year Y.
  const spanYear = month >= 11 ? year : year - 1;
  if (spanYear < FIRST_SUPPORTED_YEAR - 1 || spanYear > LAST_SUPPORTED_YEAR) {
    throw new RangeError(`${describe} is outside the supported range`);
  }
  const a11 = month11Start(spanYear, timeZone);
  const b11 = month11Start(spanYear + 1, timeZone);

  let offset = month >= 11 ? month - 11 : month + 1;
  if (hasLeapMonth(a11, b11)) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    if (leap && month !== leapMonthNumber(leapOffset)) {
      throw new RangeError(`${describe}: month ${month} is not a leap month that year`);
    }
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`${describe}: lunar year ${year} has no leap month`);
  }

  const k = newMoonIndex(a11) + offset;
  const monthStart = newMoonDay(k, timeZone);
  const monthLength = newMoonDay(k + 1, timeZone) - monthStart;
  if (day > monthLength) {
    throw new RangeError(`${describe} does not exist: that month has ${monthLength} days`);
  }
  const dayNumber = monthStart + day - 1;
  assertDayInRange(dayNumber, describe);
  return fromDayNumber(dayNumber);
}

/**
 * Solar date of Tết Nguyên đán (1st day of the 1st lunar month) of a lunar year, 1970–2100.
 * @example tetDate(2024) === '2024-02-10'; tetDate(2007, 8) === '2007-02-18' (Chinese calendar)
 */
export function tetDate(lunarYear: number, timeZone = VIETNAM_TIME_ZONE): string {
  assertSupportedYear(lunarYear, 'Lunar year');
  return lunarToSolar({ day: 1, month: 1, year: lunarYear, leap: false }, timeZone);
}

/**
 * The leap month (1–12) of a lunar year, or null when the year has none. 1970–2100.
 * @example leapMonthOf(2023) === 2; leapMonthOf(2024) === null
 */
export function leapMonthOf(lunarYear: number, timeZone = VIETNAM_TIME_ZONE): number | null {
  assertSupportedYear(lunarYear, 'Lunar year');
  // Months 1–10 of year Y lie in the span from month 11 of solar year Y-1; months 11–12 in the next.
  for (const spanYear of [lunarYear - 1, lunarYear]) {
    const a11 = month11Start(spanYear, timeZone);
    if (!hasLeapMonth(a11, month11Start(spanYear + 1, timeZone))) continue;
    const leapMonth = leapMonthNumber(leapMonthOffset(a11, timeZone));
    const belongsToYear = spanYear === lunarYear - 1 ? leapMonth <= 10 : leapMonth >= 11;
    if (belongsToYear) return leapMonth;
  }
  return null;
}

const STEMS = ['Canh', 'Tân', 'Nhâm', 'Quý', 'Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ'] as const;
const BRANCHES = ['Thân', 'Dậu', 'Tuất', 'Hợi', 'Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi'] as const;

/**
 * Sexagenary (can chi) name of a lunar year.
 * @example canChi(2023) === 'Quý Mão'; canChi(2024) === 'Giáp Thìn'
 */
export function canChi(lunarYear: number): string {
  if (!Number.isInteger(lunarYear)) throw new RangeError(`Not a year: ${lunarYear}`);
  const stem = STEMS[((lunarYear % 10) + 10) % 10];
  const branch = BRANCHES[((lunarYear % 12) + 12) % 12];
  return `${stem} ${branch}`;
}

/**
 * Short form for a calendar cell: day/month, "n" after the month for a leap month.
 * @example formatLunarShort({ day: 5, month: 4, year: 2023, leap: false }) === '5/4 ÂL'
 *          formatLunarShort({ day: 1, month: 2, year: 2023, leap: true }) === '1/2n ÂL'
 */
export function formatLunarShort(l: LunarDate): string {
  return `${l.day}/${l.month}${l.leap ? 'n' : ''} ÂL`;
}

/**
 * Long form, using the customary names of the 1st (Giêng) and 12th (Chạp) months.
 * @example formatLunar({ day: 1, month: 1, year: 2024, leap: false })
 *          === 'ngày 1 tháng Giêng năm Giáp Thìn'
 *          formatLunar({ day: 1, month: 2, year: 2023, leap: true })
 *          === 'ngày 1 tháng 2 nhuận năm Quý Mão'
 */
export function formatLunar(l: LunarDate): string {
  const monthName = l.month === 1 ? 'Giêng' : l.month === 12 ? 'Chạp' : String(l.month);
  return `ngày ${l.day} tháng ${monthName}${l.leap ? ' nhuận' : ''} năm ${canChi(l.year)}`;
}
