import { DateTime } from 'luxon';
import type { FeedWindow } from './types';

/**
 * The dates a feed covers: whole months, from the first day of the month `pastMonths` before the
 * current one to the last day of the month `futureMonths` after it, in `zone`.
 *
 * Snapping to months (rather than "today ± n days") keeps a feed byte-identical for a whole month
 * when nothing is edited, so its ETag stays valid and clients' conditional requests get 304s; the
 * window moves once a month, at local midnight on the 1st.
 *
 * @example feedWindow(new Date('2023-05-01T01:00:00Z'), 'Asia/Ho_Chi_Minh', 3, 12)
 * // { from: '2023-02-01', to: '2024-05-31', key: '2023-05', month: '2023-05', since: 2023-04-30T17:00:00Z, until: 2023-05-31T17:00:00Z }
 */
export function feedWindow(now: Date, zone: string, pastMonths: number, futureMonths: number): FeedWindow {
  const month = DateTime.fromJSDate(now, { zone }).startOf('month');
  return {
    from: month.minus({ months: pastMonths }).toISODate()!,
    to: month
      .plus({ months: futureMonths + 1 })
      .minus({ days: 1 })
      .toISODate()!,
    key: month.toFormat('yyyy-MM'),
    month: month.toFormat('yyyy-MM'),
    since: month.toJSDate(),
    until: month.plus({ months: 1 }).toJSDate(),
  };
}

/**
 * `feedWindow` remembered until the window moves: computing it costs several luxon zone
 * conversions, too much for every request of the cached path.
 */
export function windowClock(zone: string, pastMonths: number, futureMonths: number): (now: Date) => FeedWindow {
  let current: FeedWindow | null = null;
  return (now) => {
    const t = now.getTime();
    if (!current || t < current.since.getTime() || t >= current.until.getTime())
      current = feedWindow(now, zone, pastMonths, futureMonths);
    return current;
  };
}
