/**
 * CORS for public reads only: iCal feeds, the documents (/programmes, /schedules), the OpenAPI
 * document and GETs of the JSON API. `Access-Control-Allow-Origin: *` without credentials: a page
 * of another site can read what anyone may read without a key, but cannot send a key or a session
 * cookie (Authorization is not an allowed header), so keyed reads and every write stay same-origin.
 * Preflights of anything but GET/HEAD get no CORS headers, so browsers refuse cross-site writes.
 */
import type { RequestHandler } from 'express';

const PUBLIC_READS = /^\/(?:feeds\/|programmes(?:\/|$)|schedules\/|openapi\.json$|api\/)/i;
const READ_METHODS = new Set(['GET', 'HEAD']);

export const CORS_EXPOSED_HEADERS = 'ETag, Last-Modified, Retry-After, Content-Disposition';
/** What a public read carries, as a flat header list (feeds build it into their pre-built headers: feeds/send.ts). */
export const CORS_READ_HEADERS: readonly string[] = [
  'Access-Control-Allow-Origin',
  '*',
  'Access-Control-Expose-Headers',
  CORS_EXPOSED_HEADERS,
];

export function publicReadCors(): RequestHandler {
  return (req, res, next) => {
    if (!PUBLIC_READS.test(req.path)) {
      next();
      return;
    }
    if (READ_METHODS.has(req.method)) {
      for (let i = 0; i < CORS_READ_HEADERS.length; i += 2) {
        res.setHeader(CORS_READ_HEADERS[i]!, CORS_READ_HEADERS[i + 1]!);
      }
      next();
      return;
    }
    const wanted = String(req.headers['access-control-request-method'] ?? '').toUpperCase();
    if (req.method === 'OPTIONS' && READ_METHODS.has(wanted)) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
      // Conditional requests of calendar and document clients; never Authorization.
      res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since');
      res.setHeader('Access-Control-Max-Age', '86400');
      res.status(204).end();
      return;
    }
    next();
  };
}
