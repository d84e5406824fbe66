/**
 * The web interface, mounted at the app root: public pages, the document routes (/programmes,
 * /schedules), sign-in, the Office's pages (/van-phong) and the agencies' (/co-quan). Server-rendered,
 * Vietnamese, no JavaScript. Its middleware (security headers, form parsing, sessions) runs only on
 * the paths it owns, so routers mounted after it are untouched.
 */
import express, { Router, type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { RETRY_AFTER_SECONDS, toHttpError } from '../http/error-handler';
import { documentRoutes } from '../publishing/routes';
import type { Services } from '../services';
import { NotFoundError } from '../shared/errors';
import { redactUrl } from '../shared/logger';
import { html } from '../publishing/html';
import { agencyPages } from './agency-pages';
import { directivePages, importUpload } from './directive-pages';
import { authRoutes, loadSession, requireWebRole, userOf, verifyCsrf } from './auth';
import { page, SITE_CSS } from './layout';
import { messageVi, problemVi } from './messages';
import { officeMeetingPages } from './office-meetings';
import { officeOccurrencePages } from './office-occurrence';
import { officeImportPages, programmeImportUpload } from './office-import';
import { officeProgrammePages } from './office-programme';
import { publicPages } from './public-pages';

// Express matches routes case-insensitively and with or without a trailing slash, so this must too:
// otherwise `/LICH/...` or `/dang-ky/` would render a page without the headers and the session.
const OWNED = /^\/(?:$|lich(?:\/|$)|dang-ky\/?$|dang-nhap\/?$|dang-xuat\/?$|van-phong(?:\/|$)|co-quan(?:\/|$)|chi-dao\/|programmes(?:\/|$)|schedules\/|assets\/)/i;
export const ownsPath = (path: string): boolean => OWNED.test(path);

const only = (mw: RequestHandler): RequestHandler => (req, res, next) => (ownsPath(req.path) ? mw(req, res, next) : next());

const CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

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

export function webRoutes(s: Services): Router {
  const r = Router();
  const auth = { sessions: s.webSessions, apiKeys: s.apiKeys, clock: s.clock, sessionHours: s.settings.webSessionHours ?? 12, publicBaseUrl: s.settings.publicBaseUrl, throttle: s.keyThrottle };

  r.use(only(securityHeaders));
  r.get('/assets/site.css', (_req, res) => {
    res.type('css').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(SITE_CSS);
  });
  r.use(only(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 500 })));
  r.use(only(loadSession(auth)));
  r.use(authRoutes(auth));
  r.use(publicPages(s));
  r.use(documentRoutes(s.publishing));

  r.use(importUpload); // the import page's file upload (multipart) is parsed before the CSRF check reads it
  r.use(programmeImportUpload); // the programme import's upload (multipart), likewise
  r.use('/van-phong', requireWebRole('office'), privatePage);
  r.use(officeMeetingPages(s));
  r.use(officeOccurrencePages(s));
  r.use(officeProgrammePages(s));
  r.use(officeImportPages(s)); // import the monthly programme from its text (issue 12)
  r.use('/co-quan', requireWebRole('agency'), privatePage);
  r.use(agencyPages(s));
  r.use(directivePages(s)); // notices and directives: /van-phong/chi-dao, /van-phong/thong-bao, /co-quan/chi-dao, /chi-dao/<id> (issue 9)

  // Unknown pages under the web's own paths get an HTML 404, not the API's JSON.
  r.use(only((req, _res, next) => next(new NotFoundError('Page', req.path))));

  const errorPage: ErrorRequestHandler = (err, req, res, next) => {
    if (!ownsPath(req.path) || /\.(json|docx)$/.test(req.path) || req.query.format === 'json' || res.headersSent) return next(err);
    const { status, body } = toHttpError(err);
    if (status === 503) {
      s.logger.warn('database unavailable', { method: req.method, path: redactUrl(req.originalUrl) });
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) s.logger.error('page failed', { method: req.method, path: redactUrl(req.originalUrl), error: String((err as Error)?.stack ?? err) });
    const details = status < 500 ? (body.error.details ?? []).map((d) => `${d.field}: ${problemVi(d.problem)}`) : [];
    // Never the domain's English message: its Vietnamese translation, or nothing beyond the fixed text.
    const said = status < 500 && !details.length ? messageVi(err) : null;
    const message =
      status === 503 ? 'Hệ thống tạm thời chưa kết nối được cơ sở dữ liệu; xin thử lại sau ít phút.' : status === 404 ? 'Không tìm thấy trang hoặc dữ liệu được yêu cầu.' : status === 403 ? 'Tài khoản này không được làm việc đó.' : status >= 500 ? 'Máy chủ gặp lỗi; xin thử lại sau.' : 'Không thực hiện được yêu cầu.';
    res.status(status).send(
      page(
        { title: ERROR_TITLES[status] ?? 'Lỗi', user: userOf(res) },
        html`<h1>${ERROR_TITLES[status] ?? 'Lỗi'}</h1><div class="card"><p>${message}</p>${details.length ? html`<ul>${details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}${said ? html`<p class="muted">${said}</p>` : ''}<p><a href="/">Về trang chủ</a></p></div>`,
      ),
    );
  };
  r.use(errorPage);
  return r;
}
