/**
 * The JSON API of notices and directives under /api (same auth, validation and error shape as the
 * rest), and the documents: the notice in official form and the follow-up report.
 */
import express, { Router, type Request, type RequestHandler } from 'express';
import { actorOf, principalOf, requireRole } from '../http/auth';
import type { ApiRoute } from '../http/openapi';
import { inputOf, parseWith, validate } from '../http/validate';
import { code } from '../shared/schemas';
import { z } from 'zod';
import {
  followUpDocx,
  followUpHtml,
  followUpModel,
  followUpXlsx,
  noticeDocx,
  noticeDocument,
  noticeHtml,
} from './documents';
import {
  directiveInput,
  directivePatch,
  directiveQuery,
  documentQuery,
  extensionDecisionInput,
  extensionInput,
  idParams,
  importInput,
  issueInput,
  listQuery,
  noticeInput,
  noticePatch,
  reportInput,
  reportQuery,
  settingsInput,
  statusInput,
  type DirectiveInput,
  type DirectivePatchInput,
  type DirectiveQuery,
  type NoticeInput,
  type NoticePatch,
  type SettingsInput,
} from './schemas';
import {
  directiveHistoryReply,
  directiveReply,
  directiveSettingsReply,
  directivesReply,
  followUpItemReply,
  followUpReply,
  importPreviewReply,
  importReply as importedReply,
  noticeDocumentReply,
  noticeReply,
  noticesReply,
} from './replies';
import type { DirectivesService } from './service';
import type { DirectiveStatus } from './types';
import { directiveView, noticeView, previewView } from './views';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type IdParams = { id: string };

const importQuery = z.strictObject({
  dryRun: z.enum(['1', 'true', '0', 'false']).optional(),
  body: code.optional(),
  occurrence: z.string().min(1).max(200).optional(),
  status: z.enum(['draft', 'issued']).optional(),
});

/** The import's input from JSON, a raw .docx or raw text (query: body, occurrence, status). */
function importBody(req: Request): unknown {
  const q = parseWith(importQuery, req.query, 'query');
  const hints = {
    ...(q.body ? { bodyCode: q.body } : {}),
    ...(q.occurrence ? { occurrenceId: q.occurrence } : {}),
    ...(q.status ? { status: q.status } : {}),
  };
  if (Buffer.isBuffer(req.body)) return { docxBase64: req.body.toString('base64'), ...hints };
  if (typeof req.body === 'string') return { text: req.body, ...hints };
  return { ...hints, ...(req.body ?? {}) };
}

export function directiveRoutes(service: DirectivesService, fallbackZone: string): Router {
  const r = Router();
  const office = requireRole('office');
  const anyKey = requireRole('office', 'agency', 'reader');
  const raw: RequestHandler[] = [
    express.raw({ type: [DOCX_TYPE, 'application/octet-stream'], limit: '5mb' }),
    express.text({ type: 'text/plain', limit: '1mb' }),
  ];

  const noticeOut = async (id: string) =>
    noticeView(await service.getNotice(id), await service.directory(), service.now(), fallbackZone);
  const directiveOut = async (ref: {
    notice: Parameters<typeof directiveView>[0];
    directive: Parameters<typeof directiveView>[1];
  }) => directiveView(ref.notice, ref.directive, await service.directory(), service.now(), fallbackZone);

  r.get('/notices', anyKey, validate({ query: listQuery }), async (_req, res) => {
    const { query } = inputOf<never, { body?: string; status?: string }>(res);
    const dir = await service.directory();
    const list = await service.listNotices({ bodyCode: query.body, status: query.status });
    res.json({
      notices: list.map((n) => {
        const { directives: _d, ...rest } = noticeView(n, dir, service.now(), fallbackZone);
        return rest;
      }),
    });
  });
  r.post('/notices', office, validate({ body: noticeInput }), async (_req, res) => {
    const { body } = inputOf<never, never, NoticeInput>(res);
    const created = await service.createNotice(body, actorOf(res));
    res.status(201).json(await noticeOut(created.id));
  });

  const runImport: RequestHandler = async (req, res) => {
    const dryRun =
      req.path.endsWith('/preview') ||
      ['1', 'true'].includes(typeof req.query.dryRun === 'string' ? req.query.dryRun : '');
    const input = parseWith(importInput, importBody(req));
    if (dryRun) {
      res.json(previewView(await service.previewImport(input), await service.directory(), fallbackZone));
      return;
    }
    const stored = await service.confirmImport(input, actorOf(res));
    res.status(201).json(await noticeOut(stored.id));
  };
  r.post('/notices/import/preview', office, ...raw, runImport);
  r.post('/notices/import', office, ...raw, runImport);

  r.get('/notices/:id', anyKey, validate({ params: idParams }), async (_req, res) => {
    res.json(await noticeOut(inputOf<IdParams>(res).params.id));
  });
  r.patch('/notices/:id', office, validate({ params: idParams, body: noticePatch }), async (_req, res) => {
    const { params, body } = inputOf<IdParams, never, NoticePatch>(res);
    await service.updateNotice(params.id, body, actorOf(res));
    res.json(await noticeOut(params.id));
  });
  r.post('/notices/:id/issue', office, validate({ params: idParams, body: issueInput }), async (_req, res) => {
    const { params, body } = inputOf<IdParams, never, { number?: string; date?: string }>(res);
    await service.issueNotice(params.id, body, actorOf(res));
    res.json(await noticeOut(params.id));
  });
  r.post('/notices/:id/directives', office, validate({ params: idParams, body: directiveInput }), async (_req, res) => {
    const { params, body } = inputOf<IdParams, never, DirectiveInput>(res);
    const d = await service.addDirective(params.id, body, actorOf(res));
    res.status(201).json(await directiveOut(await service.getDirective(d.id)));
  });
  r.get('/notices/:id/document', anyKey, validate({ params: idParams, query: documentQuery }), async (_req, res) => {
    const { params, query } = inputOf<IdParams, { format: 'html' | 'docx' | 'json' }>(res);
    const doc = noticeDocument(await service.getNotice(params.id), await service.directory());
    if (query.format === 'json') return void res.json(doc);
    if (query.format === 'docx') {
      res.type(DOCX_TYPE).setHeader('Content-Disposition', `attachment; filename="thong-bao-${params.id}.docx"`);
      return void res.send(await noticeDocx(doc));
    }
    res.type('html').send(noticeHtml(doc));
  });
  r.post('/notices/:id/follow-up-agenda-item', office, validate({ params: idParams }), async (_req, res) => {
    const { params } = inputOf<IdParams>(res);
    const out = await service.addFollowUpToNextAgenda(params.id, actorOf(res));
    res.status(out.created ? 201 : 200).json({
      occurrenceId: out.occurrenceId,
      created: out.created,
      item: { number: out.item.number, title: out.item.title, kind: out.item.kind, status: out.item.status },
    });
  });

  r.get('/directives', anyKey, validate({ query: directiveQuery }), async (_req, res) => {
    const { query } = inputOf<never, DirectiveQuery>(res);
    const dir = await service.directory();
    const refs = await service.listDirectives(query);
    res.json({ directives: refs.map((x) => directiveView(x.notice, x.directive, dir, service.now(), fallbackZone)) });
  });
  r.get('/directives/:id', anyKey, validate({ params: idParams }), async (_req, res) => {
    res.json(await directiveOut(await service.getDirective(inputOf<IdParams>(res).params.id)));
  });
  r.patch('/directives/:id', office, validate({ params: idParams, body: directivePatch }), async (_req, res) => {
    const { params, body } = inputOf<IdParams, never, DirectivePatchInput>(res);
    res.json(await directiveOut(await service.patchDirective(params.id, body, principalOf(res)!)));
  });
  r.delete('/directives/:id', office, validate({ params: idParams }), async (_req, res) => {
    await service.removeDirective(inputOf<IdParams>(res).params.id, actorOf(res));
    res.status(204).end();
  });
  r.post(
    '/directives/:id/status',
    requireRole('office', 'agency'),
    validate({ params: idParams, body: statusInput }),
    async (_req, res) => {
      const { params, body } = inputOf<IdParams, never, { status: DirectiveStatus; note?: string }>(res);
      res.json(await directiveOut(await service.setStatus(params.id, body.status, principalOf(res)!, body.note)));
    },
  );
  r.post(
    '/directives/:id/reports',
    requireRole('office', 'agency'),
    validate({ params: idParams, body: reportInput }),
    async (_req, res) => {
      const { params, body } = inputOf<IdParams, never, z.output<typeof reportInput>>(res);
      res.status(201).json(await directiveOut(await service.addReport(params.id, body, principalOf(res)!)));
    },
  );
  r.post(
    '/directives/:id/extension',
    requireRole('office', 'agency'),
    validate({ params: idParams, body: extensionInput }),
    async (_req, res) => {
      const { params, body } = inputOf<IdParams, never, z.output<typeof extensionInput>>(res);
      res.status(201).json(await directiveOut(await service.requestExtension(params.id, body, principalOf(res)!)));
    },
  );
  r.post(
    '/directives/:id/extension/decision',
    office,
    validate({ params: idParams, body: extensionDecisionInput }),
    async (_req, res) => {
      const { params, body } = inputOf<IdParams, never, z.output<typeof extensionDecisionInput>>(res);
      res.json(await directiveOut(await service.decideExtension(params.id, body, principalOf(res)!)));
    },
  );
  r.get('/directives/:id/history', anyKey, validate({ params: idParams }), async (_req, res) => {
    const ref = await service.getDirective(inputOf<IdParams>(res).params.id);
    res.json({ history: ref.directive.history, deadlineHistory: (await directiveOut(ref)).deadlineHistory });
  });

  r.get('/follow-up-report', requireRole('office', 'reader'), validate({ query: reportQuery }), async (_req, res) => {
    const { query } = inputOf<never, z.output<typeof reportQuery>>(res);
    const model = await followUpModel(service, query.body, query.from, query.to);
    const name = `bao-cao-chi-dao-${query.body}-${query.from}-${query.to}`;
    if (query.format === 'json') return void res.json(model);
    if (query.format === 'html') return void res.type('html').send(followUpHtml(model));
    const [type, data, ext] =
      query.format === 'docx'
        ? [DOCX_TYPE, await followUpDocx(model), 'docx']
        : [XLSX_TYPE, await followUpXlsx(model), 'xlsx'];
    res.type(type).setHeader('Content-Disposition', `attachment; filename="${name}.${ext}"`);
    res.send(data);
  });

  r.get(
    '/bodies/:code/directive-settings',
    office,
    validate({ params: z.strictObject({ code }) }),
    async (_req, res) => {
      res.json(await service.settings(inputOf<{ code: string }>(res).params.code));
    },
  );
  r.patch(
    '/bodies/:code/directive-settings',
    office,
    validate({ params: z.strictObject({ code }), body: settingsInput }),
    async (_req, res) => {
      const { params, body } = inputOf<{ code: string }, never, SettingsInput>(res);
      res.json(await service.patchSettings(params.code, body));
    },
  );
  return r;
}

/** This component's routes in the OpenAPI description (assembled by src/api-description.ts). */
export const directiveOpenApi: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/notices',
    summary: 'Notices of directives (without their directives), newest first',
    auth: 'any key',
    querySchema: listQuery,
    query: { body: 'issuing body code', status: 'draft | issued' },
    response: noticesReply,
  },
  {
    method: 'post',
    path: '/api/notices',
    summary: 'Create a notice (a draft) with its sections and directives',
    auth: 'office',
    body: noticeInput,
    status: 201,
    response: noticeReply,
  },
  {
    method: 'post',
    path: '/api/notices/import/preview',
    summary:
      'Dry run of an import: what is recognised in a pasted text, a .txt or a .docx (raw body, or JSON {text} / {docxBase64}), with every warning; nothing is stored',
    auth: 'office',
    body: importInput,
    query: { body: 'issuing body code (raw uploads)', occurrence: 'meeting occurrence id (raw uploads)' },
    status: 200,
    response: importPreviewReply,
  },
  {
    method: 'post',
    path: '/api/notices/import',
    summary: 'Import a notice and store it whole (all its directives or nothing); ?dryRun=1 is the preview',
    auth: 'office',
    body: importInput,
    query: {
      dryRun: '1 or true: preview only',
      body: 'issuing body code (raw uploads)',
      occurrence: 'occurrence id (raw uploads)',
      status: 'draft (default) | issued (raw uploads)',
    },
    response: importedReply,
  },
  {
    method: 'get',
    path: '/api/notices/{id}',
    summary: 'One notice with its directives, their assignees, deadlines, statuses and warnings',
    auth: 'any key',
    response: noticeReply,
  },
  {
    method: 'patch',
    path: '/api/notices/{id}',
    summary: "A notice's own fields (number, date, title, signer, recipients, sections...)",
    auth: 'office',
    body: noticePatch,
    status: 200,
    response: noticeReply,
  },
  {
    method: 'post',
    path: '/api/notices/{id}/issue',
    summary: 'Issue a draft (needs number, date and directives)',
    auth: 'office',
    body: issueInput,
    status: 200,
    response: noticeReply,
  },
  {
    method: 'post',
    path: '/api/notices/{id}/directives',
    summary: 'Add a directive to a notice',
    auth: 'office',
    body: directiveInput,
    status: 201,
    response: directiveReply,
  },
  {
    method: 'get',
    path: '/api/notices/{id}/document',
    summary: 'The notice in official form (Nghị định 30/2020): printable HTML, DOCX or its JSON model',
    auth: 'any key',
    querySchema: documentQuery,
    query: { format: 'html (default) | docx | json' },
    response: noticeDocumentReply,
    media: ['text/html', DOCX_TYPE],
  },
  {
    method: 'post',
    path: '/api/notices/{id}/follow-up-agenda-item',
    summary:
      'Add "Báo cáo kết quả thực hiện ý kiến chỉ đạo" to the next occurrence of the series the notice came from (once)',
    auth: 'office',
    response: followUpItemReply,
  },
  {
    method: 'get',
    path: '/api/directives',
    summary: 'Directives with their notice, assignees, deadline, status, progress and latest report',
    auth: 'any key',
    querySchema: directiveQuery,
    query: {
      notice: 'notice id',
      agency: "agency code (its own or its officials')",
      official: 'official code',
      body: 'issuing body code',
      status: 'a status, open or overdue',
      dueBefore: 'YYYY-MM-DD: deadline before this local date',
    },
    response: directivesReply,
  },
  { method: 'get', path: '/api/directives/{id}', summary: 'One directive', auth: 'any key', response: directiveReply },
  {
    method: 'patch',
    path: '/api/directives/{id}',
    summary:
      'Assign a directive, set or change its deadline (with a reason, kept in its deadline history) or cadence, correct its text or section',
    auth: 'office',
    body: directivePatch,
    status: 200,
    response: directiveReply,
  },
  { method: 'delete', path: '/api/directives/{id}', summary: 'Remove a directive from a draft notice', auth: 'office' },
  {
    method: 'post',
    path: '/api/directives/{id}/status',
    summary:
      'Change the status (agency keys: own directives, in-progress and reported-done; the Office confirms done, cancels with a reason)',
    auth: 'office or agency',
    body: statusInput,
    status: 200,
    response: directiveReply,
  },
  {
    method: 'post',
    path: '/api/directives/{id}/reports',
    summary: 'A progress report (date, text, optional link or document number)',
    auth: 'office or agency',
    body: reportInput,
    status: 201,
    response: directiveReply,
  },
  {
    method: 'post',
    path: '/api/directives/{id}/extension',
    summary: 'Request an extension (reason, proposed deadline)',
    auth: 'office or agency',
    body: extensionInput,
    status: 201,
    response: directiveReply,
  },
  {
    method: 'post',
    path: '/api/directives/{id}/extension/decision',
    summary: 'Grant (the proposed or another deadline) or refuse the pending extension',
    auth: 'office',
    body: extensionDecisionInput,
    status: 200,
    response: directiveReply,
  },
  {
    method: 'get',
    path: '/api/directives/{id}/history',
    summary: 'Who changed what and when, and the deadline history',
    auth: 'any key',
    response: directiveHistoryReply,
  },
  {
    method: 'get',
    path: '/api/follow-up-report',
    summary: 'Báo cáo kết quả thực hiện ý kiến chỉ đạo of a body for a period: JSON, HTML, DOCX or XLSX',
    auth: 'office',
    querySchema: reportQuery,
    query: {
      body: 'issuing body',
      from: 'first day of notices (YYYY-MM-DD)',
      to: 'last day',
      format: 'json | html | docx | xlsx',
    },
    response: followUpReply,
    media: ['text/html', DOCX_TYPE, XLSX_TYPE],
  },
  {
    method: 'get',
    path: '/api/bodies/{code}/directive-settings',
    summary: "A body's directive reminder settings",
    auth: 'office',
    response: directiveSettingsReply,
  },
  {
    method: 'patch',
    path: '/api/bodies/{code}/directive-settings',
    summary:
      "Change a body's directive reminder settings (working days before a deadline, time, report days of standing tasks)",
    auth: 'office',
    body: settingsInput,
    status: 200,
    response: directiveSettingsReply,
  },
];

export { DOCX_TYPE, XLSX_TYPE };
