/**
 * HTTP entry points of the reminders component:
 * - the Office's API under /api: the outbox by state, retrying a dead-lettered delivery, an
 *   agency's upcoming reminders, opt-outs and per-body reminder settings;
 * - the public opt-out page linked from every optional email (`/email/huy-dang-ky/<token>`),
 *   which also answers RFC 8058 one-click POSTs from mail clients.
 */
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { principalOf, requireRole } from '../http/auth';
import type { ApiRoute, ReplyOf } from '../http/openapi';
import { inputOf, validate } from '../http/validate';
import { toOffsetIso } from '../meetings/local-time';
import { ForbiddenError } from '../shared/errors';
import { code, email, localTime } from '../shared/schemas';
import { KIND_LABELS } from './render';
import {
  agencyRemindersReply,
  deliveriesReply,
  deliveryReply,
  optOutReply,
  optOutsReply,
  reminderSettingsReply,
} from './replies';
import type { ReminderService } from './service';
import { escapeHtml } from '../shared/html';
import {
  DELIVERY_KINDS,
  DELIVERY_STATES,
  OPT_OUT_KINDS,
  type Delivery,
  type OptOutKind,
  type ReminderSettings,
} from './types';

const keyParams = z.strictObject({ key: z.string().min(3).max(600) });
const listQuery = z.strictObject({
  state: z.enum(DELIVERY_STATES, { error: `must be one of ${DELIVERY_STATES.join(', ')}` }).optional(),
  kind: z.enum(DELIVERY_KINDS, { error: `must be one of ${DELIVERY_KINDS.join(', ')}` }).optional(),
  agency: code.optional(),
  occurrence: z.string().min(1).max(200).optional(),
  recipient: email.optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
  offset: z.coerce.number({ error: 'must be a number' }).int().min(0).max(1_000_000).default(0),
});
const upcomingQuery = z.strictObject({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
});
const optOutKind = z.enum(OPT_OUT_KINDS, {
  error: `must be one of ${OPT_OUT_KINDS.join(', ')} (escalations cannot be opted out of)`,
});
const optOutInput = z.strictObject({ email, kind: optOutKind });
const optOutParams = z.strictObject({ email, kind: optOutKind });
export const reminderSettingsInput = z.strictObject({
  preparationOffsets: z
    .array(z.number({ error: 'must be a number' }).int().min(0).max(20), { error: 'must be a list of working days' })
    .max(10)
    .optional(),
  reminderTime: localTime.optional(),
  agendaTime: localTime.optional(),
  digestWeekday: z
    .number({ error: 'must be 1 (Monday) to 7 (Sunday), or null' })
    .int()
    .min(1)
    .max(7)
    .nullable()
    .optional(),
  digestTime: localTime.optional(),
  digestDays: z.number({ error: 'must be a number' }).int().min(1).max(31).optional(),
  officeAgencyCode: code.nullable().optional(),
});

type ListQuery = z.output<typeof listQuery>;

/** The API shape of a delivery (instants with the local offset). */
export function deliveryView(d: Delivery, zone: string, withData = false): ReplyOf<typeof deliveryReply> {
  const at = (x: Date | null) => (x ? toOffsetIso(x, zone) : null);
  return {
    key: d.key,
    kind: d.kind,
    state: d.state,
    reason: d.reason,
    recipient: d.recipient,
    agencyCode: d.agencyCode,
    officialCode: d.officialCode,
    bodyCode: d.bodyCode,
    occurrenceId: d.occurrenceId,
    itemNumber: d.itemNumber,
    dueAt: at(d.dueAt),
    expiresAt: at(d.expiresAt),
    nextAttemptAt: d.state === 'pending' ? at(d.nextAttemptAt) : null,
    attempts: d.attempts,
    lastError: d.lastError,
    messageId: d.messageId,
    sentAt: at(d.sentAt),
    response: d.response,
    ...(withData ? { data: d.data } : {}),
  };
}

/** /api/deliveries, /api/agencies/:code/reminders, /api/opt-outs, /api/bodies/:code/reminder-settings. */
export function reminderApiRoutes(service: ReminderService, zone: string): Router {
  const r = Router();
  const office = requireRole('office');

  r.get('/deliveries', office, validate({ query: listQuery }), async (_req, res) => {
    const q = inputOf<never, ListQuery>(res).query;
    const { total, deliveries } = await service.list(
      {
        state: q.state,
        kind: q.kind,
        agencyCode: q.agency,
        occurrenceId: q.occurrence,
        recipient: q.recipient?.toLowerCase(),
      },
      q.limit,
      q.offset,
    );
    res.json({
      total,
      limit: q.limit,
      offset: q.offset,
      counts: await service.counts(),
      deliveries: deliveries.map((d) => deliveryView(d, zone)),
    });
  });
  r.get('/deliveries/:key', office, validate({ params: keyParams }), async (_req, res) => {
    res.json(deliveryView(await service.get(inputOf<{ key: string }>(res).params.key), zone, true));
  });
  r.post('/deliveries/:key/retry', office, validate({ params: keyParams }), async (_req, res) => {
    res.json(deliveryView(await service.retry(inputOf<{ key: string }>(res).params.key), zone));
  });
  r.get(
    '/agencies/:code/reminders',
    requireRole('office', 'agency'),
    validate({ params: z.strictObject({ code }), query: upcomingQuery }),
    async (_req, res) => {
      const { params, query } = inputOf<{ code: string }, { limit: number }>(res);
      const p = principalOf(res)!;
      if (p.role === 'agency' && p.agencyCode !== params.code)
        throw new ForbiddenError("An agency key may only see its own agency's reminders.");
      res.json({
        agency: params.code,
        reminders: (await service.upcomingForAgency(params.code, query.limit)).map((d) => deliveryView(d, zone)),
      });
    },
  );
  r.get('/opt-outs', office, async (_req, res) => void res.json({ optOuts: await service.optOuts() }));
  r.post('/opt-outs', office, validate({ body: optOutInput }), async (_req, res) => {
    const { body } = inputOf<never, never, { email: string; kind: OptOutKind }>(res);
    res.status(201).json(await service.addOptOut(body.email, body.kind));
  });
  r.delete('/opt-outs/:email/:kind', office, validate({ params: optOutParams }), async (_req, res) => {
    const { params } = inputOf<{ email: string; kind: OptOutKind }>(res);
    await service.removeOptOut(params.email, params.kind);
    res.status(204).end();
  });
  r.get(
    '/bodies/:code/reminder-settings',
    office,
    validate({ params: z.strictObject({ code }) }),
    async (_req, res) => {
      res.json(await service.settings(inputOf<{ code: string }>(res).params.code));
    },
  );
  r.patch(
    '/bodies/:code/reminder-settings',
    office,
    validate({ params: z.strictObject({ code }), body: reminderSettingsInput }),
    async (_req, res) => {
      const { params, body } = inputOf<{ code: string }, never, Partial<Omit<ReminderSettings, 'bodyCode'>>>(res);
      res.json(await service.patchSettings(params.code, body));
    },
  );
  return r;
}

const PAGE_HEADERS: RequestHandler = (_req, res, next) => {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer'); // the token is in the path
  res.setHeader('Cache-Control', 'no-store');
  next();
};

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:40px auto;padding:0 16px;line-height:1.5;color:#1a1a1a;"><h1 style="font-size:20px;">${escapeHtml(title)}</h1>${body}</body></html>`;
}

const NOT_FOUND_PAGE = page(
  'Liên kết không hợp lệ',
  '<p>Liên kết ngừng nhận thư không đúng hoặc đã hết hạn. Vui lòng dùng liên kết trong thư mới nhất, hoặc liên hệ Văn phòng.</p>',
);

/** GET shows a confirmation form (link scanners must not unsubscribe anybody); POST records it. */
export function optOutPages(service: ReminderService): Router {
  const r = Router();
  const path = '/email/huy-dang-ky/:token';
  r.get(path, PAGE_HEADERS, async (req, res) => {
    const target = await service.resolveOptOutToken(String(req.params.token));
    if (!target) return void res.status(404).type('html').send(NOT_FOUND_PAGE);
    res.type('html').send(
      page(
        'Ngừng nhận thư',
        `<p>Địa chỉ <strong>${escapeHtml(target.email)}</strong> sẽ không nhận ${escapeHtml(KIND_LABELS[target.kind])} nữa.</p>
<form method="post"><button type="submit" style="padding:8px 16px;">Xác nhận ngừng nhận</button></form>`,
      ),
    );
  });
  r.post(path, PAGE_HEADERS, async (req, res) => {
    const target = await service.resolveOptOutToken(String(req.params.token));
    if (!target) return void res.status(404).type('html').send(NOT_FOUND_PAGE);
    await service.addOptOut(target.email, target.kind, 'link');
    res
      .type('html')
      .send(
        page(
          'Đã ngừng nhận thư',
          `<p>Địa chỉ <strong>${escapeHtml(target.email)}</strong> sẽ không nhận ${escapeHtml(KIND_LABELS[target.kind])} nữa. Văn phòng có thể đăng ký lại khi cần.</p>`,
        ),
      );
  });
  return r;
}

/** This component's routes in the OpenAPI description (assembled by src/api-description.ts). */
export const reminderOpenApi: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/deliveries',
    summary: 'Reminder outbox: deliveries by state, kind, agency, occurrence or recipient, with counts per state',
    auth: 'office',
    querySchema: listQuery,
    query: {
      state: DELIVERY_STATES.join(' | '),
      kind: DELIVERY_KINDS.join(' | '),
      agency: 'agency code',
      occurrence: 'occurrence id',
      recipient: 'email',
      limit: '1-500 (default 100)',
      offset: 'default 0',
    },
    response: deliveriesReply,
  },
  {
    method: 'get',
    path: '/api/deliveries/{key}',
    summary: 'One delivery with the facts its email shows',
    auth: 'office',
    params: keyParams.shape,
    response: deliveryReply,
  },
  {
    method: 'post',
    path: '/api/deliveries/{key}/retry',
    summary: 'Send a dead-lettered delivery again (back to pending, due now)',
    auth: 'office',
    params: keyParams.shape,
    status: 200,
    response: deliveryReply,
  },
  {
    method: 'get',
    path: '/api/agencies/{code}/reminders',
    summary: "An agency's upcoming (pending) reminders",
    auth: 'office or agency',
    querySchema: upcomingQuery,
    query: { limit: '1-500 (default 100)' },
    response: agencyRemindersReply,
  },
  {
    method: 'get',
    path: '/api/opt-outs',
    summary: 'Recipients who opted out of a kind of email',
    auth: 'office',
    response: optOutsReply,
  },
  {
    method: 'post',
    path: '/api/opt-outs',
    summary: 'Opt an address out of one kind of email (not escalations)',
    auth: 'office',
    body: optOutInput,
    status: 201,
    response: optOutReply,
  },
  {
    method: 'delete',
    path: '/api/opt-outs/{email}/{kind}',
    summary: 'Undo an opt-out',
    auth: 'office',
    params: optOutParams.shape,
  },
  {
    method: 'get',
    path: '/api/bodies/{code}/reminder-settings',
    summary: "A body's reminder settings (defaults filled in)",
    auth: 'office',
    response: reminderSettingsReply,
  },
  {
    method: 'patch',
    path: '/api/bodies/{code}/reminder-settings',
    summary: "Change a body's reminder settings (offsets, times, digest day, office agency)",
    auth: 'office',
    body: reminderSettingsInput,
    status: 200,
    response: reminderSettingsReply,
  },
];
