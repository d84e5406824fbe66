/**
 * Writing a rendered feed: content coding chosen from Accept-Encoding (brotli, gzip or identity,
 * q-values honoured), bodies compressed once per rendered feed and kept with it, header lists
 * built once (flat `[name, value, …]` for `writeHead`), an ETag per coding, 304 on a match.
 * Works on node's own request and response, so the feeds' short path (short-path.ts) and the
 * express route share it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { type Coding, cachedCoding } from '../http/content-coding';
import { CORS_READ_HEADERS } from '../http/cors';
import type { RenderedFeed } from './cache';
import { notModified } from './conditional';

interface Representation {
  etag: string;
  ok: string[];
  notModified: string[];
  body: Buffer;
}
interface Representations {
  /** The ETags of every coding, for If-None-Match (a client may hold any of them). */
  etags: string[];
  byCoding: Partial<Record<Coding, Representation>>;
}

/** `"abc"` → `"abc-gz"`: a distinct strong validator per coding (RFC 9110 §8.8.3). */
function etagOf(etag: string, coding: Coding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding === 'gzip' ? 'gz' : 'br'}"`;
}

function compress(bytes: Buffer, coding: Coding): Buffer {
  if (coding === 'gzip') return gzipSync(bytes, { level: 9 });
  if (coding === 'br') {
    return brotliCompressSync(bytes, {
      params: {
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_QUALITY]: 9, // 11 costs ~10x more time for ~3% fewer bytes
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
  }
  return bytes;
}

const cache = new WeakMap<RenderedFeed, Map<string, Representations>>();

function representation(
  feed: RenderedFeed,
  coding: Coding,
  visibility: 'public' | 'private',
  filename: string,
): { reps: Representations; rep: Representation } {
  let perFeed = cache.get(feed);
  if (!perFeed) cache.set(feed, (perFeed = new Map<string, Representations>()));
  const key = `${visibility}|${filename}`;
  let reps = perFeed.get(key);
  if (!reps) {
    reps = { etags: (['identity', 'gzip', 'br'] as const).map((c) => etagOf(feed.etag, c)), byCoding: {} };
    perFeed.set(key, reps);
  }
  let rep = reps.byCoding[coding];
  if (!rep) {
    const etag = etagOf(feed.etag, coding);
    const common = [
      'Content-Type',
      'text/calendar; charset=utf-8',
      'ETag',
      etag,
      'Last-Modified',
      feed.lastModifiedHttp,
      'Cache-Control',
      `${visibility}, no-cache`,
      'Vary',
      'Accept-Encoding',
      'X-Content-Type-Options',
      'nosniff',
      'Content-Disposition',
      `inline; filename="${filename}"`,
      ...(visibility === 'private' ? ['X-Robots-Tag', 'noindex, nofollow'] : []),
      // What src/http/cors.ts sets on every read under /feeds/: here too, so the short path needs no middleware.
      ...CORS_READ_HEADERS,
    ];
    const body = compress(feed.bytes, coding);
    const ok = [
      ...common,
      ...(coding === 'identity' ? [] : ['Content-Encoding', coding]),
      'Content-Length',
      String(body.length),
    ];
    rep = { etag, ok, notModified: common, body };
    reps.byCoding[coding] = rep;
  }
  return { reps, rep };
}

/** True when If-None-Match names any coding's ETag of this feed (or `*`); else If-Modified-Since decides. */
function clientIsCurrent(
  req: IncomingMessage,
  reps: Representations,
  rep: Representation,
  feed: RenderedFeed,
): boolean {
  const inm = req.headers['if-none-match'];
  if (inm === undefined)
    return notModified({ ifModifiedSince: req.headers['if-modified-since'] }, rep.etag, feed.lastModified);
  if (inm === rep.etag) return true;
  return reps.etags.some((etag) => notModified({ ifNoneMatch: inm }, etag, feed.lastModified));
}

/**
 * Writes a feed in the coding the client prefers, or 304 when its copy is current. Returns the status and the
 * Content-Length sent (none on a 304), for the request log.
 */
export function sendFeed(
  req: IncomingMessage,
  res: ServerResponse,
  feed: RenderedFeed,
  visibility: 'public' | 'private',
  filename: string,
): { status: number; bytes?: number } {
  const { reps, rep } = representation(feed, cachedCoding(req.headers['accept-encoding']), visibility, filename);
  if (clientIsCurrent(req, reps, rep, feed)) {
    res.writeHead(304, rep.notModified);
    res.end();
    return { status: 304 };
  }
  res.writeHead(200, rep.ok);
  res.end(req.method === 'HEAD' ? undefined : rep.body);
  return { status: 200, bytes: rep.body.length };
}
