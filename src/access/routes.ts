import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../http/auth';
import { inputOf, validate } from '../http/validate';
import type { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import type { ApiKeyRepository } from './api-keys';

/** /api/keys: the Office lists and revokes keys (creation is a CLI command: `npm run apikey`). */
export function accessRoutes(keys: ApiKeyRepository, clock: Clock): Router {
  const r = Router();
  r.get('/keys', requireRole('office'), async (_req, res) => void res.json({ keys: await keys.list() }));
  // Idempotent: revoking a revoked key answers 200 with the key as it is (its first revokedAt kept).
  r.post(
    '/keys/:id/revoke',
    requireRole('office'),
    validate({ params: z.strictObject({ id: z.string().max(100) }) }),
    async (_req, res) => {
      const { id } = inputOf<{ id: string }>(res).params;
      const key = await keys.revoke(id, clock.now());
      if (!key) throw new NotFoundError('API key', id);
      res.json(key);
    },
  );
  return r;
}
