/**
 * Public reads answered from memory per schedule version: the first GET of a URL computes the
 * response from the read model, the next ones (same URL, same schedule version, same `variant`,
 * e.g. the local day for pages that mark today) send the same bytes and headers without computing
 * them again. Only anonymous GETs (no `Authorization`, `X-API-Key` or cookie), only the paths
 * given, only 200 responses that set no cookie; a response is stored only if the version did not
 * move while it was computed. Entries of older versions are never served (each carries its
 * version); the cache is bounded by bytes. Compression and ETags still apply (express's `res.send`
 * runs on every hit).
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';

interface Entry {
  version: number;
  variant: string;
  body: string | Buffer;
  headers: OutgoingHttpHeaders;
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
      res.send(hit.body);
      return;
    }
    const send = res.send.bind(res);
    let stored = false;
    res.send = (body?: unknown) => {
      if (
        !stored &&
        res.statusCode === 200 &&
        (typeof body === 'string' || Buffer.isBuffer(body)) &&
        res.getHeader('set-cookie') === undefined &&
        versionNow() === version
      ) {
        stored = true;
        const headers = { ...res.getHeaders() };
        delete headers.etag;
        delete headers['content-length'];
        const old = entries.get(key);
        if (old) bytes -= old.body.length;
        if (bytes + body.length > maxBytes) {
          entries.clear();
          bytes = 0;
        }
        entries.set(key, { version, variant: day, body, headers });
        bytes += body.length;
      }
      return send(body);
    };
    next();
  };
}
