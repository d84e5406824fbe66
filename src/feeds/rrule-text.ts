/**
 * The RRULE value written into a feed for a series: the stored rule (which has no DTSTART) with
 * the defaults rrule takes from the series' first date made explicit, COUNT and UNTIL replaced by
 * an UNTIL in UTC at the feed's last instance (RFC 5545: with a TZID-qualified DTSTART, UNTIL must
 * be UTC). Because the feed's DTSTART is a later instance than the series' first one, implicit
 * defaults (weekday, day of month) and COUNT would otherwise change meaning.
 */
import { parseRule, type ParsedRule } from '../meetings/rrule-parse';
import { toFloating } from '../meetings/local-time';
import { ValidationError } from '../shared/errors';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The rule with rrule's DTSTART-derived defaults (for WEEKLY, MONTHLY, YEARLY) spelled out. */
export function explicitRule(rruleText: string, startDate: string): ParsedRule {
  const parsed = parseRule(rruleText);
  if (typeof parsed === 'string') throw ValidationError.field('rrule', parsed);
  const rule: ParsedRule = {
    ...parsed,
    byday: [...parsed.byday],
    bymonthday: [...parsed.bymonthday],
    bymonth: [...parsed.bymonth],
  };
  if (rule.byday.length === 0 && rule.bymonthday.length === 0) {
    const start = toFloating(`${startDate}T00:00`);
    if (rule.freq === 'WEEKLY') rule.byday = [{ weekday: (start.getUTCDay() + 6) % 7, n: null }];
    if (rule.freq === 'MONTHLY' || rule.freq === 'YEARLY') rule.bymonthday = [start.getUTCDate()];
    if (rule.freq === 'YEARLY' && rule.bymonth.length === 0) rule.bymonth = [start.getUTCMonth() + 1];
  }
  return rule;
}

/** `20240627T070000Z` */
export function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * RRULE value (without the `RRULE:` name) ending at `until`.
 * @example feedRrule('FREQ=WEEKLY', '2023-05-04', new Date('2024-05-30T07:00:00Z'))
 * // 'FREQ=WEEKLY;UNTIL=20240530T070000Z;BYDAY=TH'
 */
export function feedRrule(rruleText: string, startDate: string, until: Date): string {
  const rule = explicitRule(rruleText, startDate);
  const parts = [`FREQ=${rule.freq}`, `UNTIL=${utcStamp(until)}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.bymonth.length) parts.push(`BYMONTH=${rule.bymonth.join(',')}`);
  if (rule.bymonthday.length) parts.push(`BYMONTHDAY=${rule.bymonthday.join(',')}`);
  if (rule.byday.length) parts.push(`BYDAY=${rule.byday.map((d) => `${d.n ?? ''}${WEEKDAYS[d.weekday]}`).join(',')}`);
  if (rule.bysetpos.length) parts.push(`BYSETPOS=${rule.bysetpos.join(',')}`);
  if (rule.wkst !== null) parts.push(`WKST=${WEEKDAYS[rule.wkst]}`);
  return parts.join(';');
}
