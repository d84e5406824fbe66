import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { actorOf, principalOf, requireRole } from '../http/auth';
import { inputOf, validate } from '../http/validate';
import type { OrganisationRepositories } from '../organisation/repository';
import type { MeetingsService } from '../meetings/service';
import { loadDirectory } from '../meetings/views';
import {
  assignInput,
  itemInput,
  itemParams,
  itemPatch,
  itemsInput,
  statusInput,
  type AssignInput,
  type ItemInput,
  type ItemPatch,
} from './schemas';
import type { AgendaService } from './service';
import type { AgendaItem, ItemStatus } from './types';
import { agendaItemView } from './views';

const byId = z.strictObject({ id: z.string().min(1).max(200) });
type ItemParams = z.output<typeof itemParams>;

/** /api/occurrences/:id/agenda... */
export function agendaRoutes(
  agenda: AgendaService,
  meetings: MeetingsService,
  orgRepos: OrganisationRepositories,
): Router {
  const r = Router();
  const office = requireRole('office');

  async function views(occurrenceId: string, items: AgendaItem[]) {
    const [occ, dir] = await Promise.all([meetings.getOccurrence(occurrenceId), loadDirectory(orgRepos)]);
    return items.map((i) => agendaItemView(i, dir, occ.timeZone));
  }

  r.get('/occurrences/:id/agenda', validate({ params: byId }), async (_req, res) => {
    const { id } = inputOf<{ id: string }>(res).params;
    await meetings.getOccurrence(id);
    res.json({ items: await views(id, await agenda.list([id])) });
  });
  // One item, or a whole agenda with {items: [...]}: the schema is chosen by the body's shape, so a
  // problem is named by its field (`title`, `items.1.title`) rather than "not one of two shapes".
  const oneOrMany: RequestHandler = (req, res, next) => {
    const many = typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) && 'items' in req.body;
    validate({ params: byId, body: many ? itemsInput : itemInput })(req, res, next);
  };
  r.post('/occurrences/:id/agenda', office, oneOrMany, async (_req, res) => {
    const { params, body } = inputOf<{ id: string }, never, { items: ItemInput[] } | ItemInput>(res);
    const items = 'items' in body ? body.items : [body];
    const created = await agenda.addItems(params.id, items, actorOf(res));
    res.status(201).json({ items: await views(params.id, created) });
  });
  r.post('/occurrences/:id/agenda/assign', office, validate({ params: byId, body: assignInput }), async (_req, res) => {
    const { params, body } = inputOf<{ id: string }, never, AssignInput>(res);
    res.json({ items: await views(params.id, await agenda.assignRange(params.id, body, actorOf(res))) });
  });
  r.patch(
    '/occurrences/:id/agenda/:number',
    office,
    validate({ params: itemParams, body: itemPatch }),
    async (_req, res) => {
      const { params, body } = inputOf<ItemParams, never, ItemPatch>(res);
      res.json((await views(params.id, [await agenda.updateItem(params.id, params.number, body, actorOf(res))]))[0]);
    },
  );
  r.post(
    '/occurrences/:id/agenda/:number/status',
    requireRole('office', 'agency'),
    validate({ params: itemParams, body: statusInput }),
    async (_req, res) => {
      const { params, body } = inputOf<ItemParams, never, { status: ItemStatus; note?: string }>(res);
      const item = await agenda.setStatus(params.id, params.number, body.status, principalOf(res)!, body.note);
      res.json((await views(params.id, [item]))[0]);
    },
  );
  r.post('/occurrences/:id/agenda/:number/carry-over', office, validate({ params: itemParams }), async (_req, res) => {
    const { params } = inputOf<ItemParams>(res);
    const created = await agenda.carryOver(params.id, params.number, actorOf(res));
    res
      .status(201)
      .json({ occurrenceId: created.occurrenceId, item: (await views(created.occurrenceId, [created]))[0] });
  });
  r.get(
    '/occurrences/:id/agenda/:number/history',
    requireRole('office', 'agency', 'reader'),
    validate({ params: itemParams }),
    async (_req, res) => {
      const { params } = inputOf<ItemParams>(res);
      res.json({ history: await agenda.history(params.id, params.number) });
    },
  );
  return r;
}
