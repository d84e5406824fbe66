import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../http/auth';
import { registerOpenApiRoutes } from '../http/openapi';
import { inputOf, parseWith, validate } from '../http/validate';
import { code } from '../shared/schemas';
import type { RenderedFeed } from './cache';
import { notModified } from './conditional';
import { FeedNotFoundError, type FeedsService } from './service';
import { TOKEN_PATTERN } from './tokens';
import { feedQuery, linksQuery, tokenInput, tokenListQuery, type TokenInput, type TokenListQuery } from './schemas';
import type { FeedOptions } from './types';

const ICS = /^(.+)\.ics$/;
const BODY_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Parsed options by raw query string: the cached path skips query parsing and validation for
 * the few query strings clients actually send. Bounded; only valid ones are kept.
 */
const optionsByQuery = new Map<string, FeedOptions>();
function optionsOf(req: Request): FeedOptions {
  const q = req.url.indexOf('?');
  const raw = q < 0 ? '' : req.url.slice(q + 1);
  let options = optionsByQuery.get(raw);
  if (!options) {
    options = parseWith(feedQuery, req.query, 'query');
    if (optionsByQuery.size >= 1000) optionsByQuery.clear();
    optionsByQuery.set(raw, options);
  }
  return options;
}

/**
 * The headers of a feed response, the same for 200 and 304: the type whatever the Accept header,
 * the validators, and caching that lets any cache keep a copy but revalidate it each time (a 304
 * is cheap), so an edit shows at once; private feeds only in the client's own cache. Built once
 * per rendered feed (flat `[name, value, …]` lists for `writeHead`).
 */
const headersOf = new WeakMap<RenderedFeed, { ok: string[]; notModified: string[] }>();
function feedHeaders(feed: RenderedFeed, visibility: 'public' | 'private', filename: string): { ok: string[]; notModified: string[] } {
  let headers = headersOf.get(feed);
  if (!headers) {
    const common = [
      'Content-Type', 'text/calendar; charset=utf-8',
      'ETag', feed.etag,
      'Last-Modified', feed.lastModifiedHttp,
      'Cache-Control', `${visibility}, no-cache`,
      'X-Content-Type-Options', 'nosniff',
      'Content-Disposition', `inline; filename="${filename}"`,
      ...(visibility === 'private' ? ['X-Robots-Tag', 'noindex, nofollow'] : []),
    ];
    headers = { ok: [...common, 'Content-Length', String(feed.bytes.length)], notModified: common };
    headersOf.set(feed, headers);
  }
  return headers;
}

/** Writes a feed, or 304 when the client's copy is current. */
function sendFeed(req: Request, res: Response, feed: RenderedFeed, visibility: 'public' | 'private', filename: string): void {
  const headers = feedHeaders(feed, visibility, filename);
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch === feed.etag || notModified({ ifNoneMatch, ifModifiedSince: req.headers['if-modified-since'] }, feed.etag, feed.lastModified)) {
    res.writeHead(304, headers.notModified);
    res.end();
    return;
  }
  res.writeHead(200, headers.ok);
  res.end(feed.bytes);
}

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * `GET /feeds/public/<body>.ics` and `GET /feeds/<token>.ics` (mounted at the app root, no API
 * key). One plain middleware rather than a Router: the feed paths are fixed, and the cached path
 * is short enough that route matching showed in profiles.
 */
export function feedRoutes(feeds: FeedsService): RequestHandler {
  async function serve(req: Request, res: Response, rest: string): Promise<void> {
    if (rest.startsWith('public/')) {
      const name = ICS.exec(decoded(rest.slice('public/'.length)) ?? '')?.[1] ?? '';
      const body = BODY_CODE.test(name) ? name : parseWith(code, name, 'path.body');
      sendFeed(req, res, await feeds.publicFeed(body, optionsOf(req)), 'public', `${body}.ics`);
      return;
    }
    const secret = ICS.exec(decoded(rest) ?? '')?.[1];
    if (!secret) throw new FeedNotFoundError();
    const feed = await feeds.privateFeed(secret, optionsOf(req), { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.get('user-agent') ?? null });
    sendFeed(req, res, feed, 'private', 'lich-hop.ics');
  }
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/feeds/')) return next();
    const rest = req.path.slice('/feeds/'.length);
    const slash = rest.indexOf('/');
    if (rest === '' || (slash >= 0 && (!rest.startsWith('public/') || rest.indexOf('/', 'public/'.length) >= 0))) return next();
    serve(req, res, rest).catch(next);
  };
}

const byId = z.strictObject({ id: z.string().min(1).max(100) });

/** `/api/feed-tokens` (the Office manages private feeds) and `/api/feeds/links` (subscribe links of public feeds). */
export function feedApiRoutes(feeds: FeedsService): Router {
  const r = Router();
  const office = requireRole('office');
  const noStore = (res: Response) => res.setHeader('Cache-Control', 'no-store'); // responses carrying a secret URL

  r.get('/feeds/links', async (req, res) => {
    const { body, rest } = parseWith(linksQuery, req.query, 'query');
    res.json(await feeds.publicLinks(body, parseWith(feedQuery, rest, 'query')));
  });

  r.post('/feed-tokens', office, validate({ body: tokenInput }), async (_req, res) => {
    const created = await feeds.createToken(inputOf<never, never, TokenInput>(res).body, actorOf(res));
    noStore(res);
    res.status(201).json(created);
  });
  r.get('/feed-tokens', office, validate({ query: tokenListQuery }), async (_req, res) => {
    const q = inputOf<never, TokenListQuery>(res).query;
    res.json({ tokens: await feeds.listTokens({ ...(q.kind ? { kind: q.kind } : {}), ...(q.subject ? { subjectCode: q.subject } : {}) }) });
  });
  r.get('/feed-tokens/:id', office, validate({ params: byId }), async (_req, res) => void res.json(await feeds.getToken(inputOf<{ id: string }>(res).params.id)));
  r.post('/feed-tokens/:id/rotate', office, validate({ params: byId }), async (_req, res) => {
    const rotated = await feeds.rotateToken(inputOf<{ id: string }>(res).params.id, actorOf(res));
    noStore(res);
    res.status(201).json(rotated);
  });
  r.post('/feed-tokens/:id/revoke', office, validate({ params: byId }), async (_req, res) => void res.json(await feeds.revokeToken(inputOf<{ id: string }>(res).params.id)));
  r.delete('/feed-tokens/:id', office, validate({ params: byId }), async (_req, res) => void res.json(await feeds.revokeToken(inputOf<{ id: string }>(res).params.id)));
  return r;
}

const FEED_OPTIONS = {
  kind: 'meeting kinds, comma-separated (e.g. briefing,regular-session)',
  expand: '1: one plain event per occurrence (for clients that mishandle overrides)',
  cancelled: 'hide (default: EXDATE) or show (STATUS:CANCELLED, "[HỦY]" title)',
  alarm: 'VALARM before each meeting: 5m, 10m, 15m, 30m, 1h, 2h, 3h, 1d, 2d or 1w (or the same in minutes)',
};

const tokenParams = { id: byId.shape.id };
registerOpenApiRoutes([
  { method: 'get', path: '/feeds/public/{body}.ics', summary: "A body's public iCalendar feed (text/calendar; ETag, 304)", querySchema: feedQuery, query: FEED_OPTIONS },
  { method: 'get', path: '/feeds/{token}.ics', summary: 'A private iCalendar feed: an official\'s meetings or an agency\'s meetings and documents-due dates', params: { token: z.string().regex(TOKEN_PATTERN) }, querySchema: feedQuery, query: FEED_OPTIONS },
  { method: 'get', path: '/api/feeds/links', summary: 'Subscribe links (https, webcal, Google, Outlook) of a public feed', querySchema: [linksQuery, feedQuery], query: { body: 'body code', ...FEED_OPTIONS } },
  { method: 'post', path: '/api/feed-tokens', summary: 'Create a private feed for an official or an agency (its URL is shown only in this response)', auth: 'office', body: tokenInput },
  { method: 'get', path: '/api/feed-tokens', summary: 'List private feed tokens with last fetch time, client and count', auth: 'office', querySchema: tokenListQuery, query: { kind: 'official or agency', subject: 'official or agency code' } },
  { method: 'get', path: '/api/feed-tokens/{id}', summary: 'One private feed token', auth: 'office', params: tokenParams },
  { method: 'post', path: '/api/feed-tokens/{id}/rotate', summary: 'Replace a token by a new one (the old URL stops at once)', auth: 'office', params: tokenParams },
  { method: 'post', path: '/api/feed-tokens/{id}/revoke', summary: 'Revoke a token (the URL stops at once)', auth: 'office', params: tokenParams },
  { method: 'delete', path: '/api/feed-tokens/{id}', summary: 'Revoke a token (same as POST …/revoke)', auth: 'office', params: tokenParams },
]);
