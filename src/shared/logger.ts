/**
 * A small structured logger: one JSON line per event on stdout/stderr. Secrets never reach it:
 * callers pass already-redacted values (see `redactUrl`), and `path`/`url` fields are redacted
 * once more on the way out.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel = 'info'): Logger {
  const write = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...redactFields(fields) });
    (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** URL fields are redacted again here, whoever logs them (redactUrl is idempotent). */
function redactFields(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return fields;
  let out = fields;
  for (const name of ['path', 'url']) {
    const value = fields[name];
    if (typeof value === 'string') out = { ...out, [name]: redactUrl(value) };
  }
  return out;
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger('silent');

/** Query parameters whose values are never secret (feed options, windows, filters, paging); every other value is redacted. */
export const HARMLESS_QUERY_PARAMS: ReadonlySet<string> = new Set([
  'from',
  'to',
  'body',
  'kind',
  'expand',
  'cancelled',
  'alarm',
  'format',
  'year',
  'state',
  'agency',
  'subject',
  'occurrence',
  'limit',
  'offset',
  'page',
  'ok',
]);

const REDACTED = '[redacted]';

/** Percent-decodes what decodes; a malformed escape stays as written (never throws). */
function percentDecode(s: string): string {
  return s.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * A path as a router could end up matching it, whatever its spelling: percent-decoded (repeatedly,
 * so double encoding does not hide a route), backslashes as slashes, lower case (express matches
 * case-insensitively), runs of slashes collapsed, `.` and `..` segments resolved, no trailing slash.
 * @example routedPath('//FEEDS/%61bc.ics') === '/feeds/abc.ics'
 */
export function routedPath(path: string): string {
  let p = path;
  for (let i = 0; i < 3; i++) {
    const next = percentDecode(p);
    if (next === p) break;
    p = next;
  }
  const segments: string[] = [];
  for (const seg of p.replace(/\\/g, '/').toLowerCase().split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return `/${segments.join('/')}`;
}

/** A public feed's file name, the only thing under /feeds/ that is not a secret. */
const PUBLIC_FEED = /^public\/[a-z0-9][a-z0-9-]{0,62}\.ics$/;

/** The path to log: the routed path with the secret of a secret route replaced, else the path as sent. */
function redactPath(path: string): string {
  // An absolute-form request target (`GET http://host/feeds/<t>.ics`) is routed by its path.
  const routed = routedPath(path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''));
  // Private feeds (/feeds/<token>.ics): everything under /feeds/ but a well-formed public feed.
  if (routed.startsWith('/feeds/') && !PUBLIC_FEED.test(routed.slice('/feeds/'.length))) return `/feeds/${REDACTED}`;
  // Opt-out links of emails (/email/huy-dang-ky/<token>).
  if (routed.startsWith('/email/huy-dang-ky/')) return `/email/huy-dang-ky/${REDACTED}`;
  return path;
}

/** A query string with every value redacted except those of HARMLESS_QUERY_PARAMS. */
function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      if (pair === '') return pair;
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      const name = percentDecode(rawName.replace(/\+/g, ' ')).trim().toLowerCase();
      // A short plain name is kept so the log says which parameter was sent; anything else may itself be a secret.
      const shownName = /^[a-z0-9_.[\]-]{1,32}$/i.test(rawName) ? rawName : REDACTED;
      if (eq < 0) return HARMLESS_QUERY_PARAMS.has(name) ? pair : shownName;
      return HARMLESS_QUERY_PARAMS.has(name) ? pair : `${shownName}=${REDACTED}`;
    })
    .join('&');
}

/**
 * Removes secrets from a request URL (path and query) before it is logged. Redaction goes by
 * route, not by spelling: the path is normalised the way a router could match it (see
 * `routedPath`) before deciding, so `//feeds/<t>.ics`, `/FEEDS/<t>.ics` or `/feeds/%3Ct%3E.ics`
 * are redacted like `/feeds/<t>.ics`. Secret routes: private feeds (`/feeds/<token>.ics`) and
 * opt-out links (`/email/huy-dang-ky/<token>`). In the query every value is redacted except
 * those of known harmless parameters (feed options, windows, filters), so `?token=`, `?secret=`,
 * `?access_token=`, `?key=`, `?sig=`... never reach the log whatever they are called.
 * @example redactUrl('/FEEDS/abc.ics?expand=1&secret=x') === '/feeds/[redacted]?expand=1&secret=[redacted]'
 */
export function redactUrl(url: string): string {
  const hash = url.indexOf('#');
  const withoutFragment = hash < 0 ? url : url.slice(0, hash);
  const q = withoutFragment.indexOf('?');
  const path = q < 0 ? withoutFragment : withoutFragment.slice(0, q);
  const query = q < 0 ? null : withoutFragment.slice(q + 1);
  return redactPath(path) + (query === null ? '' : `?${redactQuery(query)}`);
}
