/**
 * Parsing of RRULE text (RFC 5545 RECUR values) for meeting series. Done here rather than by rrule
 * so that every problem gets a clear English message and nothing rrule would silently ignore or
 * misread (DTSTART, TZID, unknown parts, UNTIL in UTC) slips through.
 */
import { isLocalDate, isLocalTime, toFloating } from './local-time';

export const RULE_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type RuleFrequency = (typeof RULE_FREQUENCIES)[number];

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const USE_FREQ = 'use DAILY, WEEKLY, MONTHLY or YEARLY';
const SUPPORTED = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST'];
/** Parts of RFC 5545 we know but refuse, with the reason shown to the user. */
const REFUSED: Record<string, string> = {
  DTSTART: "DTSTART must not be inside the rule: the series' start date and time are stored separately.",
  TZID: "TZID must not be inside the rule: the series' time zone is stored separately.",
  BYHOUR: "BYHOUR is not allowed: every occurrence takes place at the series' start time.",
  BYMINUTE: "BYMINUTE is not allowed: every occurrence takes place at the series' start time.",
  BYSECOND: "BYSECOND is not allowed: every occurrence takes place at the series' start time.",
  BYYEARDAY: 'BYYEARDAY is not supported for meetings; use BYMONTH with BYMONTHDAY or BYDAY.',
  BYWEEKNO: 'BYWEEKNO is not supported for meetings; use BYMONTH with BYMONTHDAY or BYDAY.',
};

/** A rule as this module understands it; `until` is floating and inclusive. */
export interface ParsedRule {
  freq: RuleFrequency;
  interval: number;
  count: number | null;
  until: Date | null;
  byday: { weekday: number; n: number | null }[];
  bymonthday: number[];
  bymonth: number[];
  bysetpos: number[];
  wkst: number | null;
}

/**
 * Canonical text of a rule: no `RRULE:` prefix, no blanks or empty parts, upper case, FREQ first.
 * It does not validate (see `validateRrule` in `./recurrence`).
 */
export function normaliseRrule(text: string): string {
  const parts = text
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')
    .map((p) => p.replace(/\s+/g, '').toUpperCase())
    .filter((p) => p.length > 0);
  const isFreq = (p: string): boolean => p.startsWith('FREQ=');
  return [...parts.filter(isFreq), ...parts.filter((p) => !isFreq(p))].join(';');
}

/** Parses the rule text; returns the problem as a string when it is not acceptable. */
export function parseRule(text: string): ParsedRule | string {
  if (typeof text !== 'string' || text.trim() === '') return 'The rule is empty; expected e.g. FREQ=WEEKLY;BYDAY=TH.';
  if (/[\r\n]/.test(text.trim())) {
    return 'The rule must be a single RRULE value such as FREQ=WEEKLY;BYDAY=TH, without other lines.';
  }
  const seen = new Map<string, string>();
  for (const part of normaliseRrule(text).split(';')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part.split(/[:;]/)[0]! : part.slice(0, eq);
    if (Object.hasOwn(REFUSED, name)) return REFUSED[name]!;
    if (!SUPPORTED.includes(name)) return `Unknown part '${part}'; allowed: ${SUPPORTED.join(', ')}.`;
    if (eq < 0 || eq === part.length - 1) return `${name} needs a value, as in ${name}=...`;
    if (seen.has(name)) return `${name} appears more than once.`;
    seen.set(name, part.slice(eq + 1));
  }
  const freq = seen.get('FREQ');
  if (freq === undefined) return 'FREQ is missing; expected e.g. FREQ=WEEKLY.';
  if (['HOURLY', 'MINUTELY', 'SECONDLY'].includes(freq)) {
    return `FREQ=${freq} is not allowed: a meeting recurs on dates at the series' start time; ${USE_FREQ}.`;
  }
  if (!(RULE_FREQUENCIES as readonly string[]).includes(freq)) return `Unknown FREQ '${freq}'; ${USE_FREQ}.`;
  const rule: ParsedRule = {
    freq: freq as RuleFrequency,
    interval: 1,
    count: null,
    until: null,
    byday: [],
    bymonthday: [],
    bymonth: [],
    bysetpos: [],
    wkst: null,
  };

  for (const [name, value] of seen) {
    const problem = parseValue(rule, name, value);
    if (problem !== null) return problem;
  }
  if (rule.count !== null && rule.until !== null) return 'COUNT and UNTIL cannot be used together; keep one of them.';
  if (rule.byday.some((d) => d.n !== null)) {
    if (rule.freq !== 'MONTHLY' && rule.freq !== 'YEARLY') {
      return `A numbered BYDAY (e.g. -1FR) needs FREQ=MONTHLY or FREQ=YEARLY, not ${rule.freq}.`;
    }
    const max = rule.freq === 'MONTHLY' ? 5 : 53;
    if (rule.byday.some((d) => Math.abs(d.n!) > max)) {
      return `BYDAY positions must be between -${max} and ${max} with FREQ=${rule.freq}.`;
    }
  }
  if (rule.freq === 'WEEKLY' && rule.bymonthday.length > 0) return 'BYMONTHDAY cannot be used with FREQ=WEEKLY.';
  if (rule.bysetpos.length > 0 && rule.byday.length + rule.bymonthday.length + rule.bymonth.length === 0) {
    return 'BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH to choose from (e.g. FREQ=MONTHLY;BYDAY=TU;BYSETPOS=4).';
  }
  return rule;
}

/** Numeric parts: largest |n|, whether negative values (counted from the end) and lists are allowed. */
const NUMERIC: Record<string, { max: number; signed: boolean; list: boolean }> = {
  INTERVAL: { max: 1000, signed: false, list: false },
  COUNT: { max: 10000, signed: false, list: false },
  BYMONTHDAY: { max: 31, signed: true, list: true },
  BYMONTH: { max: 12, signed: false, list: true },
  BYSETPOS: { max: 366, signed: true, list: true },
};

/** Reads one part (already known to be supported) into `rule`; returns the problem, or null. */
function parseValue(rule: ParsedRule, name: string, value: string): string | null {
  const numeric = Object.hasOwn(NUMERIC, name) ? NUMERIC[name] : undefined;
  if (numeric) {
    const items = value.split(',');
    if (!numeric.list && items.length > 1) return `${name} takes one number.`;
    const numbers = items.map((item) => (/^[+-]?\d{1,6}$/.test(item) ? Number(item) : NaN));
    if (numbers.some((n) => Number.isNaN(n) || n === 0 || Math.abs(n) > numeric.max || (n < 0 && !numeric.signed))) {
      const range = `from 1 to ${numeric.max}${numeric.signed ? ` or -${numeric.max} to -1` : ''}`;
      return `${name}=${value} is invalid: expected ${numeric.list ? 'whole numbers' : 'a whole number'} ${range}.`;
    }
    if (name === 'INTERVAL') rule.interval = numbers[0]!;
    else if (name === 'COUNT') rule.count = numbers[0]!;
    else rule[name.toLowerCase() as 'bymonthday' | 'bymonth' | 'bysetpos'] = numbers;
    return null;
  }
  switch (name) {
    case 'WKST':
      rule.wkst = WEEKDAYS.indexOf(value);
      return rule.wkst < 0 ? `WKST=${value} is invalid: expected one of ${WEEKDAYS.join(', ')}.` : null;
    case 'BYDAY':
      for (const item of value.split(',')) {
        const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
        if (!m || (m[1] !== undefined && Number(m[1]) === 0)) {
          const expected = 'a day (MO, TU, WE, TH, FR, SA, SU), optionally numbered as in 4TU or -1FR';
          return `BYDAY item '${item}' is invalid: expected ${expected}.`;
        }
        rule.byday.push({ weekday: WEEKDAYS.indexOf(m[2]!), n: m[1] === undefined ? null : Number(m[1]) });
      }
      return null;
    case 'UNTIL':
      return parseUntil(rule, value);
    default: // FREQ, read by the caller
      return null;
  }
}

function parseUntil(rule: ParsedRule, value: string): string | null {
  if (value.endsWith('Z')) {
    return "UNTIL must be a local date such as UNTIL=20231231, without a time zone ('Z'): the series' time zone applies.";
  }
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?$/.exec(value);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || !isLocalDate(date) || (m[4] !== undefined && !isLocalTime(`${m[4]}:${m[5]}`)) || Number(m[6] ?? 0) > 59) {
    return `UNTIL=${value} is invalid: expected a date YYYYMMDD (e.g. UNTIL=20231231).`;
  }
  // A date-only UNTIL includes that whole day; a (floating) date-time is inclusive as well.
  rule.until = toFloating(`${date}T${m[4] === undefined ? '23:59' : `${m[4]}:${m[5]}`}`);
  if (m[4] !== undefined) rule.until.setUTCSeconds(Number(m[6]));
  return null;
}
