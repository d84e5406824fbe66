/**
 * The feeds' short path: the first handler of the app. A GET or HEAD of a public feed that is
 * already rendered for the current schedule version (and whose query string was seen and
 * validated before) is answered from memory with pre-built headers and precompressed bodies,
 * before any other middleware runs and without awaiting anything. Everything else (a first
 * request, a cache miss after an edit, a private feed, an error, an unusual path spelling) goes
 * the long way through express (routes.ts), which renders, caches and validates; the bytes and
 * headers are the same either way (send.ts), CORS headers included (built into the header lists).
 * Each request answered here is logged like every other (src/http/request-log.ts): one info line
 * with the method, the redacted path, status, ms, bytes and the client address (as `req.ip`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logRequest, msSince } from '../http/request-log';
import { redactUrl, type Logger } from '../shared/logger';
import { knownOptions } from './routes';
import { sendFeed } from './send';
import type { FeedsService } from './service';

const PREFIX = '/feeds/public/';
const BODY = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface ShortPathLog {
  logger: Logger;
  /** The client address as express's `req.ip` gives it (request-log.ts `clientAddress`). */
  clientAddress: (req: IncomingMessage) => string | undefined;
}

/** True when the request was answered. */
export function feedShortPath(
  feeds: FeedsService,
  log: ShortPathLog,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  /** Redacted paths of the URLs answered here (a bounded handful: bodies times known option strings). */
  const redacted = new Map<string, string>();
  const redact = (url: string) => {
    let r = redacted.get(url);
    if (r === undefined) {
      if (redacted.size >= 1000) redacted.clear();
      redacted.set(url, (r = redactUrl(url)));
    }
    return r;
  };
  return (req, res) => {
    const started = process.hrtime.bigint();
    const url = req.url;
    if (!url || !url.startsWith(PREFIX) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (!path.endsWith('.ics')) return false;
    const body = path.slice(PREFIX.length, -4);
    if (!BODY.test(body)) return false;
    const options = knownOptions(q < 0 ? '' : url.slice(q + 1));
    if (!options) return false;
    const feed = feeds.peekPublicFeed(body, options);
    if (!feed) return false;
    const sent = sendFeed(req, res, feed, 'public', `${body}.ics`);
    res.once('close', () =>
      logRequest(log.logger, {
        method: req.method,
        path: redact(url),
        status: res.writableFinished ? sent.status : 0,
        ms: msSince(started),
        ...(sent.bytes === undefined ? {} : { bytes: sent.bytes }),
        ip: log.clientAddress(req),
        ...(res.writableFinished ? {} : { aborted: true as const }),
      }),
    );
    return true;
  };
}
