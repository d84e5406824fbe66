import { z } from 'zod';
import { adjustmentInput } from '../calendar/adjustments';
import { daysQuery, holidaysQuery } from '../calendar/routes';
import { assignInput, itemInput, itemParams, itemPatch, itemsInput, statusInput } from '../agenda/schemas';
import { cancelInput, detailsInput, extraSessionInput, meetingInput, moveInput, seriesInput, seriesPatch, windowQuery } from '../meetings/schemas';
import { agencyInput, agencyPatch, bodyInput, bodyPatch, officialInput, officialPatch } from '../organisation/schemas';
import { monthPeriod, weekPeriod } from '../publishing/periods';
import { code } from '../shared/schemas';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export interface Route {
  method: Method;
  path: string;
  summary: string;
  auth?: 'office' | 'office or agency' | 'any key';
  body?: z.ZodType;
  /** Schemas of path parameters the route checks, by name; by default PATH_PARAMS by name. */
  params?: Record<string, z.ZodType>;
  /** The zod schema(s) that validate the query string: each field becomes a parameter with its constraints. */
  querySchema?: z.ZodType | z.ZodType[];
  /** Descriptions of query parameters (a parameter only described here is documented as a plain string). */
  query?: Record<string, string>;
}

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

const ROUTES: Route[] = [
  { method: 'get', path: '/healthz', summary: 'Service and database health' },
  { method: 'get', path: '/api/bodies', summary: 'List bodies' },
  { method: 'post', path: '/api/bodies', summary: 'Create a body', auth: 'office', body: bodyInput },
  { method: 'get', path: '/api/bodies/{code}', summary: 'Get a body' },
  { method: 'patch', path: '/api/bodies/{code}', summary: 'Change a body', auth: 'office', body: bodyPatch },
  { method: 'get', path: '/api/agencies', summary: 'List agencies', querySchema: bodyFilter, query: { body: 'body code' } },
  { method: 'post', path: '/api/agencies', summary: 'Create an agency', auth: 'office', body: agencyInput },
  { method: 'get', path: '/api/agencies/{code}', summary: 'Get an agency' },
  { method: 'patch', path: '/api/agencies/{code}', summary: 'Change an agency', auth: 'office', body: agencyPatch },
  { method: 'get', path: '/api/officials', summary: 'List officials', querySchema: bodyFilter, query: { body: 'body code' } },
  { method: 'post', path: '/api/officials', summary: 'Create an official', auth: 'office', body: officialInput },
  { method: 'get', path: '/api/officials/{code}', summary: 'Get an official' },
  { method: 'patch', path: '/api/officials/{code}', summary: 'Change an official', auth: 'office', body: officialPatch },
  { method: 'get', path: '/api/series', summary: 'List meeting series', querySchema: bodyFilter, query: { body: 'body code' } },
  { method: 'post', path: '/api/series', summary: 'Create a recurring meeting series', auth: 'office', body: seriesInput },
  { method: 'get', path: '/api/series/{id}', summary: 'Get a series' },
  { method: 'patch', path: '/api/series/{id}', summary: 'Change a series (bumps its SEQUENCE, re-times due dates)', auth: 'office', body: seriesPatch },
  { method: 'post', path: '/api/series/{id}/extra-sessions', summary: 'Add an extra session to a series', auth: 'office', body: extraSessionInput },
  { method: 'post', path: '/api/meetings', summary: 'Create a one-off meeting', auth: 'office', body: meetingInput },
  {
    method: 'get',
    path: '/api/occurrences',
    summary: 'Occurrences in a window (at most 400 days), sorted by start, with agendas',
    querySchema: windowQuery,
    query: { from: 'first day, YYYY-MM-DD (1970-01-01 to 2100-12-31)', to: 'last day, YYYY-MM-DD, at most 400 days after from', body: 'body code', agency: 'agency code (attends or prepares)', kind: 'meeting kind' },
  },
  { method: 'get', path: '/api/occurrences/{id}', summary: 'One occurrence with its agenda' },
  { method: 'patch', path: '/api/occurrences/{id}', summary: "An occurrence's own title, description, place or attendees", auth: 'office', body: detailsInput },
  { method: 'post', path: '/api/occurrences/{id}/move', summary: 'Move one occurrence', auth: 'office', body: moveInput },
  { method: 'post', path: '/api/occurrences/{id}/cancel', summary: 'Cancel one occurrence', auth: 'office', body: cancelInput },
  { method: 'post', path: '/api/occurrences/{id}/restore', summary: 'Undo a cancellation', auth: 'office' },
  { method: 'get', path: '/api/occurrences/{id}/agenda', summary: 'Agenda items of an occurrence' },
  { method: 'post', path: '/api/occurrences/{id}/agenda', summary: 'Add one item, or several as {items: [...]}', auth: 'office', body: z.union([itemsInput, itemInput]) },
  { method: 'post', path: '/api/occurrences/{id}/agenda/assign', summary: 'Assign a range of items ("1-6") to an agency', auth: 'office', body: assignInput },
  { method: 'patch', path: '/api/occurrences/{id}/agenda/{number}', summary: 'Change an item', auth: 'office', body: itemPatch },
  { method: 'post', path: '/api/occurrences/{id}/agenda/{number}/status', summary: "Set an item's status (agency keys: own items, preparing/submitted)", auth: 'office or agency', body: statusInput },
  { method: 'post', path: '/api/occurrences/{id}/agenda/{number}/carry-over', summary: 'Carry a deferred item to the next occurrence', auth: 'office' },
  { method: 'get', path: '/api/occurrences/{id}/agenda/{number}/history', summary: 'History of an item', auth: 'any key' },
  { method: 'get', path: '/api/calendar/holidays', summary: 'Public holidays and days off of a year', querySchema: holidaysQuery, query: { year: '1970-2100' } },
  { method: 'get', path: '/api/calendar/days', summary: 'Days with weekday, lunar date and working-day state', querySchema: daysQuery, query: { from: 'YYYY-MM-DD, from 1970-02-01', to: 'YYYY-MM-DD, at most 366 days after from, until 2100-12-31' } },
  { method: 'get', path: '/api/calendar/adjustments', summary: 'Official calendar adjustments' },
  { method: 'post', path: '/api/calendar/adjustments', summary: 'Record an official adjustment (Tết span, 2/9 extra day, swap, make-up day)', auth: 'office', body: adjustmentInput },
  { method: 'delete', path: '/api/calendar/adjustments/{id}', summary: 'Remove an adjustment', auth: 'office', params: { id: shortId } },
  { method: 'get', path: '/api/keys', summary: 'List API keys (never their secrets)', auth: 'office' },
  { method: 'post', path: '/api/keys/{id}/revoke', summary: 'Revoke an API key (idempotent: a revoked key keeps its first revokedAt)', auth: 'office', params: { id: shortId } },
];

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, problem: { type: 'string' } } } },
        help: { type: 'string' },
      },
    },
  },
};

/** The JSON schema of one parameter, from the zod schema that checks it (input side: before coercion). */
function parameterSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  void $schema;
  return json;
}

/** The fields of an object schema, through refinements and transforms (`z.object(...).refine().transform()`). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodPipe) s = s.in as z.ZodType;
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : {};
}

function queryParameters(route: Route): Record<string, unknown>[] {
  const shape: Record<string, z.ZodType> = {};
  for (const schema of [route.querySchema ?? []].flat()) Object.assign(shape, shapeOf(schema));
  const names = [...new Set([...Object.keys(shape), ...Object.keys(route.query ?? {})])];
  return names.map((name) => {
    const schema = shape[name];
    const description = route.query?.[name];
    const required = schema ? !schema.isOptional() : (description ?? '').includes('required');
    return { name, in: 'query', required, ...(description ? { description } : {}), schema: schema ? parameterSchema(schema) : { type: 'string' } };
  });
}

/** Extra routes other components register (feeds, programmes...). */
const extraRoutes: Route[] = [];
export function registerOpenApiRoutes(routes: Route[]): void {
  extraRoutes.push(...routes);
}

/** The OpenAPI 3.1 description served at /openapi.json; request schemas come from the same zod schemas that validate. */
export function openApiDocument(baseUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...ROUTES, ...extraRoutes]) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => {
      const schema = route.params?.[m[1]!] ?? PATH_PARAMS[m[1]!];
      return { name: m[1], in: 'path', required: true, schema: schema ? parameterSchema(schema) : { type: 'string' } };
    });
    const query = queryParameters(route);
    const op: Record<string, unknown> = {
      summary: route.summary,
      parameters: [...params, ...query],
      responses: {
        '200': { description: 'OK' },
        '4XX': { description: 'Client error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
    if (route.auth) {
      op.security = [{ apiKey: [] }];
      op.description = `Requires an API key (${route.auth}).`;
    }
    if (route.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) } } };
    }
    (paths[route.path] ??= {})[route.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Lịch họp — meeting calendar API', version: '0.1.0', description: 'Meetings, agendas and calendars of a Vietnamese local government office.' },
    servers: [{ url: baseUrl }],
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'API key created with `npm run apikey -- create`' } } },
    paths,
  };
}
