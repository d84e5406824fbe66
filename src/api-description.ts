/**
 * The whole API as the OpenAPI document describes it: the routes of the core components (organisation,
 * meetings, agenda, calendar, keys) with the zod schemas that validate them and the schemas of their
 * replies, and the route lists the other components export. Assembled here, at the composition level,
 * so that src/http/openapi.ts knows no domain and nothing registers at import time.
 * test/integration/api-docs.test.ts checks real replies against the reply schemas.
 */
import { z } from 'zod';
import { adjustmentInput } from './calendar/adjustments';
import { daysQuery, holidaysQuery } from './calendar/routes';
import { assignInput, itemInput, itemParams, itemPatch, itemsInput, statusInput } from './agenda/schemas';
import { directiveOpenApi } from './directives/routes';
import { feedOpenApi } from './feeds/routes';
import { openApiDocument, type ApiRoute } from './http/openapi';
import {
  cancelInput,
  detailsInput,
  extraSessionInput,
  meetingInput,
  moveInput,
  seriesInput,
  seriesPatch,
  windowQuery,
} from './meetings/schemas';
import { agencyPatch, agencyInput, bodyInput, bodyPatch, officialInput, officialPatch } from './organisation/schemas';
import { programmeImportOpenApi } from './publishing/import-routes';
import { monthPeriod, weekPeriod } from './publishing/periods';
import { publishingOpenApi } from './publishing/routes';
import { reminderOpenApi } from './reminders/routes';
import { code } from './shared/schemas';

/** Path parameters most routes share, with the constraints their routes check. */
const PATH_PARAMS: Record<string, z.ZodType> = {
  code,
  body: code,
  id: z.string().min(1).max(200),
  number: itemParams.shape.number,
  month: monthPeriod,
  week: weekPeriod,
};
const shortId = z.string().min(1).max(100);
const bodyFilter = z.strictObject({ body: code.optional() });

// --- replies ------------------------------------------------------------------------------------
// Loose objects: a reply may gain fields (clients must ignore unknown ones); every field listed is
// present with this type, which the docs test checks on real replies.
const isoInstant = z.string().describe('ISO 8601 instant (UTC, Z)');
const offsetTime = z
  .string()
  .describe("ISO 8601 date-time with the offset of the meeting's zone, e.g. 2023-05-23T08:00:00+07:00");
const stamps = { createdAt: isoInstant, updatedAt: isoInstant };

export const bodyReply = z
  .looseObject({
    id: z.string(),
    ...bodyInput.shape,
    timeZone: z.string(),
    ...stamps,
  })
  .describe('A body');
export const agencyReply = z.looseObject({ id: z.string(), ...agencyInput.shape, ...stamps }).describe('An agency');
export const officialReply = z
  .looseObject({ id: z.string(), ...officialInput.shape, ...stamps })
  .describe('An official');

const person = z.looseObject({ code: z.string(), name: z.string(), title: z.string() });
const holidayNote = z.looseObject({
  name: z.string(),
  policy: z.string(),
  originalDate: z.string(),
  documentNumber: z.string().optional(),
  documentDate: z.string().optional(),
});
export const agendaItemReply = z
  .looseObject({
    number: z.number().int(),
    title: z.string(),
    kind: z.string(),
    preparingAgencies: z.array(
      z.looseObject({ code: z.string(), name: z.string(), role: z.enum(['lead', 'coordinating']) }),
    ),
    leader: person.nullable(),
    dueAt: offsetTime.nullable(),
    dueAtFixed: z.boolean(),
    status: z.string(),
    warnings: z.array(z.string()),
    carriedFrom: z.string().nullable().optional(),
    carriedTo: z.string().nullable().optional(),
    updatedAt: isoInstant,
  })
  .describe('An agenda item');
export const occurrenceReply = z
  .looseObject({
    id: z.string().describe("<seriesId>_YYYYMMDDTHHmm for an occurrence of a series; a one-off meeting's own id"),
    seriesId: z.string().nullable(),
    meetingId: z.string().nullable(),
    title: z.string(),
    kind: z.string(),
    body: z.string(),
    start: offsetTime,
    end: offsetTime,
    timeZone: z.string(),
    originalStart: offsetTime.nullable(),
    location: z.string(),
    status: z.enum(['scheduled', 'moved', 'cancelled']),
    timeAssumed: z.boolean(),
    holiday: holidayNote.nullable(),
    reason: z.string().nullable(),
    chair: person.nullable(),
    attendees: z.looseObject({
      officials: z.array(person),
      agencies: z.array(z.looseObject({ code: z.string(), name: z.string() })),
    }),
    description: z.string(),
    warnings: z.array(z.string()),
    sequence: z.number().int(),
    updatedAt: isoInstant,
    agenda: z.array(agendaItemReply),
  })
  .describe('An occurrence with its agenda');
export const seriesReply = z
  .looseObject({
    ...seriesInput.shape,
    id: z.string(),
    timeZone: z.string(),
    warnings: z.array(z.string()),
    sequence: z.number().int(),
    ...stamps,
  })
  .describe('A recurring series');
export const healthReply = z
  .looseObject({
    status: z.enum(['ok', 'unavailable']),
    database: z.looseObject({}).describe('connection state and ping'),
  })
  .describe('Service health (503 with status unavailable)');
const historyEntry = z.looseObject({ at: isoInstant, actor: z.unknown(), action: z.string() });
const keyReply = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    role: z.enum(['office', 'agency', 'reader']),
    agencyCode: z.string().nullable(),
    prefix: z.string(),
    revokedAt: isoInstant.nullable(),
  })
  .describe('An API key (never its secret)');
const adjustmentReply = z.looseObject({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  documentNumber: z.string(),
});
const list = (key: string, item: z.ZodType, what: string) => z.looseObject({ [key]: z.array(item) }).describe(what);

const CORE_ROUTES: ApiRoute[] = [
  { method: 'get', path: '/healthz', summary: 'Service and database health', response: healthReply },
  {
    method: 'get',
    path: '/api/bodies',
    summary: 'List bodies',
    response: list('bodies', bodyReply, 'Bodies in their political order'),
  },
  {
    method: 'post',
    path: '/api/bodies',
    summary: 'Create a body',
    auth: 'office',
    body: bodyInput,
    status: 201,
    response: bodyReply,
  },
  { method: 'get', path: '/api/bodies/{code}', summary: 'Get a body', response: bodyReply },
  {
    method: 'patch',
    path: '/api/bodies/{code}',
    summary: 'Change a body',
    auth: 'office',
    body: bodyPatch,
    status: 200,
    response: bodyReply,
  },
  {
    method: 'get',
    path: '/api/agencies',
    summary: 'List agencies',
    querySchema: bodyFilter,
    query: { body: 'body code' },
    response: list('agencies', agencyReply, 'Agencies'),
  },
  {
    method: 'post',
    path: '/api/agencies',
    summary: 'Create an agency',
    auth: 'office',
    body: agencyInput,
    status: 201,
    response: agencyReply,
  },
  { method: 'get', path: '/api/agencies/{code}', summary: 'Get an agency', response: agencyReply },
  {
    method: 'patch',
    path: '/api/agencies/{code}',
    summary: 'Change an agency',
    auth: 'office',
    body: agencyPatch,
    status: 200,
    response: agencyReply,
  },
  {
    method: 'get',
    path: '/api/officials',
    summary: 'List officials',
    querySchema: bodyFilter,
    query: { body: 'body code' },
    response: list('officials', officialReply, 'Officials'),
  },
  {
    method: 'post',
    path: '/api/officials',
    summary: 'Create an official',
    auth: 'office',
    body: officialInput,
    status: 201,
    response: officialReply,
  },
  { method: 'get', path: '/api/officials/{code}', summary: 'Get an official', response: officialReply },
  {
    method: 'patch',
    path: '/api/officials/{code}',
    summary: 'Change an official',
    auth: 'office',
    body: officialPatch,
    status: 200,
    response: officialReply,
  },
  {
    method: 'get',
    path: '/api/series',
    summary: 'List meeting series',
    querySchema: bodyFilter,
    query: { body: 'body code' },
    response: list('series', seriesReply, 'Series'),
  },
  {
    method: 'post',
    path: '/api/series',
    summary: 'Create a recurring meeting series',
    auth: 'office',
    body: seriesInput,
    status: 201,
    response: seriesReply,
  },
  { method: 'get', path: '/api/series/{id}', summary: 'Get a series', response: seriesReply },
  {
    method: 'patch',
    path: '/api/series/{id}',
    summary: 'Change a series (bumps its SEQUENCE, re-times due dates)',
    auth: 'office',
    body: seriesPatch,
    status: 200,
    response: seriesReply,
  },
  {
    method: 'post',
    path: '/api/series/{id}/extra-sessions',
    summary: 'Add an extra session to a series',
    auth: 'office',
    body: extraSessionInput,
    status: 201,
    response: occurrenceReply,
  },
  {
    method: 'post',
    path: '/api/meetings',
    summary: 'Create a one-off meeting',
    auth: 'office',
    body: meetingInput,
    status: 201,
    response: occurrenceReply,
  },
  {
    method: 'get',
    path: '/api/occurrences',
    summary: 'Occurrences in a window (at most 400 days), sorted by start, with agendas',
    querySchema: windowQuery,
    query: {
      from: 'first day, YYYY-MM-DD (1970-01-01 to 2100-12-31)',
      to: 'last day, YYYY-MM-DD, at most 400 days after from',
      body: 'body code',
      agency: 'agency code (attends or prepares)',
      kind: 'meeting kind',
    },
    response: list('occurrences', occurrenceReply, 'Occurrences sorted by start'),
  },
  {
    method: 'get',
    path: '/api/occurrences/{id}',
    summary: 'One occurrence with its agenda',
    response: occurrenceReply,
  },
  {
    method: 'patch',
    path: '/api/occurrences/{id}',
    summary: "An occurrence's own title, description, place or attendees",
    auth: 'office',
    body: detailsInput,
    status: 200,
    response: occurrenceReply,
  },
  {
    method: 'post',
    path: '/api/occurrences/{id}/move',
    summary: 'Move one occurrence',
    auth: 'office',
    body: moveInput,
    status: 200,
    response: occurrenceReply,
  },
  {
    method: 'post',
    path: '/api/occurrences/{id}/cancel',
    summary: 'Cancel one occurrence',
    auth: 'office',
    body: cancelInput,
    status: 200,
    response: occurrenceReply,
  },
  {
    method: 'post',
    path: '/api/occurrences/{id}/restore',
    summary: 'Undo a cancellation',
    auth: 'office',
    status: 200,
    response: occurrenceReply,
  },
  {
    method: 'get',
    path: '/api/occurrences/{id}/agenda',
    summary: 'Agenda items of an occurrence',
    response: list('items', agendaItemReply, 'Agenda items by number'),
  },
  {
    method: 'post',
    path: '/api/occurrences/{id}/agenda',
    summary: 'Add one item, or several as {items: [...]}',
    auth: 'office',
    body: z.union([itemsInput, itemInput]),
    status: 201,
    response: list('items', agendaItemReply, 'The items added'),
  },
  {
    method: 'post',
    path: '/api/occurrences/{id}/agenda/assign',
    summary: 'Assign a range of items ("1-6") to an agency',
    auth: 'office',
    body: assignInput,
    status: 200,
    response: list('items', agendaItemReply, 'The items assigned'),
  },
  {
    method: 'patch',
    path: '/api/occurrences/{id}/agenda/{number}',
    summary: 'Change an item',
    auth: 'office',
    body: itemPatch,
    status: 200,
    response: agendaItemReply,
  },
  {
    method: 'post',
    path: '/api/occurrences/{id}/agenda/{number}/status',
    summary: "Set an item's status (agency keys: own items, preparing/submitted)",
    auth: 'office or agency',
    body: statusInput,
    status: 200,
    response: agendaItemReply,
  },
  {
    method: 'post',
    path: '/api/occurrences/{id}/agenda/{number}/carry-over',
    summary: 'Carry a deferred item to the next occurrence',
    auth: 'office',
    status: 201,
    response: z
      .looseObject({ occurrenceId: z.string(), item: agendaItemReply })
      .describe('The copy on the next occurrence'),
  },
  {
    method: 'get',
    path: '/api/occurrences/{id}/agenda/{number}/history',
    summary: 'History of an item',
    auth: 'any key',
    response: list('history', historyEntry, 'Who changed what, when, oldest first'),
  },
  {
    method: 'get',
    path: '/api/calendar/holidays',
    summary: 'Public holidays and days off of a year',
    querySchema: holidaysQuery,
    query: { year: '1970-2100' },
    response: z
      .looseObject({
        year: z.number().int(),
        rules: z.array(z.looseObject({})),
        holidays: z.array(z.looseObject({ date: z.string(), name: z.string() })),
      })
      .describe('Holidays with the decision that made each a day off, and the law in force'),
  },
  {
    method: 'get',
    path: '/api/calendar/days',
    summary: 'Days with weekday, lunar date and working-day state',
    querySchema: daysQuery,
    query: { from: 'YYYY-MM-DD, from 1970-02-01', to: 'YYYY-MM-DD, at most 366 days after from, until 2100-12-31' },
    response: list('days', z.looseObject({ date: z.string() }), 'One entry per day'),
  },
  {
    method: 'get',
    path: '/api/calendar/adjustments',
    summary: 'Official calendar adjustments',
    response: list('adjustments', adjustmentReply, 'Adjustments'),
  },
  {
    method: 'post',
    path: '/api/calendar/adjustments',
    summary: 'Record an official adjustment (Tết span, 2/9 extra day, swap, make-up day)',
    auth: 'office',
    body: adjustmentInput,
    status: 201,
    response: adjustmentReply,
  },
  {
    method: 'delete',
    path: '/api/calendar/adjustments/{id}',
    summary: 'Remove an adjustment',
    auth: 'office',
    params: { id: shortId },
  },
  {
    method: 'get',
    path: '/api/keys',
    summary: 'List API keys (never their secrets)',
    auth: 'office',
    response: list('keys', keyReply, 'API keys'),
  },
  {
    method: 'post',
    path: '/api/keys/{id}/revoke',
    summary: 'Revoke an API key (idempotent: a revoked key keeps its first revokedAt)',
    auth: 'office',
    params: { id: shortId },
    status: 200,
    response: keyReply,
  },
];

/** Every documented route, in the order of the document. */
export function apiRoutes(): ApiRoute[] {
  return [
    ...CORE_ROUTES,
    ...feedOpenApi,
    ...publishingOpenApi,
    ...programmeImportOpenApi,
    ...reminderOpenApi,
    ...directiveOpenApi,
  ];
}

/** The OpenAPI document of this service at its public URL. */
export function apiDescription(publicBaseUrl: string): Record<string, unknown> {
  return openApiDocument({ baseUrl: publicBaseUrl, routes: apiRoutes(), pathParams: PATH_PARAMS });
}
