import { z } from 'zod';
import { DateTime } from 'luxon';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from './day-number';
import { firstControl } from './control-chars';

/** Input building blocks shared by every component's request schemas. */

/** A human-readable key such as `ubnd` or `phong-tc-kh`. */
export const code = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lower-case letters, digits or hyphens');

/** No C0 control character but tab, no DEL, no line break (one-line fields: titles, names, places). */
const ONE_LINE = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/;
/** No C0 control character but tab and line breaks, no DEL (descriptions, notes, reasons, Markdown). */
const MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** The problem of a value that failed ONE_LINE or MULTI_LINE, naming the character found. */
function controlProblem(input: unknown, multiline: boolean): string {
  const found = firstControl(String(input), multiline);
  if (!multiline && (found === 'U+000A' || found === 'U+000D')) return 'must be a single line (no line breaks)';
  return `must not contain control characters (found ${found ?? 'one'})`;
}

/** The control-character check of `text()` alone, for text kept exactly as typed (Markdown). */
export function withoutControls(schema: z.ZodString, options: { multiline?: boolean } = {}): z.ZodString {
  const multiline = options.multiline ?? false;
  return schema.regex(multiline ? MULTI_LINE : ONE_LINE, {
    error: (issue) => controlProblem(issue.input, multiline),
    abort: true,
  });
}

/**
 * Free text of a write: no control characters (C0 but tab, and DEL; line breaks only when
 * `multiline`), trimmed, at most `max` characters, NFC. Every text field of every write goes
 * through here, so RFC 5545 feeds, XML (DOCX), HTML and email never receive such characters.
 */
export const text = (max = 500, options: { multiline?: boolean } = {}) =>
  withoutControls(z.string({ error: 'must be a string' }), options)
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => s.normalize('NFC'));

/** Text that may span lines: descriptions, notes, reasons. */
export const multilineText = (max = 5000) => text(max, { multiline: true });

export const requiredText = (max = 500, options: { multiline?: boolean } = {}) =>
  text(max, options).pipe(z.string().min(1, 'must not be empty'));

/** Dates the service works with: the range of its lunar calendar and holiday rules. */
export const FIRST_YEAR = FIRST_SUPPORTED_YEAR;
export const LAST_YEAR = LAST_SUPPORTED_YEAR;
const RANGE_PROBLEM = `must be between ${FIRST_YEAR}-01-01 and ${LAST_YEAR}-12-31`;
const inRange = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;
/** The pattern stated in the OpenAPI description: the format and the year range together. */
const YEARS_PATTERN = '(19[7-9]\\d|20\\d\\d|2100)';
const DATE_PATTERN = `${YEARS_PATTERN}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])`;

export const localDate = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD', abort: true })
  .refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, { error: 'is not a real calendar date', abort: true })
  .refine((s) => inRange(Number(s.slice(0, 4))), RANGE_PROBLEM)
  .meta({
    format: 'date',
    pattern: `^${DATE_PATTERN}$`,
    description: `YYYY-MM-DD, ${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31`,
  });

export const localTime = z
  .string({ error: 'must be a time HH:mm' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm (00:00-23:59)');

export const localDateTime = z
  .string({ error: 'must be a local date-time YYYY-MM-DDTHH:mm' })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, {
    error: 'must be a local date-time YYYY-MM-DDTHH:mm',
    abort: true,
  })
  .refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, { error: 'is not a real calendar date', abort: true })
  .refine((s) => inRange(Number(s.slice(0, 4))), RANGE_PROBLEM)
  .meta({
    pattern: `^${DATE_PATTERN}T([01]\\d|2[0-3]):[0-5]\\d$`,
    description: `YYYY-MM-DDTHH:mm, ${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31`,
  });

export const timeZone = z
  .string({ error: 'must be an IANA time zone name' })
  .refine((zone) => DateTime.now().setZone(zone).isValid, 'is not a known IANA time zone');

export const email = z.email({ error: 'must be an email address' }).max(254);

/** An instant with an explicit offset or Z, e.g. `2023-05-18T17:00:00+07:00`; its written date lies in the supported years. */
export const instant = z
  .string({ error: 'must be an ISO-8601 date-time with an offset' })
  .regex(/(Z|[+-]\d{2}:\d{2})$/, {
    error: 'must be an ISO-8601 date-time with an offset (e.g. +07:00 or Z)',
    abort: true,
  })
  .refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, { error: 'is not a valid date-time', abort: true })
  .refine((s) => inRange(DateTime.fromISO(s, { setZone: true }).year), RANGE_PROBLEM)
  .transform((s) => DateTime.fromISO(s, { setZone: true }).toJSDate())
  .meta({
    format: 'date-time',
    description: `ISO-8601 date-time with an offset, ${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31`,
  });
