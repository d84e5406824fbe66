import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../http/auth';
import { inputOf, validate } from '../http/validate';
import { code } from '../shared/schemas';
import { agencyInput, agencyPatch, bodyInput, bodyPatch, officialInput, officialPatch } from './schemas';
import type { OrganisationService } from './service';

const byCode = z.strictObject({ code });
const byBody = z.strictObject({ body: code.optional() });

/** /api/bodies, /api/agencies, /api/officials: reads are public, writes need an office key. */
export function organisationRoutes(org: OrganisationService): Router {
  const r = Router();
  const office = requireRole('office');

  r.get('/bodies', async (_req, res) => void res.json({ bodies: await org.listBodies() }));
  r.get(
    '/bodies/:code',
    validate({ params: byCode }),
    async (_req, res) => void res.json(await org.getBody(inputOf<{ code: string }>(res).params.code)),
  );
  r.post(
    '/bodies',
    office,
    validate({ body: bodyInput }),
    async (_req, res) =>
      void res.status(201).json(await org.createBody(inputOf<never, never, z.output<typeof bodyInput>>(res).body)),
  );
  r.patch('/bodies/:code', office, validate({ params: byCode, body: bodyPatch }), async (_req, res) => {
    const { params, body } = inputOf<{ code: string }, never, z.output<typeof bodyPatch>>(res);
    res.json(await org.updateBody(params.code, body));
  });

  r.get(
    '/agencies',
    validate({ query: byBody }),
    async (_req, res) =>
      void res.json({ agencies: await org.listAgencies(inputOf<never, { body?: string }>(res).query.body) }),
  );
  r.get(
    '/agencies/:code',
    validate({ params: byCode }),
    async (_req, res) => void res.json(await org.getAgency(inputOf<{ code: string }>(res).params.code)),
  );
  r.post(
    '/agencies',
    office,
    validate({ body: agencyInput }),
    async (_req, res) =>
      void res.status(201).json(await org.createAgency(inputOf<never, never, z.output<typeof agencyInput>>(res).body)),
  );
  r.patch('/agencies/:code', office, validate({ params: byCode, body: agencyPatch }), async (_req, res) => {
    const { params, body } = inputOf<{ code: string }, never, z.output<typeof agencyPatch>>(res);
    res.json(await org.updateAgency(params.code, body));
  });

  r.get(
    '/officials',
    validate({ query: byBody }),
    async (_req, res) =>
      void res.json({ officials: await org.listOfficials(inputOf<never, { body?: string }>(res).query.body) }),
  );
  r.get(
    '/officials/:code',
    validate({ params: byCode }),
    async (_req, res) => void res.json(await org.getOfficial(inputOf<{ code: string }>(res).params.code)),
  );
  r.post(
    '/officials',
    office,
    validate({ body: officialInput }),
    async (_req, res) =>
      void res
        .status(201)
        .json(await org.createOfficial(inputOf<never, never, z.output<typeof officialInput>>(res).body)),
  );
  r.patch('/officials/:code', office, validate({ params: byCode, body: officialPatch }), async (_req, res) => {
    const { params, body } = inputOf<{ code: string }, never, z.output<typeof officialPatch>>(res);
    res.json(await org.updateOfficial(params.code, body));
  });
  return r;
}
