import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
  type FieldProblem,
} from '../shared/errors';
import { isDatabaseUnavailable } from '../shared/db';
import type { Logger } from '../shared/logger';

/** Retry-After of a 503 while the database is away. */
export const RETRY_AFTER_SECONDS = 5;
import { redactUrl } from '../shared/logger';

/** The one JSON shape of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: FieldProblem[]; help?: string };
}

const STATUS: [new (...args: never[]) => AppError, number][] = [
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [RateLimitedError, 429],
];

/** Maps any thrown value to an HTTP status and the JSON error body. Never leaks a stack. */
export function toHttpError(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const status = STATUS.find(([cls]) => err instanceof cls)?.[1] ?? 400;
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err instanceof ValidationError || (err instanceof ConflictError && err.details.length)) {
      body.error.details = err.details;
    }
    if (err.help) body.error.help = err.help;
    return { status, body };
  }
  const e = err as {
    name?: string;
    type?: string;
    status?: number;
    statusCode?: number;
    code?: number;
    message?: string;
    path?: unknown;
    kind?: unknown;
  };
  // A mongoose CastError: a value from the request the database layer could not cast (an id or a
  // number in a path that no schema checked first). The user's mistake, not ours; the value is not echoed.
  if (e?.name === 'CastError' && typeof e.path === 'string') {
    const kind = typeof e.kind === 'string' && e.kind ? e.kind : 'value';
    return {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'The request has invalid fields.',
          details: [{ field: e.path, problem: `is not a valid ${kind}` }],
        },
      },
    };
  }
  // body-parser errors: malformed JSON, too large, wrong charset.
  if (e?.type === 'entity.parse.failed') {
    return {
      status: 400,
      body: {
        error: {
          code: 'invalid_json',
          message: 'The request body is not valid JSON.',
          details: [{ field: 'body', problem: 'is not valid JSON' }],
        },
      },
    };
  }
  if (e?.type === 'entity.too.large') {
    return { status: 413, body: { error: { code: 'payload_too_large', message: 'The request body is too large.' } } };
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: { code: 'bad_request', message: 'The request could not be understood.' } } };
  }
  // The database is away (down, frozen, restarting): not the request's fault, and worth retrying.
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      body: {
        error: {
          code: 'database_unavailable',
          message: 'The database is not reachable right now; try again shortly.',
          help: `Retry after ${RETRY_AFTER_SECONDS} seconds.`,
        },
      },
    };
  }
  // MongoDB duplicate key reaching here means a race between two writers: a conflict, not a crash.
  if (e?.code === 11000) {
    return {
      status: 409,
      body: { error: { code: 'conflict', message: 'A record with the same key already exists.' } },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side.' } } };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body } = toHttpError(err);
    if (status === 503) {
      logger.warn('database unavailable', {
        method: req.method,
        path: redactUrl(req.originalUrl),
        error: String((err as Error)?.message ?? err).slice(0, 300),
      });
    } else if (status >= 500) {
      logger.error('request failed', {
        method: req.method,
        path: redactUrl(req.originalUrl),
        error: String((err as Error)?.stack ?? err),
      });
    }
    if (res.headersSent) return; // logged above; the response is already on its way
    if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    if (err instanceof RateLimitedError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    res.status(status).json(body);
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError('Route', `${req.method} ${redactUrl(req.path)}`));
};
