/**
 * Sign-in for the web pages: a form where the user pastes an API key (office or agency role), a
 * server-side session in an HttpOnly, SameSite=Lax cookie, and a CSRF token in every form.
 * Lax (not Strict) so that a link in a reminder e-mail opens the agency's page signed in; every
 * POST still needs the session's CSRF token, and GET pages change nothing.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ApiKeyRepository, Role } from '../access/api-keys';
import { clientAddress } from '../http/auth';
import type { Clock } from '../shared/clock';
import type { FailureThrottle } from '../shared/rate-limit';
import { ForbiddenError } from '../shared/errors';
import { html } from '../shared/html';
import { emptyForm, form, input, one, textOf, type FormState, type FormValues } from './forms';
import { page, type PageUser } from './layout';
import { SESSION_COOKIE, type WebSessionRepository } from './sessions';

const LOGIN_CSRF_COOKIE = 'lh_login_csrf';

export interface WebAuthDeps {
  sessions: WebSessionRepository;
  apiKeys: ApiKeyRepository;
  clock: Clock;
  sessionHours: number;
  publicBaseUrl: string;
  /** Invalid keys per client address (shared with the API): 429 once over the limit. */
  throttle?: FailureThrottle;
}

export function cookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      /* a malformed cookie is ignored */
    }
  }
  return out;
}

/** Secure cookies over https: a TLS request, or the public https host behind a proxy. */
function secure(req: Request, publicBaseUrl: string): boolean {
  if (req.secure) return true;
  try {
    const u = new URL(publicBaseUrl);
    return u.protocol === 'https:' && req.hostname === u.hostname;
  } catch {
    return false;
  }
}

function setCookie(
  res: Response,
  req: Request,
  publicBaseUrl: string,
  name: string,
  value: string,
  maxAgeSeconds: number,
  sameSite: 'Strict' | 'Lax' = 'Strict',
): void {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    `SameSite=${sameSite}`,
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure(req, publicBaseUrl)) parts.push('Secure');
  res.append('Set-Cookie', parts.join('; '));
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export const userOf = (res: Response): PageUser | null => (res.locals.webUser as PageUser | undefined) ?? null;

/** Loads the session of the cookie (if live and its key not revoked) into `res.locals`. */
export function loadSession(deps: WebAuthDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const id = cookies(req)[SESSION_COOKIE];
      if (id) {
        const session = await deps.sessions.find(id, deps.clock.now());
        const key = session ? await deps.apiKeys.get(session.principal.keyId) : null;
        if (session && key && !key.revokedAt) {
          res.locals.webUser = { principal: session.principal, csrf: session.csrf } satisfies PageUser;
          res.locals.principal = session.principal; // so actorOf() names the signed-in key in histories
        } else if (session) await deps.sessions.remove(id);
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Pages of one role: without a session, to the sign-in form; with another role, 403. */
export function requireWebRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const user = userOf(res);
    if (!user) res.redirect(303, `/dang-nhap?next=${encodeURIComponent(req.originalUrl)}`);
    else if (!roles.includes(user.principal.role)) next(new ForbiddenError('Trang này dành cho tài khoản khác.'));
    else next();
  };
}

/** Form posts must carry the session's CSRF token. */
export const verifyCsrf: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
  const user = userOf(res);
  const token = (req.body as FormValues | undefined)?._csrf;
  if (!user || typeof token !== 'string' || !sameToken(token, user.csrf)) {
    next(new ForbiddenError('Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; hãy tải lại trang.'));
  } else next();
};

/** A wait in Vietnamese: "45 giây", "10 phút". */
function waitVi(seconds: number): string {
  return seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

function safeNext(value: string): string {
  return /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '';
}

function loginPage(csrf: string, state: FormState, next: string): string {
  const key = input({ name: 'key', label: 'Khóa truy cập', type: 'password', state, hint: 'Bắt đầu bằng lh_…' });
  const fields = html`${key}<input type="hidden" name="next" value="${next}"><div><button type="submit">Đăng nhập</button></div>`;
  return page(
    { title: 'Đăng nhập' },
    html`<h1>Đăng nhập</h1>
<div class="card"><p>Dán khóa truy cập (API key) do Văn phòng cấp cho tài khoản văn phòng hoặc cơ quan. \
Khóa chỉ được gửi một lần; máy chủ giữ phiên đăng nhập trong cookie bảo mật.</p>
${form('/dang-nhap', csrf, fields, { id: 'login-form', state })}</div>`,
  );
}

/** GET/POST /dang-nhap and POST /dang-xuat. */
export function authRoutes(deps: WebAuthDeps): Router {
  const r = Router();
  r.get('/dang-nhap', (req, res) => {
    const csrf = randomBytes(24).toString('base64url');
    setCookie(res, req, deps.publicBaseUrl, LOGIN_CSRF_COOKIE, csrf, 3600);
    res.send(loginPage(csrf, emptyForm(), safeNext(textOf(req.query.next))));
  });
  r.post('/dang-nhap', async (req, res) => {
    const body = (req.body ?? {}) as FormValues;
    const next = safeNext(one(body, 'next'));
    const expected = cookies(req)[LOGIN_CSRF_COOKIE] ?? '';
    const fail = (status: number, problem: string, field = 'key') => {
      const csrf = randomBytes(24).toString('base64url');
      setCookie(res, req, deps.publicBaseUrl, LOGIN_CSRF_COOKIE, csrf, 3600);
      const state: FormState = {
        values: {},
        errors: field ? { [field]: problem } : {},
        general: field ? null : problem,
      };
      res.status(status).send(loginPage(csrf, state, next));
    };
    if (!sameToken(one(body, '_csrf'), expected)) {
      fail(403, 'Biểu mẫu đã hết hạn; hãy đăng nhập lại.', '');
      return;
    }
    const secret = one(body, 'key')
      .trim()
      .replace(/^Bearer\s+/i, '');
    if (!secret) {
      fail(400, 'không được để trống');
      return;
    }
    const principal = await deps.apiKeys.authenticate(secret, deps.clock.now());
    if (!principal) {
      const retryAfter = deps.throttle?.fail(clientAddress(req)) ?? 0;
      if (retryAfter > 0) {
        res.setHeader('Retry-After', String(retryAfter));
        fail(429, `Đã nhập sai khóa quá nhiều lần từ địa chỉ này; hãy thử lại sau ${waitVi(retryAfter)}.`, '');
        return;
      }
      fail(401, 'Khóa không đúng hoặc đã bị thu hồi.');
      return;
    }
    if (principal.role !== 'office' && principal.role !== 'agency') {
      fail(403, 'Khóa này chỉ có quyền đọc; trang quản lý cần khóa của Văn phòng hoặc của cơ quan.');
      return;
    }
    await deps.sessions.deleteExpired(deps.clock.now()); // housekeeping: there is no TTL index on FerretDB
    const session = await deps.sessions.create(principal, deps.clock.now(), deps.sessionHours);
    setCookie(res, req, deps.publicBaseUrl, SESSION_COOKIE, session.id, Math.round(deps.sessionHours * 3600), 'Lax');
    setCookie(res, req, deps.publicBaseUrl, LOGIN_CSRF_COOKIE, '', 0);
    res.redirect(303, next || (principal.role === 'office' ? '/van-phong' : '/co-quan'));
  });
  // A live session must prove the form is its own (no forced sign-out from another site); without
  // one (expired, revoked, never signed in) there is nothing to protect: clear the cookie and go home.
  const csrfIfSignedIn: RequestHandler = (req, res, next) => (userOf(res) ? verifyCsrf(req, res, next) : next());
  r.post('/dang-xuat', csrfIfSignedIn, async (req, res) => {
    const id = cookies(req)[SESSION_COOKIE];
    if (id) await deps.sessions.remove(id);
    setCookie(res, req, deps.publicBaseUrl, SESSION_COOKIE, '', 0, 'Lax');
    res.redirect(303, '/');
  });
  return r;
}
