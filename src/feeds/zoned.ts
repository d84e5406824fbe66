/**
 * Fast wall-clock arithmetic for rendering feeds. luxon finds a zone's UTC offset through
 * `Intl.DateTimeFormat.formatToParts` (tens of microseconds a call), which dominated the cost of
 * building a feed; the offsets met while rendering are few (one per zone and quarter of an hour
 * of time actually used), so they are remembered here. Results equal luxon's: the cache holds
 * luxon's own answers, for 15-minute UTC buckets (every offset change since 1970 falls on a
 * quarter hour).
 *
 * Also the date-time objects handed to ical-generator: a minimal structural
 * `Temporal.ZonedDateTime` (ical-generator 11 accepts Temporal values) carrying the wall-clock
 * fields we already have, so the library formats them without any zone computation.
 */
import { IANAZone } from 'luxon';

const BUCKET_MS = 15 * 60_000;
const MAX_CACHED = 200_000;
const offsets = new Map<string, number>();

/** UTC offset of `zone` at `instantMs`, in minutes (luxon's answer, memoised). */
export function offsetMinutes(zone: string, instantMs: number): number {
  const key = `${zone}|${Math.floor(instantMs / BUCKET_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= MAX_CACHED) offsets.clear();
    offset = IANAZone.create(zone).offset(instantMs);
    offsets.set(key, offset);
  }
  return offset;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The wall-clock value `YYYY-MM-DDTHH:mm` of an instant in `zone`. */
export function wallClock(instant: Date, zone: string): string {
  const d = new Date(instant.getTime() + offsetMinutes(zone, instant.getTime()) * 60_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

interface PlainFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * A wall-clock time in a zone, shaped like the part of `Temporal.ZonedDateTime` ical-generator
 * reads: `timeZoneId`, the fields, `withTimeZone` (only ever called with its own zone here),
 * `toPlainDateTime` and `toInstant` (to order DTSTART and DTEND).
 */
export class ZonedWallClock implements PlainFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second = 0;

  constructor(
    local: string,
    readonly timeZoneId: string,
    private readonly instant: Date,
  ) {
    [this.year, this.month, this.day, this.hour, this.minute] = local.split(/[-T:]/).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
  }

  withTimeZone(zone: string): this {
    if (zone !== this.timeZoneId) throw new RangeError(`ZonedWallClock in ${this.timeZoneId} asked for ${zone}`);
    return this;
  }

  toPlainDateTime(): PlainFields & { toZonedDateTime(): never; toPlainDate(): never } {
    const { year, month, day, hour, minute, second } = this;
    const unsupported = (): never => {
      throw new Error('not supported');
    };
    return { year, month, day, hour, minute, second, toZonedDateTime: unsupported, toPlainDate: unsupported };
  }

  toInstant(): { epochMilliseconds: number } {
    return { epochMilliseconds: this.instant.getTime() };
  }
}
