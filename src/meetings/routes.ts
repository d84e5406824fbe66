import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../http/auth';
import { inputOf, validate } from '../http/validate';
import { code } from '../shared/schemas';
import {
  cancelInput,
  detailsInput,
  extraSessionInput,
  meetingInput,
  moveInput,
  seriesInput,
  seriesPatch,
  windowQuery,
  type DetailsInput,
  type ExtraSessionInput,
  type MeetingInput,
  type MoveInput,
  type SeriesInput,
  type SeriesPatch,
  type WindowQuery,
} from './schemas';
import type { MeetingsService } from './service';
import type { Occurrence } from './types';

/**
 * Renders occurrences as the API answers them (with their agendas, which the agenda component
 * adds: src/agenda/views.ts `occurrencePresenter`, wired in src/app.ts); with `agencyCode`, only
 * those that concern the agency.
 */
export type OccurrencePresenter = (occs: Occurrence[], agencyCode?: string) => Promise<unknown[]>;

const byId = z.strictObject({ id: z.string().min(1).max(200) });
type ById = z.output<typeof byId>;

/** /api/series, /api/meetings, /api/occurrences. */
export function meetingRoutes(meetings: MeetingsService, present: OccurrencePresenter): Router {
  const r = Router();
  const office = requireRole('office');

  async function view(id: string) {
    const [view] = await present([await meetings.getOccurrence(id)]);
    return view;
  }

  r.get('/series', validate({ query: z.strictObject({ body: code.optional() }) }), async (_req, res) => {
    res.json({ series: await meetings.listSeries(inputOf<never, { body?: string }>(res).query.body) });
  });
  r.get(
    '/series/:id',
    validate({ params: byId }),
    async (_req, res) => void res.json(await meetings.getSeries(inputOf<ById>(res).params.id)),
  );
  r.post('/series', office, validate({ body: seriesInput }), async (_req, res) => {
    res.status(201).json(await meetings.createSeries(inputOf<never, never, SeriesInput>(res).body));
  });
  r.patch('/series/:id', office, validate({ params: byId, body: seriesPatch }), async (_req, res) => {
    const { params, body } = inputOf<ById, never, SeriesPatch>(res);
    res.json(await meetings.updateSeries(params.id, body));
  });
  r.post(
    '/series/:id/extra-sessions',
    office,
    validate({ params: byId, body: extraSessionInput }),
    async (_req, res) => {
      const { params, body } = inputOf<ById, never, ExtraSessionInput>(res);
      const meeting = await meetings.addExtraSession(params.id, body);
      res.status(201).json(await view(meeting.id));
    },
  );

  r.post('/meetings', office, validate({ body: meetingInput }), async (_req, res) => {
    const meeting = await meetings.createMeeting(inputOf<never, never, MeetingInput>(res).body);
    res.status(201).json(await view(meeting.id));
  });

  r.get('/occurrences', validate({ query: windowQuery }), async (_req, res) => {
    const q = inputOf<never, WindowQuery>(res).query;
    const occs = (await meetings.occurrencesIn({ from: q.from, to: q.to, bodyCode: q.body })).filter(
      (o) => !q.kind || o.kind === q.kind,
    );
    res.json({ occurrences: await present(occs, q.agency) });
  });
  r.get(
    '/occurrences/:id',
    validate({ params: byId }),
    async (_req, res) => void res.json(await view(inputOf<ById>(res).params.id)),
  );
  r.post('/occurrences/:id/move', office, validate({ params: byId, body: moveInput }), async (_req, res) => {
    const { params, body } = inputOf<ById, never, MoveInput>(res);
    await meetings.moveOccurrence(params.id, body);
    res.json(await view(params.id));
  });
  r.post('/occurrences/:id/cancel', office, validate({ params: byId, body: cancelInput }), async (_req, res) => {
    const { params, body } = inputOf<ById, never, { reason: string }>(res);
    await meetings.cancelOccurrence(params.id, body.reason);
    res.json(await view(params.id));
  });
  r.post('/occurrences/:id/restore', office, validate({ params: byId }), async (_req, res) => {
    const { params } = inputOf<ById>(res);
    await meetings.restoreOccurrence(params.id);
    res.json(await view(params.id));
  });
  r.patch('/occurrences/:id', office, validate({ params: byId, body: detailsInput }), async (_req, res) => {
    const { params, body } = inputOf<ById, never, DetailsInput>(res);
    await meetings.updateOccurrenceDetails(params.id, body);
    res.json(await view(params.id));
  });
  return r;
}
