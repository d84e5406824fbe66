/**
 * Replies of the reminders API, as zod schemas: the OpenAPI description generates their JSON Schema
 * (src/api-description.ts), and test/integration/api-docs.test.ts checks real replies against it.
 * Loose objects: a reply may gain fields; every field listed is present.
 */
import { z } from 'zod';
import { DELIVERY_KINDS, DELIVERY_STATES, OPT_OUT_KINDS } from './types';

const offsetInstant = z.string().describe("ISO 8601 date-time with the offset of the service's zone");

/** A delivery as `deliveryView` (./routes) shows it. */
export const deliveryReply = z
  .looseObject({
    key: z.string(),
    kind: z.enum(DELIVERY_KINDS),
    state: z.enum(DELIVERY_STATES),
    reason: z.string().nullable(),
    recipient: z.string(),
    agencyCode: z.string().nullable(),
    officialCode: z.string().nullable(),
    bodyCode: z.string().nullable(),
    occurrenceId: z.string().nullable(),
    itemNumber: z.number().int().nullable(),
    dueAt: offsetInstant.nullable(),
    expiresAt: offsetInstant.nullable(),
    nextAttemptAt: offsetInstant.nullable().describe('set while pending'),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    messageId: z.string().nullable(),
    sentAt: offsetInstant.nullable(),
    response: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).optional().describe('the facts its email shows (one delivery only)'),
  })
  .describe('A delivery (one email to one address)');

export const deliveriesReply = z
  .looseObject({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    counts: z.looseObject(Object.fromEntries(DELIVERY_STATES.map((s) => [s, z.number().int()]))),
    deliveries: z.array(deliveryReply),
  })
  .describe('A page of deliveries, with the number of deliveries in each state');

export const agencyRemindersReply = z
  .looseObject({ agency: z.string(), reminders: z.array(deliveryReply) })
  .describe("The agency's pending reminders, soonest first");

export const optOutReply = z
  .looseObject({
    email: z.string(),
    kind: z.enum(OPT_OUT_KINDS),
    source: z.enum(['link', 'office']),
    createdAt: z.string().describe('ISO 8601 instant'),
  })
  .describe('An opt-out (the first record stands when the address had opted out already)');
export const optOutsReply = z.looseObject({ optOuts: z.array(optOutReply) }).describe('Opt-outs by address and kind');

export const reminderSettingsReply = z
  .looseObject({
    bodyCode: z.string(),
    preparationOffsets: z.array(z.number().int()).describe('working days before the documents are due'),
    reminderTime: z.string().describe('HH:mm'),
    agendaTime: z.string(),
    digestWeekday: z.number().int().nullable().describe('1 (Monday) to 7, or null: no digest'),
    digestTime: z.string(),
    digestDays: z.number().int(),
    officeAgencyCode: z.string().nullable(),
  })
  .describe("A body's reminder settings, defaults filled in");
