import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from '../shared/errors';
import type { Clock } from '../shared/clock';
import type { Principal, Role } from './principal';

/**
 * The ports of authentication, implemented above this layer and wired by the app (src/app.ts):
 * the API key repository of src/access verifies keys, and the per-instance throttle of invalid
 * keys (src/access/throttle.ts, a FailureThrottle) counts failures.
 */
export interface KeyVerifier {
  /** The principal of a presented secret, or null when it is unknown or revoked. */
  authenticate(secret: string, now: Date): Promise<Principal | null>;
}

export interface InvalidKeyThrottle {
  /** Counts one invalid key from a client address: the seconds to wait once over the limit, else 0. */
  fail(clientAddress: string): number;
}

/** The client address a failure is counted against (`trust proxy` decides what `ip` is). */
export function clientAddress(req: {
  ip?: string | undefined;
  socket?: { remoteAddress?: string | undefined };
}): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}

/**
 * Reads `Authorization: Bearer <key>` (or `X-API-Key`) and sets `res.locals.principal` when valid.
 * An unknown or revoked key is 401; once its client address has presented too many of them within
 * the throttle's window, 429 with Retry-After. A valid key is never throttled.
 */
export function authenticate(keys: KeyVerifier, clock: Clock, throttle?: InvalidKeyThrottle): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = req.get('authorization');
      const secret = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? req.get('x-api-key');
      if (!secret) {
        next();
        return;
      }
      const principal = await keys.authenticate(secret, clock.now());
      if (!principal) {
        const retryAfter = throttle?.fail(clientAddress(req)) ?? 0;
        next(
          retryAfter > 0
            ? new RateLimitedError(retryAfter)
            : new UnauthorizedError('The API key is unknown or revoked.'),
        );
        return;
      }
      res.locals.principal = principal;
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | undefined) ?? null;
}

/** Lets the request through only for a key with one of the roles. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (!principal) {
      next(new UnauthorizedError());
      return;
    }
    if (!roles.includes(principal.role)) {
      next(new ForbiddenError(`This needs a key with role ${roles.join(' or ')}.`));
      return;
    }
    next();
  };
}

/** The actor recorded in histories: the key's name and role. */
export function actorOf(res: Response): string {
  const p = principalOf(res);
  return p ? `${p.name} (${p.role})` : 'anonymous';
}
