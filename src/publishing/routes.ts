/**
 * Document routes at the app root (public):
 *   /programmes/<body>/<YYYY-MM>[.docx|.json]           latest version, else the draft
 *   /programmes/<body>/<YYYY-MM>/versions/<n>[.docx|.json]
 *   /schedules/<body>/<YYYY-Www>[.docx|.json] and /versions/<n>
 * and the Office API under /api (programmes' part A, settings, publishing; version lists).
 * The archive and comparison pages are web pages (src/web).
 */
import { Router, type ErrorRequestHandler, type Response } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../http/auth';
import type { ApiRoute } from '../http/openapi';
import { inputOf, validate } from '../http/validate';
import { NotFoundError } from '../shared/errors';
import { html } from '../shared/html';
import { documentBody, documentFile, documentPeriod, formatOf, sanitisedId, type DocumentFormat } from './addresses';
import { renderDocx } from './render-docx';
import { documentPage } from './render-html';
import type { Publication } from './repository';
import type { PublishingService } from './service';
import { partAInput, settingsInput, type SettingsInput } from './settings';
import {
  compareQuery,
  monthParams,
  publicationsQuery,
  publishInput,
  weekParams,
  type MonthParams,
  type PublishInput,
  type WeekParams,
} from './schemas';
import type { DocumentKind, PublishedDocument } from './types';
import {
  compareReply,
  programmeDocumentReply,
  programmeSettingsReply,
  publicationsReply,
  publishReply,
  scheduleDocumentReply,
  versionsReply,
} from './replies';
import { publicView } from './versions';

function fileName(doc: PublishedDocument): string {
  const prefix = doc.type === 'programme' ? 'chuong-trinh-cong-tac' : 'lich-cong-tac-tuan';
  return `${prefix}-${doc.body.code}-${doc.period}${doc.publication ? `-v${doc.publication.version}` : '-du-thao'}`;
}

async function send(
  res: Response,
  doc: PublishedDocument,
  format: DocumentFormat,
  toolbar: ReturnType<typeof html>,
): Promise<void> {
  if (format === 'json') {
    res.json(publicView(doc));
    return;
  }
  if (format === 'docx') {
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(doc)}.docx"`);
    res.send(await renderDocx(doc));
    return;
  }
  res.type('html').send(documentPage(doc, toolbar));
}

function toolbar(doc: PublishedDocument, path: string, self: string, versions: Publication[], pendingChanges: boolean) {
  const status = doc.publication
    ? html`<strong>${doc.publication.label}</strong> · số ${doc.publication.documentNumber ?? '—'} · ${doc.publication.publishedAt.slice(0, 10)}${pendingChanges ? html` · <span class="draft">Lịch đã thay đổi sau bản này; bản mới chưa ban hành.</span>` : ''}`
    : html`<span class="draft">DỰ THẢO: chưa ban hành.</span>`;
  return html`${status} <a href="${self}.docx">Tải DOCX</a><a href="${self}.json">JSON</a>${versions.map((v) => html`<a href="${path}/versions/${v.version}">${v.label}</a>`)}${versions.length > 1 ? html`<a href="${path}/compare?from=${versions[versions.length - 2]!.version}&amp;to=${versions[versions.length - 1]!.version}">So sánh hai bản gần nhất</a>` : ''}<a href="/programmes">Lưu trữ</a> <span>Nhấn Ctrl+P để in (A4).</span>`;
}

export function documentRoutes(publishing: PublishingService): Router {
  const r = Router();
  for (const kind of ['programme', 'schedule'] as const) {
    const root = kind === 'programme' ? '/programmes' : '/schedules';

    r.get(`${root}/:body/:file`, async (req, res) => {
      const bodyCode = documentBody(req.params.body);
      const { period, format } = documentFile(String(req.params.file), kind);
      const [current, versions] = await Promise.all([
        publishing.current(kind, bodyCode, period),
        publishing.versions(kind, bodyCode, period),
      ]);
      const path = `${root}/${bodyCode}/${period}`;
      res.setHeader('Cache-Control', 'no-cache');
      await send(res, current.doc, format, toolbar(current.doc, path, path, versions, current.pendingChanges));
    });

    r.get(`${root}/:body/:period/versions/:file`, async (req, res) => {
      const bodyCode = documentBody(req.params.body);
      const period = documentPeriod(kind, req.params.period);
      const m = /^(\d{1,6})(?:\.(docx|json|html))?$/.exec(String(req.params.file));
      if (!m) throw new NotFoundError('Version', sanitisedId(String(req.params.file)));
      const published = await publishing.version(kind, bodyCode, period, Number(m[1]));
      const versions = await publishing.versions(kind, bodyCode, period);
      const path = `${root}/${bodyCode}/${period}`;
      const format = formatOf(m[2]);
      // A published version never changes; its HTML page's toolbar lists later versions, so it is revalidated.
      res.setHeader('Cache-Control', format === 'html' ? 'no-cache' : 'public, max-age=86400, immutable');
      await send(
        res,
        published.snapshot,
        format,
        toolbar(published.snapshot, path, `${path}/versions/${m[1]}`, versions, false),
      );
    });
  }
  // A document address whose segments do not even percent-decode (`/programmes/ubnd/%E0%A4%A`) names no document either.
  r.use(((err, req, _res, next) =>
    next(
      err instanceof URIError && /^\/(programmes|schedules)\//i.test(req.path)
        ? new NotFoundError('Document', sanitisedId(req.path))
        : err,
    )) as ErrorRequestHandler);
  return r;
}

function publicationView(p: Publication) {
  return { ...p, publishedAt: p.publishedAt.toISOString() };
}

/** /api/programmes/... and /api/schedules/... for the Office (JSON). */
export function publishingApiRoutes(publishing: PublishingService): Router {
  const r = Router();
  const office = requireRole('office');

  r.get('/programmes/:body/:month/draft', office, validate({ params: monthParams }), async (_req, res) => {
    const { params } = inputOf<MonthParams>(res);
    res.json(await publishing.draftProgramme(params.body, params.month));
  });
  r.get('/programmes/:body/:month/settings', office, validate({ params: monthParams }), async (_req, res) => {
    const { params } = inputOf<MonthParams>(res);
    res.json(await publishing.settings(params.body, params.month));
  });
  r.put(
    '/programmes/:body/:month/part-a',
    office,
    validate({ params: monthParams, body: partAInput }),
    async (_req, res) => {
      const { params, body } = inputOf<MonthParams, never, { markdown: string }>(res);
      res.json(await publishing.savePartA(params.body, params.month, body.markdown, actorOf(res)));
    },
  );
  r.patch(
    '/programmes/:body/:month/settings',
    office,
    validate({ params: monthParams, body: settingsInput }),
    async (_req, res) => {
      const { params, body } = inputOf<MonthParams, never, SettingsInput>(res);
      res.json(await publishing.saveSettings(params.body, params.month, body, actorOf(res)));
    },
  );
  r.post(
    '/programmes/:body/:month/publish',
    office,
    validate({ params: monthParams, body: publishInput }),
    async (_req, res) => {
      const { params, body } = inputOf<MonthParams, never, PublishInput>(res);
      const out = await publishing.publish('programme', params.body, params.month, body, actorOf(res));
      res.status(201).json({ publication: publicationView(out.publication), comparison: out.comparison });
    },
  );
  r.get('/programmes/:body/:month/versions', validate({ params: monthParams }), async (_req, res) => {
    const { params } = inputOf<MonthParams>(res);
    res.json({ versions: (await publishing.versions('programme', params.body, params.month)).map(publicationView) });
  });
  r.get('/schedules/:body/:week/draft', office, validate({ params: weekParams }), async (_req, res) => {
    const { params } = inputOf<WeekParams>(res);
    res.json(await publishing.draftSchedule(params.body, params.week));
  });
  r.post(
    '/schedules/:body/:week/publish',
    office,
    validate({ params: weekParams, body: publishInput }),
    async (_req, res) => {
      const { params, body } = inputOf<WeekParams, never, PublishInput>(res);
      const out = await publishing.publish('schedule', params.body, params.week, body, actorOf(res));
      res.status(201).json({ publication: publicationView(out.publication), comparison: out.comparison });
    },
  );
  r.get('/schedules/:body/:week/versions', validate({ params: weekParams }), async (_req, res) => {
    const { params } = inputOf<WeekParams>(res);
    res.json({ versions: (await publishing.versions('schedule', params.body, params.week)).map(publicationView) });
  });
  r.get('/publications', validate({ query: publicationsQuery }), async (_req, res) => {
    const { query } = inputOf<never, { kind?: DocumentKind; body?: string }>(res);
    res.json({
      publications: (
        await publishing.archive({
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.body ? { bodyCode: query.body } : {}),
        })
      ).map(publicationView),
    });
  });
  return r;
}

const DOC_FORMATS =
  'append .docx (Word) or .json (document model) to the last segment; no suffix: printable A4 HTML. A malformed body, period or file name is 404';
const SUFFIX = '(\\.(docx|json|html))?';
/** Media types of a document route's replies (OpenAPI). */
const DOC_MEDIA = [
  'text/html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/json',
];
const versionParam = {
  n: z
    .string()
    .regex(new RegExp(`^\\d{1,6}${SUFFIX}$`))
    .meta({ description: 'version number, with an optional .docx, .json or .html suffix' }),
};
const monthFile = {
  month: z
    .string()
    .regex(new RegExp(`^\\d{4}-(0[1-9]|1[0-2])${SUFFIX}$`))
    .meta({ description: 'YYYY-MM (1971-01 to 2099-12), with an optional .docx, .json or .html suffix' }),
};
const weekFile = {
  week: z
    .string()
    .regex(new RegExp(`^\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])${SUFFIX}$`))
    .meta({ description: 'YYYY-Www (1971 to 2099), with an optional .docx, .json or .html suffix' }),
};
const compareQueryDoc = [compareQuery, z.object({ format: z.enum(['json']).optional() })];
/** This component's routes in the OpenAPI description (assembled by src/api-description.ts). */
export const publishingOpenApi: ApiRoute[] = [
  {
    method: 'get',
    path: '/programmes/{body}/{month}',
    summary: `Monthly work programme (YYYY-MM): the latest published version, else the draft; ${DOC_FORMATS}`,
    params: monthFile,
    media: DOC_MEDIA,
  },
  {
    method: 'get',
    path: '/programmes/{body}/{month}/versions/{n}',
    summary: `One published version of a programme (immutable); ${DOC_FORMATS}`,
    params: versionParam,
    media: DOC_MEDIA,
  },
  {
    method: 'get',
    path: '/programmes/{body}/{month}/compare',
    summary: 'What changed between two versions (HTML; format=json for JSON)',
    querySchema: compareQueryDoc,
    query: { from: 'version number', to: 'version number (default: the latest)', format: 'json' },
    response: compareReply,
    media: ['text/html'],
  },
  {
    method: 'get',
    path: '/schedules/{body}/{week}/compare',
    summary: 'What changed between two versions of a weekly schedule (HTML; format=json for JSON)',
    querySchema: compareQueryDoc,
    query: { from: 'version number', to: 'version number (default: the latest)', format: 'json' },
    response: compareReply,
    media: ['text/html'],
  },
  {
    method: 'get',
    path: '/programmes',
    summary: 'Archive of every published programme and weekly schedule (HTML)',
    media: ['text/html'],
  },
  {
    method: 'get',
    path: '/schedules/{body}/{week}',
    summary: `Weekly schedule (ISO week YYYY-Www); ${DOC_FORMATS}`,
    params: weekFile,
    media: DOC_MEDIA,
  },
  {
    method: 'get',
    path: '/schedules/{body}/{week}/versions/{n}',
    summary: `One published version of a weekly schedule; ${DOC_FORMATS}`,
    params: versionParam,
    media: DOC_MEDIA,
  },
  {
    method: 'get',
    path: '/api/programmes/{body}/{month}/draft',
    summary: 'The current draft with the Office warnings',
    auth: 'office',
    response: programmeDocumentReply,
  },
  {
    method: 'get',
    path: '/api/programmes/{body}/{month}/settings',
    summary: 'Part A, signature block, distribution list, issue date and number line in force',
    auth: 'office',
    response: programmeSettingsReply,
  },
  {
    method: 'put',
    path: '/api/programmes/{body}/{month}/part-a',
    summary: 'Write part A (key tasks) in Markdown',
    auth: 'office',
    body: partAInput,
    status: 200,
    response: programmeSettingsReply,
  },
  {
    method: 'patch',
    path: '/api/programmes/{body}/{month}/settings',
    summary: 'Change the signature block, distribution list, issue date or number line',
    auth: 'office',
    body: settingsInput,
    status: 200,
    response: programmeSettingsReply,
  },
  {
    method: 'post',
    path: '/api/programmes/{body}/{month}/publish',
    summary:
      'Publish the next version (the first needs documentNumber; issueDate defaults to the saved date of a first issue, else today); returns the comparison with the previous one',
    auth: 'office',
    body: publishInput,
    status: 201,
    response: publishReply,
  },
  {
    method: 'get',
    path: '/api/programmes/{body}/{month}/versions',
    summary: 'Published versions of a programme',
    response: versionsReply,
  },
  {
    method: 'get',
    path: '/api/schedules/{body}/{week}/draft',
    summary: 'The current weekly schedule draft with warnings',
    auth: 'office',
    response: scheduleDocumentReply,
  },
  {
    method: 'post',
    path: '/api/schedules/{body}/{week}/publish',
    summary: 'Publish the next version of a weekly schedule',
    auth: 'office',
    body: publishInput,
    status: 201,
    response: publishReply,
  },
  {
    method: 'get',
    path: '/api/schedules/{body}/{week}/versions',
    summary: 'Published versions of a weekly schedule',
    response: versionsReply,
  },
  {
    method: 'get',
    path: '/api/publications',
    summary: 'Every published version (archive)',
    querySchema: publicationsQuery,
    query: { kind: 'programme or schedule', body: 'body code' },
    response: publicationsReply,
  },
];
