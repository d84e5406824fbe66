/**
 * Builds the OpenAPI 3.1 description from route descriptions. It knows no domain: every component
 * exports the descriptions of its routes (with the zod schemas that validate them and those of its
 * replies), and the app assembles them (src/api-description.ts); nothing registers at import time.
 */
import { z } from 'zod';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export interface ApiRoute {
  method: Method;
  path: string;
  summary: string;
  auth?: 'office' | 'office or agency' | 'any key';
  body?: z.ZodType;
  /** Schemas of path parameters the route checks, by name; by default the document's path parameters by name. */
  params?: Record<string, z.ZodType>;
  /** The zod schema(s) that validate the query string: each field becomes a parameter with its constraints. */
  querySchema?: z.ZodType | z.ZodType[];
  /** Descriptions of query parameters (a parameter only described here is documented as a plain string). */
  query?: Record<string, string>;
  /** The JSON reply of success; its JSON Schema is generated from it (output side). */
  response?: z.ZodType;
  /** Status of success (default 200 for reads, 2XX otherwise). */
  status?: number;
  /** Media types of a reply that is not (only) JSON: text/calendar, text/html, DOCX... */
  media?: string[];
}
/**
 * The type of a reply schema's output without the `[key: string]: unknown` of loose objects, so that
 * a view function can declare it as its return type (`(): ReplyOf<typeof schema>`) and values typed
 * by interfaces still fit: the view and its documented schema cannot drift apart.
 */
export type ReplyOf<S extends z.ZodType> = WithoutLooseKeys<z.output<S>>;
type WithoutLooseKeys<T> = T extends (infer U)[]
  ? WithoutLooseKeys<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: WithoutLooseKeys<T[K]> }
    : T;
/** @deprecated the former name; use ApiRoute. */
export type Route = ApiRoute;

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, problem: { type: 'string' } } },
        },
        help: { type: 'string' },
      },
    },
  },
};

/** A zod schema as JSON Schema, without `$schema` (OpenAPI 3.1 takes JSON Schema 2020-12 inline). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json: Record<string, unknown> = { ...z.toJSONSchema(schema, { io, unrepresentable: 'any' }) };
  delete json.$schema;
  return json;
}

/** The fields of an object schema, through refinements and transforms (`z.object(...).refine().transform()`). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodPipe) s = s.in as z.ZodType;
  return s instanceof z.ZodObject ? s.shape : {};
}

function queryParameters(route: ApiRoute): Record<string, unknown>[] {
  const shape: Record<string, z.ZodType> = {};
  for (const schema of [route.querySchema ?? []].flat()) Object.assign(shape, shapeOf(schema));
  const names = [...new Set([...Object.keys(shape), ...Object.keys(route.query ?? {})])];
  return names.map((name) => {
    const schema = shape[name];
    const description = route.query?.[name];
    const required = schema ? !schema.safeParse(undefined).success : (description ?? '').includes('required');
    return {
      name,
      in: 'query',
      required,
      ...(description ? { description } : {}),
      schema: schema ? jsonSchema(schema, 'input') : { type: 'string' },
    };
  });
}

function successResponse(route: ApiRoute): [string, Record<string, unknown>] {
  const status = route.status ? String(route.status) : route.method === 'get' ? '200' : '2XX';
  const content: Record<string, unknown> = {};
  if (route.response) content['application/json'] = { schema: jsonSchema(route.response, 'output') };
  for (const type of route.media ?? []) content[type] ??= {};
  // A route without a reply schema (the docs test allows none): a JSON object, said plainly rather than left blank.
  if (!route.response && !route.media && route.method !== 'delete')
    content['application/json'] = { schema: { type: 'object' } };
  const description =
    route.response?.description ??
    (route.media
      ? `One of: ${route.media.join(', ')}`
      : route.method === 'delete'
        ? 'Done'
        : 'A JSON object (fields not described yet)');
  return [status, { description, ...(Object.keys(content).length ? { content } : {}) }];
}

export interface OpenApiOptions {
  /** PUBLIC_BASE_URL: the one server of the document. */
  baseUrl: string;
  routes: ApiRoute[];
  /** Path parameters shared by many routes, by name, with the constraints their routes check. */
  pathParams?: Record<string, z.ZodType>;
  version?: string;
}

/** The OpenAPI 3.1 description served at /openapi.json: parameters, bodies and replies from the zod schemas. */
export function openApiDocument(options: OpenApiOptions): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of options.routes) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => {
      const schema = route.params?.[m[1]!] ?? options.pathParams?.[m[1]!];
      return {
        name: m[1],
        in: 'path',
        required: true,
        schema: schema ? jsonSchema(schema, 'input') : { type: 'string' },
      };
    });
    const op: Record<string, unknown> = {
      summary: route.summary,
      parameters: [...params, ...queryParameters(route)],
      responses: Object.fromEntries([
        successResponse(route),
        ['4XX', { description: 'Client error', content: { 'application/json': { schema: errorSchema } } }],
        [
          '503',
          {
            description: 'Database unavailable (with Retry-After)',
            content: { 'application/json': { schema: errorSchema } },
          },
        ],
      ]),
    };
    if (route.auth) {
      op.security = [{ apiKey: [] }];
      op.description = `Requires an API key (${route.auth}).`;
    }
    if (route.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
    }
    (paths[route.path] ??= {})[route.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lịch họp — meeting calendar API',
      version: options.version ?? '0.1.0',
      description: 'Meetings, agendas and calendars of a Vietnamese local government office.',
    },
    servers: [{ url: options.baseUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'API key created with `npm run apikey -- create`' },
      },
    },
    paths,
  };
}
