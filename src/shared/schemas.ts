import { z } from 'zod';
import { DateTime } from 'luxon';

/** Input building blocks shared by every component's request schemas. */

/** A human-readable key such as `ubnd` or `phong-tc-kh`. */
export const code = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lower-case letters, digits or hyphens');

export const text = (max = 500) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => s.normalize('NFC'));

export const requiredText = (max = 500) => text(max).pipe(z.string().min(1, 'must not be empty'));

export const localDate = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, 'is not a real calendar date');

export const localTime = z
  .string({ error: 'must be a time HH:mm' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm (00:00-23:59)');

export const localDateTime = z
  .string({ error: 'must be a local date-time YYYY-MM-DDTHH:mm' })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'must be a local date-time YYYY-MM-DDTHH:mm')
  .refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, 'is not a real calendar date');

export const timeZone = z
  .string({ error: 'must be an IANA time zone name' })
  .refine((zone) => DateTime.now().setZone(zone).isValid, 'is not a known IANA time zone');

export const email = z.email({ error: 'must be an email address' }).max(254);

/** An instant with an explicit offset or Z, e.g. `2023-05-18T17:00:00+07:00`. */
export const instant = z
  .string({ error: 'must be an ISO-8601 date-time with an offset' })
  .regex(/(Z|[+-]\d{2}:\d{2})$/, 'must be an ISO-8601 date-time with an offset (e.g. +07:00 or Z)')
  .refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, 'is not a valid date-time')
  .transform((s) => DateTime.fromISO(s, { setZone: true }).toJSDate());
