/**
 * Wall-clock helpers for meetings: local dates `YYYY-MM-DD`, local times `HH:mm` and local
 * date-times `YYYY-MM-DDTHH:mm`, all read in an explicit IANA zone.
 *
 * Nothing here reads the host's time zone: calendar arithmetic on local values uses UTC fields
 * ("floating" values), and only `localToUtc` / `utcToLocal` / `toOffsetIso` involve a real zone,
 * through luxon.
 */
import { DateTime, IANAZone } from 'luxon';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

export interface LocalDateParts {
  year: number;
  month: number;
  day: number;
}

/** Parses a local date, rejecting impossible ones such as `2023-02-30`; null when malformed. */
export function parseLocalDate(text: string): LocalDateParts | null {
  const m = LOCAL_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Parses `HH:mm` (00:00-23:59); null when malformed. */
export function parseLocalTime(text: string): { hour: number; minute: number } | null {
  const m = LOCAL_TIME.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

export const isLocalDate = (text: string): boolean => parseLocalDate(text) !== null;
export const isLocalTime = (text: string): boolean => parseLocalTime(text) !== null;

export function isLocalDateTime(text: string): boolean {
  const m = LOCAL_DATE_TIME.exec(text);
  return !!m && isLocalDate(m[1]!) && isLocalTime(m[2]!);
}

/** Zones found valid: luxon's check builds an Intl.DateTimeFormat each time (~0.2 ms). */
const validZones = new Set<string>();

/** True for a zone luxon (hence the ICU data of this Node) knows, e.g. `Asia/Ho_Chi_Minh`. */
export function isValidZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  const valid = typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone);
  if (valid) validZones.add(zone); // bounded by the ~600 IANA zone names
  return valid;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `2023-05-23T08:00` → `2023-05-23`. */
export function datePart(localDateTime: string): string {
  return localDateTime.slice(0, 10);
}

/** `2023-05-23T08:00` → `08:00`. */
export function timePart(localDateTime: string): string {
  return localDateTime.slice(11, 16);
}

export function combineLocal(localDate: string, localTime: string): string {
  return `${localDate}T${localTime}`;
}

/** [year, month, day, hour, minute] of a valid local date-time; throws a RangeError otherwise. */
function fields(localDateTime: string): [number, number, number, number, number] {
  if (!isLocalDateTime(localDateTime)) throw new RangeError(`Not a local date-time: '${localDateTime}'`);
  return localDateTime.split(/[-T:]/).map(Number) as [number, number, number, number, number];
}

/**
 * A "floating" Date: the UTC fields hold the wall-clock value. This is what rrule is fed, so
 * that its results never depend on the host zone. `setUTCFullYear` because `Date.UTC` maps
 * years 0-99 to 1900-1999.
 */
export function toFloating(localDateTime: string): Date {
  const [y, mo, d, h, mi] = fields(localDateTime);
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, 0, 0);
  return date;
}

/** Inverse of `toFloating` (seconds are dropped). */
export function fromFloating(date: Date): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`
  );
}

/** ISO weekday of a local date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(localDate: string): number {
  const js = toFloating(`${localDate}T00:00`).getUTCDay();
  return js === 0 ? 7 : js;
}

function zoned(localDateTime: string, zone: string): DateTime {
  const [year, month, day, hour, minute] = fields(localDateTime);
  if (!isValidZone(zone)) throw new RangeError(`Unknown time zone: '${zone}'`);
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone }); // faster than fromISO
}

/**
 * The instant of a wall-clock value in `zone`. In a DST gap (e.g. 02:30 on the spring-forward
 * night in Europe/Paris) luxon moves forward by the gap (03:30); in an overlap it takes the
 * earlier instant. Vietnam has no DST, so this only matters for other zones.
 */
export function localToUtc(localDateTime: string, zone: string): Date {
  return zoned(localDateTime, zone).toJSDate();
}

/** The wall-clock value `YYYY-MM-DDTHH:mm` of an instant in `zone`. */
export function utcToLocal(instant: Date, zone: string): string {
  if (!isValidZone(zone)) throw new RangeError(`Unknown time zone: '${zone}'`);
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** `2023-05-23T08:00:00+07:00`: seconds always, milliseconds only when non-zero, `+00:00` not `Z`. */
export function toOffsetIso(instant: Date, zone: string): string {
  if (!isValidZone(zone)) throw new RangeError(`Unknown time zone: '${zone}'`);
  const dt = DateTime.fromJSDate(instant, { zone });
  const fraction = dt.millisecond === 0 ? '' : '.SSS';
  return dt.toFormat(`yyyy-MM-dd'T'HH:mm:ss${fraction}ZZ`);
}

/**
 * Adds real (elapsed) minutes to a wall-clock value and returns the wall-clock result, e.g. the
 * local end of a meeting. Across a DST change the local clock moves by more or less than `minutes`.
 */
export function addMinutesLocal(localDateTime: string, minutes: number, zone: string): string {
  return utcToLocal(new Date(localToUtc(localDateTime, zone).getTime() + minutes * 60_000), zone);
}
