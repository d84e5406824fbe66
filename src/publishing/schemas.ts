/** Inputs of the publishing component: one zod schema each, for the API, the web pages and the OpenAPI description. */
import { z } from 'zod';
import { code, localDate, multilineText, text } from '../shared/schemas';
import { monthPeriod, weekPeriod } from './periods';

const versionNumber = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string({ error: 'must be a version number: 1, 2, ...' })
    .regex(/^[1-9]\d{0,5}$/, 'must be a version number: 1, 2, ...')
    .transform(Number)
    .optional(),
);

/** `?from=1&to=2` of the comparison pages (src/web). */
export const compareQuery = z.object({ from: versionNumber, to: versionNumber });

export const publicationsQuery = z.strictObject({
  kind: z.enum(['programme', 'schedule']).optional(),
  body: code.optional(),
});

export const monthParams = z.strictObject({ body: code, month: monthPeriod });
export const weekParams = z.strictObject({ body: code, week: weekPeriod });

/** Publishing the next version of a programme or weekly schedule (API and the Office's page). */
export const publishInput = z.strictObject({
  documentNumber: text(40)
    .refine((v) => v === '' || /^[0-9A-Za-z][0-9A-Za-z./-]*$/.test(v), 'must be a document number such as 45 or 45a')
    .optional(),
  /**
   * The date printed in "<place>, ngày ..."; default: the month's saved date on a first issue (or a
   * newer one), else today.
   */
  issueDate: localDate.optional(),
  note: multilineText(1000).optional(),
});

export type CompareQuery = z.output<typeof compareQuery>;
export type MonthParams = z.output<typeof monthParams>;
export type WeekParams = z.output<typeof weekParams>;
export type PublishInput = z.output<typeof publishInput>;
