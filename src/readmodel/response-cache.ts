/**
 * Public reads answered from memory per schedule version: the first GET of a URL computes the
 * response from the read model, the next ones (same URL, same schedule version, same `variant`,
 * e.g. the local day for pages that mark today) are written straight from memory: the stored
 * headers, the ETag computed once (the same weak ETag express gives the first response), a 304 when
 * the client holds it, and the body in the coding the client accepts (gzip and brotli compressed
 * once per entry, on first demand). Only anonymous GETs (no `Authorization`, `X-API-Key` or cookie),
 * only the paths given, only 200 responses that set no cookie; a response is stored only if the
 * version did not move while it was computed. Entries of older versions are never served (each
 * carries its version); the cache is bounded by bytes (bodies, keys, compressed copies and a fixed
 * overhead per entry) and by entries; URLs over 512 characters are not cached.
 *
 * Mounted before the compression middleware: a miss goes on through it (and is compressed per
 * request as any response), a hit does not need it.
 */
import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { RequestHandler } from 'express';
import { cachedCoding } from '../http/content-coding';

/** Bodies smaller than this are sent as they are (as the compression middleware's threshold). */
const COMPRESS_FROM_BYTES = 1024;
/** URLs longer than this are not cached (a padded query string must not make its own entry). */
const MAX_URL_LENGTH = 512;
/** At most this many entries: many small answers (e.g. empty ranges) are bounded by count, not bytes. */
const MAX_ENTRIES = 5000;
/** Bytes an entry costs besides its body and key: the headers object, the map entry, compressed copies' headroom. */
const ENTRY_OVERHEAD_BYTES = 2048;

function costOf(key: string, body: Buffer): number {
  // the compressed copies are made on demand and are smaller than the body: counted as one more body at most
  return 2 * body.length + 2 * key.length + ENTRY_OVERHEAD_BYTES;
}

interface Entry {
  version: number;
  variant: string;
  body: Buffer;
  etag: string;
  headers: OutgoingHttpHeaders;
  gzip?: Buffer;
  br?: Buffer;
}

/** The weak ETag express gives a body (the `etag` package's: length and SHA-1, base64, 27 chars). */
export function weakEtag(body: Buffer): string {
  const hash = createHash('sha1').update(body).digest('base64').substring(0, 27);
  return `W/"${body.length.toString(16)}-${hash}"`;
}

/** Whether an If-None-Match value names the ETag (weak comparison, RFC 9110 §13.1.2; `*` matches). */
export function noneMatchHolds(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === opaque;
  });
}

function encoded(entry: Entry, coding: 'br' | 'gzip'): Buffer {
  if (coding === 'gzip') return (entry.gzip ??= gzipSync(entry.body));
  return (entry.br ??= brotliCompressSync(entry.body, {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 6, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: entry.body.length },
  }));
}

export function publicReadCache(options: {
  versionNow: () => number | null;
  paths: RegExp;
  variant?: () => string;
  maxBytes?: number;
}): RequestHandler {
  const { versionNow, paths, variant = () => '', maxBytes = 32 * 1024 * 1024 } = options;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  return (req, res, next) => {
    const h = req.headers;
    if (
      req.method !== 'GET' ||
      h.authorization !== undefined ||
      h['x-api-key'] !== undefined ||
      h.cookie !== undefined ||
      req.originalUrl.length > MAX_URL_LENGTH ||
      !paths.test(req.path)
    ) {
      next();
      return;
    }
    const version = versionNow();
    if (version === null) {
      next();
      return;
    }
    const key = req.originalUrl;
    const day = variant();
    const hit = entries.get(key);
    if (hit && hit.version === version && hit.variant === day) {
      for (const [name, value] of Object.entries(hit.headers)) if (value !== undefined) res.setHeader(name, value);
      res.setHeader('ETag', hit.etag);
      if (noneMatchHolds(h['if-none-match'], hit.etag)) {
        res.removeHeader('Content-Type');
        res.writeHead(304);
        res.end();
        return;
      }
      const coding = hit.body.length >= COMPRESS_FROM_BYTES ? cachedCoding(h['accept-encoding']) : 'identity';
      const body = coding === 'identity' ? hit.body : encoded(hit, coding);
      if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
      res.setHeader('Content-Length', body.length);
      res.writeHead(200);
      res.end(body);
      return;
    }
    const send = res.send.bind(res);
    let stored = false;
    res.send = (body?: unknown) => {
      const eligible =
        !stored &&
        res.statusCode === 200 &&
        (typeof body === 'string' || Buffer.isBuffer(body)) &&
        res.getHeader('set-cookie') === undefined &&
        versionNow() === version;
      const result = send(body);
      // after express's send: its Content-Type (with charset) and ETag are set; a 304 it turned the response
      // into (the client's copy was current) has lost its Content-Type, so only a 200 is stored
      if (eligible && res.statusCode === 200 && typeof res.getHeader('content-type') === 'string') {
        stored = true;
        const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
        const headers = { ...res.getHeaders() };
        const etag = typeof headers.etag === 'string' ? headers.etag : weakEtag(buffer);
        for (const name of ['etag', 'content-length', 'content-encoding']) Reflect.deleteProperty(headers, name);
        const vary = typeof headers.vary === 'string' ? headers.vary : '';
        headers.vary = /accept-encoding/i.test(vary) ? vary : vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
        const cost = costOf(key, buffer);
        const old = entries.get(key);
        if (old) bytes -= costOf(key, old.body);
        if (bytes + cost > maxBytes || entries.size >= MAX_ENTRIES) {
          entries.clear();
          bytes = 0;
        }
        entries.set(key, { version, variant: day, body: buffer, etag, headers });
        bytes += cost;
      }
      return result;
    };
    next();
  };
}
