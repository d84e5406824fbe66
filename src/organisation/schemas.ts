import { z } from 'zod';
import { code, email, requiredText, text, timeZone } from '../shared/schemas';
import { BODY_KINDS, LEVELS } from './types';

export const bodyInput = z.strictObject({
  code,
  name: requiredText(200),
  shortName: requiredText(100),
  kind: z.enum(BODY_KINDS),
  level: z.enum(LEVELS),
  place: text(100).default(''),
  parentName: text(200).default(''),
  timeZone: timeZone.optional(),
  documentDueWorkingDays: z.number().int().min(0).max(30).default(3),
});
export const bodyPatch = bodyInput
  .omit({ code: true })
  .partial()
  .extend({
    place: text(100).optional(),
    parentName: text(200).optional(),
    documentDueWorkingDays: z.number().int().min(0).max(30).optional(),
  });

export const agencyInput = z.strictObject({
  code,
  name: requiredText(200),
  shortName: text(100).default(''),
  bodyCode: code,
  emails: z.array(email).max(20).default([]),
});
export const agencyPatch = agencyInput
  .omit({ code: true })
  .partial()
  .extend({
    shortName: text(100).optional(),
    emails: z.array(email).max(20).optional(),
  });

export const officialInput = z.strictObject({
  code,
  name: requiredText(200),
  title: text(200).default(''),
  bodyCode: code,
  agencyCode: code.nullable().default(null),
  email: email.nullable().default(null),
});
export const officialPatch = officialInput
  .omit({ code: true })
  .partial()
  .extend({
    title: text(200).optional(),
    agencyCode: code.nullable().optional(),
    email: email.nullable().optional(),
  });

export type BodyInput = z.output<typeof bodyInput>;
export type AgencyInput = z.output<typeof agencyInput>;
export type OfficialInput = z.output<typeof officialInput>;
