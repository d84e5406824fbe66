import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApiKeyRepository, Principal, Role } from '../access/api-keys';
import { clientAddress } from '../access/throttle';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from '../shared/errors';
import type { Clock } from '../shared/clock';
import type { FailureThrottle } from '../shared/rate-limit';

/**
 * Reads `Authorization: Bearer <key>` (or `X-API-Key`) and sets `res.locals.principal` when valid.
 * An unknown or revoked key is 401; once its client address has presented too many of them within
 * the throttle's window, 429 with Retry-After. A valid key is never throttled.
 */
export function authenticate(keys: ApiKeyRepository, clock: Clock, throttle?: FailureThrottle): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = req.get('authorization');
      const secret = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? req.get('x-api-key');
      if (!secret) return next();
      const principal = await keys.authenticate(secret, clock.now());
      if (!principal) {
        const retryAfter = throttle?.fail(clientAddress(req)) ?? 0;
        return next(retryAfter > 0 ? new RateLimitedError(retryAfter) : new UnauthorizedError('The API key is unknown or revoked.'));
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
    if (!principal) return next(new UnauthorizedError());
    if (!roles.includes(principal.role)) return next(new ForbiddenError(`This needs a key with role ${roles.join(' or ')}.`));
    next();
  };
}

/** The actor recorded in histories: the key's name and role. */
export function actorOf(res: Response): string {
  const p = principalOf(res);
  return p ? `${p.name} (${p.role})` : 'anonymous';
}
