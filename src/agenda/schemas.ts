import { z } from 'zod';
import { code, instant, multilineText, requiredText } from '../shared/schemas';
import { AGENCY_ROLES, ITEM_KINDS, ITEM_STATUSES } from './types';
import { parseItemRange } from './ranges';

const preparingAgency = z.strictObject({ code, role: z.enum(AGENCY_ROLES).default('lead') });

const itemFields = {
  number: z.number({ error: 'must be a whole number' }).int().min(1).max(200),
  title: requiredText(1000),
  kind: z.enum(ITEM_KINDS).default('other'),
  preparingAgencies: z.array(preparingAgency).max(20).default([]),
  leaderCode: code.nullable().default(null),
  /** Set by hand: moving the meeting then leaves it alone. Omitted: computed from the body's rule. */
  dueAt: instant.optional(),
};

export const itemInput = z.strictObject(itemFields);

/** Several items at once (a whole agenda); numbers must be distinct. */
export const itemsInput = z.strictObject({
  items: z
    .array(itemInput)
    .min(1)
    .max(200)
    .superRefine((items, ctx) => {
      const seen = new Map<number, number>();
      items.forEach((item, i) => {
        if (seen.has(item.number))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'number'],
            message: `duplicates item ${item.number} (items.${seen.get(item.number)})`,
          });
        else seen.set(item.number, i);
      });
    }),
});

export const itemPatch = z
  .strictObject({
    title: requiredText(1000).optional(),
    kind: z.enum(ITEM_KINDS).optional(),
    preparingAgencies: z.array(preparingAgency).max(20).optional(),
    leaderCode: code.nullable().optional(),
    dueAt: instant.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' });

export const assignInput = z.strictObject({
  /** "1-6", "7, 8", "từ 1-6" ... */
  items: z
    .string({ error: 'must be a range such as "1-6" or "7, 8"' })
    .max(200)
    .transform((value, ctx) => {
      try {
        return parseItemRange(value);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  agencyCode: code,
  role: z.enum(AGENCY_ROLES).default('lead'),
  /** replace: the agency becomes the only one in that role; add: it joins the others. */
  mode: z.enum(['replace', 'add']).default('replace'),
});

export const statusInput = z.strictObject({ status: z.enum(ITEM_STATUSES), note: multilineText(1000).optional() });

export const itemParams = z.strictObject({
  id: z.string().min(1).max(200),
  number: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(200),
});

export type ItemInput = z.output<typeof itemInput>;
export type ItemPatch = z.output<typeof itemPatch>;
export type AssignInput = z.output<typeof assignInput>;
