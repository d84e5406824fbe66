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
import { registerOpenApiRoutes } from '../http/openapi';
import { inputOf, validate } from '../http/validate';
import { stripControls } from '../shared/control-chars';
import { NotFoundError } from '../shared/errors';
import { code, localDate, multilineText, text } from '../shared/schemas';
import { html } from './html';
import { monthPeriod, weekPeriod } from './periods';
import { renderDocx } from './render-docx';
import { documentPage } from './render-html';
import type { Publication } from './repository';
import type { PublishingService } from './service';
import { partAInput, settingsInput, type SettingsInput } from './settings';
import type { DocumentKind, PublishedDocument } from './types';
import { publicView } from './versions';

/** A period and an optional format, nothing else (no control characters, no line breaks: `$` ends the string). */
const FILE = /^(\d{4}-W?\d{2})(?:\.(docx|json|html))?$/;

/**
 * Splits "2023-05.docx" into the period and format. A malformed name (a bad period or suffix,
 * control characters, encoded line breaks) names no document: NotFound, never a server error.
 */
function splitFile(file: string, kind: DocumentKind): { period: string; format: 'html' | 'docx' | 'json' } {
  const m = FILE.exec(file);
  const period = m?.[1];
  if (!period || !(kind === 'programme' ? monthPeriod : weekPeriod).safeParse(period).success) throw new NotFoundError(kind === 'programme' ? 'Programme' : 'Schedule', sanitisedId(file));
  return { period, format: (m[2] as 'docx' | 'json' | 'html' | undefined) ?? 'html' };
}

/** A body code in a document address; a malformed one names no document (404, not 400). */
export function documentBody(raw: unknown): string {
  const parsed = code.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Body', sanitisedId(String(raw)));
  return parsed.data;
}

/** A document period in an address; a malformed one names no document (404, not 400). */
export function documentPeriod(kind: DocumentKind, raw: unknown): string {
  const parsed = (kind === 'programme' ? monthPeriod : weekPeriod).safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Period', sanitisedId(String(raw)));
  return parsed.data;
}

/** A value from an address as echoed in an error message: printable and short. */
function sanitisedId(value: string): string {
  const printable = stripControls(value, { multiline: false });
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}

function fileName(doc: PublishedDocument): string {
  const prefix = doc.type === 'programme' ? 'chuong-trinh-cong-tac' : 'lich-cong-tac-tuan';
  return `${prefix}-${doc.body.code}-${doc.period}${doc.publication ? `-v${doc.publication.version}` : '-du-thao'}`;
}

async function send(res: Response, doc: PublishedDocument, format: 'html' | 'docx' | 'json', toolbar: ReturnType<typeof html>): Promise<void> {
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
      const { period, format } = splitFile(String(req.params.file), kind);
      const [current, versions] = await Promise.all([publishing.current(kind, bodyCode, period), publishing.versions(kind, bodyCode, period)]);
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
      const format = (m[2] as 'docx' | 'json' | undefined) ?? 'html';
      // A published version never changes; its HTML page's toolbar lists later versions, so it is revalidated.
      res.setHeader('Cache-Control', format === 'html' ? 'no-cache' : 'public, max-age=86400, immutable');
      await send(res, published.snapshot, format, toolbar(published.snapshot, path, `${path}/versions/${m[1]}`, versions, false));
    });
  }
  // A document address whose segments do not even percent-decode (`/programmes/ubnd/%E0%A4%A`) names no document either.
  r.use(((err, req, _res, next) => next(err instanceof URIError && /^\/(programmes|schedules)\//i.test(req.path) ? new NotFoundError('Document', sanitisedId(req.path)) : err)) as ErrorRequestHandler);
  return r;
}

const versionNumber = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string({ error: 'must be a version number: 1, 2, ...' }).regex(/^[1-9]\d{0,5}$/, 'must be a version number: 1, 2, ...').transform(Number).optional(),
);
/** `?from=1&to=2` of the comparison pages (src/web/public-pages.ts). */
export const compareQuery = z.object({ from: versionNumber, to: versionNumber });
const publicationsQuery = z.strictObject({ kind: z.enum(['programme', 'schedule']).optional(), body: code.optional() });

const monthParams = z.strictObject({ body: code, month: monthPeriod });
const weekParams = z.strictObject({ body: code, week: weekPeriod });
export const publishInput = z.strictObject({
  documentNumber: text(40)
    .refine((v) => v === '' || /^[0-9A-Za-z][0-9A-Za-z./-]*$/.test(v), 'must be a document number such as 45 or 45a')
    .optional(),
  /** The date printed in "<place>, ngày ..."; default: the month's saved date on a first issue (or a newer one), else today. */
  issueDate: localDate.optional(),
  note: multilineText(1000).optional(),
});
type MonthParams = z.output<typeof monthParams>;
type WeekParams = z.output<typeof weekParams>;
type PublishBody = z.output<typeof publishInput>;

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
  r.put('/programmes/:body/:month/part-a', office, validate({ params: monthParams, body: partAInput }), async (_req, res) => {
    const { params, body } = inputOf<MonthParams, never, { markdown: string }>(res);
    res.json(await publishing.savePartA(params.body, params.month, body.markdown, actorOf(res)));
  });
  r.patch('/programmes/:body/:month/settings', office, validate({ params: monthParams, body: settingsInput }), async (_req, res) => {
    const { params, body } = inputOf<MonthParams, never, SettingsInput>(res);
    res.json(await publishing.saveSettings(params.body, params.month, body, actorOf(res)));
  });
  r.post('/programmes/:body/:month/publish', office, validate({ params: monthParams, body: publishInput }), async (_req, res) => {
    const { params, body } = inputOf<MonthParams, never, PublishBody>(res);
    const out = await publishing.publish('programme', params.body, params.month, body, actorOf(res));
    res.status(201).json({ publication: publicationView(out.publication), comparison: out.comparison });
  });
  r.get('/programmes/:body/:month/versions', validate({ params: monthParams }), async (_req, res) => {
    const { params } = inputOf<MonthParams>(res);
    res.json({ versions: (await publishing.versions('programme', params.body, params.month)).map(publicationView) });
  });
  r.get('/schedules/:body/:week/draft', office, validate({ params: weekParams }), async (_req, res) => {
    const { params } = inputOf<WeekParams>(res);
    res.json(await publishing.draftSchedule(params.body, params.week));
  });
  r.post('/schedules/:body/:week/publish', office, validate({ params: weekParams, body: publishInput }), async (_req, res) => {
    const { params, body } = inputOf<WeekParams, never, PublishBody>(res);
    const out = await publishing.publish('schedule', params.body, params.week, body, actorOf(res));
    res.status(201).json({ publication: publicationView(out.publication), comparison: out.comparison });
  });
  r.get('/schedules/:body/:week/versions', validate({ params: weekParams }), async (_req, res) => {
    const { params } = inputOf<WeekParams>(res);
    res.json({ versions: (await publishing.versions('schedule', params.body, params.week)).map(publicationView) });
  });
  r.get('/publications', validate({ query: publicationsQuery }), async (_req, res) => {
    const { query } = inputOf<never, { kind?: DocumentKind; body?: string }>(res);
    res.json({ publications: (await publishing.archive({ ...(query.kind ? { kind: query.kind } : {}), ...(query.body ? { bodyCode: query.body } : {}) })).map(publicationView) });
  });
  return r;
}

const DOC_FORMATS = 'append .docx (Word) or .json (document model) to the last segment; no suffix: printable A4 HTML. A malformed body, period or file name is 404';
const SUFFIX = '(\\.(docx|json|html))?';
const versionParam = { n: z.string().regex(new RegExp(`^\\d{1,6}${SUFFIX}$`)).meta({ description: 'version number, with an optional .docx, .json or .html suffix' }) };
const monthFile = { month: z.string().regex(new RegExp(`^\\d{4}-(0[1-9]|1[0-2])${SUFFIX}$`)).meta({ description: 'YYYY-MM (1971-01 to 2099-12), with an optional .docx, .json or .html suffix' }) };
const weekFile = { week: z.string().regex(new RegExp(`^\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])${SUFFIX}$`)).meta({ description: 'YYYY-Www (1971 to 2099), with an optional .docx, .json or .html suffix' }) };
const compareQueryDoc = [compareQuery, z.object({ format: z.enum(['json']).optional() })];
registerOpenApiRoutes([
  { method: 'get', path: '/programmes/{body}/{month}', summary: `Monthly work programme (YYYY-MM): the latest published version, else the draft; ${DOC_FORMATS}`, params: monthFile },
  { method: 'get', path: '/programmes/{body}/{month}/versions/{n}', summary: `One published version of a programme (immutable); ${DOC_FORMATS}`, params: versionParam },
  { method: 'get', path: '/programmes/{body}/{month}/compare', summary: 'What changed between two versions (HTML; format=json for JSON)', querySchema: compareQueryDoc, query: { from: 'version number', to: 'version number (default: the latest)', format: 'json' } },
  { method: 'get', path: '/schedules/{body}/{week}/compare', summary: 'What changed between two versions of a weekly schedule (HTML; format=json for JSON)', querySchema: compareQueryDoc, query: { from: 'version number', to: 'version number (default: the latest)', format: 'json' } },
  { method: 'get', path: '/programmes', summary: 'Archive of every published programme and weekly schedule (HTML)' },
  { method: 'get', path: '/schedules/{body}/{week}', summary: `Weekly schedule (ISO week YYYY-Www); ${DOC_FORMATS}`, params: weekFile },
  { method: 'get', path: '/schedules/{body}/{week}/versions/{n}', summary: `One published version of a weekly schedule; ${DOC_FORMATS}`, params: versionParam },
  { method: 'get', path: '/api/programmes/{body}/{month}/draft', summary: 'The current draft with the Office warnings', auth: 'office' },
  { method: 'get', path: '/api/programmes/{body}/{month}/settings', summary: 'Part A, signature block, distribution list, issue date and number line in force', auth: 'office' },
  { method: 'put', path: '/api/programmes/{body}/{month}/part-a', summary: 'Write part A (key tasks) in Markdown', auth: 'office', body: partAInput },
  { method: 'patch', path: '/api/programmes/{body}/{month}/settings', summary: 'Change the signature block, distribution list, issue date or number line', auth: 'office', body: settingsInput },
  { method: 'post', path: '/api/programmes/{body}/{month}/publish', summary: 'Publish the next version (the first needs documentNumber; issueDate defaults to the saved date of a first issue, else today); returns the comparison with the previous one', auth: 'office', body: publishInput },
  { method: 'get', path: '/api/programmes/{body}/{month}/versions', summary: 'Published versions of a programme' },
  { method: 'get', path: '/api/schedules/{body}/{week}/draft', summary: 'The current weekly schedule draft with warnings', auth: 'office' },
  { method: 'post', path: '/api/schedules/{body}/{week}/publish', summary: 'Publish the next version of a weekly schedule', auth: 'office', body: publishInput },
  { method: 'get', path: '/api/schedules/{body}/{week}/versions', summary: 'Published versions of a weekly schedule' },
  { method: 'get', path: '/api/publications', summary: 'Every published version (archive)', querySchema: publicationsQuery, query: { kind: 'programme or schedule', body: 'body code' } },
]);
