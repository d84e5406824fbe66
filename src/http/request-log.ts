/**
 * One structured log line per request at info, when the reply is finished (or the client went away):
 * `{"level":"info","msg":"request","method":"GET","path":"/feeds/[redacted]","status":200,"ms":3.1,
 * "bytes":2048,"ip":"203.0.113.7"}`. The path goes through redactUrl (tokens and every query value
 * but harmless ones are replaced); no header, body or key is ever logged. `ip` is the client address
 * as express sees it (TRUST_PROXY decides whether X-Forwarded-For counts), the one the rate limits use.
 */
import type { IncomingMessage } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import { redactUrl, type Logger } from '../shared/logger';

/** The fields of a request line, in their order (the feeds' short path logs the same shape). */
export interface RequestLine {
  method: string | undefined;
  /** Already redacted (redactUrl). */
  path: string;
  status: number;
  ms: number;
  bytes?: number;
  ip: string | undefined;
  aborted?: true;
}
export function logRequest(logger: Logger, line: RequestLine): void {
  logger.info('request', line as unknown as Record<string, unknown>);
}
/** Milliseconds since a `process.hrtime.bigint()`, to 0.1 ms. */
export const msSince = (started: bigint): number => Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;

/**
 * The client address as express's `req.ip` gives it (its getter, with the app's trust proxy setting), for a
 * handler that answers before express has set up the request (src/feeds/short-path.ts).
 */
export function clientAddress(app: Express): (req: IncomingMessage) => string | undefined {
  const ip = Object.getOwnPropertyDescriptor(express.request, 'ip')?.get;
  if (!ip) throw new Error('express.request has no ip getter');
  return (req) => ip.call({ app, headers: req.headers, socket: req.socket }) as string | undefined;
}

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const length = Number(res.getHeader('content-length'));
      logRequest(logger, {
        method: req.method,
        path: redactUrl(req.originalUrl),
        status: res.writableFinished ? res.statusCode : 0,
        ms: msSince(started),
        ...(Number.isFinite(length) ? { bytes: length } : {}),
        ip: req.ip,
        ...(res.writableFinished ? {} : { aborted: true as const }),
      });
    };
    res.on('finish', log);
    res.on('close', log);
    next();
  };
}
