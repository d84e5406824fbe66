import { z } from 'zod';
import { adjustmentInput } from '../calendar/adjustments';
import { assignInput, itemInput, itemPatch, itemsInput, statusInput } from '../agenda/schemas';
import { cancelInput, detailsInput, extraSessionInput, meetingInput, moveInput, seriesInput, seriesPatch } from '../meetings/schemas';
import { agencyInput, agencyPatch, bodyInput, bodyPatch, officialInput, officialPatch } from '../organisation/schemas';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: string;
  summary: string;
  auth?: 'office' | 'office or agency' | 'any key';
  body?: z.ZodType;
  query?: Record<string, string>;
}

const ROUTES: Route[] = [
  { method: 'get', path: '/healthz', summary: 'Service and database health' },
  { method: 'get', path: '/api/bodies', summary: 'List bodies' },
  { method: 'post', path: '/api/bodies', summary: 'Create a body', auth: 'office', body: bodyInput },
  { method: 'get', path: '/api/bodies/{code}', summary: 'Get a body' },
  { method: 'patch', path: '/api/bodies/{code}', summary: 'Change a body', auth: 'office', body: bodyPatch },
  { method: 'get', path: '/api/agencies', summary: 'List agencies', query: { body: 'body code' } },
  { method: 'post', path: '/api/agencies', summary: 'Create an agency', auth: 'office', body: agencyInput },
  { method: 'get', path: '/api/agencies/{code}', summary: 'Get an agency' },
  { method: 'patch', path: '/api/agencies/{code}', summary: 'Change an agency', auth: 'office', body: agencyPatch },
  { method: 'get', path: '/api/officials', summary: 'List officials', query: { body: 'body code' } },
  { method: 'post', path: '/api/officials', summary: 'Create an official', auth: 'office', body: officialInput },
  { method: 'get', path: '/api/officials/{code}', summary: 'Get an official' },
  { method: 'patch', path: '/api/officials/{code}', summary: 'Change an official', auth: 'office', body: officialPatch },
  { method: 'get', path: '/api/series', summary: 'List meeting series', query: { body: 'body code' } },
  { method: 'post', path: '/api/series', summary: 'Create a recurring meeting series', auth: 'office', body: seriesInput },
  { method: 'get', path: '/api/series/{id}', summary: 'Get a series' },
  { method: 'patch', path: '/api/series/{id}', summary: 'Change a series (bumps its SEQUENCE, re-times due dates)', auth: 'office', body: seriesPatch },
  { method: 'post', path: '/api/series/{id}/extra-sessions', summary: 'Add an extra session to a series', auth: 'office', body: extraSessionInput },
  { method: 'post', path: '/api/meetings', summary: 'Create a one-off meeting', auth: 'office', body: meetingInput },
  {
    method: 'get',
    path: '/api/occurrences',
    summary: 'Occurrences in a window (at most 400 days), sorted by start, with agendas',
    query: { from: 'YYYY-MM-DD (required)', to: 'YYYY-MM-DD (required)', body: 'body code', agency: 'agency code (attends or prepares)', kind: 'meeting kind' },
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
  { method: 'get', path: '/api/calendar/holidays', summary: 'Public holidays and days off of a year', query: { year: '1970-2100 (required)' } },
  { method: 'get', path: '/api/calendar/days', summary: 'Days with weekday, lunar date and working-day state', query: { from: 'YYYY-MM-DD (required)', to: 'YYYY-MM-DD (required)' } },
  { method: 'get', path: '/api/calendar/adjustments', summary: 'Official calendar adjustments' },
  { method: 'post', path: '/api/calendar/adjustments', summary: 'Record an official adjustment (Tết span, 2/9 extra day, swap, make-up day)', auth: 'office', body: adjustmentInput },
  { method: 'delete', path: '/api/calendar/adjustments/{id}', summary: 'Remove an adjustment', auth: 'office' },
  { method: 'get', path: '/api/keys', summary: 'List API keys (never their secrets)', auth: 'office' },
  { method: 'post', path: '/api/keys/{id}/revoke', summary: 'Revoke an API key', auth: 'office' },
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

/** Extra routes other components register (feeds, programmes...). */
const extraRoutes: Route[] = [];
export function registerOpenApiRoutes(routes: Route[]): void {
  extraRoutes.push(...routes);
}

/** The OpenAPI 3.1 description served at /openapi.json; request schemas come from the same zod schemas that validate. */
export function openApiDocument(baseUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...ROUTES, ...extraRoutes]) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = Object.entries(route.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: description.includes('required'), description, schema: { type: 'string' } }));
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
