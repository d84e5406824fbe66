import { z } from 'zod';
import { code, localDate, localTime, multilineText, requiredText, text, timeZone } from '../shared/schemas';
import { HOLIDAY_POLICIES, MEETING_KINDS } from './types';
import { normaliseRrule, validateRrule } from './recurrence';

const attendees = z.strictObject({
  officials: z.array(code).max(200).default([]),
  agencies: z.array(code).max(200).default([]),
});

const rrule = z
  .string({ error: 'must be an RFC 5545 RRULE value such as FREQ=WEEKLY;BYDAY=TH' })
  .max(500)
  .superRefine((value, ctx) => {
    const problem = validateRrule(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normaliseRrule);

const duration = z
  .number({ error: 'must be a number of minutes' })
  .int()
  .min(5)
  .max(24 * 60);

/** Series fields as a patch sees them: no defaults, so an absent field stays as stored. */
const seriesFields = {
  title: requiredText(300),
  kind: z.enum(MEETING_KINDS),
  bodyCode: code,
  chairCode: code.nullable(),
  attendees,
  location: text(300),
  startTime: localTime,
  durationMinutes: duration,
  timeZone,
  rrule,
  startDate: localDate,
  endDate: localDate.nullable(),
  holidayPolicy: z.enum(HOLIDAY_POLICIES),
  description: multilineText(5000),
  /** The time is the Office's estimate, not stated by the source ("giờ dự kiến"). */
  timeAssumed: z.boolean({ error: 'must be true or false' }),
};

const endNotBeforeStart = (s: { startDate?: string; endDate?: string | null }) =>
  !s.endDate || !s.startDate || s.endDate >= s.startDate;

export const seriesInput = z
  .strictObject({
    id: code.optional(),
    ...seriesFields,
    chairCode: seriesFields.chairCode.default(null),
    attendees: attendees.default({ officials: [], agencies: [] }),
    location: seriesFields.location.default(''),
    timeZone: timeZone.optional(),
    endDate: seriesFields.endDate.default(null),
    description: seriesFields.description.default(''),
    timeAssumed: seriesFields.timeAssumed.default(false),
  })
  .refine(endNotBeforeStart, { error: 'must not be before startDate', path: ['endDate'] });

export const seriesPatch = z
  .strictObject(seriesFields)
  .partial()
  .refine(endNotBeforeStart, { error: 'must not be before startDate', path: ['endDate'] })
  .refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' });

export const meetingInput = z.strictObject({
  id: code.optional(),
  title: requiredText(300),
  kind: z.enum(MEETING_KINDS),
  bodyCode: code,
  chairCode: code.nullable().default(null),
  attendees: attendees.default({ officials: [], agencies: [] }),
  location: text(300).default(''),
  date: localDate,
  time: localTime,
  durationMinutes: duration,
  timeZone: timeZone.optional(),
  description: multilineText(5000).default(''),
});

export const extraSessionInput = z.strictObject({
  date: localDate,
  time: localTime.optional(),
  durationMinutes: duration.optional(),
  location: text(300).optional(),
  title: requiredText(300).optional(),
  reason: multilineText(1000).default(''),
});

export const moveInput = z.strictObject({
  date: localDate,
  time: localTime.optional(),
  durationMinutes: duration.optional(),
  location: text(300).optional(),
  reason: requiredText(1000, { multiline: true }),
});

export const cancelInput = z.strictObject({ reason: requiredText(1000, { multiline: true }) });

export const detailsInput = z
  .strictObject({
    title: requiredText(300).nullable().optional(),
    description: multilineText(5000).nullable().optional(),
    location: text(300).nullable().optional(),
    attendees: attendees.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' });

/** A window of at most about a year, so one request cannot ask for unbounded expansion. */
export const windowQuery = z
  .strictObject({
    from: localDate,
    to: localDate,
    body: code.optional(),
    agency: code.optional(),
    kind: z.enum(MEETING_KINDS).optional(),
  })
  .refine((q) => q.from <= q.to, { error: 'must not be before from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
    error: 'the window may span at most 400 days',
    path: ['to'],
  });

export type SeriesInput = z.output<typeof seriesInput>;
export type SeriesPatch = z.output<typeof seriesPatch>;
export type MeetingInput = z.output<typeof meetingInput>;
export type ExtraSessionInput = z.output<typeof extraSessionInput>;
export type MoveInput = z.output<typeof moveInput>;
export type DetailsInput = z.output<typeof detailsInput>;
export type WindowQuery = z.output<typeof windowQuery>;
