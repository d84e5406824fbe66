import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../http/auth';
import type { ApiRoute } from '../http/openapi';
import { inputOf, parseWith, validate } from '../http/validate';
import { code } from '../shared/schemas';
import { sendFeed } from './send';
import { feedTokenReply, feedTokensReply, issuedTokenReply, rotatedTokenReply, subscribeLinksReply } from './replies';
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
/** The options of a raw query string already seen and valid, else undefined (the short path's lookup). */
export function knownOptions(rawQuery: string): FeedOptions | undefined {
  return optionsByQuery.get(rawQuery);
}
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
    const feed = await feeds.privateFeed(secret, optionsOf(req), {
      ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      userAgent: req.get('user-agent') ?? null,
    });
    sendFeed(req, res, feed, 'private', 'lich-hop.ics');
  }
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/feeds/')) {
      next();
      return;
    }
    const rest = req.path.slice('/feeds/'.length);
    const slash = rest.indexOf('/');
    if (rest === '' || (slash >= 0 && (!rest.startsWith('public/') || rest.indexOf('/', 'public/'.length) >= 0))) {
      next();
      return;
    }
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
    res.json({
      tokens: await feeds.listTokens({
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.subject ? { subjectCode: q.subject } : {}),
      }),
    });
  });
  r.get(
    '/feed-tokens/:id',
    office,
    validate({ params: byId }),
    async (_req, res) => void res.json(await feeds.getToken(inputOf<{ id: string }>(res).params.id)),
  );
  r.post('/feed-tokens/:id/rotate', office, validate({ params: byId }), async (_req, res) => {
    const rotated = await feeds.rotateToken(inputOf<{ id: string }>(res).params.id, actorOf(res));
    noStore(res);
    res.status(201).json(rotated);
  });
  r.post(
    '/feed-tokens/:id/revoke',
    office,
    validate({ params: byId }),
    async (_req, res) => void res.json(await feeds.revokeToken(inputOf<{ id: string }>(res).params.id)),
  );
  r.delete(
    '/feed-tokens/:id',
    office,
    validate({ params: byId }),
    async (_req, res) => void res.json(await feeds.revokeToken(inputOf<{ id: string }>(res).params.id)),
  );
  return r;
}

const FEED_OPTIONS = {
  kind: 'meeting kinds, comma-separated (e.g. briefing,regular-session)',
  expand: '1: one plain event per occurrence (for clients that mishandle overrides)',
  cancelled: 'hide (default: EXDATE) or show (STATUS:CANCELLED, "[HỦY]" title)',
  alarm: 'VALARM before each meeting: 5m, 10m, 15m, 30m, 1h, 2h, 3h, 1d, 2d or 1w (or the same in minutes)',
};

const tokenParams = { id: byId.shape.id };
/** This component's routes in the OpenAPI description (assembled by src/api-description.ts). */
export const feedOpenApi: ApiRoute[] = [
  {
    method: 'get',
    path: '/feeds/public/{body}.ics',
    summary: "A body's public iCalendar feed (text/calendar; ETag, 304)",
    querySchema: feedQuery,
    query: FEED_OPTIONS,
    media: ['text/calendar'],
  },
  {
    method: 'get',
    path: '/feeds/{token}.ics',
    summary: "A private iCalendar feed: an official's meetings or an agency's meetings and documents-due dates",
    params: { token: z.string().regex(TOKEN_PATTERN) },
    querySchema: feedQuery,
    query: FEED_OPTIONS,
    media: ['text/calendar'],
  },
  {
    method: 'get',
    path: '/api/feeds/links',
    summary: 'Subscribe links (https, webcal, Google, Outlook) of a public feed',
    querySchema: [linksQuery, feedQuery],
    query: { body: 'body code', ...FEED_OPTIONS },
    response: subscribeLinksReply,
  },
  {
    method: 'post',
    path: '/api/feed-tokens',
    summary: 'Create a private feed for an official or an agency (its URL is shown only in this response)',
    auth: 'office',
    body: tokenInput,
    status: 201,
    response: issuedTokenReply,
  },
  {
    method: 'get',
    path: '/api/feed-tokens',
    summary: 'List private feed tokens with last fetch time, client and count',
    auth: 'office',
    querySchema: tokenListQuery,
    query: { kind: 'official or agency', subject: 'official or agency code' },
    response: feedTokensReply,
  },
  {
    method: 'get',
    path: '/api/feed-tokens/{id}',
    summary: 'One private feed token',
    auth: 'office',
    params: tokenParams,
    response: feedTokenReply,
  },
  {
    method: 'post',
    path: '/api/feed-tokens/{id}/rotate',
    summary: 'Replace a token by a new one (the old URL stops at once)',
    auth: 'office',
    params: tokenParams,
    status: 201,
    response: rotatedTokenReply,
  },
  {
    method: 'post',
    path: '/api/feed-tokens/{id}/revoke',
    summary: 'Revoke a token (the URL stops at once)',
    auth: 'office',
    params: tokenParams,
    status: 200,
    response: feedTokenReply,
  },
  {
    method: 'delete',
    path: '/api/feed-tokens/{id}',
    summary: 'Revoke a token (same as POST …/revoke)',
    auth: 'office',
    params: tokenParams,
    status: 200,
    response: feedTokenReply,
  },
];
