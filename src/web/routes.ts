/**
 * The web interface, mounted at the app root: public pages, the document routes (/programmes,
 * /schedules), sign-in, the Office's pages (/van-phong) and the agencies' (/co-quan). Server-rendered,
 * Vietnamese, no JavaScript. Its middleware (security headers, form parsing, sessions) runs only on
 * the paths it owns, so routers mounted after it are untouched.
 */
import express, {
  Router,
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
} from 'express';
import type { Response } from 'express';
import type { ApiKeyRepository } from '../access/api-keys';
import type { AgendaRepository } from '../agenda/repository';
import type { AgendaService } from '../agenda/service';
import type { AdjustmentRepository } from '../calendar/adjustments';
import type { DirectivesService } from '../directives/service';
import { RETRY_AFTER_SECONDS, toHttpError } from '../http/error-handler';
import type { MeetingsService } from '../meetings/service';
import type { OrganisationRepositories } from '../organisation/repository';
import type { OrganisationService } from '../organisation/service';
import type { ProgrammeImportService } from '../publishing/import-service';
import type { PublishingService } from '../publishing/service';
import type { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import { redactUrl, type Logger } from '../shared/logger';
import type { FailureThrottle } from '../shared/rate-limit';
import { html } from '../shared/html';
import { agencyDirectivesPage } from './agency/directives-page';
import { agencyItemsPage } from './agency/items-page';
import { authRoutes, loadSession, requireWebRole, userOf, verifyCsrf } from './auth';
import { boardPage } from './directives/board-page';
import { directivePage } from './directives/directive-page';
import { importPage, importUpload } from './directives/import-page';
import type { DirectivePagesDeps } from './directives/kit';
import { noticePage } from './directives/notice-page';
import { noticesPage } from './directives/notices-page';
import { reportPage } from './directives/report-page';
import { page, SITE_CSS } from './layout';
import { messageVi, problemVi } from './messages';
import { dashboardPage } from './office/dashboard-page';
import { monthPage } from './office/month-page';
import { occurrencePage } from './office/occurrence-page';
import { programmeImportPage, programmeImportUpload } from './office/programme-import-page';
import { programmePage } from './office/programme-page';
import { readinessPage } from './office/readiness-page';
import { seriesPages } from './office/series-pages';
import { weekPage } from './office/week-page';
import { publicPages } from './public-pages';
import type { WebSessionRepository } from './sessions';

// Express matches routes case-insensitively and with or without a trailing slash, so this must too:
// otherwise `/LICH/...` or `/dang-ky/` would render a page without the headers and the session.
const OWNED =
  /^\/(?:$|lich(?:\/|$)|dang-ky\/?$|dang-nhap\/?$|dang-xuat\/?$|van-phong(?:\/|$)|co-quan(?:\/|$)|chi-dao\/|programmes(?:\/|$)|schedules\/|assets\/)/i;
export const ownsPath = (path: string): boolean => OWNED.test(path);

const only =
  (mw: RequestHandler): RequestHandler =>
  (req, res, next) =>
    ownsPath(req.path) ? mw(req, res, next) : next();

const CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};

const privatePage: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'POST') return verifyCsrf(req, res, next);
  next();
};

const ERROR_TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Cần đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  409: 'Xung đột dữ liệu',
  503: 'Tạm thời gián đoạn',
};

/**
 * What the web interface uses of the services (src/services.ts gives all of it): the use cases and
 * repositories its pages call, sessions, the clock and the settings. Each page takes only the
 * members it names, picked here.
 */
export interface WebDeps {
  settings: { defaultTimeZone: string; publicBaseUrl: string; webSessionHours?: number };
  clock: Clock;
  logger: Logger;
  orgRepos: OrganisationRepositories;
  organisation: OrganisationService;
  meetings: MeetingsService;
  agenda: AgendaService;
  agendaRepo: AgendaRepository;
  adjustments: AdjustmentRepository;
  publishing: PublishingService;
  programmeImport: ProgrammeImportService;
  directives: DirectivesService;
  apiKeys: ApiKeyRepository;
  keyThrottle: FailureThrottle;
  webSessions: WebSessionRepository;
}

const zone = (s: WebDeps) => s.settings.defaultTimeZone;

/** The named members of the services: each page takes only what it uses. */
function pick<K extends keyof WebDeps>(s: WebDeps, ...keys: K[]): Pick<WebDeps, K> {
  return Object.fromEntries(keys.map((k) => [k, s[k]])) as Pick<WebDeps, K>;
}

const publicDeps = (s: WebDeps) => ({
  ...pick(s, 'orgRepos', 'clock', 'adjustments', 'meetings', 'agendaRepo', 'publishing'),
  defaultTimeZone: zone(s),
  publicBaseUrl: s.settings.publicBaseUrl,
});

const directiveDeps = (s: WebDeps): DirectivePagesDeps => ({
  ...pick(s, 'directives', 'orgRepos'),
  defaultTimeZone: zone(s),
});

/** The Office's pages (under /van-phong), in the order their paths must be tried. */
function officePages(s: WebDeps): Router[] {
  const publishing = pick(s, 'publishing', 'organisation');
  return [
    dashboardPage({ ...pick(s, 'orgRepos', 'clock'), defaultTimeZone: zone(s) }),
    monthPage(pick(s, 'organisation', 'meetings', 'agendaRepo', 'orgRepos')),
    seriesPages(pick(s, 'meetings', 'orgRepos')),
    occurrencePage(pick(s, 'meetings', 'agenda', 'orgRepos', 'clock')),
    programmePage(publishing),
    weekPage(publishing),
    readinessPage(pick(s, 'organisation', 'meetings', 'agendaRepo', 'publishing', 'orgRepos', 'clock')),
    programmeImportPage(pick(s, 'organisation', 'programmeImport')), // the programme from its text (issue 12)
    // Notices and directives (issue 9): the import before /van-phong/thong-bao/:id,
    // the report before /van-phong/chi-dao/:id.
    boardPage(directiveDeps(s)),
    noticesPage(directiveDeps(s)),
    importPage(directiveDeps(s)),
    noticePage(directiveDeps(s)),
    reportPage(directiveDeps(s)),
    directivePage(directiveDeps(s)),
  ];
}

/** The fixed sentence of an error page (never the domain's English message). */
const ERROR_MESSAGES: Record<number, string> = {
  403: 'Tài khoản này không được làm việc đó.',
  404: 'Không tìm thấy trang hoặc dữ liệu được yêu cầu.',
  500: 'Máy chủ gặp lỗi; xin thử lại sau.',
  503: 'Hệ thống tạm thời chưa kết nối được cơ sở dữ liệu; xin thử lại sau ít phút.',
};

/**
 * The web interface from the services: each page gets only the dependencies it names. `documents`
 * serves the published documents (/programmes, /schedules: the publishing component's routes, wired
 * by the app) behind the web's headers and sessions.
 */
export function webRoutes(s: WebDeps, opts: { documents: Router }): Router {
  const r = Router();
  const auth = {
    sessions: s.webSessions,
    apiKeys: s.apiKeys,
    clock: s.clock,
    sessionHours: s.settings.webSessionHours ?? 12,
    publicBaseUrl: s.settings.publicBaseUrl,
    throttle: s.keyThrottle,
  };

  r.use(only(securityHeaders));
  r.get('/assets/site.css', (_req, res) => {
    res.type('css').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(SITE_CSS);
  });
  r.use(only(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 500 })));
  r.use(only(loadSession(auth)));
  r.use(authRoutes(auth));
  r.use(publicPages(publicDeps(s)));
  r.use(opts.documents);

  r.use(importUpload); // the import page's file upload (multipart) is parsed before the CSRF check reads it
  r.use(programmeImportUpload); // the programme import's upload (multipart), likewise
  r.use('/van-phong', requireWebRole('office'), privatePage);
  for (const pages of officePages(s)) r.use(pages);
  r.use('/co-quan', requireWebRole('agency'), privatePage);
  r.use(agencyItemsPage({ ...pick(s, 'orgRepos', 'agenda', 'meetings', 'clock'), defaultTimeZone: zone(s) }));
  r.use(agencyDirectivesPage(directiveDeps(s))); // also /chi-dao/<id>, the link of emails and feeds

  // Unknown pages under the web's own paths get an HTML 404, not the API's JSON.
  r.use(only((req, _res, next) => next(new NotFoundError('Page', req.path))));

  const errorPage: ErrorRequestHandler = (err, req, res, next) => {
    if (!ownsPath(req.path) || /\.(json|docx)$/.test(req.path) || req.query.format === 'json' || res.headersSent) {
      next(err);
      return;
    }
    const { status, body } = toHttpError(err);
    if (status === 503) {
      s.logger.warn('database unavailable', { method: req.method, path: redactUrl(req.originalUrl) });
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) {
      const error = String((err as Error)?.stack ?? err);
      s.logger.error('page failed', { method: req.method, path: redactUrl(req.originalUrl), error });
    }
    const details = status < 500 ? (body.error.details ?? []).map((d) => `${d.field}: ${problemVi(d.problem)}`) : [];
    // Never the domain's English message: its Vietnamese translation, or nothing beyond the fixed text.
    const said = status < 500 && !details.length ? messageVi(err) : null;
    const message = ERROR_MESSAGES[status] ?? (status >= 500 ? ERROR_MESSAGES[500]! : 'Không thực hiện được yêu cầu.');
    res.status(status).send(
      page(
        { title: ERROR_TITLES[status] ?? 'Lỗi', user: userOf(res) },
        html`<h1>${ERROR_TITLES[status] ?? 'Lỗi'}</h1><div class="card">\
<p>${message}</p>${details.length ? html`<ul>${details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}\
${said ? html`<p class="muted">${said}</p>` : ''}<p><a href="/">Về trang chủ</a></p></div>`,
      ),
    );
  };
  r.use(errorPage);
  return r;
}
